"""Who may work with portfolio scenarios."""

import rules

from pmo.projects.rules import is_admin, is_portfolio_manager

rules.add_perm("portfolio.manage_scenarios", is_admin | is_portfolio_manager)
