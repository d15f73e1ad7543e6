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
