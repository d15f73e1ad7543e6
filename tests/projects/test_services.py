"""The project services: validation, lifecycle, permissions, optimistic locking and the audit trail."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from pmo.core.services import ConflictError
from pmo.projects import services
from pmo.projects.lifecycle import TRANSITIONS, Lifecycle
from pmo.projects.models import Project, ProjectMembership, ProjectRole
from tests.conftest import align

pytestmark = pytest.mark.django_db


def test_create_project_starts_as_proposal_with_manager_on_the_team(org):
    project = services.create_project(
        acting_user=org.portfolio_manager, code="P-9", name="Nieuw", programme=org.programme, manager=org.pm
    )
    assert project.lifecycle == Lifecycle.PROPOSAL
    assert project.portfolio == org.portfolio  # taken from the programme
    assert ProjectMembership.objects.filter(
        project=project, user=org.pm, role=ProjectRole.PROJECT_MANAGER
    ).exists()


def test_duplicate_code_is_refused_with_a_clear_message_and_nothing_saved(org):
    before = Project.objects.count()
    with pytest.raises(ValidationError) as error:
        services.create_project(acting_user=org.admin, code="P-1", name="Dubbel", portfolio=org.portfolio)
    assert "A project with this code already exists." in error.value.message_dict["code"]
    assert Project.objects.count() == before


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        (
            {"planned_start": dt.date(2026, 5, 1), "planned_finish": dt.date(2026, 4, 1)},
            "__all__",
            "The planned finish cannot be before the planned start.",
        ),
        ({"budget": Decimal("-1")}, "budget", "greater than or equal to 0"),
    ],
)
def test_invalid_details_are_refused(org, changes, field, message):
    with pytest.raises(ValidationError) as error:
        services.update_project(org.project, acting_user=org.admin, **changes)
    assert any(message in text for text in error.value.message_dict[field])
    org.project.refresh_from_db()
    assert org.project.budget == Decimal("250000")


def test_programme_of_another_portfolio_is_refused(org):
    other = services.create_portfolio(acting_user=org.admin, name="Ander portfolio")
    with pytest.raises(ValidationError) as error:
        services.create_project(
            acting_user=org.admin, code="X-1", name="X", portfolio=other, programme=org.programme
        )
    assert "another portfolio" in error.value.message_dict["programme"][0]


def test_unknown_fields_are_refused(org):
    with pytest.raises(ValidationError, match="Unknown field"):
        services.update_project(org.project, acting_user=org.admin, lifecycle=Lifecycle.CLOSED)


def test_walk_the_main_path_and_record_each_step(org):
    align(org)
    project = org.project
    for state in (Lifecycle.APPROVED, Lifecycle.ACTIVE, Lifecycle.CLOSING, Lifecycle.CLOSED):
        project = services.transition_project(
            project, acting_user=org.portfolio_manager, to=state, reason="besluit"
        )
    assert project.lifecycle == Lifecycle.CLOSED
    reasons = list(project.history.order_by("history_date").values_list("history_change_reason", flat=True))
    assert any("Closing → Closed" in (r or "") for r in reasons)
    assert project.history.latest().history_user == org.portfolio_manager


@pytest.mark.parametrize("state", list(Lifecycle.values))
def test_every_forbidden_transition_is_refused_with_the_allowed_ones(org, state):
    Project.objects.filter(pk=org.project.pk).update(lifecycle=state)
    project = Project.objects.get(pk=org.project.pk)
    for target in set(Lifecycle.values) - set(TRANSITIONS[state]):
        with pytest.raises(ValidationError) as error:
            services.transition_project(project, acting_user=org.admin, to=target)
        text = error.value.message_dict["lifecycle"][0]
        assert f"cannot go from {Lifecycle(state).label} to {Lifecycle(target).label}" in text
        assert "Allowed next states" in text
    assert Project.objects.get(pk=project.pk).lifecycle == state


def test_only_a_portfolio_manager_approves(org):
    align(org)
    with pytest.raises(PermissionDenied):
        services.transition_project(org.project, acting_user=org.pm, to=Lifecycle.APPROVED)
    project = services.transition_project(
        org.project, acting_user=org.portfolio_manager, to=Lifecycle.APPROVED
    )
    project = services.transition_project(project, acting_user=org.pm, to=Lifecycle.ACTIVE)
    assert project.lifecycle == Lifecycle.ACTIVE


@pytest.mark.parametrize("who", ["pm", "pmo_officer", "portfolio_manager", "admin"])
def test_who_may_edit_a_project(org, who):
    project = services.update_project(org.project, acting_user=getattr(org, who), name="Nieuwe naam")
    assert project.name == "Nieuwe naam"


@pytest.mark.parametrize("who", ["member", "outsider", "executive", "coe"])
def test_who_may_not_edit_a_project(org, who):
    with pytest.raises(PermissionDenied):
        services.update_project(org.project, acting_user=getattr(org, who), name="Nieuwe naam")
    assert Project.objects.get(pk=org.project.pk).name == "Nieuw e-loket"


def test_pmo_officer_edits_only_projects_of_supported_programmes(org):
    with pytest.raises(PermissionDenied):
        services.update_project(org.other_project, acting_user=org.pmo_officer, name="X")


def test_stale_edit_is_a_conflict_not_an_overwrite(org):
    version = org.project.version
    services.update_project(org.project, acting_user=org.pm, expected_version=version, name="Eerste")
    with pytest.raises(ConflictError, match="changed by Pm in the meantime") as conflict:
        services.update_project(org.project, acting_user=org.admin, expected_version=version, name="Tweede")
    assert Project.objects.get(pk=org.project.pk).name == "Eerste"
    assert conflict.value.changes == [("name", "Name", "Eerste")]  # what pm changed, as it is now
    assert "Changed: Name → Eerste." in str(conflict.value)


def test_changing_the_manager_moves_the_team_role(org):
    services.update_project(org.project, acting_user=org.admin, manager=org.outsider)
    managers = ProjectMembership.objects.filter(project=org.project, role=ProjectRole.PROJECT_MANAGER)
    assert list(managers.values_list("user__username", flat=True)) == ["outsider"]


def test_the_project_manager_cannot_be_removed_from_the_team_directly(org):
    membership = org.project.memberships.get(role=ProjectRole.PROJECT_MANAGER)
    with pytest.raises(ValidationError, match="another project manager"):
        services.remove_project_member(membership, acting_user=org.admin)


def test_history_shows_who_changed_what(org):
    services.update_project(org.project, acting_user=org.pm, budget=Decimal("300000"))
    record = org.project.history.latest()
    assert record.history_user == org.pm
    delta = record.diff_against(record.prev_record)
    assert [(c.field, c.old, c.new) for c in delta.changes if c.field == "budget"] == [
        ("budget", Decimal("250000.00"), Decimal("300000"))
    ]


def test_failed_write_leaves_no_half_done_work(org):
    """A membership whose role is invalid rolls back, and history gets no row for it."""
    before = ProjectMembership.history.count()
    with pytest.raises(ValidationError):
        services.add_project_member(org.project, acting_user=org.admin, user=org.outsider, role="boss")
    assert ProjectMembership.history.count() == before


def test_programme_office_decides_who_supports_which_projects(org):
    from pmo.projects.models import ProgrammeRole

    with pytest.raises(PermissionDenied):  # a PMO officer does not appoint colleagues
        services.add_programme_member(
            org.other_programme,
            acting_user=org.pmo_officer,
            user=org.pmo_officer,
            role=ProgrammeRole.PMO_OFFICER,
        )
    membership = services.add_programme_member(
        org.other_programme,
        acting_user=org.portfolio_manager,
        user=org.pmo_officer,
        role=ProgrammeRole.PMO_OFFICER,
    )
    assert services.update_project(
        org.other_project, acting_user=org.pmo_officer, name="Ondersteund"
    ).name == ("Ondersteund")
    services.remove_programme_member(membership, acting_user=org.portfolio_manager)
    with pytest.raises(PermissionDenied):
        services.update_project(org.other_project, acting_user=org.pmo_officer, name="Niet meer")


def test_a_proposal_cannot_bypass_approval_through_on_hold(org):
    project = services.transition_project(org.project, acting_user=org.pm, to=Lifecycle.ON_HOLD)
    for target in (Lifecycle.ACTIVE, Lifecycle.APPROVED):
        with pytest.raises(PermissionDenied):
            services.transition_project(project, acting_user=org.pm, to=target)
    assert (
        services.transition_project(project, acting_user=org.pm, to=Lifecycle.PROPOSAL).lifecycle
        == "proposal"
    )


def test_an_approved_project_resumes_from_on_hold_without_a_new_decision(org):
    align(org)
    project = services.transition_project(
        org.project, acting_user=org.portfolio_manager, to=Lifecycle.APPROVED
    )
    project = services.transition_project(project, acting_user=org.pm, to=Lifecycle.ON_HOLD)
    assert services.transition_project(project, acting_user=org.pm, to=Lifecycle.ACTIVE).lifecycle == "active"


def test_a_programme_pmo_officer_cannot_make_themselves_manager(org):
    with pytest.raises(PermissionDenied):
        services.update_programme(org.programme, acting_user=org.pmo_officer, manager=org.pmo_officer)
    assert services.update_programme(
        org.programme, acting_user=org.pmo_officer, name="Digitaal 2.0"
    ).name == ("Digitaal 2.0")


def test_moves_to_another_portfolio_that_would_break_links_are_refused(org):
    from pmo.strategy import services as strategy_services

    other = services.create_portfolio(acting_user=org.admin, name="Elders")
    with pytest.raises(ValidationError, match="cannot move to another portfolio"):
        services.update_programme(org.programme, acting_user=org.admin, portfolio=other)
    strategy_services.link_project(
        org.other_project, org.objective, acting_user=org.admin, contribution="low"
    )
    with pytest.raises(ValidationError, match="Unlink the project"):
        services.update_project(org.other_project, acting_user=org.admin, programme=None, portfolio=other)


def test_manager_and_sponsor_are_not_team_roles(org):
    with pytest.raises(ValidationError, match="chosen in the project's details"):
        services.add_project_member(
            org.project, acting_user=org.admin, user=org.outsider, role=ProjectRole.SPONSOR
        )
