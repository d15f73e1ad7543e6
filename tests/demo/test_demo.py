"""The demo organisation: complete, idempotent, and with the demo logins the README promises."""

from __future__ import annotations

import re
from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test.utils import override_settings

from pmo.demo import data
from pmo.demo.loader import load_demo
from pmo.projects.lifecycle import TRANSITIONS, Lifecycle
from pmo.projects.models import (
    Portfolio,
    Programme,
    ProgrammeMembership,
    ProgrammeRole,
    Project,
    ProjectMembership,
    ProjectRole,
)
from pmo.strategy.models import ProjectObjective, StrategicObjective

User = get_user_model()

MD5 = "django.contrib.auth.hashers.MD5PasswordHasher"
DEMO_LOGINS = ["admin", "portfolio", "pmo", "pm", "coe", "exec", "member"]


@pytest.fixture(autouse=True)
def fast_hasher(settings):
    """The demo logins get a real password; a fast hasher keeps these tests quick."""
    settings.PASSWORD_HASHERS = [MD5]


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo, loaded once for this module by `pmo demo` (it is slow to build; these tests only read it),
    and removed again afterwards so other modules start from an empty database."""
    output = StringIO()
    with django_db_blocker.unblock(), override_settings(PASSWORD_HASHERS=[MD5]):
        call_command("demo", "--no-serve", stdout=output)
    loaded = re.search(r"projects (\d+)", output.getvalue())
    yield {"output": output.getvalue(), "projects": int(loaded.group(1)) if loaded else 0}
    with django_db_blocker.unblock():
        call_command("flush", interactive=False, verbosity=0)


def _snapshot() -> dict[str, int]:
    return {
        "users": User.objects.count(),
        "portfolios": Portfolio.objects.count(),
        "programmes": Programme.objects.count(),
        "projects": Project.objects.count(),
        "objectives": StrategicObjective.objects.count(),
        "project_members": ProjectMembership.objects.count(),
        "programme_members": ProgrammeMembership.objects.count(),
        "objective_links": ProjectObjective.objects.count(),
        "user_history": User.history.count(),
        "project_history": Project.history.count(),
        "project_member_history": ProjectMembership.history.count(),
        "programme_history": Programme.history.count(),
        "objective_link_history": ProjectObjective.history.count(),
    }


@pytest.mark.django_db
def test_demo_is_a_full_organisation(demo):
    assert Portfolio.objects.count() == 1
    assert Project.objects.count() >= 40
    assert set(Project.objects.values_list("lifecycle", flat=True)) == set(Lifecycle.values)
    # a fifth of the projects runs; a third are proposals competing for budget and people (the optimiser's pipeline)
    assert Project.objects.filter(lifecycle=Lifecycle.ACTIVE).count() >= 20
    assert Project.objects.filter(lifecycle=Lifecycle.PROPOSAL).count() >= 20
    assert StrategicObjective.objects.filter(parent__isnull=True).count() >= 6
    assert StrategicObjective.objects.filter(parent__isnull=False).count() >= 4
    assert Programme.objects.count() >= 4
    assert User.objects.count() >= 30
    assert Project.objects.filter(programme__isnull=True).exists()
    assert demo["projects"] == Project.objects.count()


@pytest.mark.django_db
def test_every_project_is_complete_and_plausible(demo):
    for project in Project.objects.all():
        assert project.name and project.description, project.code
        assert project.manager_id and project.sponsor_id, project.code
        assert project.planned_start.year >= 2024 and project.planned_finish.year <= 2029, project.code
        assert project.planned_finish > project.planned_start, project.code
        assert 40_000 <= project.budget <= 4_500_000, project.code
        assert project.objective_links.exists(), project.code
        # create_project puts the manager and sponsor on the team
        assert project.memberships.filter(role=ProjectRole.PROJECT_MANAGER, user=project.manager).exists()
        assert project.memberships.filter(role=ProjectRole.SPONSOR, user=project.sponsor).exists()


@pytest.mark.django_db
def test_lifecycle_history_follows_allowed_transitions(demo):
    admin = User.objects.get(username="admin")
    for project in Project.objects.all():
        records = list(project.history.order_by("history_date", "history_id"))
        states = [records[0].lifecycle]
        for record in records[1:]:
            if record.lifecycle != states[-1]:
                assert record.lifecycle in TRANSITIONS[states[-1]], (project.code, states, record.lifecycle)
                states.append(record.lifecycle)
        assert states[0] == Lifecycle.PROPOSAL
        assert states[-1] == project.lifecycle
        assert all(record.history_user_id == admin.pk for record in records)
    closed = Project.objects.filter(lifecycle=Lifecycle.CLOSED).first()
    closed_states = [r.lifecycle for r in closed.history.order_by("history_date", "history_id")]
    assert closed_states[:4] == ["proposal", "approved", "active", "closing"]


@pytest.mark.django_db
def test_loading_twice_adds_nothing(demo):
    before = _snapshot()
    again = load_demo()
    assert not any(again.values()), again
    assert _snapshot() == before


@pytest.mark.django_db
def test_member_sees_exactly_their_two_projects(demo):
    member = User.objects.get(username="member")
    mine = Project.objects.filter(memberships__user=member).distinct()
    assert mine.count() == 2
    assert set(ProjectMembership.objects.filter(user=member).values_list("role", flat=True)) == {
        ProjectRole.TEAM_MEMBER
    }
    assert not Project.objects.filter(manager=member).exists()
    assert not Project.objects.filter(sponsor=member).exists()
    assert not ProgrammeMembership.objects.filter(user=member).exists()
    assert set(Project.objects.visible_to(member)) == set(mine)
    assert list(member.groups.values_list("name", flat=True)) == ["member"]


@pytest.mark.django_db
def test_portfolio_manager_sees_everything(demo):
    portfolio = User.objects.get(username="portfolio")
    assert Project.objects.visible_to(portfolio).count() == Project.objects.count()
    assert Programme.objects.visible_to(portfolio).count() == Programme.objects.count()
    assert StrategicObjective.objects.visible_to(portfolio).count() == StrategicObjective.objects.count()


@pytest.mark.django_db
def test_demo_logins_and_their_roles(demo):
    for username in DEMO_LOGINS:
        user = User.objects.get(username=username)
        assert user.check_password("demo"), username
        assert user.first_name and user.last_name and user.job_title, username
    admin = User.objects.get(username="admin")
    assert admin.is_superuser and admin.is_staff
    for username, group in [
        ("portfolio", "portfolio_manager"),
        ("pmo", "pmo_officer"),
        ("pm", "member"),
        ("coe", "coe_lead"),
        ("exec", "executive"),
    ]:
        assert User.objects.get(username=username).groups.filter(name=group).exists(), username
    pmo = User.objects.get(username="pmo")
    assert ProgrammeMembership.objects.filter(user=pmo, role=ProgrammeRole.PMO_OFFICER).count() == 2
    assert 4 <= Project.objects.filter(manager__username="pm").count() <= 5


@pytest.mark.django_db
def test_other_people_cannot_sign_in(demo):
    others = User.objects.exclude(username__in=DEMO_LOGINS)
    assert others.count() >= 30
    assert not any(user.has_usable_password() for user in others)
    assert others.filter(groups__name="member").count() > others.count() / 2
    staffed = set(Project.objects.values_list("manager__username", flat=True))
    assert len(staffed - set(DEMO_LOGINS)) >= 5


def test_data_refers_only_to_known_people_and_objectives():
    usernames = {spec["username"] for spec in data.DEMO_USERS} | {person[0] for person in data.PEOPLE}
    objective_codes = {spec["code"] for spec in data.OBJECTIVES}
    programme_codes = {spec["code"] for spec in data.PROGRAMMES}
    codes = [spec["code"] for spec in data.PROJECTS]
    assert len(codes) == len(set(codes))
    for spec in data.PROJECTS:
        assert {spec["sponsor"], spec["manager"], *spec["team"]} <= usernames, spec["code"]
        assert set(spec["objectives"]) <= objective_codes, spec["code"]
        assert spec["programme"] is None or spec["programme"] in programme_codes, spec["code"]


@pytest.mark.django_db
def test_demo_command_twice(demo):
    first = demo["output"]  # the module's demo was loaded by the command
    assert "Loaded the demo organisation" in first
    assert "http://127.0.0.1:8000/" in first
    second = StringIO()
    call_command("demo", "--no-serve", "--port", "8123", stdout=second)
    assert "already loaded" in second.getvalue()
    assert "http://127.0.0.1:8123/" in second.getvalue()
    for username in DEMO_LOGINS:
        assert username in second.getvalue()
    assert Project.objects.count() == len(data.PROJECTS)


@pytest.mark.django_db
def test_demo_resources_have_leave_demand_and_overallocation(demo):
    import datetime as dt

    from pmo.engine.capacity import months_from
    from pmo.resources.adapters import COUNTING, portfolio_load
    from pmo.resources.models import Commitment, Demand, Leave, Person, ResourceRole

    assert ResourceRole.objects.count() == 8
    assert 28 <= Person.objects.count() <= 32
    assert all(Leave.objects.filter(person=p).exists() for p in Person.objects.all())
    assert Person.objects.filter(start_date__isnull=False).exists()  # hires …
    assert Person.objects.filter(end_date__isnull=False).exists()  # … and departures
    counting = Project.objects.filter(lifecycle__in=COUNTING, planned_finish__gte=dt.date.today())
    assert counting.count() >= 20
    assert not counting.exclude(resource_demand__isnull=False).exists()  # every one has a plan
    proposals = Demand.objects.filter(project__lifecycle=Lifecycle.PROPOSAL)
    assert proposals.exists() and set(proposals.values_list("commitment", flat=True)) == {
        Commitment.TENTATIVE
    }
    member = Person.objects.get(user__username="member")
    assert member.allocations.count() >= 12  # the demo team member sees their own allocations
    load = portfolio_load(months_from(dt.date.today(), 12))
    over = load.over()
    assert 5 <= over.sum() <= 0.5 * over.size  # visible over-allocation, but not everywhere
    assert Person.objects.filter(run_the_business__gt=0).count() == Person.objects.count()


@pytest.mark.django_db
def test_demo_scenarios_are_optimised_and_the_drivers_weighed(demo):
    from pmo.portfolio.models import Scenario, ScenarioStatus
    from pmo.strategy.models import DriverWeighting

    weighting = DriverWeighting.objects.get()
    assert weighting.method == "pairwise" and weighting.consistency_ratio < 0.1
    scenarios = list(Scenario.objects.order_by("name"))
    assert len(scenarios) == 3
    for scenario in scenarios:
        assert scenario.status == ScenarioStatus.DONE, scenario.error
        chosen = [
            row for row in scenario.result["projects"] if not row["running"] and row["start"] is not None
        ]
        left_out = [row for row in scenario.result["projects"] if not row["running"] and row["start"] is None]
        assert chosen and left_out  # the proposals compete: some make it, some do not
        assert all(row["reasons"] for row in left_out)
        if scenario.result["greedy"]["feasible"]:
            assert scenario.result["value"] >= scenario.result["greedy"]["value"]
    money = next(s for s in scenarios if s.value_basis == "risk")
    assert money.result["basis"] == "risk" and money.result["value"] > 100000  # euros
    assert money.result["status"] in ("optimal", "feasible")


@pytest.mark.django_db
def test_demo_benefits_map_and_rollup(demo):
    import datetime as dt

    from pmo.strategy import benefits
    from pmo.strategy.models import Benefit, BenefitValue, Change

    portfolio = Portfolio.objects.get()
    admin = get_user_model().objects.get(username="admin")
    assert Benefit.objects.count() == 15 and Change.objects.count() == 7
    rows = {r.benefit.code: r for r in benefits.rows(admin, portfolio)}
    assert [code for code, r in rows.items() if r.flags] == ["B09"]  # the one left incomplete on purpose
    assert rows["B02"].shared and rows["B04"].shared
    assert BenefitValue.objects.filter(kind="actual", period__gt=dt.date.today()).count() == 0
    rollup = benefits.rollup(admin, portfolio)
    assert rollup.double_counted > 0  # shared benefits, counted once
    assert any(p.actual for p in rollup.periods)
    drawn = benefits.benefit_map(admin, portfolio)
    assert {n.column for n in drawn.nodes} == {0, 1, 2, 3, 4}


@pytest.mark.django_db
def test_demo_methods_and_where_the_projects_stand(demo):
    from pmo.coe import compliance
    from pmo.coe.models import Method, ProjectMethod, Waiver

    stage_gate = Method.objects.get(name="Rivierstad Projectaanpak")
    assert [v.number for v in stage_gate.versions.order_by("number")] == [1, 2]
    following = list(ProjectMethod.objects.select_related("phase", "method_version"))
    assert len(following) >= 20
    assert {m.method_version.number for m in following if m.method_version.method == stage_gate} == {1, 2}
    blocked = [m for m in following if compliance.missing_for_gate(m)]
    assert 3 <= len(blocked) < len(following)  # some wait at their gate for a missing deliverable
    assert Waiver.objects.exists()
    scores = compliance.scores(following)
    assert 0 < compliance.pooled(scores.values()) < 1
