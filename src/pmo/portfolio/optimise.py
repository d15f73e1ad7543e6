"""Running a scenario (in the background worker): the portfolio as a problem, the optimiser beside the ranking
baseline, the reasons for every proposal left out or started late, and the efficient frontier over budget levels.
The result is stored on the scenario as JSON for its page."""

from __future__ import annotations

import math
import time
from collections import defaultdict

from django.db import transaction

from pmo.engine.portfolio import check, explain, greedy, solve
from pmo.engine.portfolio.model import build as build_model

from .models import Scenario, ScenarioStatus
from .selection import Selection, Settings, build

FRONTIER_LEVELS = (0.6, 0.8, 1.0, 1.2, 1.4)
#: The capacity frontier: the scenario's people of every role, times these.
CAPACITY_LEVELS = (0.8, 0.9, 1.0, 1.1, 1.2)


def settings_of(scenario: Scenario) -> Settings:
    codes = dict(scenario.portfolio.projects.values_list("code", "pk"))
    return Settings(
        first_month=scenario.first_month,
        horizon=scenario.horizon,
        annual_budget=float(scenario.annual_budget) if scenario.annual_budget is not None else None,
        capacity_factor=float(scenario.capacity_factor),
        budget_period=scenario.budget_period,
        forced_in=frozenset(codes[c] for c in scenario.forced_in if c in codes),
        forced_out=frozenset(codes[c] for c in scenario.forced_out if c in codes),
        value_basis=scenario.value_basis,
        discount_rate=float(scenario.discount_rate) / 100,
        balance=tuple(scenario.balance or ()),
    )


def execute(scenario_id: int) -> None:
    """Run one scenario and store its result (called by the worker)."""
    scenario = Scenario.objects.select_related("portfolio").get(pk=scenario_id)
    Scenario.objects.filter(pk=scenario_id).update(
        status=ScenarioStatus.RUNNING, progress=0, step="", error=""
    )
    last = [0.0]

    def progress(share: float, step: str) -> None:
        if time.monotonic() - last[0] > 0.5 or share >= 1:
            last[0] = time.monotonic()
            Scenario.objects.filter(pk=scenario_id).update(
                progress=min(int(100 * share), 99), step=step[:200]
            )

    try:
        result = summarise(scenario, build(scenario.portfolio, settings_of(scenario)), progress)
    except Exception as error:  # the scenario page shows what went wrong; the worker carries on
        Scenario.objects.filter(pk=scenario_id).update(status=ScenarioStatus.FAILED, error=str(error)[:2000])
        raise
    with transaction.atomic():
        Scenario.objects.filter(pk=scenario_id).update(
            status=ScenarioStatus.DONE, progress=100, step="", result=result
        )


def summarise(scenario: Scenario, selection: Selection, progress) -> dict:
    problem = selection.problem
    model = build_model(problem)
    sweeps = []
    if scenario.annual_budget is not None and problem.size > 0:
        sweeps.append("budget")
    if problem.capacity and problem.size > 0:
        sweeps.append("capacity")
    main_share = 1.0 - 0.2 * len(sweeps)
    baseline = greedy(problem, model)

    result = solve(
        problem,
        time_limit=scenario.time_limit * main_share,
        model=model,
        progress=lambda share, step: progress(share * main_share, step),
    )
    reasons = explain(problem, result.starts, model=model) if result.feasible else {}
    frontiers = {}
    for n, sweep in enumerate(sweeps):
        done = main_share + 0.2 * n
        frontiers[sweep] = _frontier(scenario, selection, result, sweep, progress, done, done + 0.2)
    return {
        "basis": scenario.value_basis,
        "months": [m.isoformat() for m in selection.months],
        "status": result.status,
        "value": _score(problem, result.starts),
        "objective": round(result.value, 3),
        "bound": None if math.isinf(result.bound) else round(result.bound, 3),
        "gap": None if math.isinf(result.gap) else round(result.gap, 5),
        "seconds": round(result.seconds, 2),
        "method": result.method,
        "conflicts": list(result.conflicts),
        "greedy": {"value": _score(problem, baseline.starts), "feasible": baseline.feasible},
        "notes": selection.skipped,
        "projects": [
            _project(selection, c, result.starts.get(c.id), baseline.starts.get(c.id), reasons.get(c.id, ()))
            for c in problem.candidates
        ],
        "cost_per_year": _cost_per_year(selection, result.starts),
        "utilisation": _utilisation(selection, result.starts),
        "frontier": frontiers.get("budget", []),
        "capacity_frontier": frontiers.get("capacity", []),
    }


def _frontier(
    scenario: Scenario, selection: Selection, main, sweep: str, progress, done: float, until: float
) -> list[dict]:
    """The best value at other budgets per year, or with more or fewer people of every role (running work keeps
    its room at every level); each level but the scenario's own (already solved) gets an equal share of the time
    from `done` to `until`."""
    levels = FRONTIER_LEVELS if sweep == "budget" else CAPACITY_LEVELS
    others = [level for level in levels if level != 1.0]
    each = scenario.time_limit * (until - done) / len(others)
    annual = float(scenario.annual_budget) if scenario.annual_budget is not None else None
    out = []
    for n, level in enumerate(levels):
        progress(done + (until - done) * n / len(levels), f"frontier: {sweep} × {level:g}")
        problem = selection.at_budget(annual * level) if sweep == "budget" else selection.at_capacity(level)
        solution = main if level == 1.0 else solve(problem, time_limit=each)
        point = {"level": level, "value": _score(problem, solution.starts), "status": solution.status}
        if sweep == "budget":
            point["budget"] = round(annual * level * len(selection.months) / 12, 2)
        out.append(point)
    return out


def _score(problem, starts) -> float:
    """What the page shows as the value: the strategic score of the chosen proposals and running projects
    (undiscounted), or, when the value is money, the net present value of their benefits (risk-adjusted where
    chosen), as the optimiser counts it."""
    if any(c.benefits for c in problem.candidates):
        return round(check.value(problem, starts), 2)
    return round(sum(c.value for c in problem.candidates if c.id in starts), 3)


def _project(selection: Selection, candidate, start, greedy_start, reasons) -> dict:
    project = selection.projects[candidate.id]
    return {
        "code": candidate.id,
        "pk": project.pk,
        "name": project.name,
        "programme": project.programme_id,
        "running": candidate.running,
        "start": start,
        "greedy_start": greedy_start,
        "duration": candidate.duration,
        "cost": round(candidate.total_cost, 2),
        "value": round(candidate.value + sum(candidate.benefits) * candidate.success, 2),
        "reasons": [{"kind": r.kind, "about": r.about, "months": list(r.months)} for r in reasons],
    }


def _cost_per_year(selection: Selection, starts) -> dict[str, float]:
    problem, out = selection.problem, defaultdict(float)
    by_id = {c.id: c for c in problem.candidates}
    for key, start in starts.items():
        c = by_id[key]
        for k in range(c.duration):
            t = start + k
            if 0 <= t < problem.horizon:
                out[str(selection.month(t).year)] += c.cost[k]
    return {year: round(amount, 2) for year, amount in sorted(out.items())}


def _utilisation(selection: Selection, starts) -> dict[str, float]:
    """Per role: demand of the chosen portfolio over capacity, across the horizon."""
    problem = selection.problem
    by_id = {c.id: c for c in problem.candidates}
    out = {}
    for role, capacity in problem.capacity.items():
        used = 0.0
        for key, start in starts.items():
            profile = by_id[key].demand.get(role, ())
            used += sum(v for k, v in enumerate(profile) if 0 <= start + k < problem.horizon)
        total = sum(capacity)
        out[role] = round(used / total, 4) if total > 0 else None
    return out
