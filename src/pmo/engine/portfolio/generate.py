"""Seeded random portfolios for tests and benchmarks, shaped like a PMO's pipeline: durations of 3–18 months,
cost and role demand that ramp up and down, benefit streams after delivery, a budget and capacity far below what all
candidates together would need, and precedence pairs."""

from __future__ import annotations

import numpy as np

from .problem import Budget, Candidate, Dependency, Problem

ROLES = ("Projectleider", "Architect", "Ontwikkelaar", "Tester", "Analist", "Adviseur", "Inkoper", "Trainer")


def _shape(rng: np.random.Generator, duration: int) -> np.ndarray:
    """A profile that ramps up, holds and ramps down (or is flat), normalised to mean 1."""
    kind = rng.integers(3)
    k = np.arange(duration) + 0.5
    if kind == 0:
        p = np.ones(duration)
    elif kind == 1:
        p = np.minimum(k, duration - k) + 1.0
    else:
        p = 1.0 + k / duration
    return p / p.mean()


def portfolio(
    n: int,
    *,
    horizon: int = 36,
    roles: int = 8,
    seed: int = 1,
    budget_share: float = 0.4,
    capacity_share: float = 0.4,
    precedences: int = 20,
    discount_rate: float = 0.08,
) -> Problem:
    rng = np.random.default_rng(seed)
    names = [ROLES[r] if r < len(ROLES) else f"Role {r + 1}" for r in range(roles)]
    candidates = []
    for i in range(n):
        duration = int(rng.integers(3, 19))
        monthly = float(rng.uniform(20, 120))
        cost = np.round(monthly * _shape(rng, duration), 1)
        demand = {}
        for r in rng.choice(roles, size=min(int(rng.integers(2, 5)), roles), replace=False):
            demand[names[r]] = tuple(np.round(rng.uniform(0.3, 3.0) * _shape(rng, duration), 2).tolist())
        payback = rng.uniform(0.6, 2.4)  # benefit over five years as a multiple of the cost
        earliest = int(rng.integers(0, 13)) if rng.random() < 0.25 else 0
        candidates.append(
            Candidate(
                id=f"C{i + 1:03d}",
                duration=duration,
                cost=tuple(cost.tolist()),
                demand=demand,
                benefits=(round(float(cost.sum()) * payback / 60, 2),) * 60,
                success=round(float(rng.uniform(0.6, 1.0)), 2),
                earliest=earliest,
            )
        )
    total = sum(c.total_cost for c in candidates)
    budgets = tuple(Budget(t, t, round(budget_share * total / horizon, 1)) for t in range(horizon))
    capacity = {}
    for role in names:
        need = sum(sum(c.demand.get(role, ())) for c in candidates)
        capacity[role] = (round(capacity_share * need / horizon, 2),) * horizon
    dependencies, pairs = [], set()
    while len(dependencies) < min(precedences, n * (n - 1) // 2):
        a, b = sorted(rng.choice(n, size=2, replace=False).tolist())
        if (a, b) not in pairs:
            pairs.add((a, b))
            dependencies.append(Dependency(candidates[a].id, candidates[b].id, "after"))
    return Problem(
        horizon=horizon,
        candidates=tuple(candidates),
        budgets=budgets,
        capacity=capacity,
        dependencies=tuple(dependencies),
        discount_rate=discount_rate,
    )
