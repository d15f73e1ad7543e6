"""Who plans resources: the PMO and portfolio office keep the roles, people and leave; a project's managers (and
its PMO support) plan its demand."""

from __future__ import annotations

import rules

from pmo.projects.rules import can_edit_project, is_admin, is_pmo_officer, is_portfolio_manager

manages_capacity = is_admin | is_portfolio_manager | is_pmo_officer

rules.add_perm("resources.manage_capacity", manages_capacity)
rules.add_perm("resources.plan_demand", can_edit_project)  # on a project
