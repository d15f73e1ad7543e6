"""The permission matrix: every URL — page and API route — for every role a person can have.

Each `Case` names the roles that may use the URL (a tier from the role model below) and who can see the object it is
about; the matrix derives every role's status from that:

- anonymous: pages send to the login, the API answers 401 (unless the case says otherwise);
- a role in `allowed` gets `ok` (and, after a POST, no error message: the change was made);
- a role that may not, but sees the object, gets 403; one that does not even see it gets 404 (guessing an id tells
  nothing);
- `expect` overrides single roles where the role model calls for it (each override says why).

A URL without an expectation here fails `test_every_url_has_an_expectation`: new pages cannot ship untested. Keys
`"name#variant"` test the same URL again on another object (a file of another project, a pack in another format).
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from django.contrib import messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from pmo.portfolio.models import ScenarioStatus
from pmo.projects.lifecycle import Lifecycle
from pmo.projects.models import ProgrammeRole, ProjectRole
from pmo.strategy.models import Contribution

LOGIN = "/accounts/login/"
TO_LOGIN = "302 to login"

# -- the role model (see tests/conftest.py `org`) --
#: every role, in the order the matrix tests them; each is an attribute of the `org` fixture but "anonymous"
ROLES = (
    "anonymous",
    "outsider",
    "member",
    "pm",
    "pmo_officer",
    "coe",
    "executive",
    "portfolio_manager",
    "admin",
)
SIGNED_IN = frozenset(ROLES[1:])
#: the organisation roles that oversee the whole portfolio (`pmo.core.roles.sees_everything`), and administrators
STAFF = frozenset({"pmo_officer", "coe", "executive", "portfolio_manager", "admin"})
#: who sees P-1, its programme and portfolio: its team, and the staff; the outsider gets a 404
READERS = STAFF | {"member", "pm"}
#: who may change P-1 (`projects.rules.can_edit_project`): its manager, the PMO officer of its programme, the
#: portfolio managers and administrators. Executives and the CoE lead read; a team member works on it.
EDITORS = frozenset({"pm", "pmo_officer", "portfolio_manager", "admin"})
#: the team works in the project: RAID items, documents (`raid.log_item`, `projects.manage_documents`)
TEAM = EDITORS | {"member"}
PORTFOLIO_OFFICE = frozenset({"portfolio_manager", "admin"})
PROGRAMME_OFFICE = PORTFOLIO_OFFICE | {"pmo_officer"}  # PRG-A's PMO officer (`projects.change_programme`)
PROJECT_STARTERS = PORTFOLIO_OFFICE | {"pmo_officer"}  # `projects.add_project`
COE = frozenset({"coe", "admin"})
CAPACITY = PORTFOLIO_OFFICE | {"pmo_officer"}  # `resources.manage_capacity`
REVIEWERS = PORTFOLIO_OFFICE | {"pmo_officer"}  # `progress.review_report`
TRAINING_VIEWERS = COE | {"portfolio_manager", "pmo_officer"}  # `coe.view_training`
RAID_LOGGERS = TEAM | COE  # `raid.log_item`: the CoE's findings and gate conditions become actions
SCALE_KEEPERS = COE | {"portfolio_manager"}  # `raid.change_scale`: the scale is part of the method
GATEKEEPERS = PORTFOLIO_OFFICE | {"coe"}  # `coe.decide_gate` (and the project's sponsor: none here)
LESSON_KEEPERS = COE | {"pmo_officer"}  # `coe.manage_lessons`
#: `coe.assess_maturity`: the CoE's self-assessment, with the portfolio office
MATURITY = PORTFOLIO_OFFICE | {"coe"}
#: a report pack is its requester's alone (here the team member asked for it), and the administrators'
PACK_OWNER = frozenset({"member", "admin"})
NOBODY: frozenset[str] = frozenset()


def _none(org) -> dict:
    return {}


@dataclass(frozen=True)
class Case:
    allowed: frozenset[str]  # the roles that may use the URL
    kwargs: Callable = _none
    method: str = "get"
    data: Callable = _none
    ok: int | str = 200  # what an allowed role gets
    sees: frozenset[str] = SIGNED_IN  # who sees the object: refused with 403, anyone else with 404
    api: bool = False
    anonymous: int | None = None  # None: pages send anonymous users to the login, the API answers 401
    extra: dict = field(default_factory=dict)
    expect: dict = field(default_factory=dict)  # role -> status, where a role departs from the tiers

    def expected(self, role: str) -> int | str:
        if role in self.expect:
            return self.expect[role]
        if role == "anonymous":
            if self.anonymous is not None:
                return self.anonymous
            return 401 if self.api else TO_LOGIN
        if role in self.allowed:
            return self.ok
        return 403 if role in self.sees else 404


project = lambda o: {"pk": o.project.pk}  # noqa: E731
programme = lambda o: {"pk": o.programme.pk}  # noqa: E731
portfolio = lambda o: {"pk": o.portfolio.pk}  # noqa: E731
objective = lambda o: {"pk": o.objective.pk}  # noqa: E731


def _link(org):
    from pmo.strategy import services

    return org.project.objective_links.first() or services.link_project(
        org.project, org.objective, acting_user=org.admin, contribution=Contribution.MEDIUM
    )


def _benefit(org):
    from pmo.strategy import services
    from pmo.strategy.models import Benefit

    return Benefit.objects.filter(portfolio=org.portfolio).first() or services.create_benefit(
        acting_user=org.admin, portfolio=org.portfolio, code="B1", title="Minder telefoontjes", target=10
    )


def _measurement(org):
    from pmo.strategy import services

    benefit = _benefit(org)
    return benefit.values.first() or services.record_measurement(
        benefit, period=dt.date(2026, 1, 1), value=3, acting_user=org.admin
    )


def _benefit_change(org):
    from pmo.strategy import services
    from pmo.strategy.models import Change

    return Change.objects.filter(portfolio=org.portfolio).first() or services.create_change(
        acting_user=org.admin, portfolio=org.portfolio, code="W1", title="Inwoners kiezen online"
    )


def _map_link(org):
    from pmo.strategy import services
    from pmo.strategy.models import BenefitLink

    return BenefitLink.objects.filter(source_project=org.project).first() or services.link_benefit_map(
        org.project, _benefit(org), acting_user=org.admin
    )


def _method_version(org, published: bool = True):
    """A method with one phase asking for one deliverable; published (or left a draft)."""
    from pmo.coe import services
    from pmo.coe.models import MethodVersion

    found = MethodVersion.objects.filter(status="published" if published else "draft").first()
    if found:
        return found
    method = services.create_method(acting_user=org.admin, name=f"Methode {'p' if published else 'd'}")
    version = method.versions.get()
    phase = services.add_phase(version, acting_user=org.admin, name="Start", gate="Go")
    services.add_deliverable_type(phase, acting_user=org.admin, name="Plan")
    if published:
        version = services.publish_version(version, acting_user=org.admin)
    return version


def _newer_method_version(org):
    """A second published version of the method the project follows, to migrate to."""
    from pmo.coe import services

    followed = _followed(org)
    newer = followed.method_version.method.versions.filter(number__gt=followed.method_version.number).first()
    if newer is None:
        newer = services.new_version(followed.method_version.method, acting_user=org.admin)
        newer = services.publish_version(newer, acting_user=org.admin)
    return newer


def _followed(org):
    from pmo.coe import services
    from pmo.coe.models import ProjectMethod

    found = ProjectMethod.objects.filter(project=org.project).first()
    return found or services.follow_method(
        org.project, _method_version(org), size="medium", acting_user=org.admin
    )


def _waiver(org):
    from pmo.coe import services
    from pmo.coe.models import Waiver

    method = _followed(org)
    return Waiver.objects.filter(project=org.project).first() or services.grant_waiver(
        org.project, method.phase.deliverables.get(), acting_user=org.admin, reason="Nvt"
    )


def _schedule(org):
    from pmo.schedule import services
    from pmo.schedule.models import Schedule

    return Schedule.objects.filter(project=org.project).first() or services.create_schedule(
        org.project, acting_user=org.admin, start=dt.date(2026, 4, 1)
    )


def _tasks(org, count: int = 2):
    """Linked tasks A → B (→ C, …) in the project's schedule."""
    from pmo.schedule import services

    schedule = _schedule(org)
    tasks = list(schedule.tasks.order_by("pk"))
    while len(tasks) < count:
        tasks.append(
            services.create_task(schedule, acting_user=org.admin, name="ABCDE"[len(tasks)], duration=2)
        )
        if len(tasks) == 2:
            services.add_link(tasks[0], tasks[1], acting_user=org.admin)
    return tasks


def _mspdi_upload(org):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from pmo.interop.mspdi import MspdiSchedule, Task, write_mspdi

    plan = MspdiSchedule(
        name="Plan", start=dt.datetime(2026, 4, 1, 8), tasks=(Task(uid=1, id=1, name="Taak"),)
    )
    return SimpleUploadedFile("plan.xml", write_mspdi(plan), content_type="application/xml")


def _driver(org):
    from pmo.schedule import services

    return services.create_risk_driver(
        _schedule(org), acting_user=org.admin, tasks=_tasks(org)[:1], name="R", probability=20
    )


def _scenario(org, status: str | None = None, frozen: bool = False):
    """The portfolio's scenario; with `status`, as if the optimiser had run (an empty result)."""
    from pmo.portfolio import services
    from pmo.portfolio.models import Scenario

    scenario = org.portfolio.scenarios.first() or services.create_scenario(
        acting_user=org.admin, portfolio=org.portfolio, name="Basis", first_month=dt.date(2027, 1, 1)
    )
    if status:
        result = {"months": ["2027-01-01"], "projects": []}
        Scenario.objects.filter(pk=scenario.pk).update(status=status, frozen=frozen, result=result)
    return scenario


def _risk_run(org):
    from pmo.schedule import services

    _tasks(org)
    return services.request_risk_analysis(_schedule(org), acting_user=org.admin, iterations=500)


def _day_off(org):
    from pmo.schedule import services

    schedule = _schedule(org)
    return schedule.non_working_days.first() or services.add_non_working_day(
        schedule, acting_user=org.admin, date=dt.date(2026, 6, 5), name="Sluitingsdag"
    )


def _scale_level(org):
    from pmo.raid.models import ScaleLevel

    return ScaleLevel.objects.filter(kind="probability", level=1).first() or ScaleLevel.objects.create(
        kind="probability", level=1, label_en="Very unlikely", label_nl="Zeer onwaarschijnlijk", probability=5
    )


def _change(org):
    from pmo.raid import services
    from pmo.raid.models import ChangeRequest

    return ChangeRequest.objects.filter(project=org.project).first() or services.log_item(
        ChangeRequest, acting_user=org.admin, project=org.project, title="Extra koppeling"
    )


def _raid(org, kind: str = "risk"):
    from pmo.raid import services
    from pmo.raid.models import Action, Issue, Risk

    model = {"risk": Risk, "issue": Issue, "action": Action}[kind]
    fields = {"probability": 3, "impact": 4} if kind == "risk" else {}
    return model.objects.filter(project=org.project).first() or services.log_item(
        model, acting_user=org.admin, project=org.project, title=f"Test {kind}", **fields
    )


def _status_report(org, submitted: bool = False):
    from pmo.progress import services
    from pmo.progress.models import ReportStatus

    report = org.project.status_reports.first() or services.create_report(
        org.project, acting_user=org.pm, period=dt.date.today() - dt.timedelta(days=35)
    )
    if submitted and report.status != ReportStatus.SUBMITTED:
        report = services.submit(report, acting_user=org.pm)
    return report


def _pack(org):
    from pmo.reports.models import PackStatus, ReportPack

    pack = ReportPack.objects.filter(requested_by=org.member).first() or ReportPack.objects.create(
        scope="portfolio", format="xlsx", language="en", requested_by=org.member
    )
    ReportPack.objects.filter(pk=pack.pk).update(status=PackStatus.DONE, content=b"PK\x03\x04", size=4)
    return pack


def _person(org):
    """A developer (the team member's own entry) with a week of leave."""
    from pmo.resources import services
    from pmo.resources.models import Person, ResourceRole

    person = Person.objects.filter(user=org.member).first()
    if person is None:
        role = ResourceRole.objects.first() or services.create_role(acting_user=org.admin, name="Developer")
        person = services.create_person(acting_user=org.admin, name="Daan", role=role, user=org.member)
        services.add_leave(person, acting_user=org.admin, start=dt.date(2026, 7, 6), end=dt.date(2026, 7, 10))
    return person


def _demand(org):
    from pmo.resources import services

    person = _person(org)
    return (
        org.project.resource_demand.first()
        or services.set_demand(
            org.project,
            acting_user=org.admin,
            role=person.role,
            first=dt.date(2026, 3, 1),
            last=dt.date(2026, 3, 1),
            amount=1,
        )[0]
    )


def _leave(org):
    return {"pk": _person(org).leave.first().pk}


def _resource(org):
    """A developer on the plan, assigned to its first task."""
    from pmo.schedule import services

    schedule = _schedule(org)
    resource = schedule.resources.first()
    if resource is None:
        resource = services.add_resource(schedule, acting_user=org.admin, name="Developer")
        services.assign(_tasks(org)[0], resource, acting_user=org.admin)
    return resource


def _assignment(org):
    return {"pk": org.project.pk, "assignment_pk": _resource(org).assignments.first().pk}


def scheduled(org) -> dict:
    _schedule(org)
    return {"pk": org.project.pk}


def with_tasks(org) -> dict:
    _tasks(org)
    return {"pk": org.project.pk}


def _reviews_questionnaire(org):
    """A questionnaire with two questions (reviews and audits)."""
    from pmo.coe import services_reviews as services
    from pmo.coe.models import Questionnaire

    found = Questionnaire.objects.filter(name="Gezondheid").first()
    if found:
        return found
    questionnaire = services.create_questionnaire(acting_user=org.admin, name="Gezondheid")
    services.add_question(
        questionnaire, acting_user=org.admin, text="Planning op orde?", area="planning", weight=2
    )
    services.add_question(
        questionnaire, acting_user=org.admin, text="Budget op orde?", area="budget", weight=1
    )
    return questionnaire


def _reviews_check(org):
    from pmo.coe import services_reviews as services
    from pmo.coe.models import HealthCheck

    questionnaire = _reviews_questionnaire(org)
    return HealthCheck.objects.filter(project=org.project).first() or services.record_health_check(
        org.project,
        questionnaire,
        acting_user=org.admin,
        answers={q.pk: 4 for q in questionnaire.questions.all()},
        date=dt.date(2026, 1, 15),
    )


def _reviews_audit(org):
    from pmo.coe import services_reviews as services
    from pmo.coe.models import Audit

    return Audit.objects.filter(project=org.project).first() or services.create_audit(
        acting_user=org.admin,
        project=org.project,
        title="Projectbeheersing",
        planned_on=dt.date(2026, 3, 1),
        lead_auditor=org.coe,
    )


def _documents_doc(org):
    """documents and templates: a file in the project's register."""
    from pmo.projects import documents
    from pmo.projects.models import Document

    return Document.objects.filter(project=org.project).first() or documents.add_document(
        org.project,
        acting_user=org.admin,
        title="Projectplan",
        revision="1.0",
        file=documents.check_upload("plan.md", b"# Projectplan\n"),
    )


def _documents_template(org):
    """documents and templates: a template with one version in the library."""
    from pmo.coe import services_templates
    from pmo.coe.models import DocumentTemplate
    from pmo.projects.documents import check_upload

    return DocumentTemplate.objects.first() or services_templates.create_template(
        acting_user=org.admin, name="Projectplan", file=check_upload("plan.md", b"# Projectplan\n")
    )


def _knowledge_course(org):
    """A course the project team members must have, with a requirement and the member's completion."""
    from pmo.coe import services_knowledge as services
    from pmo.coe.models import Course

    found = Course.objects.filter(code="KB-1").first()
    if found:
        return found
    course = services.create_course(acting_user=org.admin, code="KB-1", title="Projectmatig werken", hours=8)
    services.add_requirement(course, "project:team_member", acting_user=org.admin)
    services.record_completion(course, org.member, acting_user=org.admin, completed_on=dt.date(2025, 3, 1))
    return course


def _knowledge_article(org):
    from pmo.coe import services_knowledge as services
    from pmo.coe.models import Article

    return Article.objects.filter(slug="kb-artikel").first() or services.create_article(
        acting_user=org.admin, title="Artikel", slug="kb-artikel", body="# Kop", status="published"
    )


def _knowledge_term(org):
    from pmo.coe import services_knowledge as services
    from pmo.coe.models import GlossaryTerm

    return GlossaryTerm.objects.first() or services.create_term(
        acting_user=org.admin, term="Baat", english="Benefit", definition="Een *meetbare* verbetering."
    )


def _knowledge_assessment(org):
    from pmo.coe import services_knowledge as services
    from pmo.coe.models import MaturityAssessment, Perspective

    return MaturityAssessment.objects.first() or services.create_assessment(
        acting_user=org.admin,
        assessed_on=dt.date(2025, 6, 1),
        scope="Organisatie",
        scores=[{"perspective": p, "level": 2, "target_level": 3} for p in Perspective.values],
    )


def _knowledge_action(org):
    from pmo.coe import services_knowledge as services
    from pmo.coe.models import ImprovementAction

    return ImprovementAction.objects.first() or services.create_action(
        acting_user=org.admin, perspective="risk", description="Risicoworkshop per project", target_level=3
    )


def _lesson(org):
    from pmo.coe.models import Lesson
    from pmo.coe.services_lessons import record_lesson

    return Lesson.objects.first() or record_lesson(
        acting_user=org.coe,
        title="Aanbesteding liep uit",
        what_happened="De aanbesteding duurde vijf maanden langer.",
        recommendation="Betrek inkoop vroeg.",
        category="procurement",
        tags="inkoop",
    )


CASES: dict[str, Case] = {
    # the shell
    # the portfolio manager lands on the portfolio dashboard, the executive on the portfolio report (DESIGN.md)
    "home": Case(SIGNED_IN, expect={"executive": 302, "portfolio_manager": 302}),
    "search": Case(SIGNED_IN, extra={"q": "loket"}),
    "logout": Case(SIGNED_IN, method="post", ok=TO_LOGIN),
    # portfolio
    "projects:method": Case(SIGNED_IN),
    "projects:portfolio_detail": Case(READERS, portfolio, sees=READERS),
    "projects:portfolio_report": Case(READERS, portfolio, sees=READERS),
    "projects:portfolio_history": Case(READERS, portfolio, sees=READERS),
    "projects:portfolio_edit": Case(PORTFOLIO_OFFICE, portfolio, sees=READERS),
    "projects:programme_list": Case(SIGNED_IN),
    "projects:programme_create": Case(PORTFOLIO_OFFICE),
    "projects:programme_detail": Case(READERS, programme, sees=READERS),
    "projects:programme_edit": Case(PROGRAMME_OFFICE, programme, sees=READERS),
    "projects:programme_history": Case(READERS, programme, sees=READERS),
    "projects:programme_member_add": Case(
        PORTFOLIO_OFFICE,
        programme,
        method="post",
        data=lambda o: {"user": o.outsider.pk, "role": ProgrammeRole.PMO_OFFICER},
        ok=302,
        sees=READERS,
    ),
    "projects:programme_member_remove": Case(
        PORTFOLIO_OFFICE,
        lambda o: {"pk": o.programme.pk, "member_pk": o.programme.memberships.first().pk},
        method="post",
        ok=302,
        sees=READERS,
    ),
    # projects
    "projects:project_list": Case(SIGNED_IN),
    "projects:project_create": Case(PROJECT_STARTERS),
    "projects:project_detail": Case(READERS, project, sees=READERS),
    "projects:project_edit": Case(EDITORS, project, sees=READERS),
    "projects:project_team": Case(READERS, project, sees=READERS),
    "projects:project_history": Case(READERS, project, sees=READERS),
    "projects:project_transition": Case(
        EDITORS,
        project,
        method="post",
        data=lambda o: {"to": Lifecycle.ON_HOLD, "version": o.project.version},
        ok=302,
        sees=READERS,
    ),
    "projects:project_member_add": Case(
        EDITORS,
        project,
        method="post",
        data=lambda o: {"user": o.outsider.pk, "role": ProjectRole.TEAM_MEMBER},
        ok=302,
        sees=READERS,
    ),
    "projects:project_member_remove": Case(
        EDITORS,
        lambda o: {"pk": o.project.pk, "member_pk": o.project.memberships.get(user=o.member).pk},
        method="post",
        ok=302,
        sees=READERS,
    ),
    # strategy
    "strategy:objective_list": Case(SIGNED_IN),
    "strategy:objective_create": Case(PORTFOLIO_OFFICE),
    "strategy:objective_detail": Case(READERS, objective, sees=READERS),
    "strategy:objective_edit": Case(PORTFOLIO_OFFICE, objective, sees=READERS),
    "strategy:objective_history": Case(READERS, objective, sees=READERS),
    "strategy:project_objectives": Case(READERS, project, sees=READERS),
    "strategy:priorities": Case(SIGNED_IN),
    "portfolio:roadmap": Case(SIGNED_IN),
    "portfolio:scenario_list": Case(SIGNED_IN),
    "portfolio:scenario_compare": Case(SIGNED_IN),
    "portfolio:scenario_create": Case(PORTFOLIO_OFFICE),
    "portfolio:scenario_detail": Case(STAFF, lambda o: {"pk": _scenario(o).pk}, sees=STAFF),
    "portfolio:scenario_edit": Case(PORTFOLIO_OFFICE, lambda o: {"pk": _scenario(o).pk}, sees=STAFF),
    "portfolio:scenario_run": Case(
        PORTFOLIO_OFFICE, lambda o: {"pk": _scenario(o).pk}, method="post", ok=302, sees=STAFF
    ),
    "portfolio:scenario_copy": Case(
        PORTFOLIO_OFFICE, lambda o: {"pk": _scenario(o).pk}, method="post", ok=302, sees=STAFF
    ),
    "portfolio:scenario_freeze": Case(
        PORTFOLIO_OFFICE,
        lambda o: {"pk": _scenario(o, status=ScenarioStatus.DONE).pk},
        method="post",
        ok=302,
        sees=STAFF,
    ),
    "portfolio:scenario_approve": Case(
        PORTFOLIO_OFFICE,
        lambda o: {"pk": _scenario(o, status=ScenarioStatus.DONE, frozen=True).pk},
        method="post",
        ok=302,
        sees=STAFF,
    ),
    "coe:method_list": Case(SIGNED_IN),
    "coe:method_create": Case(COE),
    "coe:method_detail": Case(SIGNED_IN, lambda o: {"pk": _method_version(o).method_id}, ok=302),
    "coe:method_edit": Case(COE, lambda o: {"pk": _method_version(o).method_id}),
    "coe:version_detail": Case(SIGNED_IN, lambda o: {"pk": _method_version(o).pk}),
    "coe:version_new": Case(COE, lambda o: {"pk": _method_version(o).method_id}, method="post", ok=302),
    "coe:version_publish": Case(
        COE, lambda o: {"pk": _method_version(o, published=False).pk}, method="post", ok=302
    ),
    "coe:phase_add": Case(
        COE,
        lambda o: {"pk": _method_version(o, published=False).pk},
        method="post",
        data=lambda o: {"phase-name": "Nazorg", "phase-gate": "Einde"},
        ok=302,
    ),
    "coe:phase_remove": Case(
        COE,
        lambda o: {"pk": _method_version(o, published=False).phases.get().pk},
        method="post",
        ok=302,
    ),
    "coe:type_add": Case(
        COE,
        lambda o: {"pk": _method_version(o, published=False).phases.get().pk},
        method="post",
        data=lambda o: {
            "type-name": "Notulen",
            "type-small": "optional",
            "type-medium": "optional",
            "type-large": "mandatory",
        },
        ok=302,
    ),
    "coe:type_remove": Case(
        COE,
        lambda o: {"pk": _method_version(o, published=False).phases.get().deliverables.get().pk},
        method="post",
        ok=302,
    ),
    "coe:compliance": Case(SIGNED_IN),
    "coe:project_method": Case(READERS, project, sees=READERS),
    "coe:method_follow": Case(
        EDITORS | COE,
        project,
        method="post",
        data=lambda o: {"version": _method_version(o).pk, "size": "small"},
        ok=302,
        sees=READERS,
    ),
    "coe:method_migrate": Case(
        EDITORS | COE,
        lambda o: {"pk": _followed(o).project_id},
        method="post",
        data=lambda o: {"version": _newer_method_version(o).pk},
        ok=302,
        sees=READERS,
    ),
    "coe:gate_decide": Case(
        GATEKEEPERS,
        lambda o: {"pk": _followed(o).project_id},
        method="post",
        data=lambda o: {"decision": "no_go"},
        ok=302,
        sees=READERS,
    ),
    "coe:deliverable_set": Case(
        EDITORS | COE,
        lambda o: {"pk": _followed(o).project_id, "type_pk": _followed(o).phase.deliverables.get().pk},
        method="post",
        data=lambda o: {"status": "draft", "link": ""},
        ok=302,
        sees=READERS,
    ),
    "coe:waiver_grant": Case(
        COE,
        lambda o: {"pk": _followed(o).project_id, "type_pk": _followed(o).phase.deliverables.get().pk},
        method="post",
        data=lambda o: {"reason": "Niet van toepassing"},
        ok=302,
        sees=READERS,
    ),
    "coe:waiver_revoke": Case(
        COE,
        lambda o: {"pk": o.project.pk, "waiver_pk": _waiver(o).pk},
        method="post",
        ok=302,
        sees=READERS,
    ),
    # Documents and templates
    "coe:template_list": Case(SIGNED_IN),
    "coe:template_create": Case(COE),
    "coe:template_detail": Case(SIGNED_IN, lambda o: {"pk": _documents_template(o).pk}),
    "coe:template_edit": Case(COE, lambda o: {"pk": _documents_template(o).pk}),
    "coe:template_version_add": Case(
        COE,
        lambda o: {"pk": _documents_template(o).pk},
        method="post",
        data=lambda o: {"file": SimpleUploadedFile("plan.md", b"# Plan v2\n"), "notes": "Nieuw"},
        ok=302,
    ),
    "coe:template_download": Case(SIGNED_IN, lambda o: {"pk": _documents_template(o).pk, "number": 1}),
    "coe:template_use": Case(TEAM, project, sees=READERS),
    "projects:project_documents": Case(READERS, project, sees=READERS),
    "projects:document_add": Case(
        TEAM,
        project,
        method="post",
        data=lambda o: {
            "title": "Notulen",
            "revision": "1.0",
            "status": "draft",
            "link": "https://example.nl/n",
        },
        ok=302,
        sees=READERS,
    ),
    "projects:document_edit": Case(
        TEAM, lambda o: {"pk": o.project.pk, "doc_pk": _documents_doc(o).pk}, sees=READERS
    ),
    "projects:document_delete": Case(
        TEAM,
        lambda o: {"pk": o.project.pk, "doc_pk": _documents_doc(o).pk},
        method="post",
        ok=302,
        sees=READERS,
    ),
    "projects:document_download": Case(
        READERS, lambda o: {"pk": o.project.pk, "doc_pk": _documents_doc(o).pk}, sees=READERS
    ),
    "document-list": Case(SIGNED_IN, api=True),
    "document-detail": Case(READERS, lambda o: {"pk": _documents_doc(o).pk}, api=True, sees=READERS),
    # Reviews and audits
    "coe:questionnaire_list": Case(SIGNED_IN),
    "coe:questionnaire_create": Case(COE),
    "coe:questionnaire_detail": Case(SIGNED_IN, lambda o: {"pk": _reviews_questionnaire(o).pk}),
    "coe:questionnaire_edit": Case(COE, lambda o: {"pk": _reviews_questionnaire(o).pk}),
    "coe:questionnaire_copy": Case(
        COE, lambda o: {"pk": _reviews_questionnaire(o).pk}, method="post", ok=302
    ),
    "coe:question_add": Case(
        COE,
        lambda o: {"pk": _reviews_questionnaire(o).pk},
        method="post",
        data=lambda o: {"question-text": "Team compleet?", "question-area": "team", "question-weight": "1"},
        ok=302,
    ),
    "coe:question_remove": Case(
        COE,
        lambda o: {"pk": _reviews_questionnaire(o).questions.last().pk},
        method="post",
        ok=302,
    ),
    "coe:health_overview": Case(SIGNED_IN),
    "coe:health_check_detail": Case(READERS, lambda o: {"pk": _reviews_check(o).pk}, sees=READERS),
    "coe:project_reviews": Case(READERS, project, sees=READERS),
    "coe:health_check_new": Case(
        EDITORS | COE, lambda o: {"pk": _reviews_questionnaire(o) and o.project.pk}, sees=READERS
    ),
    "coe:audit_list": Case(SIGNED_IN),
    "coe:audit_create": Case(COE),
    "coe:audit_detail": Case(READERS, lambda o: {"pk": _reviews_audit(o).pk}, sees=READERS),
    "coe:audit_edit": Case(COE, lambda o: {"pk": _reviews_audit(o).pk}, sees=READERS),
    "coe:finding_add": Case(
        COE,
        lambda o: {"pk": _reviews_audit(o).pk},
        method="post",
        data=lambda o: {
            "finding-description": "Geen risicolog",
            "finding-severity": "high",
            "finding-owner": o.pm.pk,
            "finding-due": "2026-04-01",
        },
        ok=302,
        sees=READERS,
    ),
    "coe:audit_close": Case(
        COE,
        lambda o: {"pk": _reviews_audit(o).pk},
        method="post",
        data=lambda o: {"close-opinion": "sufficient", "close-conclusion": "In orde."},
        ok=302,
        sees=READERS,
    ),
    # Training, knowledge base, maturity
    "coe:course_list": Case(SIGNED_IN),
    "coe:course_create": Case(COE),
    "coe:course_detail": Case(SIGNED_IN, lambda o: {"pk": _knowledge_course(o).pk}),
    "coe:course_edit": Case(COE, lambda o: {"pk": _knowledge_course(o).pk}),
    "coe:completion_add": Case(
        COE,
        lambda o: {"pk": _knowledge_course(o).pk},
        method="post",
        data=lambda o: {"user": o.pm.pk, "completed_on": "2025-01-10"},
        ok=302,
    ),
    "coe:completion_remove": Case(
        COE,
        lambda o: {"pk": _knowledge_course(o).completions.get().pk},
        method="post",
        ok=302,
        sees=STAFF | {"member"},  # a member sees only their own training
    ),
    "coe:requirement_add": Case(
        COE,
        lambda o: {"pk": _knowledge_course(o).pk},
        method="post",
        data=lambda o: {"role": "org:pmo_officer"},
        ok=302,
    ),
    "coe:requirement_remove": Case(
        COE,
        lambda o: {"pk": _knowledge_course(o).requirements.get().pk},
        method="post",
        ok=302,
    ),
    "coe:competency_matrix": Case(TRAINING_VIEWERS),
    "coe:my_training": Case(SIGNED_IN),
    "coe:article_list": Case(SIGNED_IN),
    "coe:article_create": Case(COE),
    "coe:article_detail": Case(SIGNED_IN, lambda o: {"slug": _knowledge_article(o).slug}),
    "coe:article_edit": Case(COE, lambda o: {"slug": _knowledge_article(o).slug}),
    "coe:glossary": Case(SIGNED_IN),
    "coe:glossary_create": Case(COE),
    "coe:glossary_edit": Case(COE, lambda o: {"pk": _knowledge_term(o).pk}),
    "coe:maturity": Case(SIGNED_IN),
    "coe:maturity_assess": Case(MATURITY),
    "coe:maturity_detail": Case(SIGNED_IN, lambda o: {"pk": _knowledge_assessment(o).pk}),
    "coe:maturity_actions": Case(SIGNED_IN),
    "coe:maturity_action_create": Case(MATURITY),
    "coe:maturity_action_edit": Case(MATURITY, lambda o: {"pk": _knowledge_action(o).pk}),
    "coe:maturity_action_status": Case(
        MATURITY,
        lambda o: {"pk": _knowledge_action(o).pk},
        method="post",
        data=lambda o: {"status": "done"},
        ok=302,
    ),
    # Lessons learned
    "coe:lesson_list": Case(SIGNED_IN),
    "coe:lesson_create": Case(LESSON_KEEPERS),
    "coe:lesson_detail": Case(SIGNED_IN, lambda o: {"pk": _lesson(o).pk}),
    "coe:lesson_edit": Case(LESSON_KEEPERS, lambda o: {"pk": _lesson(o).pk}),
    "coe:lesson_delete": Case(LESSON_KEEPERS, lambda o: {"pk": _lesson(o).pk}, method="post", ok=302),
    "coe:lesson_feedback": Case(
        READERS,
        lambda o: {"pk": _lesson(o).pk},
        method="post",
        data=lambda o: {"useful": "yes", "context": "project", "project": o.project.pk},
        ok=302,
        sees=READERS,
    ),
    "coe:project_lessons": Case(READERS, project, sees=READERS),
    "coe:onboarding": Case(READERS, project, sees=READERS),
    "coe:onboarding_pdf": Case(READERS, project, sees=READERS),
    "strategy:benefit_list": Case(SIGNED_IN),
    "strategy:benefit_rollup": Case(SIGNED_IN),
    "strategy:benefit_map": Case(SIGNED_IN),
    "strategy:benefit_create": Case(PORTFOLIO_OFFICE),
    "strategy:benefit_detail": Case(READERS, lambda o: {"pk": _benefit(o).pk}, sees=READERS),
    "strategy:benefit_history": Case(READERS, lambda o: {"pk": _benefit(o).pk}, sees=READERS),
    "strategy:benefit_edit": Case(PORTFOLIO_OFFICE, lambda o: {"pk": _benefit(o).pk}, sees=READERS),
    "strategy:benefit_plan": Case(PORTFOLIO_OFFICE, lambda o: {"pk": _benefit(o).pk}, sees=READERS),
    "strategy:measurement_add": Case(
        PORTFOLIO_OFFICE,
        lambda o: {"pk": _benefit(o).pk},
        method="post",
        data=lambda o: {"period": "2026-02", "value": "4"},
        ok=302,
        sees=READERS,
    ),
    "strategy:measurement_remove": Case(
        PORTFOLIO_OFFICE,
        lambda o: {"pk": _benefit(o).pk, "value_pk": _measurement(o).pk},
        method="post",
        ok=302,
        sees=READERS,
    ),
    "strategy:change_create": Case(PORTFOLIO_OFFICE),
    "strategy:change_detail": Case(READERS, lambda o: {"pk": _benefit_change(o).pk}, sees=READERS),
    "strategy:change_history": Case(READERS, lambda o: {"pk": _benefit_change(o).pk}, sees=READERS),
    "strategy:change_edit": Case(PORTFOLIO_OFFICE, lambda o: {"pk": _benefit_change(o).pk}, sees=READERS),
    "strategy:map_link_add": Case(
        EDITORS,
        portfolio,
        method="post",
        data=lambda o: {"source": f"project:{o.project.pk}", "target": f"benefit:{_benefit(o).pk}"},
        ok=302,
        sees=READERS,
    ),
    "strategy:map_link_remove": Case(
        EDITORS, lambda o: {"pk": _map_link(o).pk}, method="post", ok=302, sees=READERS
    ),
    "strategy:weigh_drivers": Case(PORTFOLIO_OFFICE, portfolio, sees=READERS),
    "strategy:link_add": Case(
        EDITORS,
        project,
        method="post",
        data=lambda o: {"objective": o.objective.pk, "contribution": Contribution.HIGH},
        ok=302,
        sees=READERS,
    ),
    "strategy:link_remove": Case(
        EDITORS,
        lambda o: {"pk": o.project.pk, "link_pk": _link(o).pk},
        method="post",
        ok=302,
        sees=READERS,
    ),
    # schedule
    "schedule:project_schedule": Case(READERS, project, sees=READERS),
    "schedule:schedule_create": Case(
        EDITORS,
        project,
        method="post",
        data=lambda o: {"start": "2026-04-01", "working_weekdays": "1111100", "dutch_holidays": "on"},
        ok=302,
        sees=READERS,
    ),
    "schedule:schedule_import": Case(
        EDITORS, project, method="post", data=lambda o: {"file": _mspdi_upload(o)}, ok=302, sees=READERS
    ),
    "schedule:schedule_export": Case(READERS, scheduled, sees=READERS),
    "schedule:project_risk": Case(READERS, scheduled, sees=READERS),
    "schedule:risk_driver_add": Case(
        EDITORS,
        with_tasks,
        method="post",
        data=lambda o: {
            "name": "R",
            "probability": 30,
            "impact_low": "1.1",
            "impact_likely": "1.2",
            "impact_high": "1.5",
            "tasks": [_tasks(o)[0].pk],
        },
        ok=302,
        sees=READERS,
    ),
    "schedule:risk_driver_delete": Case(
        EDITORS,
        lambda o: {"pk": o.project.pk, "driver_pk": _driver(o).pk},
        method="post",
        ok=302,
        sees=READERS,
    ),
    "schedule:risk_run_request": Case(
        READERS,
        with_tasks,
        method="post",
        data=lambda o: {"iterations": 500, "seed": 1, "distribution": "triangular"},
        ok=302,
        sees=READERS,
    ),
    "schedule:risk_run": Case(READERS, lambda o: {"pk": _risk_run(o).pk}, sees=READERS),
    "schedule:task_add": Case(
        EDITORS,
        scheduled,
        method="post",
        data=lambda o: {"name": "Nieuw", "duration": 3, "percent_complete": 0},
        ok=302,
        sees=READERS,
    ),
    "schedule:schedule_settings": Case(EDITORS, scheduled, sees=READERS),
    "schedule:non_working_day_add": Case(
        EDITORS,
        scheduled,
        method="post",
        data=lambda o: {"date": "2026-06-12", "name": "Heidag"},
        ok=302,
        sees=READERS,
    ),
    "schedule:non_working_day_remove": Case(
        EDITORS, lambda o: {"pk": o.project.pk, "day_pk": _day_off(o).pk}, method="post", ok=302, sees=READERS
    ),
    "schedule:task_edit": Case(EDITORS, lambda o: {"pk": _tasks(o)[0].pk}, sees=READERS),
    "schedule:task_inline": Case(
        EDITORS,
        lambda o: {"pk": o.project.pk, "task_pk": _tasks(o)[0].pk},
        method="post",
        data=lambda o: {"duration": 4, "version": _tasks(o)[0].version},
        ok=302,
        sees=READERS,
    ),
    "schedule:task_delete": Case(
        EDITORS,
        lambda o: {"pk": o.project.pk, "task_pk": _tasks(o)[1].pk},
        method="post",
        ok=302,
        sees=READERS,
    ),
    "schedule:link_add": Case(
        EDITORS,
        with_tasks,
        method="post",
        data=lambda o: {
            "predecessor": _tasks(o)[1].pk,
            "successor": _tasks(o, 3)[2].pk,
            "type": "SS",
            "lag": 1,
        },
        ok=302,
        sees=READERS,
    ),
    "schedule:link_remove": Case(
        EDITORS,
        lambda o: {"pk": o.project.pk, "link_pk": _tasks(o)[0].successor_links.first().pk},
        method="post",
        ok=302,
        sees=READERS,
    ),
    "schedule:levelling": Case(READERS, scheduled, sees=READERS),
    "schedule:level": Case(
        EDITORS,
        lambda o: {"pk": _resource(o).schedule.project_id},
        method="post",
        data=lambda o: {"method": "quick", "time_limit": "1"},
        ok=302,
        sees=READERS,
    ),
    "schedule:level_clear": Case(EDITORS, scheduled, method="post", ok=302, sees=READERS),
    "schedule:resource_add": Case(
        EDITORS,
        scheduled,
        method="post",
        data=lambda o: {"name": "Tester", "max_units": "1"},
        ok=302,
        sees=READERS,
    ),
    "schedule:resource_update": Case(
        EDITORS,
        lambda o: {"pk": o.project.pk, "resource_pk": _resource(o).pk},
        method="post",
        data=lambda o: {"max_units": "2", "version": _resource(o).version},
        ok=302,
        sees=READERS,
    ),
    "schedule:resource_remove": Case(
        EDITORS,
        lambda o: {"pk": o.project.pk, "resource_pk": _resource(o).pk},
        method="post",
        ok=302,
        sees=READERS,
    ),
    "schedule:assignment_add": Case(
        EDITORS,
        lambda o: {"pk": _resource(o).schedule.project_id},
        method="post",
        data=lambda o: {"task": _tasks(o)[1].pk, "resource": _resource(o).pk, "units": "1"},
        ok=302,
        sees=READERS,
    ),
    "schedule:assignment_remove": Case(EDITORS, _assignment, method="post", ok=302, sees=READERS),
    "schedule:baseline_save": Case(
        EDITORS,
        scheduled,
        method="post",
        data=lambda o: {"name": "B1"},
        ok=302,
        sees=READERS,
    ),
    # RAID log
    "raid:project_raid": Case(READERS, project, sees=READERS),
    "raid:risk_create": Case(RAID_LOGGERS, project, sees=READERS),
    "raid:issue_create": Case(RAID_LOGGERS, project, sees=READERS),
    "raid:action_create": Case(
        RAID_LOGGERS,
        project,
        method="post",
        data=lambda o: {"title": "Nieuwe actie", "status": "open"},
        ok=302,
        sees=READERS,
    ),
    "raid:risk_list": Case(SIGNED_IN),
    "raid:issue_list": Case(SIGNED_IN),
    "raid:action_list": Case(SIGNED_IN),
    "raid:my_actions": Case(SIGNED_IN),
    "raid:risk_export": Case(SIGNED_IN),
    "raid:issue_export": Case(SIGNED_IN),
    "raid:action_export": Case(SIGNED_IN),
    "raid:register_import": Case(
        RAID_LOGGERS,
        project,
        method="post",
        data=lambda o: {"kind": "issue", "file": SimpleUploadedFile("i.csv", b"title\nKoppeling faalt\n")},
        ok=302,
        sees=READERS,
    ),
    "raid:scale": Case(SIGNED_IN),
    "raid:scale_update": Case(
        SCALE_KEEPERS,
        lambda o: {"pk": _scale_level(o).pk},
        method="post",
        data=lambda o: {
            f"{_scale_level(o).pk}-label_en": "Rare",
            f"{_scale_level(o).pk}-label_nl": "Zeldzaam",
            f"{_scale_level(o).pk}-probability": "5",
            f"{_scale_level(o).pk}-version": _scale_level(o).version,
        },
        ok=302,
    ),
    "raid:item_list": Case(SIGNED_IN, lambda o: {"kind": "decision"}),
    "raid:item_export": Case(SIGNED_IN, lambda o: {"kind": "dependency"}),
    "raid:item_create": Case(
        RAID_LOGGERS,
        lambda o: {"pk": o.project.pk, "kind": "assumption"},
        method="post",
        data=lambda o: {"title": "Budget blijft gelijk", "status": "open"},
        ok=302,
        sees=READERS,
    ),
    "raid:item_detail": Case(READERS, lambda o: {"kind": "changerequest", "pk": _change(o).pk}, sees=READERS),
    "raid:risk_detail": Case(READERS, lambda o: {"pk": _raid(o).pk}, sees=READERS),
    "raid:issue_detail": Case(READERS, lambda o: {"pk": _raid(o, "issue").pk}, sees=READERS),
    "raid:action_detail": Case(
        EDITORS,
        lambda o: {"pk": _raid(o, "action").pk},
        method="post",
        data=lambda o: {
            "title": "Bijgewerkt",
            "status": "in_progress",
            "version": _raid(o, "action").version,
        },
        ok=302,
        sees=READERS,
    ),
    "raid:escalate": Case(
        EDITORS,
        lambda o: {"kind": "risk", "pk": _raid(o).pk},
        method="post",
        data=lambda o: {"reason": "Programmabreed"},
        ok=302,
        sees=READERS,
    ),
    # portfolio office
    "portfolio:dashboard": Case(SIGNED_IN),
    # report packs: each is its requester's alone
    "reports:pack_list": Case(SIGNED_IN),
    "reports:preview": Case(SIGNED_IN),
    "reports:pack_request": Case(
        SIGNED_IN,
        method="post",
        data=lambda o: {"scope": "portfolio", "format": "pdf", "language": "nl"},
        ok=302,
    ),
    "reports:pack_detail": Case(PACK_OWNER, lambda o: {"pk": _pack(o).pk}, sees=PACK_OWNER),
    "reports:pack_download": Case(PACK_OWNER, lambda o: {"pk": _pack(o).pk}, sees=PACK_OWNER),
    # resources
    "resources:heatmap": Case(SIGNED_IN),
    "resources:people_heatmap": Case(SIGNED_IN),
    "resources:overallocation": Case(SIGNED_IN),
    "resources:export": Case(SIGNED_IN),
    "resources:person_list": Case(SIGNED_IN),
    "resources:person_create": Case(CAPACITY),
    "resources:person_detail": Case(SIGNED_IN, lambda o: {"pk": _person(o).pk}),
    "resources:person_edit": Case(CAPACITY, lambda o: {"pk": _person(o).pk}),
    "resources:leave_add": Case(
        CAPACITY,
        lambda o: {"pk": _person(o).pk},
        method="post",
        data=lambda o: {"start": "2026-08-03", "end": "2026-08-07"},
        ok=302,
    ),
    "resources:leave_remove": Case(CAPACITY, _leave, method="post", ok=302),
    "resources:role_list": Case(SIGNED_IN),
    "resources:role_create": Case(CAPACITY),
    "resources:role_edit": Case(CAPACITY, lambda o: {"pk": _person(o).role_id}),
    "resources:project_plan": Case(READERS, project, sees=READERS),
    "resources:demand_set": Case(
        EDITORS,
        project,
        method="post",
        data=lambda o: {
            "role": _person(o).role_id,
            "first": "2026-03",
            "last": "2026-05",
            "amount": "0.5",
            "unit": "fte",
        },
        ok=302,
        sees=READERS,
    ),
    "resources:my_allocations": Case(SIGNED_IN),
    # status reports
    "progress:project_reports": Case(READERS, project, sees=READERS),
    "progress:report_create": Case(
        EDITORS,
        project,
        method="post",
        data=lambda o: {"period": (dt.date.today() - dt.timedelta(days=35)).strftime("%Y-%m")},
        ok=302,
        sees=READERS,
    ),
    "progress:report_list": Case(SIGNED_IN),
    "progress:project_costs": Case(READERS, project, sees=READERS),
    "progress:cost_export": Case(READERS, project, sees=READERS),
    "progress:cost_set": Case(
        EDITORS,
        project,
        method="post",
        data=lambda o: {"month": "2026-01", "budget": "1000", "actual": "900"},
        ok=302,
        sees=READERS,
    ),
    "progress:cost_import": Case(
        EDITORS,
        project,
        method="post",
        data=lambda o: {"file": SimpleUploadedFile("a.csv", b"month,actual\n2026-01,100\n")},
        ok=302,
        sees=READERS,
    ),
    "progress:report_detail": Case(READERS, lambda o: {"pk": _status_report(o).pk}, sees=READERS),
    "progress:report_edit": Case(EDITORS, lambda o: {"pk": _status_report(o).pk}, sees=READERS),
    "progress:report_submit": Case(
        EDITORS,
        lambda o: {"pk": _status_report(o).pk},
        method="post",
        data=lambda o: {"version": _status_report(o).version},
        ok=302,
        sees=READERS,
    ),
    "progress:report_approve": Case(
        REVIEWERS,
        lambda o: {"pk": _status_report(o, submitted=True).pk},
        method="post",
        data=lambda o: {"version": _status_report(o).version},
        ok=302,
        sees=READERS,
    ),
    "progress:report_send_back": Case(
        REVIEWERS,
        lambda o: {"pk": _status_report(o, submitted=True).pk},
        method="post",
        data=lambda o: {"version": _status_report(o).version, "comment": "Graag de kosten toelichten"},
        ok=302,
        sees=READERS,
    ),
    # API
    "api-root": Case(SIGNED_IN, api=True),
    "schema": Case(SIGNED_IN, api=True, anonymous=200),  # the API's description is public
    "api_docs": Case(SIGNED_IN, api=True, anonymous=200),
    "portfolio-list": Case(SIGNED_IN, api=True),
    "projectmethod-list": Case(SIGNED_IN, api=True),
    "lesson-list": Case(SIGNED_IN, api=True),
    "lesson-detail": Case(SIGNED_IN, lambda o: {"pk": _lesson(o).pk}, api=True),
    "projectmethod-detail": Case(READERS, lambda o: {"pk": _followed(o).pk}, api=True, sees=READERS),
    "projectmethod-gate": Case(
        GATEKEEPERS,
        lambda o: {"pk": _followed(o).pk},
        method="post",
        data=lambda o: {"decision": "no_go"},
        api=True,
        ok=201,
        sees=READERS,
    ),
    "portfolio-detail": Case(READERS, portfolio, api=True, sees=READERS),
    "programme-list": Case(SIGNED_IN, api=True),
    "programme-detail": Case(READERS, programme, api=True, sees=READERS),
    "project-list": Case(SIGNED_IN, api=True),
    "project-detail": Case(READERS, project, api=True, sees=READERS),
    "project-transition": Case(
        EDITORS, project, method="post", data=lambda o: {"to": Lifecycle.ON_HOLD}, api=True, sees=READERS
    ),
    "projectmembership-list": Case(SIGNED_IN, api=True),
    "projectmembership-detail": Case(
        READERS, lambda o: {"pk": o.project.memberships.first().pk}, api=True, sees=READERS
    ),
    "programmemembership-list": Case(SIGNED_IN, api=True),
    "programmemembership-detail": Case(
        READERS, lambda o: {"pk": o.programme.memberships.first().pk}, api=True, sees=READERS
    ),
    "objective-list": Case(SIGNED_IN, api=True),
    "objective-detail": Case(READERS, objective, api=True, sees=READERS),
    "projectobjective-list": Case(SIGNED_IN, api=True),
    "projectobjective-detail": Case(READERS, lambda o: {"pk": _link(o).pk}, api=True, sees=READERS),
    "resourcerole-list": Case(SIGNED_IN, api=True),
    "resourcerole-detail": Case(SIGNED_IN, lambda o: {"pk": _person(o).role_id}, api=True),
    "person-list": Case(SIGNED_IN, api=True),
    "person-detail": Case(SIGNED_IN, lambda o: {"pk": _person(o).pk}, api=True),
    "demand-list": Case(SIGNED_IN, api=True),
    "demand-detail": Case(READERS, lambda o: {"pk": _demand(o).pk}, api=True, sees=READERS),
}


def _other_doc(org):
    """A file in the register of P-2, the project nobody of the team is on."""
    from pmo.projects import documents
    from pmo.projects.models import Document

    return Document.objects.filter(project=org.other_project).first() or documents.add_document(
        org.other_project,
        acting_user=org.admin,
        title="Vertrouwelijk",
        revision="1.0",
        file=documents.check_upload("geheim.md", b"# Geheim\n"),
    )


def _other_schedule(org):
    """P-2's schedule, with a task."""
    from pmo.schedule import services
    from pmo.schedule.models import Schedule

    schedule = Schedule.objects.filter(project=org.other_project).first()
    if schedule is None:
        schedule = services.create_schedule(
            org.other_project, acting_user=org.admin, start=dt.date(2026, 4, 1)
        )
        services.create_task(schedule, acting_user=org.admin, name="Bouw", duration=5)
    return schedule


def _other_risk_run(org):
    from pmo.schedule import services

    return services.request_risk_analysis(_other_schedule(org), acting_user=org.admin, iterations=500)


def _done_pack(org, requester: str, scope: str, fmt: str):
    """A finished report pack someone asked for (the file's bytes need not be real)."""
    from pmo.reports.models import PackStatus, ReportPack

    pack = ReportPack.objects.create(
        scope=scope,
        project=org.project if scope == "project" else None,
        format=fmt,
        language="nl",
        requested_by=getattr(org, requester),
    )
    ReportPack.objects.filter(pk=pack.pk).update(status=PackStatus.DONE, content=b"%PDF-1.4", size=8)
    return pack


def _draft_article(org):
    from pmo.coe import services_knowledge as services

    return services.create_article(
        acting_user=org.admin, title="Concept", slug="kb-concept", body="# Nog niet af", status="draft"
    )


other_project = lambda o: {"pk": o.other_project.pk}  # noqa: E731

# Guessable URLs of files and job results: the same URL on P-2 (which only the staff see), with the ids of two
# projects mixed, or for another person's report pack. None of them may hand out a file.
CASES |= {
    "projects:document_download#other-project": Case(
        STAFF, lambda o: {"pk": o.other_project.pk, "doc_pk": _other_doc(o).pk}, sees=STAFF
    ),
    "projects:document_download#ids-of-two-projects": Case(
        NOBODY, lambda o: {"pk": o.project.pk, "doc_pk": _other_doc(o).pk}, sees=NOBODY
    ),
    "projects:document_edit#ids-of-two-projects": Case(
        NOBODY, lambda o: {"pk": o.project.pk, "doc_pk": _other_doc(o).pk}, sees=NOBODY
    ),
    "document-detail#other-project": Case(STAFF, lambda o: {"pk": _other_doc(o).pk}, api=True, sees=STAFF),
    "project-detail#other-project": Case(STAFF, other_project, api=True, sees=STAFF),
    "progress:cost_export#other-project": Case(STAFF, other_project, sees=STAFF),
    "schedule:schedule_export#other-project": Case(
        STAFF, lambda o: {"pk": _other_schedule(o).project_id}, sees=STAFF
    ),
    "coe:onboarding_pdf#other-project": Case(STAFF, other_project, sees=STAFF),
    "schedule:risk_run#other-project": Case(STAFF, lambda o: {"pk": _other_risk_run(o).pk}, sees=STAFF),
    "reports:pack_detail#project-pptx": Case(
        frozenset({"pm", "admin"}),
        lambda o: {"pk": _done_pack(o, "pm", "project", "pptx").pk},
        sees=frozenset({"pm", "admin"}),
    ),
    "reports:pack_download#project-pptx": Case(
        frozenset({"pm", "admin"}),
        lambda o: {"pk": _done_pack(o, "pm", "project", "pptx").pk},
        sees=frozenset({"pm", "admin"}),
    ),
    "reports:pack_download#portfolio-pdf": Case(
        frozenset({"executive", "admin"}),
        lambda o: {"pk": _done_pack(o, "executive", "portfolio", "pdf").pk},
        sees=frozenset({"executive", "admin"}),
    ),
    "coe:article_detail#draft": Case(COE, lambda o: {"slug": _draft_article(o).slug}, sees=COE),
}


def _other_report(org):
    """A status report of P-2, submitted by the portfolio manager (P-2 has no manager)."""
    from pmo.progress import services

    report = services.create_report(
        org.other_project, acting_user=org.portfolio_manager, period=dt.date.today() - dt.timedelta(days=35)
    )
    return services.submit(report, acting_user=org.portfolio_manager)


# P-2 is in another programme: its PMO officer is not PRG-A's (who may change only PRG-A's projects), and
# nobody of P-1's team sees it.
CASES |= {
    "projects:project_edit#other-project": Case(PORTFOLIO_OFFICE, other_project, sees=STAFF),
    "schedule:task_add#other-project": Case(
        PORTFOLIO_OFFICE,
        lambda o: {"pk": _other_schedule(o).project_id},
        method="post",
        data=lambda o: {"name": "Nieuw", "duration": 3, "percent_complete": 0},
        ok=302,
        sees=STAFF,
    ),
    "raid:risk_create#other-project": Case(PORTFOLIO_OFFICE | {"coe"}, other_project, sees=STAFF),
    # reviewing is the PMO's, organisation-wide (`progress.review_report`: any PMO officer)
    "progress:report_approve#other-project": Case(
        REVIEWERS,
        lambda o: {"pk": _other_report(o).pk},
        method="post",
        data=lambda o: {"version": o.other_project.status_reports.get().version},
        ok=302,
        sees=STAFF,
        expect={"portfolio_manager": 403},  # four eyes: nobody approves the report they submitted
    ),
}


def _patch(obj, **fields):
    """A PATCH body: the change and the version it is based on."""
    return lambda o: {**fields, "version": obj(o).version}


# The API's writes, on the same routes: create (POST to the list), change (PATCH) and remove (DELETE).
# A related object the user does not see is a wrong id to them (400), as the API promises.
CASES |= {
    "portfolio-list#create": Case(
        frozenset({"admin"}), method="post", data=lambda o: {"name": "Nieuw"}, api=True, ok=201
    ),
    "portfolio-detail#update": Case(
        PORTFOLIO_OFFICE,
        portfolio,
        method="patch",
        data=_patch(lambda o: o.portfolio, description="Anders"),
        api=True,
        sees=READERS,
    ),
    "programme-list#create": Case(
        PORTFOLIO_OFFICE,
        method="post",
        data=lambda o: {"portfolio": o.portfolio.pk, "code": "PRG-C", "name": "Nieuw"},
        api=True,
        ok=201,
    ),
    "programme-detail#update": Case(
        PROGRAMME_OFFICE,
        programme,
        method="patch",
        data=_patch(lambda o: o.programme, description="Anders"),
        api=True,
        sees=READERS,
    ),
    "project-list#create": Case(
        PROJECT_STARTERS,
        method="post",
        data=lambda o: {"portfolio": o.portfolio.pk, "code": "P-9", "name": "Nieuw"},
        api=True,
        ok=201,
    ),
    "project-detail#update": Case(
        EDITORS,
        project,
        method="patch",
        data=_patch(lambda o: o.project, description="Anders"),
        api=True,
        sees=READERS,
    ),
    "projectmembership-list#create": Case(
        EDITORS,
        method="post",
        data=lambda o: {"project": o.project.pk, "user": o.outsider.pk, "role": ProjectRole.TEAM_MEMBER},
        api=True,
        ok=201,
        expect={"outsider": 400},
    ),
    "projectmembership-detail#delete": Case(
        EDITORS,
        lambda o: {"pk": o.project.memberships.get(user=o.member).pk},
        method="delete",
        api=True,
        ok=204,
        sees=READERS,
    ),
    "programmemembership-list#create": Case(
        PORTFOLIO_OFFICE,  # `projects.manage_programme_team`: the programme's own manager too (none here)
        method="post",
        data=lambda o: {
            "programme": o.programme.pk,
            "user": o.outsider.pk,
            "role": ProgrammeRole.PMO_OFFICER,
        },
        api=True,
        ok=201,
        expect={"outsider": 400},
    ),
    "programmemembership-detail#delete": Case(
        PORTFOLIO_OFFICE,
        lambda o: {"pk": o.programme.memberships.first().pk},
        method="delete",
        api=True,
        ok=204,
        sees=READERS,
    ),
    "objective-list#create": Case(
        PORTFOLIO_OFFICE,
        method="post",
        data=lambda o: {"portfolio": o.portfolio.pk, "code": "SD2", "title": "Nieuw"},
        api=True,
        ok=201,
    ),
    "objective-detail#update": Case(
        PORTFOLIO_OFFICE,
        objective,
        method="patch",
        data=_patch(lambda o: o.objective, description="Anders"),
        api=True,
        sees=READERS,
    ),
    "projectobjective-list#create": Case(
        EDITORS,
        method="post",
        data=lambda o: {"project": o.project.pk, "objective": o.objective.pk, "contribution": "high"},
        api=True,
        ok=201,
        expect={"outsider": 400},
    ),
    "projectobjective-detail#delete": Case(
        EDITORS, lambda o: {"pk": _link(o).pk}, method="delete", api=True, ok=204, sees=READERS
    ),
    "resourcerole-list#create": Case(
        CAPACITY, method="post", data=lambda o: {"name": "Tester"}, api=True, ok=201
    ),
    "resourcerole-detail#update": Case(
        CAPACITY,
        lambda o: {"pk": _person(o).role_id},
        method="patch",
        data=_patch(lambda o: _person(o).role, description="Test"),
        api=True,
    ),
    "person-list#create": Case(
        CAPACITY,
        method="post",
        data=lambda o: {"name": "Piet", "role": _person(o).role_id},
        api=True,
        ok=201,
    ),
    "person-detail#update": Case(
        CAPACITY,
        lambda o: {"pk": _person(o).pk},
        method="patch",
        data=_patch(_person, team="Team A"),
        api=True,
    ),
}

#: URLs that are open to anonymous users by design, or belong to Django itself (tested separately below).
PUBLIC = {"login", "set_language"}
ADMIN_NAMESPACE = "admin"


def _names(patterns, prefix: str = "") -> set[str]:
    names = set()
    for entry in patterns:
        if isinstance(entry, URLResolver):
            namespace = f"{prefix}{entry.namespace}:" if entry.namespace else prefix
            names |= _names(entry.url_patterns, namespace)
        elif isinstance(entry, URLPattern) and entry.name:
            names.add(prefix + entry.name)
    return names


def _url_name(key: str) -> str:
    """The URL a case tests: its key, without a "#variant"."""
    return key.partition("#")[0]


def _request(client, case: Case, url: str, org):
    data = case.data(org)
    if case.api and case.method != "get":
        return getattr(client, case.method)(url, data, format="json")
    if case.method == "post":
        return client.post(url, data)
    return client.get(url, case.extra)


def _outcome(response) -> int | str:
    """The status, with what it means where a status alone would hide it: a redirect to the login, or a POST
    that redirected back with an error message (the change was refused, not made)."""
    status = response.status_code
    if status == 302 and response["Location"].startswith(LOGIN):
        return TO_LOGIN
    if status == 302 and hasattr(response, "wsgi_request"):
        errors = [str(m) for m in messages.get_messages(response.wsgi_request) if m.level >= messages.ERROR]
        if errors:
            return f"302 with error {errors[0]!r}"
    return status


def _gist(response) -> str:
    """What the answer says, in a few words: a page's title, the start of an API answer."""
    body = getattr(response, "content", b"").decode("utf-8", errors="replace")
    title = re.search(r"<title>(.*?)</title>", body, re.S)
    return f" ({(title.group(1) if title else body)[:120].strip()})" if body else ""


def _refresh(org) -> None:
    """Undo in memory what a rolled-back role may have changed in the organisation's rows."""
    for name in ("portfolio", "programme", "other_programme", "objective", "project", "other_project"):
        getattr(org, name).refresh_from_db()


def _matrix(key: str, org, client_for, api_for) -> list[str]:
    """Every role's request against the same organisation, each in a savepoint that is rolled back."""
    case = CASES[key]
    mismatches = []
    for role in ROLES:
        user = None if role == "anonymous" else getattr(org, role)
        with transaction.atomic():
            url = reverse(_url_name(key), kwargs=case.kwargs(org))
            client = api_for(user) if case.api else client_for(user)
            response = _request(client, case, url, org)
            got = _outcome(response)
            transaction.set_rollback(True)
        _refresh(org)
        expected = case.expected(role)
        if got != expected:
            mismatches.append(f"{role:>17}: expected {expected}, got {got}{_gist(response)}")
    return mismatches


def test_every_url_has_an_expectation():
    names = {n for n in _names(get_resolver().url_patterns) if not n.startswith(f"{ADMIN_NAMESPACE}:")}
    tested = {_url_name(key) for key in CASES}
    missing = sorted(names - tested - PUBLIC)
    assert not missing, f"Add a permission expectation to tests/test_permissions.py for: {missing}"
    stale = sorted(tested - names)
    assert not stale, f"Expectations for URLs that no longer exist: {stale}"


def test_every_role_has_an_expectation():
    for key, case in CASES.items():
        for role in ROLES:
            assert case.expected(role) is not None, (key, role)
        assert set(case.expect) <= set(ROLES), key
        assert case.allowed <= SIGNED_IN and case.sees <= SIGNED_IN, key


@pytest.mark.django_db
@pytest.mark.parametrize("key", sorted(CASES))
def test_permission_matrix(key, org, client_for, api_for):
    mismatches = _matrix(key, org, client_for, api_for)
    assert not mismatches, f"{key} ({CASES[key].method.upper()}):\n" + "\n".join(mismatches)


#: what only P-1's readers may see: its name, its portfolio and programme, items in its registers
P1_SECRETS = (
    "Nieuw e-loket",
    "Gemeente Test",
    "PRG-A",
    "Test risk",
    "Test issue",
    "Test action",
    "Extra koppeling",
)
#: what only P-2's readers (the staff) may see
P2_SECRETS = ("Woningbouw", "PRG-B", "Geheim risico", "Vertrouwelijk")


def _text(response) -> str:
    """A page, an API answer or a file as text (an .xlsx file is a zip of XML parts)."""
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if body.startswith(b"PK\x03\x04"):
        with zipfile.ZipFile(io.BytesIO(body)) as archive:
            body = b"".join(archive.read(name) for name in archive.namelist() if name.endswith(".xml"))
    return body.decode("utf-8", errors="replace")


def _leaks(org, user, client, api, keys, secrets) -> list[str]:
    leaks = []
    for key in keys:
        case = CASES[key]
        url = reverse(_url_name(key), kwargs=case.kwargs(org))
        response = (api if case.api else client).get(url, case.extra)
        if response.status_code == 200:
            text = _text(response)
            leaks += [f"{user}: {key} shows {secret!r}" for secret in secrets if secret in text]
    return leaks


@pytest.mark.django_db
def test_shared_pages_show_only_what_the_user_sees(org, client_for, api_for):
    """A 200 is not enough: pages, exports and API lists show each user only the projects they see. The outsider
    finds nothing of P-1 on the pages everyone may open; P-1's team member finds nothing of P-2 there, nor on the
    pages of P-1, its programme and portfolio."""
    from pmo.raid import services
    from pmo.raid.models import Risk

    for kind in ("risk", "issue", "action"):
        _raid(org, kind)
    _change(org)
    services.log_item(
        Risk, acting_user=org.admin, project=org.other_project, title="Geheim risico", probability=2, impact=2
    )
    _other_doc(org)
    shared = [k for k, c in CASES.items() if c.method == "get" and c.allowed == SIGNED_IN]
    of_p1 = [k for k, c in CASES.items() if c.method == "get" and c.allowed == READERS and "#" not in k]
    leaks = _leaks(org, "outsider", client_for(org.outsider), api_for(org.outsider), shared, P1_SECRETS)
    leaks += _leaks(org, "member", client_for(org.member), api_for(org.member), shared + of_p1, P2_SECRETS)
    assert not leaks, "\n".join(leaks)
    # the same pages do show them to those who see them (the check above is not blind)
    assert "Test risk" in _text(client_for(org.member).get(reverse("raid:risk_export")))
    assert "Geheim risico" in _text(client_for(org.executive).get(reverse("raid:risk_export")))


@pytest.mark.django_db
def test_unrelated_member_sees_nothing_in_api_lists(org, api_for):
    client = api_for(org.outsider)
    for name in (
        "project-list",
        "programme-list",
        "portfolio-list",
        "objective-list",
        "projectmembership-list",
        "demand-list",
    ):
        assert client.get(reverse(name)).json()["count"] == 0, name


@pytest.mark.django_db
def test_only_administrators_manage_users(org, client_for):
    assert client_for(None).get("/admin/core/user/").status_code == 302
    assert client_for(org.portfolio_manager).get("/admin/core/user/").status_code == 302  # not staff
    assert client_for(org.admin).get("/admin/core/user/").status_code == 200
