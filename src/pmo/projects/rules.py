"""Who may change what in portfolios, programmes and projects (object-level `rules` permissions).

Seeing is decided by the `visible_to` querysets in models.py; these rules decide changing.
"""

from __future__ import annotations

import rules

from pmo.core.roles import OrgRole, has_role

from .models import ProgrammeRole, ProjectRole


@rules.predicate
def is_admin(user) -> bool:
    return user.is_authenticated and user.is_superuser


@rules.predicate
def is_portfolio_manager(user) -> bool:
    return has_role(user, OrgRole.PORTFOLIO_MANAGER)


@rules.predicate
def is_pmo_officer(user) -> bool:
    return has_role(user, OrgRole.PMO_OFFICER)


@rules.predicate
def manages_project(user, project) -> bool:
    if project is None or not user.is_authenticated:
        return False
    if project.manager_id == user.pk:
        return True
    return project.memberships.filter(user=user, role=ProjectRole.PROJECT_MANAGER).exists()


@rules.predicate
def supports_project(user, project) -> bool:
    """A PMO officer of the project itself, or of the programme it belongs to."""
    if project is None or not user.is_authenticated:
        return False
    if project.memberships.filter(user=user, role=ProjectRole.PMO_OFFICER).exists():
        return True
    return (
        bool(project.programme_id)
        and project.programme.memberships.filter(user=user, role=ProgrammeRole.PMO_OFFICER).exists()
    )


@rules.predicate
def manages_programme(user, programme) -> bool:
    if programme is None or not user.is_authenticated:
        return False
    return (
        programme.manager_id == user.pk
        or programme.memberships.filter(
            user=user, role__in=[ProgrammeRole.PROGRAMME_MANAGER, ProgrammeRole.PMO_OFFICER]
        ).exists()
    )


@rules.predicate
def is_programme_manager(user, programme) -> bool:
    return programme is not None and user.is_authenticated and programme.manager_id == user.pk


can_edit_project = is_admin | is_portfolio_manager | manages_project | supports_project

rules.add_perm("projects.add_project", is_admin | is_portfolio_manager | is_pmo_officer)
rules.add_perm("projects.change_project", can_edit_project)
rules.add_perm("projects.decide_project", is_admin | is_portfolio_manager)
rules.add_perm("projects.manage_team", can_edit_project)
rules.add_perm("projects.add_programme", is_admin | is_portfolio_manager)
rules.add_perm("projects.change_programme", is_admin | is_portfolio_manager | manages_programme)
rules.add_perm("projects.manage_programme_team", is_admin | is_portfolio_manager | is_programme_manager)
rules.add_perm("projects.add_portfolio", is_admin)
rules.add_perm("projects.change_portfolio", is_admin | is_portfolio_manager)


# -- documents and templates --
@rules.predicate
def works_on_project(user, project) -> bool:
    return project is not None and user.is_authenticated and project.memberships.filter(user=user).exists()


rules.add_perm("projects.manage_documents", can_edit_project | works_on_project)
