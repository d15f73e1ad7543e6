"""Every write to portfolios, programmes, projects and their teams."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from pmo.core.services import (
    audited_delete,
    audited_save,
    check_version,
    create_object,
    only_fields,
    require,
    update_object,
)

from .lifecycle import APPROVED_STATES, PORTFOLIO_DECISIONS, Lifecycle, allowed_next
from .models import Portfolio, Programme, ProgrammeMembership, Project, ProjectMembership, ProjectRole

PROJECT_FIELDS = frozenset(
    {
        "code",
        "name",
        "description",
        "portfolio",
        "programme",
        "sponsor",
        "manager",
        "planned_start",
        "planned_finish",
        "budget",
    }
)
PROGRAMME_FIELDS = frozenset({"portfolio", "code", "name", "description", "manager", "sponsor"})
PORTFOLIO_FIELDS = frozenset({"name", "description", "owner"})


# --- portfolios ----------------------------------------------------------------------------------------------


@transaction.atomic
def create_portfolio(*, acting_user, **fields: Any) -> Portfolio:
    return create_object(
        Portfolio,
        acting_user=acting_user,
        perm="projects.add_portfolio",
        allowed=PORTFOLIO_FIELDS,
        fields=fields,
    )


@transaction.atomic
def update_portfolio(
    portfolio: Portfolio, *, acting_user, expected_version: int | None = None, **changes: Any
) -> Portfolio:
    return update_object(
        portfolio,
        acting_user=acting_user,
        perm="projects.change_portfolio",
        allowed=PORTFOLIO_FIELDS,
        expected_version=expected_version,
        changes=changes,
    )[0]


# --- programmes ----------------------------------------------------------------------------------------------


@transaction.atomic
def create_programme(*, acting_user, **fields: Any) -> Programme:
    return create_object(
        Programme,
        acting_user=acting_user,
        perm="projects.add_programme",
        allowed=PROGRAMME_FIELDS,
        fields=fields,
    )


PROGRAMME_KEY_FIELDS = frozenset({"portfolio", "manager", "sponsor"})


@transaction.atomic
def update_programme(
    programme: Programme, *, acting_user, expected_version: int | None = None, **changes: Any
) -> Programme:
    """Edit a programme. Who leads it (manager, sponsor) and where it sits are portfolio decisions."""
    moved = {k for k, v in changes.items() if k in PROGRAMME_KEY_FIELDS and _differs(programme, k, v)}
    if moved:
        require(acting_user, "projects.add_programme", programme)
    if "portfolio" in moved and programme.projects.exists():
        raise ValidationError({"portfolio": _("A programme with projects cannot move to another portfolio.")})
    return update_object(
        programme,
        acting_user=acting_user,
        perm="projects.change_programme",
        allowed=PROGRAMME_FIELDS,
        expected_version=expected_version,
        changes=changes,
    )[0]


@transaction.atomic
def add_programme_member(programme: Programme, *, acting_user, user, role: str) -> ProgrammeMembership:
    """Add someone to the programme office; a PMO officer there supports (and may edit) all its projects."""
    require(acting_user, "projects.manage_programme_team", programme)
    return audited_save(
        ProgrammeMembership(programme=programme, user=user, role=role), acting_user=acting_user
    )


@transaction.atomic
def remove_programme_member(membership: ProgrammeMembership, *, acting_user) -> None:
    require(acting_user, "projects.manage_programme_team", membership.programme)
    audited_delete(membership, acting_user=acting_user)


# --- projects ------------------------------------------------------------------------------------------------


@transaction.atomic
def create_project(*, acting_user, **fields: Any) -> Project:
    """Create a project proposal; its manager and sponsor join its team."""
    require(acting_user, "projects.add_project")
    fields = only_fields(fields, PROJECT_FIELDS)
    if not fields.get("portfolio") and fields.get("programme"):
        fields["portfolio"] = fields["programme"].portfolio
    project = audited_save(Project(lifecycle=Lifecycle.PROPOSAL, **fields), acting_user=acting_user)
    _sync_key_roles(project, acting_user=acting_user)
    return project


def _differs(instance, name: str, value: Any) -> bool:
    current = getattr(instance, name + "_id", getattr(instance, name, None))
    return current != (value.pk if hasattr(value, "pk") else value)


@transaction.atomic
def update_project(
    project: Project, *, acting_user, expected_version: int | None = None, reason: str = "", **changes: Any
):
    """Change a project's details (`reason`, if given, goes into its history). The lifecycle state changes only
    through `transition_project`."""
    if _differs(project, "portfolio", changes.get("portfolio", project.portfolio_id)) and (
        project.objective_links.exists()
    ):
        raise ValidationError(
            {
                "portfolio": _(
                    "Unlink the project from its strategic objectives before moving it to another portfolio."
                )
            }
        )
    project, changed = update_object(
        project,
        acting_user=acting_user,
        perm="projects.change_project",
        allowed=PROJECT_FIELDS,
        expected_version=expected_version,
        changes=changes,
        reason=reason,
    )
    if {"manager", "sponsor"} & set(changed):
        _sync_key_roles(project, acting_user=acting_user)
    return project


@transaction.atomic
def transition_project(
    project: Project, *, acting_user, to: str, reason: str = "", expected_version: int | None = None
) -> Project:
    """Move a project to another lifecycle state, if the lifecycle allows it and the user may decide it."""
    require(acting_user, "projects.change_project", project)
    project = Project.objects.select_for_update().get(pk=project.pk)
    check_version(project, expected_version)
    if to not in Lifecycle.values:
        raise ValidationError({"lifecycle": _("'%(state)s' is not a lifecycle state.") % {"state": to}})
    if to not in allowed_next(project.lifecycle):
        allowed = ", ".join(str(Lifecycle(s).label) for s in allowed_next(project.lifecycle)) or _("none")
        raise ValidationError(
            {
                "lifecycle": _(
                    "A project cannot go from %(from)s to %(to)s. Allowed next states: %(allowed)s."
                )
                % {"from": Lifecycle(project.lifecycle).label, "to": Lifecycle(to).label, "allowed": allowed}
            }
        )
    if to in PORTFOLIO_DECISIONS or (to in APPROVED_STATES and not _was_approved(project)):
        # approving is a portfolio decision, also when a project comes back from "on hold" unapproved
        require(acting_user, "projects.decide_project", project)
    if to in APPROVED_STATES and not _was_approved(project) and not project.objective_links.exists():
        # the alignment guarantee: every approved initiative serves the strategy
        raise ValidationError(
            {
                "lifecycle": _(
                    "%(code)s serves no strategic objective. Link it to at least one objective (Strategy tab) "
                    "before approving it."
                )
                % {"code": project.code}
            }
        )
    previous = project.get_lifecycle_display()
    project.lifecycle = to
    note = _("Lifecycle: %(from)s → %(to)s") % {"from": previous, "to": project.get_lifecycle_display()}
    return audited_save(
        project, acting_user=acting_user, reason=f"{note}. {reason}".strip() if reason else note
    )


def _was_approved(project: Project) -> bool:
    return project.history.filter(lifecycle__in=APPROVED_STATES).exists()


@transaction.atomic
def add_project_member(project: Project, *, acting_user, user, role: str) -> ProjectMembership:
    require(acting_user, "projects.manage_team", project)
    if role in KEY_ROLES:
        raise ValidationError(
            {
                "role": _(
                    "The project manager and the sponsor are chosen in the project's details, not in the team."
                )
            }
        )
    return audited_save(ProjectMembership(project=project, user=user, role=role), acting_user=acting_user)


@transaction.atomic
def remove_project_member(membership: ProjectMembership, *, acting_user) -> None:
    require(acting_user, "projects.manage_team", membership.project)
    project = membership.project
    if membership.role == ProjectRole.PROJECT_MANAGER and membership.user_id == project.manager_id:
        raise ValidationError(_("Choose another project manager for the project before removing this one."))
    if membership.role == ProjectRole.SPONSOR and membership.user_id == project.sponsor_id:
        raise ValidationError(_("Choose another sponsor for the project before removing this one."))
    audited_delete(membership, acting_user=acting_user)


KEY_ROLES = frozenset({ProjectRole.PROJECT_MANAGER, ProjectRole.SPONSOR})


def _sync_key_roles(project: Project, *, acting_user) -> None:
    """Keep the project manager and sponsor fields and their team roles in step."""
    for role, user_id in (
        (ProjectRole.PROJECT_MANAGER, project.manager_id),
        (ProjectRole.SPONSOR, project.sponsor_id),
    ):
        for stale in project.memberships.filter(role=role).exclude(user_id=user_id):
            audited_delete(stale, acting_user=acting_user, reason=_("Replaced in the project's details"))
        if user_id and not project.memberships.filter(role=role, user_id=user_id).exists():
            audited_save(
                ProjectMembership(project=project, user_id=user_id, role=role), acting_user=acting_user
            )
