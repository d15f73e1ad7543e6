"""The efficient frontier: the best value the portfolio reaches at each level of budget (or of capacity), so that the
portfolio office sees what another million, or another team, would buy."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass

from .problem import Budget, Problem, Solution
from .solve import Progress, solve

DEFAULT_LEVELS = (0.6, 0.7, 0.8, 0.9, 1.0, 1.1, 1.2, 1.3, 1.4)


@dataclass(frozen=True)
class Point:
    level: float  # the factor applied to every budget (or capacity)
    budget: float  # the total budget at this level (summed over the budgets that do not overlap)
    solution: Solution

    @property
    def value(self) -> float:
        return self.solution.value


def scaled(problem: Problem, level: float, what: str = "budget") -> Problem:
    """The problem with every budget (`what="budget"`) or every role's capacity (`"capacity"`) times `level`."""
    if level < 0:
        raise ValueError(f"a frontier level cannot be negative ({level})")
    if what == "budget":
        budgets = tuple(dataclasses.replace(b, limit=b.limit * level) for b in problem.budgets)
        return dataclasses.replace(problem, budgets=budgets)
    if what == "capacity":
        capacity = {r: tuple(c * level for c in p) for r, p in problem.capacity.items()}
        return dataclasses.replace(problem, capacity=capacity)
    raise ValueError(f"the frontier sweeps 'budget' or 'capacity', not {what!r}")


def _total(budgets: Sequence[Budget]) -> float:
    """The budgets summed without counting a month twice: widest first, each taken when it overlaps none taken."""
    taken: list[Budget] = []
    for b in sorted(budgets, key=lambda b: (b.first - b.last, b.first)):
        if all(b.last < t.first or b.first > t.last for t in taken):
            taken.append(b)
    return sum(b.limit for b in taken)


def frontier(
    problem: Problem,
    levels: Sequence[float] = DEFAULT_LEVELS,
    *,
    what: str = "budget",
    time_limit: float = 60.0,
    progress: Progress | None = None,
) -> list[Point]:
    """Solve the problem at each level; `time_limit` is shared between the levels."""
    points = []
    each = time_limit / max(len(levels), 1)
    for n, level in enumerate(sorted(levels)):
        if progress:
            progress(n / len(levels), f"{what} × {level:g}")
        variant = scaled(problem, level, what)
        points.append(Point(level, _total(variant.budgets), solve(variant, time_limit=each)))
    if progress:
        progress(1.0, "done")
    return points
