"""The baseline that ranking-based tools use: rank the candidates by value per cost, then take them in that order,
each at the earliest start at which it still fits (budgets, capacity, dependencies, exclusions), skipping those that
fit nowhere. Running and forced-in projects go first."""

from __future__ import annotations

import time

import numpy as np

from .model import Model, build
from .problem import Problem, Solution

EPS = 1e-7


class Packer:
    """Adds columns to a partial solution while every row stays below its upper bound."""

    def __init__(self, model: Model, x: np.ndarray | None = None):
        self.model = model
        self.csc = model.matrix.tocsc()
        self.x = np.zeros(model.columns) if x is None else x.copy()
        self.act = model.matrix @ self.x
        self.slack = model.upper + EPS

    def _column(self, j: int) -> tuple[np.ndarray, np.ndarray]:
        lo, hi = self.csc.indptr[j], self.csc.indptr[j + 1]
        return self.csc.indices[lo:hi], self.csc.data[lo:hi]

    def fits(self, j: int) -> bool:
        rows, vals = self._column(j)
        return bool(np.all(self.act[rows] + vals <= self.slack[rows]))

    def add(self, j: int) -> None:
        rows, vals = self._column(j)
        self.act[rows] += vals
        self.x[j] = 1.0

    def blocked(self, add: int, remove: int | None = None) -> list[int]:
        """The rows (either bound) that adding column `add`, after taking out column `remove`, would break."""
        rows, vals = self._column(add)
        new = self.act[rows] + vals
        if remove is not None:  # take out what `remove` puts on the same rows
            gone_rows, gone_vals = self._column(remove)
            at = np.searchsorted(gone_rows, rows).clip(max=max(len(gone_rows) - 1, 0))
            shared = gone_rows[at] == rows if len(gone_rows) else np.zeros(len(rows), dtype=bool)
            new[shared] -= gone_vals[at[shared]]
        broken = (new > self.slack[rows]) | (new < self.model.lower[rows] - EPS)
        return rows[broken].tolist()

    def place(self, i: int) -> int | None:
        """Start candidate `i` at its earliest start that fits; the column, or None."""
        for j in self.model.columns_of(i):
            if self.fits(j):
                self.add(j)
                return j
        return None

    def feasible(self) -> bool:
        return bool(np.all(self.act >= self.model.lower - EPS) and np.all(self.act <= self.slack))


def ranking(model: Model) -> list[int]:
    """Candidates by value (at their earliest start) per cost, best first; running and forced-in ones first."""
    problem = model.problem

    def key(i: int) -> tuple[int, float]:
        c = problem.candidates[i]
        cols = model.columns_of(i)
        value = model.objective[cols.start] if len(cols) else 0.0
        ratio = value / c.total_cost if c.total_cost > 0 else (np.inf if value > 0 else 0.0)
        return (0 if (c.running or c.force == "in") else 1, -ratio)

    return sorted(range(problem.size), key=key)


def greedy(problem: Problem, model: Model | None = None) -> Solution:
    began = time.perf_counter()
    model = model or build(problem)
    packer = Packer(model)
    for i in ranking(model):
        if (
            model.objective[model.columns_of(i)].max(initial=0.0) > 0
            or problem.candidates[i].force == "in"
            or problem.candidates[i].running
        ):
            packer.place(i)
    status = "feasible" if packer.feasible() else "unknown"  # the ranking failed; that proves nothing
    return Solution(
        status=status,
        starts=model.starts_of(packer.x),
        value=float(model.objective @ packer.x),
        bound=np.inf,
        seconds=time.perf_counter() - began,
        method="greedy",
    )
