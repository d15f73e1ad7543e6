"""Who writes and who reviews status reports: the project writes (its managers and PMO support), the PMO reviews."""

from __future__ import annotations

import rules

from pmo.projects.rules import (
    can_edit_project,
    is_admin,
    is_pmo_officer,
    is_portfolio_manager,
    supports_project,
)


@rules.predicate
def writes_for(user, report) -> bool:
    return report is not None and can_edit_project(user, report.project)


@rules.predicate
def supports_report_project(user, report) -> bool:
    return report is not None and supports_project(user, report.project)


rules.add_perm("progress.add_report", can_edit_project)  # on a project
rules.add_perm("progress.manage_costs", can_edit_project)  # on a project
rules.add_perm("progress.write_report", writes_for)
rules.add_perm(
    "progress.review_report", is_admin | is_portfolio_manager | is_pmo_officer | supports_report_project
)
