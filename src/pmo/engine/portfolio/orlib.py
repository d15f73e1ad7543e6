"""OR-Library multidimensional knapsack files (`mknap1.txt`, `mknapcb*.txt`) read as portfolio problems: each item
is a candidate project, each constraint a budget. An item's weight in constraint k is what the project costs in
month k, and the capacity of constraint k is month k's budget; every project must start in month 0 and lasts as many
months as there are constraints — so selecting projects within the monthly budgets is exactly the knapsack problem.
Petersen's (1967) R&D selection problems in `mknap1.txt` were budgets per period in the first place."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .problem import Budget, Candidate, Problem


@dataclass(frozen=True)
class Knapsack:
    name: str
    profits: tuple[float, ...]
    weights: tuple[tuple[float, ...], ...]  # constraint × item
    capacities: tuple[float, ...]
    optimum: float  # as given in the file; 0 when unknown

    def problem(self) -> Problem:
        m = len(self.capacities)
        candidates = tuple(
            Candidate(
                id=f"item {j + 1}",
                duration=m,
                cost=tuple(self.weights[k][j] for k in range(m)),
                value=self.profits[j],
                earliest=0,
                deadline=m,
            )
            for j in range(len(self.profits))
        )
        budgets = tuple(Budget(k, k, self.capacities[k], name=f"constraint {k + 1}") for k in range(m))
        return Problem(horizon=m, candidates=candidates, budgets=budgets)


def read(path: str | Path) -> list[Knapsack]:
    tokens = Path(path).read_text().split()
    pos = 0

    def take(count: int) -> list[float]:
        nonlocal pos
        if pos + count > len(tokens):
            raise ValueError(f"{path}: the file ends early")
        out = [float(t) for t in tokens[pos : pos + count]]
        pos += count
        return out

    (problems,) = take(1)
    out = []
    stem = Path(path).stem
    for k in range(int(problems)):
        n, m, optimum = take(3)
        n, m = int(n), int(m)
        profits = take(n)
        weights = tuple(tuple(take(n)) for _ in range(m))
        capacities = take(m)
        out.append(Knapsack(f"{stem}-{k + 1}", tuple(profits), weights, tuple(capacities), optimum))
    return out
