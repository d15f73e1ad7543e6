"""Every URL — page and API route — as anonymous, as an unrelated member and as an authorised user.

A URL without an expectation here fails `test_every_url_has_an_expectation`: new pages cannot ship untested.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from pmo.projects.lifecycle import Lifecycle
from pmo.projects.models import ProgrammeRole, ProjectRole
from pmo.strategy.models import Contribution

LOGIN = "/accounts/login/"


def _none(org) -> dict:
    return {}


@dataclass(frozen=True)
class Case:
    authorised: str  # the least-privileged user (an attribute of the `org` fixture) who may use the URL
    kwargs: Callable = _none
    method: str = "get"
    data: Callable = _none
    ok: int = 200  # what the authorised user gets
    outsider: int = 200  # what a member with no part in the object gets
    api: bool = False
    anonymous: int | None = None  # None: pages send anonymous users to the login, the API answers 401
    extra: dict = field(default_factory=dict)


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


def _tasks(org):
    """Two linked tasks in the project's schedule."""
    from pmo.schedule import services

    schedule = _schedule(org)
    tasks = list(schedule.tasks.order_by("pk"))
    if not tasks:
        tasks = [
            services.create_task(schedule, acting_user=org.admin, name=n, duration=2) for n in ("A", "B")
        ]
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


def _scenario(org):
    from pmo.portfolio import services

    found = org.portfolio.scenarios.first()
    return found or services.create_scenario(
        acting_user=org.admin, portfolio=org.portfolio, name="Basis", first_month=dt.date(2027, 1, 1)
    )


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
    "home": Case("member"),
    "search": Case("member", extra={"q": "loket"}),
    "logout": Case("member", method="post", ok=302, outsider=302),
    # portfolio
    "projects:method": Case("member"),
    "projects:portfolio_detail": Case("member", portfolio, outsider=404),
    "projects:portfolio_report": Case("member", portfolio, outsider=404),
    "projects:portfolio_history": Case("member", portfolio, outsider=404),
    "projects:portfolio_edit": Case("portfolio_manager", portfolio, outsider=404),
    "projects:programme_list": Case("member"),
    "projects:programme_create": Case("portfolio_manager", outsider=403),
    "projects:programme_detail": Case("member", programme, outsider=404),
    "projects:programme_edit": Case("pmo_officer", programme, outsider=404),
    "projects:programme_history": Case("member", programme, outsider=404),
    "projects:programme_member_add": Case(
        "portfolio_manager",
        programme,
        method="post",
        data=lambda o: {"user": o.outsider.pk, "role": ProgrammeRole.PMO_OFFICER},
        ok=302,
        outsider=404,
    ),
    "projects:programme_member_remove": Case(
        "portfolio_manager",
        lambda o: {"pk": o.programme.pk, "member_pk": o.programme.memberships.first().pk},
        method="post",
        ok=302,
        outsider=404,
    ),
    # projects
    "projects:project_list": Case("member"),
    "projects:project_create": Case("pmo_officer", outsider=403),
    "projects:project_detail": Case("member", project, outsider=404),
    "projects:project_edit": Case("pm", project, outsider=404),
    "projects:project_team": Case("member", project, outsider=404),
    "projects:project_history": Case("member", project, outsider=404),
    "projects:project_transition": Case(
        "pm",
        project,
        method="post",
        data=lambda o: {"to": Lifecycle.ON_HOLD, "version": o.project.version},
        ok=302,
        outsider=404,
    ),
    "projects:project_member_add": Case(
        "pm",
        project,
        method="post",
        data=lambda o: {"user": o.outsider.pk, "role": ProjectRole.TEAM_MEMBER},
        ok=302,
        outsider=404,
    ),
    "projects:project_member_remove": Case(
        "pm",
        lambda o: {"pk": o.project.pk, "member_pk": o.project.memberships.get(user=o.member).pk},
        method="post",
        ok=302,
        outsider=404,
    ),
    # strategy
    "strategy:objective_list": Case("member"),
    "strategy:objective_create": Case("portfolio_manager", outsider=403),
    "strategy:objective_detail": Case("member", objective, outsider=404),
    "strategy:objective_edit": Case("portfolio_manager", objective, outsider=404),
    "strategy:objective_history": Case("member", objective, outsider=404),
    "strategy:project_objectives": Case("member", project, outsider=404),
    "strategy:priorities": Case("member"),
    "portfolio:roadmap": Case("member"),
    "portfolio:scenario_list": Case("member"),
    "portfolio:scenario_compare": Case("member"),
    "portfolio:scenario_create": Case("portfolio_manager", outsider=403),
    "portfolio:scenario_detail": Case("executive", lambda o: {"pk": _scenario(o).pk}, outsider=404),
    "portfolio:scenario_edit": Case("portfolio_manager", lambda o: {"pk": _scenario(o).pk}, outsider=404),
    "portfolio:scenario_run": Case(
        "portfolio_manager", lambda o: {"pk": _scenario(o).pk}, method="post", ok=302, outsider=404
    ),
    "portfolio:scenario_copy": Case(
        "portfolio_manager", lambda o: {"pk": _scenario(o).pk}, method="post", ok=302, outsider=404
    ),
    "portfolio:scenario_freeze": Case(
        "portfolio_manager", lambda o: {"pk": _scenario(o).pk}, method="post", ok=302, outsider=404
    ),
    "portfolio:scenario_approve": Case(
        "portfolio_manager", lambda o: {"pk": _scenario(o).pk}, method="post", ok=302, outsider=404
    ),
    "coe:method_list": Case("member"),
    "coe:method_create": Case("coe", outsider=403),
    "coe:method_detail": Case("member", lambda o: {"pk": _method_version(o).method_id}, ok=302, outsider=302),
    "coe:method_edit": Case("coe", lambda o: {"pk": _method_version(o).method_id}, outsider=403),
    "coe:version_detail": Case("member", lambda o: {"pk": _method_version(o).pk}),
    "coe:version_new": Case(
        "coe", lambda o: {"pk": _method_version(o).method_id}, method="post", ok=302, outsider=403
    ),
    "coe:version_publish": Case(
        "coe", lambda o: {"pk": _method_version(o, published=False).pk}, method="post", ok=302, outsider=403
    ),
    "coe:phase_add": Case(
        "coe",
        lambda o: {"pk": _method_version(o, published=False).pk},
        method="post",
        data=lambda o: {"phase-name": "Nazorg", "phase-gate": "Einde"},
        ok=302,
        outsider=403,
    ),
    "coe:phase_remove": Case(
        "coe",
        lambda o: {"pk": _method_version(o, published=False).phases.get().pk},
        method="post",
        ok=302,
        outsider=403,
    ),
    "coe:type_add": Case(
        "coe",
        lambda o: {"pk": _method_version(o, published=False).phases.get().pk},
        method="post",
        data=lambda o: {
            "type-name": "Notulen",
            "type-small": "optional",
            "type-medium": "optional",
            "type-large": "mandatory",
        },
        ok=302,
        outsider=403,
    ),
    "coe:type_remove": Case(
        "coe",
        lambda o: {"pk": _method_version(o, published=False).phases.get().deliverables.get().pk},
        method="post",
        ok=302,
        outsider=403,
    ),
    "coe:compliance": Case("member"),
    "coe:project_method": Case("member", project, outsider=404),
    "coe:method_follow": Case(
        "pm",
        project,
        method="post",
        data=lambda o: {"version": _method_version(o).pk, "size": "small"},
        ok=302,
        outsider=404,
    ),
    "coe:method_migrate": Case(
        "pm",
        lambda o: {"pk": _followed(o).project_id},
        method="post",
        data=lambda o: {"version": _method_version(o).pk},
        ok=302,
        outsider=404,
    ),
    "coe:gate_decide": Case(
        "portfolio_manager",
        lambda o: {"pk": _followed(o).project_id},
        method="post",
        data=lambda o: {"decision": "no_go"},
        ok=302,
        outsider=404,
    ),
    "coe:deliverable_set": Case(
        "pm",
        lambda o: {"pk": _followed(o).project_id, "type_pk": _followed(o).phase.deliverables.get().pk},
        method="post",
        data=lambda o: {"status": "draft", "link": ""},
        ok=302,
        outsider=404,
    ),
    "coe:waiver_grant": Case(
        "coe",
        lambda o: {"pk": _followed(o).project_id, "type_pk": _followed(o).phase.deliverables.get().pk},
        method="post",
        data=lambda o: {"reason": "Niet van toepassing"},
        ok=302,
        outsider=404,
    ),
    "coe:waiver_revoke": Case(
        "coe",
        lambda o: {"pk": o.project.pk, "waiver_pk": _waiver(o).pk},
        method="post",
        ok=302,
        outsider=404,
    ),
    # Documents and templates
    "coe:template_list": Case("member"),
    "coe:template_create": Case("coe", outsider=403),
    "coe:template_detail": Case("member", lambda o: {"pk": _documents_template(o).pk}),
    "coe:template_edit": Case("coe", lambda o: {"pk": _documents_template(o).pk}, outsider=403),
    "coe:template_version_add": Case(
        "coe",
        lambda o: {"pk": _documents_template(o).pk},
        method="post",
        data=lambda o: {"file": SimpleUploadedFile("plan.md", b"# Plan v2\n"), "notes": "Nieuw"},
        ok=302,
        outsider=403,
    ),
    "coe:template_download": Case("member", lambda o: {"pk": _documents_template(o).pk, "number": 1}),
    "coe:template_use": Case("member", project, outsider=404),
    "projects:project_documents": Case("member", project, outsider=404),
    "projects:document_add": Case(
        "member",
        project,
        method="post",
        data=lambda o: {
            "title": "Notulen",
            "revision": "1.0",
            "status": "draft",
            "link": "https://example.nl/n",
        },
        ok=302,
        outsider=404,
    ),
    "projects:document_edit": Case(
        "member", lambda o: {"pk": o.project.pk, "doc_pk": _documents_doc(o).pk}, outsider=404
    ),
    "projects:document_delete": Case(
        "member",
        lambda o: {"pk": o.project.pk, "doc_pk": _documents_doc(o).pk},
        method="post",
        ok=302,
        outsider=404,
    ),
    "projects:document_download": Case(
        "member", lambda o: {"pk": o.project.pk, "doc_pk": _documents_doc(o).pk}, outsider=404
    ),
    "document-list": Case("member", api=True),
    "document-detail": Case("member", lambda o: {"pk": _documents_doc(o).pk}, api=True, outsider=404),
    # Reviews and audits
    "coe:questionnaire_list": Case("member"),
    "coe:questionnaire_create": Case("coe", outsider=403),
    "coe:questionnaire_detail": Case("member", lambda o: {"pk": _reviews_questionnaire(o).pk}),
    "coe:questionnaire_edit": Case("coe", lambda o: {"pk": _reviews_questionnaire(o).pk}, outsider=403),
    "coe:questionnaire_copy": Case(
        "coe", lambda o: {"pk": _reviews_questionnaire(o).pk}, method="post", ok=302, outsider=403
    ),
    "coe:question_add": Case(
        "coe",
        lambda o: {"pk": _reviews_questionnaire(o).pk},
        method="post",
        data=lambda o: {"question-text": "Team compleet?", "question-area": "team", "question-weight": "1"},
        ok=302,
        outsider=403,
    ),
    "coe:question_remove": Case(
        "coe",
        lambda o: {"pk": _reviews_questionnaire(o).questions.last().pk},
        method="post",
        ok=302,
        outsider=403,
    ),
    "coe:health_overview": Case("member"),
    "coe:health_check_detail": Case("member", lambda o: {"pk": _reviews_check(o).pk}, outsider=404),
    "coe:project_reviews": Case("member", project, outsider=404),
    "coe:health_check_new": Case(
        "pm", lambda o: {"pk": _reviews_questionnaire(o) and o.project.pk}, outsider=404
    ),
    "coe:audit_list": Case("member"),
    "coe:audit_create": Case("coe", outsider=403),
    "coe:audit_detail": Case("member", lambda o: {"pk": _reviews_audit(o).pk}, outsider=404),
    "coe:audit_edit": Case("coe", lambda o: {"pk": _reviews_audit(o).pk}, outsider=404),
    "coe:finding_add": Case(
        "coe",
        lambda o: {"pk": _reviews_audit(o).pk},
        method="post",
        data=lambda o: {
            "finding-description": "Geen risicolog",
            "finding-severity": "high",
            "finding-owner": o.pm.pk,
            "finding-due": "2026-04-01",
        },
        ok=302,
        outsider=404,
    ),
    "coe:audit_close": Case(
        "coe",
        lambda o: {"pk": _reviews_audit(o).pk},
        method="post",
        data=lambda o: {"close-opinion": "sufficient", "close-conclusion": "In orde."},
        ok=302,
        outsider=404,
    ),
    # Training, knowledge base, maturity
    "coe:course_list": Case("member"),
    "coe:course_create": Case("coe", outsider=403),
    "coe:course_detail": Case("member", lambda o: {"pk": _knowledge_course(o).pk}),
    "coe:course_edit": Case("coe", lambda o: {"pk": _knowledge_course(o).pk}, outsider=403),
    "coe:completion_add": Case(
        "coe",
        lambda o: {"pk": _knowledge_course(o).pk},
        method="post",
        data=lambda o: {"user": o.pm.pk, "completed_on": "2025-01-10"},
        ok=302,
        outsider=403,
    ),
    "coe:completion_remove": Case(
        "coe",
        lambda o: {"pk": _knowledge_course(o).completions.get().pk},
        method="post",
        ok=302,
        outsider=404,  # a member sees only their own training
    ),
    "coe:requirement_add": Case(
        "coe",
        lambda o: {"pk": _knowledge_course(o).pk},
        method="post",
        data=lambda o: {"role": "org:pmo_officer"},
        ok=302,
        outsider=403,
    ),
    "coe:requirement_remove": Case(
        "coe",
        lambda o: {"pk": _knowledge_course(o).requirements.get().pk},
        method="post",
        ok=302,
        outsider=403,
    ),
    "coe:competency_matrix": Case("pmo_officer", outsider=403),
    "coe:my_training": Case("member"),
    "coe:article_list": Case("member"),
    "coe:article_create": Case("coe", outsider=403),
    "coe:article_detail": Case("member", lambda o: {"slug": _knowledge_article(o).slug}),
    "coe:article_edit": Case("coe", lambda o: {"slug": _knowledge_article(o).slug}, outsider=403),
    "coe:glossary": Case("member"),
    "coe:glossary_create": Case("coe", outsider=403),
    "coe:glossary_edit": Case("coe", lambda o: {"pk": _knowledge_term(o).pk}, outsider=403),
    "coe:maturity": Case("member"),
    "coe:maturity_assess": Case("portfolio_manager", outsider=403),
    "coe:maturity_detail": Case("member", lambda o: {"pk": _knowledge_assessment(o).pk}),
    "coe:maturity_actions": Case("member"),
    "coe:maturity_action_create": Case("portfolio_manager", outsider=403),
    "coe:maturity_action_edit": Case(
        "portfolio_manager", lambda o: {"pk": _knowledge_action(o).pk}, outsider=403
    ),
    "coe:maturity_action_status": Case(
        "portfolio_manager",
        lambda o: {"pk": _knowledge_action(o).pk},
        method="post",
        data=lambda o: {"status": "done"},
        ok=302,
        outsider=403,
    ),
    # Lessons learned
    "coe:lesson_list": Case("member"),
    "coe:lesson_create": Case("coe", outsider=403),
    "coe:lesson_detail": Case("member", lambda o: {"pk": _lesson(o).pk}),
    "coe:lesson_edit": Case("coe", lambda o: {"pk": _lesson(o).pk}, outsider=403),
    "coe:lesson_delete": Case("coe", lambda o: {"pk": _lesson(o).pk}, method="post", ok=302, outsider=403),
    "coe:lesson_feedback": Case(
        "member",
        lambda o: {"pk": _lesson(o).pk},
        method="post",
        data=lambda o: {"useful": "yes", "context": "project", "project": o.project.pk},
        ok=302,
        outsider=404,
    ),
    "coe:project_lessons": Case("member", project, outsider=404),
    "coe:onboarding": Case("member", project, outsider=404),
    "coe:onboarding_pdf": Case("member", project, outsider=404),
    "strategy:benefit_list": Case("member"),
    "strategy:benefit_rollup": Case("member"),
    "strategy:benefit_map": Case("member"),
    "strategy:benefit_create": Case("portfolio_manager", outsider=403),
    "strategy:benefit_detail": Case("member", lambda o: {"pk": _benefit(o).pk}, outsider=404),
    "strategy:benefit_history": Case("member", lambda o: {"pk": _benefit(o).pk}, outsider=404),
    "strategy:benefit_edit": Case("portfolio_manager", lambda o: {"pk": _benefit(o).pk}, outsider=404),
    "strategy:benefit_plan": Case("portfolio_manager", lambda o: {"pk": _benefit(o).pk}, outsider=404),
    "strategy:measurement_add": Case(
        "portfolio_manager",
        lambda o: {"pk": _benefit(o).pk},
        method="post",
        data=lambda o: {"period": "2026-02", "value": "4"},
        ok=302,
        outsider=404,
    ),
    "strategy:measurement_remove": Case(
        "portfolio_manager",
        lambda o: {"pk": _benefit(o).pk, "value_pk": _measurement(o).pk},
        method="post",
        ok=302,
        outsider=404,
    ),
    "strategy:change_create": Case("portfolio_manager", outsider=403),
    "strategy:change_detail": Case("member", lambda o: {"pk": _benefit_change(o).pk}, outsider=404),
    "strategy:change_history": Case("member", lambda o: {"pk": _benefit_change(o).pk}, outsider=404),
    "strategy:change_edit": Case("portfolio_manager", lambda o: {"pk": _benefit_change(o).pk}, outsider=404),
    "strategy:map_link_add": Case(
        "pm",
        portfolio,
        method="post",
        data=lambda o: {"source": f"project:{o.project.pk}", "target": f"benefit:{_benefit(o).pk}"},
        ok=302,
        outsider=404,
    ),
    "strategy:map_link_remove": Case(
        "pm", lambda o: {"pk": _map_link(o).pk}, method="post", ok=302, outsider=404
    ),
    "strategy:weigh_drivers": Case("portfolio_manager", portfolio, outsider=404),
    "strategy:link_add": Case(
        "pm",
        project,
        method="post",
        data=lambda o: {"objective": o.objective.pk, "contribution": Contribution.HIGH},
        ok=302,
        outsider=404,
    ),
    "strategy:link_remove": Case(
        "pm",
        lambda o: {"pk": o.project.pk, "link_pk": _link(o).pk},
        method="post",
        ok=302,
        outsider=404,
    ),
    # schedule
    "schedule:project_schedule": Case("member", project, outsider=404),
    "schedule:schedule_create": Case(
        "pm",
        project,
        method="post",
        data=lambda o: {"start": "2026-04-01", "working_weekdays": "1111100", "dutch_holidays": "on"},
        ok=302,
        outsider=404,
    ),
    "schedule:schedule_import": Case(
        "pm", project, method="post", data=lambda o: {"file": _mspdi_upload(o)}, ok=302, outsider=404
    ),
    "schedule:schedule_export": Case("member", scheduled, outsider=404),
    "schedule:project_risk": Case("member", scheduled, outsider=404),
    "schedule:risk_driver_add": Case(
        "pm",
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
        outsider=404,
    ),
    "schedule:risk_driver_delete": Case(
        "pm", lambda o: {"pk": o.project.pk, "driver_pk": _driver(o).pk}, method="post", ok=302, outsider=404
    ),
    "schedule:risk_run_request": Case(
        "member",
        with_tasks,
        method="post",
        data=lambda o: {"iterations": 500, "seed": 1, "distribution": "triangular"},
        ok=302,
        outsider=404,
    ),
    "schedule:risk_run": Case("member", lambda o: {"pk": _risk_run(o).pk}, outsider=404),
    "schedule:task_add": Case(
        "pm",
        scheduled,
        method="post",
        data=lambda o: {"name": "Nieuw", "duration": 3},
        ok=302,
        outsider=404,
    ),
    "schedule:schedule_settings": Case("pm", scheduled, outsider=404),
    "schedule:non_working_day_add": Case(
        "pm",
        scheduled,
        method="post",
        data=lambda o: {"date": "2026-06-12", "name": "Heidag"},
        ok=302,
        outsider=404,
    ),
    "schedule:non_working_day_remove": Case(
        "pm", lambda o: {"pk": o.project.pk, "day_pk": _day_off(o).pk}, method="post", ok=302, outsider=404
    ),
    "schedule:task_edit": Case("pm", lambda o: {"pk": _tasks(o)[0].pk}, outsider=404),
    "schedule:task_inline": Case(
        "pm",
        lambda o: {"pk": o.project.pk, "task_pk": _tasks(o)[0].pk},
        method="post",
        data=lambda o: {"duration": 4, "version": _tasks(o)[0].version},
        ok=302,
        outsider=404,
    ),
    "schedule:task_delete": Case(
        "pm", lambda o: {"pk": o.project.pk, "task_pk": _tasks(o)[1].pk}, method="post", ok=302, outsider=404
    ),
    "schedule:link_add": Case(
        "pm",
        with_tasks,
        method="post",
        data=lambda o: {"predecessor": _tasks(o)[1].pk, "successor": _tasks(o)[0].pk, "type": "SS", "lag": 1},
        ok=302,
        outsider=404,
    ),
    "schedule:link_remove": Case(
        "pm",
        lambda o: {"pk": o.project.pk, "link_pk": _tasks(o)[0].successor_links.first().pk},
        method="post",
        ok=302,
        outsider=404,
    ),
    "schedule:levelling": Case("member", scheduled, outsider=404),
    "schedule:level": Case(
        "pm",
        lambda o: {"pk": _resource(o).schedule.project_id},
        method="post",
        data=lambda o: {"method": "quick", "time_limit": "1"},
        ok=302,
        outsider=404,
    ),
    "schedule:level_clear": Case("pm", scheduled, method="post", ok=302, outsider=404),
    "schedule:resource_add": Case(
        "pm",
        scheduled,
        method="post",
        data=lambda o: {"name": "Tester", "max_units": "1"},
        ok=302,
        outsider=404,
    ),
    "schedule:resource_update": Case(
        "pm",
        lambda o: {"pk": o.project.pk, "resource_pk": _resource(o).pk},
        method="post",
        data=lambda o: {"max_units": "2", "version": _resource(o).version},
        ok=302,
        outsider=404,
    ),
    "schedule:resource_remove": Case(
        "pm",
        lambda o: {"pk": o.project.pk, "resource_pk": _resource(o).pk},
        method="post",
        ok=302,
        outsider=404,
    ),
    "schedule:assignment_add": Case(
        "pm",
        lambda o: {"pk": _resource(o).schedule.project_id},
        method="post",
        data=lambda o: {"task": _tasks(o)[1].pk, "resource": _resource(o).pk, "units": "1"},
        ok=302,
        outsider=404,
    ),
    "schedule:assignment_remove": Case("pm", _assignment, method="post", ok=302, outsider=404),
    "schedule:baseline_save": Case(
        "pm",
        scheduled,
        method="post",
        data=lambda o: {"name": "B1"},
        ok=302,
        outsider=404,
    ),
    # RAID log
    "raid:project_raid": Case("member", project, outsider=404),
    "raid:risk_create": Case("member", project, outsider=404),
    "raid:issue_create": Case("member", project, outsider=404),
    "raid:action_create": Case(
        "member",
        project,
        method="post",
        data=lambda o: {"title": "Nieuwe actie", "status": "open"},
        ok=302,
        outsider=404,
    ),
    "raid:risk_list": Case("member"),
    "raid:issue_list": Case("member"),
    "raid:action_list": Case("member"),
    "raid:my_actions": Case("member"),
    "raid:risk_export": Case("member"),
    "raid:issue_export": Case("member"),
    "raid:action_export": Case("member"),
    "raid:register_import": Case(
        "member",
        project,
        method="post",
        data=lambda o: {"kind": "issue", "file": SimpleUploadedFile("i.csv", b"title\nKoppeling faalt\n")},
        ok=302,
        outsider=404,
    ),
    "raid:scale": Case("member"),
    "raid:scale_update": Case(
        "coe",
        lambda o: {"pk": _scale_level(o).pk},
        method="post",
        data=lambda o: {
            f"{_scale_level(o).pk}-label_en": "Rare",
            f"{_scale_level(o).pk}-label_nl": "Zeldzaam",
            f"{_scale_level(o).pk}-probability": "5",
            f"{_scale_level(o).pk}-version": _scale_level(o).version,
        },
        ok=302,
        outsider=403,
    ),
    "raid:item_list": Case("member", lambda o: {"kind": "decision"}),
    "raid:item_export": Case("member", lambda o: {"kind": "dependency"}),
    "raid:item_create": Case(
        "member",
        lambda o: {"pk": o.project.pk, "kind": "assumption"},
        method="post",
        data=lambda o: {"title": "Budget blijft gelijk", "status": "open"},
        ok=302,
        outsider=404,
    ),
    "raid:item_detail": Case(
        "member", lambda o: {"kind": "changerequest", "pk": _change(o).pk}, outsider=404
    ),
    "raid:risk_detail": Case("member", lambda o: {"pk": _raid(o).pk}, outsider=404),
    "raid:issue_detail": Case("member", lambda o: {"pk": _raid(o, "issue").pk}, outsider=404),
    "raid:action_detail": Case(
        "pm",
        lambda o: {"pk": _raid(o, "action").pk},
        method="post",
        data=lambda o: {
            "title": "Bijgewerkt",
            "status": "in_progress",
            "version": _raid(o, "action").version,
        },
        ok=302,
        outsider=404,
    ),
    "raid:escalate": Case(
        "pm",
        lambda o: {"kind": "risk", "pk": _raid(o).pk},
        method="post",
        data=lambda o: {"reason": "Programmabreed"},
        ok=302,
        outsider=404,
    ),
    # portfolio office
    "portfolio:dashboard": Case("member"),
    # report packs: each is its requester's alone
    "reports:pack_list": Case("member"),
    "reports:preview": Case("member"),
    "reports:pack_request": Case(
        "member",
        method="post",
        data=lambda o: {"scope": "portfolio", "format": "pdf", "language": "nl"},
        ok=302,
        outsider=302,
    ),
    "reports:pack_detail": Case("member", lambda o: {"pk": _pack(o).pk}, outsider=404),
    "reports:pack_download": Case("member", lambda o: {"pk": _pack(o).pk}, outsider=404),
    # resources
    "resources:heatmap": Case("member"),
    "resources:people_heatmap": Case("member"),
    "resources:overallocation": Case("member"),
    "resources:export": Case("member"),
    "resources:person_list": Case("member"),
    "resources:person_create": Case("pmo_officer", outsider=403),
    "resources:person_detail": Case("member", lambda o: {"pk": _person(o).pk}),
    "resources:person_edit": Case("pmo_officer", lambda o: {"pk": _person(o).pk}, outsider=403),
    "resources:leave_add": Case(
        "pmo_officer",
        lambda o: {"pk": _person(o).pk},
        method="post",
        data=lambda o: {"start": "2026-08-03", "end": "2026-08-07"},
        ok=302,
        outsider=403,
    ),
    "resources:leave_remove": Case("pmo_officer", _leave, method="post", ok=302, outsider=403),
    "resources:role_list": Case("member"),
    "resources:role_create": Case("pmo_officer", outsider=403),
    "resources:role_edit": Case("pmo_officer", lambda o: {"pk": _person(o).role_id}, outsider=403),
    "resources:project_plan": Case("member", project, outsider=404),
    "resources:demand_set": Case(
        "pm",
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
        outsider=404,
    ),
    "resources:my_allocations": Case("member"),
    # status reports
    "progress:project_reports": Case("member", project, outsider=404),
    "progress:report_create": Case(
        "pm",
        project,
        method="post",
        data=lambda o: {"period": (dt.date.today() - dt.timedelta(days=35)).strftime("%Y-%m")},
        ok=302,
        outsider=404,
    ),
    "progress:report_list": Case("member"),
    "progress:project_costs": Case("member", project, outsider=404),
    "progress:cost_export": Case("member", project, outsider=404),
    "progress:cost_set": Case(
        "pm",
        project,
        method="post",
        data=lambda o: {"month": "2026-01", "budget": "1000", "actual": "900"},
        ok=302,
        outsider=404,
    ),
    "progress:cost_import": Case(
        "pm",
        project,
        method="post",
        data=lambda o: {"file": SimpleUploadedFile("a.csv", b"month,actual\n2026-01,100\n")},
        ok=302,
        outsider=404,
    ),
    "progress:report_detail": Case("member", lambda o: {"pk": _status_report(o).pk}, outsider=404),
    "progress:report_edit": Case("pm", lambda o: {"pk": _status_report(o).pk}, outsider=404),
    "progress:report_submit": Case(
        "pm",
        lambda o: {"pk": _status_report(o).pk},
        method="post",
        data=lambda o: {"version": _status_report(o).version},
        ok=302,
        outsider=404,
    ),
    "progress:report_approve": Case(
        "pmo_officer",
        lambda o: {"pk": _status_report(o, submitted=True).pk},
        method="post",
        data=lambda o: {"version": _status_report(o).version},
        ok=302,
        outsider=404,
    ),
    "progress:report_send_back": Case(
        "pmo_officer",
        lambda o: {"pk": _status_report(o, submitted=True).pk},
        method="post",
        data=lambda o: {"version": _status_report(o).version, "comment": "Graag de kosten toelichten"},
        ok=302,
        outsider=404,
    ),
    # API
    "api-root": Case("member", api=True),
    "schema": Case("member", api=True, anonymous=200),  # the API's description is public
    "api_docs": Case("member", api=True, anonymous=200),
    "portfolio-list": Case("member", api=True),
    "projectmethod-list": Case("member", api=True),
    "lesson-list": Case("member", api=True),
    "lesson-detail": Case("member", lambda o: {"pk": _lesson(o).pk}, api=True),
    "projectmethod-detail": Case("member", lambda o: {"pk": _followed(o).pk}, api=True, outsider=404),
    "projectmethod-gate": Case(
        "portfolio_manager",
        lambda o: {"pk": _followed(o).pk},
        method="post",
        data=lambda o: {"decision": "no_go"},
        api=True,
        ok=201,
        outsider=404,
    ),
    "portfolio-detail": Case("member", portfolio, api=True, outsider=404),
    "programme-list": Case("member", api=True),
    "programme-detail": Case("member", programme, api=True, outsider=404),
    "project-list": Case("member", api=True),
    "project-detail": Case("member", project, api=True, outsider=404),
    "project-transition": Case(
        "pm", project, method="post", data=lambda o: {"to": Lifecycle.ON_HOLD}, api=True, outsider=404
    ),
    "projectmembership-list": Case("member", api=True),
    "projectmembership-detail": Case(
        "member", lambda o: {"pk": o.project.memberships.first().pk}, api=True, outsider=404
    ),
    "programmemembership-list": Case("member", api=True),
    "programmemembership-detail": Case(
        "pmo_officer", lambda o: {"pk": o.programme.memberships.first().pk}, api=True, outsider=404
    ),
    "objective-list": Case("member", api=True),
    "objective-detail": Case("member", objective, api=True, outsider=404),
    "projectobjective-list": Case("member", api=True),
    "projectobjective-detail": Case("member", lambda o: {"pk": _link(o).pk}, api=True, outsider=404),
    "resourcerole-list": Case("member", api=True),
    "resourcerole-detail": Case("member", lambda o: {"pk": _person(o).role_id}, api=True),
    "person-list": Case("member", api=True),
    "person-detail": Case("member", lambda o: {"pk": _person(o).pk}, api=True),
    "demand-list": Case("member", api=True),
    "demand-detail": Case("member", lambda o: {"pk": _demand(o).pk}, api=True, outsider=404),
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


def test_every_url_has_an_expectation():
    names = {n for n in _names(get_resolver().url_patterns) if not n.startswith(f"{ADMIN_NAMESPACE}:")}
    missing = sorted(names - set(CASES) - PUBLIC)
    assert not missing, f"Add a permission expectation to tests/test_permissions.py for: {missing}"
    stale = sorted(set(CASES) - names)
    assert not stale, f"Expectations for URLs that no longer exist: {stale}"


def _request(client, case: Case, url: str, org):
    data = case.data(org)
    if case.method == "post":
        return client.post(url, data, format="json") if case.api else client.post(url, data)
    return client.get(url, case.extra)


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(CASES))
def test_anonymous_is_sent_to_login(name, org, client_for, api_for):
    case = CASES[name]
    url = reverse(name, kwargs=case.kwargs(org))
    response = _request(api_for(None) if case.api else client_for(None), case, url, org)
    if case.anonymous is not None:
        assert response.status_code == case.anonymous
    elif case.api:
        assert response.status_code == 401, response.content[:200]
    else:
        assert response.status_code == 302
        assert response["Location"].startswith(LOGIN)


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(CASES))
def test_unrelated_member(name, org, client_for, api_for):
    case = CASES[name]
    url = reverse(name, kwargs=case.kwargs(org))
    response = _request(api_for(org.outsider) if case.api else client_for(org.outsider), case, url, org)
    assert response.status_code == case.outsider


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(CASES))
def test_authorised_user(name, org, client_for, api_for):
    case = CASES[name]
    url = reverse(name, kwargs=case.kwargs(org))
    user = getattr(org, case.authorised)
    response = _request(api_for(user) if case.api else client_for(user), case, url, org)
    assert response.status_code == case.ok, getattr(response, "content", b"")[:300]


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
