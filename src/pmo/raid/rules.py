"""Who may log and change RAID items. Seeing them is decided by `RaidQuerySet.visible_to`.

Anyone involved in a project may log a risk, issue or action on it (raising a risk should be easy); whoever runs the
register the item is now on may change it — the project's managers, the programme office after escalation, the
portfolio managers at the top — and so may the item's owner.
"""

from __future__ import annotations

import rules

from pmo.core.roles import OrgRole, has_role
from pmo.projects.models import Project
from pmo.projects.rules import can_edit_project, is_admin, is_portfolio_manager, manages_programme

from .models import Level


@rules.predicate
def involved_in_project(user, project) -> bool:
    return project is not None and Project.objects.involving(user).filter(pk=project.pk).exists()


@rules.predicate
def runs_register(user, item) -> bool:
    if item is None:
        return False
    if item.level == Level.PROJECT and item.project_id:
        return can_edit_project(user, item.project)
    if item.level == Level.PROGRAMME and item.programme_id:
        return manages_programme(user, item.programme)
    return False


@rules.predicate
def owns_item(user, item) -> bool:
    return item is not None and user.is_authenticated and item.owner_id == user.pk


@rules.predicate
def can_log_on_programme(user, programme) -> bool:
    return manages_programme(user, programme)


@rules.predicate
def is_coe_lead(user) -> bool:
    """The Centre of Excellence reviews and audits projects: its findings and gate conditions become actions."""
    return has_role(user, OrgRole.COE_LEAD)


rules.add_perm("raid.log_item", is_admin | is_portfolio_manager | is_coe_lead | involved_in_project)
rules.add_perm("raid.log_programme_item", is_admin | is_portfolio_manager | can_log_on_programme)
rules.add_perm("raid.change_item", is_admin | is_portfolio_manager | runs_register | owns_item)
rules.add_perm("raid.escalate_item", is_admin | is_portfolio_manager | runs_register)


@rules.predicate
def is_coe_lead(user) -> bool:
    return has_role(user, OrgRole.COE_LEAD)


# the scale is part of the method: the CoE keeps it, with the portfolio managers
rules.add_perm("raid.change_scale", is_admin | is_portfolio_manager | is_coe_lead)
