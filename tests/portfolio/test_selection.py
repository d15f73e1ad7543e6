"""The portfolio as an optimisation problem: running projects fixed, proposals as candidates, budget per year,
capacity per role from the people, demand from the resource plans, value from the strategic score."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest

from pmo.engine.portfolio import Dependency, explain, solve, violations
from pmo.portfolio.selection import Settings, build
from pmo.projects import services as project_services
from pmo.raid import services as raid_services
from pmo.raid.models import Dependency as RaidDependency
from pmo.strategy import services as strategy_services

pytestmark = pytest.mark.django_db

START = dt.date(2026, 1, 1)


def test_running_projects_are_fixed_proposals_are_candidates_and_undated_ones_named(org, plan):
    selection = build(org.portfolio, Settings(first_month=START, horizon=24, annual_budget=400000))
    problem = selection.problem
    by_id = {c.id: c for c in problem.candidates}
    assert set(by_id) == {"P-1", "P-3"}
    proposal, running = by_id["P-1"], by_id["P-3"]
    assert proposal.fixed_start is None and proposal.duration == 12
    assert proposal.cost == pytest.approx((250000 / 12,) * 12)
    assert proposal.demand == {"Developer": pytest.approx((1.0,) * 12)}
    assert proposal.value == pytest.approx(100.0)  # strong on the only driver
    assert running.fixed_start == -6 and running.duration == 12
    assert running.demand["Architect"][6:] == pytest.approx((0.5,) * 6)
    assert selection.projects["P-1"] == org.project
    assert any("P-2 has no planned start and finish" in note for note in selection.skipped)
    assert [(b.first, b.last, b.limit) for b in problem.budgets] == [(0, 11, 400000), (12, 23, 400000)]
    developers = problem.capacity["Developer"]
    assert len(developers) == 24 and 1.0 < max(developers) <= 1.5  # Daan 1.0 + Eva 0.5, less holidays


def test_the_optimiser_takes_the_proposal_where_it_fits_and_explains_when_it_does_not(org, plan):
    roomy = build(org.portfolio, Settings(first_month=START, horizon=24, annual_budget=400000))
    result = solve(roomy.problem, time_limit=5)
    assert result.status == "optimal"
    assert "P-1" in result.starts and result.starts["P-3"] == -6
    assert violations(roomy.problem, result.starts) == []

    tight = build(org.portfolio, Settings(first_month=START, horizon=24, annual_budget=100000))
    result = solve(tight.problem, time_limit=5)
    assert "P-1" not in result.starts
    reasons = explain(tight.problem, result.starts)["P-1"]
    assert {r.kind for r in reasons} == {"budget"}
    # the running project spends 60,000 in the first year: within 100,000, so no note about it
    assert not any("Running projects already spend" in note for note in tight.skipped)


def test_running_projects_above_the_limits_keep_going_and_are_noted(org, plan):
    selection = build(
        org.portfolio, Settings(first_month=START, horizon=24, annual_budget=10000, capacity_factor=0.5)
    )
    notes = " ".join(selection.skipped)
    assert re.search("Running projects already spend €\u00a060[.,]000 in 01/2026–12/2026", notes)
    first_year = selection.problem.budgets[0]
    assert first_year.limit == pytest.approx(60000)  # raised to what P-3 uses: only proposals compete
    assert solve(selection.problem, time_limit=5).starts.get("P-3") == -6


def test_forced_projects_and_bad_settings(org, plan):
    forced = build(
        org.portfolio, Settings(first_month=START, horizon=24, forced_out=frozenset({org.project.pk}))
    )
    assert {c.id: c.force for c in forced.problem.candidates}["P-1"] == "out"
    with pytest.raises(ValueError, match="forced in and out at once"):
        Settings(first_month=START, forced_in=frozenset({1}), forced_out=frozenset({1}))
    with pytest.raises(ValueError, match="horizon must lie between 1 and 120"):
        Settings(first_month=START, horizon=0)
    with pytest.raises(ValueError, match="annual budget cannot be negative"):
        Settings(first_month=START, annual_budget=-1)


def test_open_dependencies_in_the_register_order_and_tie_proposals(org, plan):
    follow_up = project_services.create_project(
        acting_user=org.admin,
        code="P-4",
        name="Vervolg",
        portfolio=org.portfolio,
        planned_start=dt.date(2026, 3, 1),
        planned_finish=dt.date(2026, 5, 31),
        budget=Decimal("30000"),
    )
    strategy_services.link_project(follow_up, org.objective, acting_user=org.admin, contribution="low")
    raid_services.log_item(
        RaidDependency, acting_user=org.admin, project=follow_up, title="Loket nodig", depends_on=org.project
    )
    met = raid_services.log_item(
        RaidDependency, acting_user=org.admin, project=follow_up, title="Oud", depends_on=plan, status="met"
    )
    selection = build(org.portfolio, Settings(first_month=START, horizon=24))
    assert set(selection.problem.dependencies) == {
        Dependency("P-1", "P-4", "after"),
        Dependency("P-1", "P-4", "requires"),
    }  # the met dependency on the running P-3 no longer counts
    result = solve(selection.problem, time_limit=5)
    assert result.starts["P-4"] >= result.starts["P-1"] + 12  # after the loket is delivered
    assert violations(selection.problem, result.starts) == []
    raid_services.update_item(met, acting_user=org.admin, status="open")
    selection = build(org.portfolio, Settings(first_month=START, horizon=24))
    assert Dependency("P-3", "P-4", "after") in selection.problem.dependencies
    assert Dependency("P-3", "P-4", "requires") not in selection.problem.dependencies  # P-3 runs anyway
