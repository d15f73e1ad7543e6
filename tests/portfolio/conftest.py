"""A portfolio with a proposal, a running project and people to do the work."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from pmo.projects import services as project_services
from pmo.strategy import services as strategy_services
from tests.resources.conftest import ask, month, staff  # noqa: F401  (the fixture)


@pytest.fixture
def plan(org, staff):  # noqa: F811
    """P-1: a proposal for 2026 asking one developer; P-3: approved, running since July 2025; P-2 has no dates."""
    strategy_services.link_project(org.project, org.objective, acting_user=org.admin, contribution="high")
    ask(org.project, org.pm, staff["developer"], month(2026, 1), month(2026, 12), Decimal("1"))
    running = project_services.create_project(
        acting_user=org.admin,
        code="P-3",
        name="Loopt al",
        portfolio=org.portfolio,
        planned_start=dt.date(2025, 7, 1),
        planned_finish=dt.date(2026, 6, 30),
        budget=Decimal("120000"),
    )
    strategy_services.link_project(running, org.objective, acting_user=org.admin, contribution="low")
    project_services.transition_project(running, acting_user=org.portfolio_manager, to="approved")
    ask(running, org.admin, staff["architect"], month(2025, 7), month(2026, 6), Decimal("0.5"))
    return running
