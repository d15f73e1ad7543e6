"""Who may change strategic objectives and project–objective links."""

import rules

from pmo.projects.rules import can_edit_project, is_admin, is_portfolio_manager

rules.add_perm("strategy.add_objective", is_admin | is_portfolio_manager)
rules.add_perm("strategy.change_objective", is_admin | is_portfolio_manager)


@rules.predicate
def can_edit_link_project(user, link) -> bool:
    return link is not None and can_edit_project(user, link.project)


rules.add_perm("strategy.link_project", is_admin | is_portfolio_manager | can_edit_project)
rules.add_perm("strategy.change_link", is_admin | is_portfolio_manager | can_edit_link_project)
rules.add_perm("strategy.weigh_drivers", is_admin | is_portfolio_manager)


@rules.predicate
def owns_benefit(user, benefit) -> bool:
    return benefit is not None and benefit.owner_id == user.pk


@rules.predicate
def manages_link_project(user, link) -> bool:
    """A project's manager (or support) may say what their project delivers on the benefit map."""
    return (
        link is not None
        and link.source_project_id is not None
        and can_edit_project(user, link.source_project)
    )


rules.add_perm("strategy.manage_benefits", is_admin | is_portfolio_manager)
rules.add_perm("strategy.measure_benefit", is_admin | is_portfolio_manager | owns_benefit)
rules.add_perm("strategy.change_benefit_link", is_admin | is_portfolio_manager | manages_link_project)
