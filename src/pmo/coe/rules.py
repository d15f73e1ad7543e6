"""Who may change the method, a project's place in it, its deliverables, waivers and gate decisions."""

import rules

from pmo.core.roles import OrgRole, has_role
from pmo.projects.rules import can_edit_project, is_admin, is_pmo_officer, is_portfolio_manager


@rules.predicate
def is_coe_lead(user) -> bool:
    return has_role(user, OrgRole.COE_LEAD)


@rules.predicate
def sponsors_project(user, project) -> bool:
    return project is not None and project.sponsor_id == user.pk


rules.add_perm("coe.manage_methods", is_admin | is_coe_lead)
rules.add_perm("coe.follow_method", is_admin | is_coe_lead | is_pmo_officer | can_edit_project)
rules.add_perm("coe.update_deliverable", is_admin | is_coe_lead | can_edit_project)
rules.add_perm("coe.grant_waiver", is_admin | is_coe_lead)
rules.add_perm("coe.decide_gate", is_admin | is_portfolio_manager | is_coe_lead | sponsors_project)

# Reviews and audits
rules.add_perm("coe.manage_questionnaires", is_admin | is_coe_lead)
rules.add_perm("coe.perform_health_check", is_admin | is_coe_lead | is_pmo_officer | can_edit_project)
rules.add_perm("coe.audit", is_admin | is_coe_lead)

# Training, knowledge base, maturity
rules.add_perm("coe.manage_training", is_admin | is_coe_lead)
rules.add_perm("coe.view_training", is_admin | is_coe_lead | is_portfolio_manager | is_pmo_officer)
rules.add_perm("coe.manage_knowledge", is_admin | is_coe_lead)
rules.add_perm("coe.assess_maturity", is_admin | is_coe_lead | is_portfolio_manager)

# Documents and templates
rules.add_perm("coe.manage_templates", is_admin | is_coe_lead)

# Lessons learned
rules.add_perm("coe.manage_lessons", is_admin | is_coe_lead | is_pmo_officer)
rules.add_perm("coe.record_lesson", is_admin | is_coe_lead | is_pmo_officer | can_edit_project)
