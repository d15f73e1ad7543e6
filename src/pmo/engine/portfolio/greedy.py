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

    def fits(self, j: int) -> bool:
        lo, hi = self.csc.indptr[j], self.csc.indptr[j + 1]
        rows = self.csc.indices[lo:hi]
        return bool(np.all(self.act[rows] + self.csc.data[lo:hi] <= self.slack[rows]))

    def add(self, j: int) -> None:
        lo, hi = self.csc.indptr[j], self.csc.indptr[j + 1]
        self.act[self.csc.indices[lo:hi]] += self.csc.data[lo:hi]
        self.x[j] = 1.0

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
            or (problem.candidates[i].running)
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
