"""The exact RCPSP model in OR-Tools CP-SAT, behind `rcpsp.solve`.

The model:

- one fixed-size interval per activity; its start lies in the window [head, upper bound - tail], where head and tail
  are the longest link paths from the project start and to the project end, and the upper bound is the heuristic's
  makespan (its schedule is the hint, so the search starts from a feasible schedule);
- the links as inequalities, plus the transitive ones: `start[b] >= start[a] + d(a, b)` with d the longest link path,
  for pairs that share a resource (the resource propagators then see the true distance at once);
- one cumulative constraint per resource;
- a redundant no-overlap (disjunctive) constraint on cliques of activities of which no two can run at the same time
  because together they need more of some resource than exists; every such pair lies in at least one clique.
  The disjunctive propagators (edge finding, precedences) are much stronger than the cumulative ones on these.

The search: CP-SAT's `no_lp` worker (its complete search without the linear relaxation, which slows the proofs
down about threefold on this model) and, on the second worker, CP-SAT's neighbourhood searches made for scheduling,
which find the shorter schedules (the generic ones find fewer here). Once a schedule is known, every step of the
complete search is an attempt to prove that one period less is impossible. Measured with bench/rcpsp.py (PSPLIB,
10 s, two workers) against CP-SAT's default portfolio, the objective lower-bound and shaving searches, the LP tree
search and a destructive fixed-makespan loop, this proves the most j30 instances and finds the best j60 schedules.
"""

from __future__ import annotations

import math

import numpy as np
from ortools.sat.python import cp_model

from .rcpsp import Rcpsp, RcpspResult

NO_PATH = np.iinfo(np.int64).min // 4  # in the distance matrix: no link path between the two activities

PARAMETERS: dict[str, object] = {
    "linearization_level": 0,  # no linear relaxation: it slows the proofs down threefold
    "use_strong_propagation_in_disjunctive": True,
}
# the complete search, and the neighbourhood searches made for scheduling (the generic ones find less here)
SUBSOLVERS = ("no_lp", "scheduling_*_lns")


def longest_paths(problem: Rcpsp) -> np.ndarray:
    """d[a, b]: the least number of periods between the start of a and the start of b that the links impose
    (the longest link path), NO_PATH when b does not follow a; d[a, a] = 0."""
    n = problem.size
    successors: list[list[tuple[int, int]]] = [[] for _ in range(n)]
    for p, s, lag in zip(
        problem.predecessor.tolist(), problem.successor.tolist(), problem.lag.tolist(), strict=True
    ):
        successors[p].append((s, int(problem.duration[p]) + lag))
    distance = np.full((n, n), NO_PATH, dtype=np.int64)
    np.fill_diagonal(distance, 0)
    for a in reversed(_topological_order(problem, successors)):
        for b, step in successors[a]:
            reachable = distance[b] != NO_PATH
            distance[a, reachable] = np.maximum(distance[a, reachable], distance[b, reachable] + step)
    return distance


def _topological_order(problem: Rcpsp, successors: list[list[tuple[int, int]]]) -> list[int]:
    waiting = np.bincount(problem.successor, minlength=problem.size)
    order = [j for j in range(problem.size) if waiting[j] == 0]
    for a in order:  # the list grows while it is read
        for b, _step in successors[a]:
            waiting[b] -= 1
            if waiting[b] == 0:
                order.append(b)
    return order


def conflict_cliques(problem: Rcpsp) -> list[list[int]]:
    """Groups of activities of which no two can run at the same time (any two together need more of some resource
    than exists). Every conflicting pair is in at least one group: from each pair not yet covered, a clique is
    grown greedily, most conflicting activities first."""
    demand, capacity = problem.demand, problem.capacity
    active = [j for j in range(problem.size) if problem.duration[j] > 0 and demand[j].any()]
    conflict = {j: {k for k in active if k != j and (demand[j] + demand[k] > capacity).any()} for j in active}
    by_degree = sorted(active, key=lambda j: (-len(conflict[j]), j))
    covered: set[tuple[int, int]] = set()
    cliques = []
    for a in by_degree:
        for b in by_degree:
            if b not in conflict[a] or (min(a, b), max(a, b)) in covered:
                continue
            clique = [a, b]
            for c in by_degree:
                if c not in clique and all(c in conflict[k] for k in clique):
                    clique.append(c)
            covered.update((min(x, y), max(x, y)) for x in clique for y in clique if x < y)
            cliques.append(sorted(clique))
    return cliques


def _build(
    problem: Rcpsp, start: RcpspResult
) -> tuple[cp_model.CpModel, list[cp_model.IntVar], cp_model.IntVar]:
    n, horizon = problem.size, start.makespan
    distance = longest_paths(problem)
    finish_distance = np.where(distance != NO_PATH, distance + problem.duration[None, :], NO_PATH)
    head, tail = distance.max(axis=0), finish_distance.max(axis=1)  # from the project start / to its end
    model = cp_model.CpModel()
    starts = [model.new_int_var(int(head[j]), int(horizon - tail[j]), f"s{j}") for j in range(n)]
    intervals = [
        model.new_fixed_size_interval_var(starts[j], int(problem.duration[j]), f"i{j}") for j in range(n)
    ]
    for p, s, lag in zip(
        problem.predecessor.tolist(), problem.successor.tolist(), problem.lag.tolist(), strict=True
    ):
        model.add(starts[s] >= starts[p] + int(problem.duration[p]) + lag)
    uses = problem.demand > 0
    for a, b in zip(*np.nonzero(distance != NO_PATH), strict=True):
        if a != b and (uses[a] & uses[b]).any():  # transitive links, where a resource propagator can use them
            model.add(starts[b] >= starts[a] + int(distance[a, b]))
    for r, cap in enumerate(problem.capacity.tolist()):
        users = [j for j in range(n) if uses[j, r] and problem.duration[j] > 0]
        if users:
            model.add_cumulative(
                [intervals[j] for j in users], [int(problem.demand[j, r]) for j in users], cap
            )
    for clique in conflict_cliques(problem):
        model.add_no_overlap([intervals[j] for j in clique])
    makespan = model.new_int_var(start.lower_bound, horizon, "makespan")
    for j in set(range(n)) - set(problem.predecessor.tolist()):  # the activities without successors
        model.add(makespan >= starts[j] + int(problem.duration[j]))
    for j in range(n):
        model.add_hint(starts[j], int(start.starts[j]))
    model.minimize(makespan)
    return model, starts, makespan


def improve(
    problem: Rcpsp, start: RcpspResult, time_limit: float, workers: int
) -> tuple[np.ndarray, int, int, bool]:
    """CP-SAT from `start` (a feasible schedule and a lower bound) for at most `time_limit` seconds: the best
    schedule, its makespan, the best lower bound and whether that schedule is proven optimal."""
    model, starts, makespan = _build(problem, start)
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = float(time_limit)
    solver.parameters.num_workers = int(workers)
    for name, value in PARAMETERS.items():
        setattr(solver.parameters, name, value)
    solver.parameters.filter_subsolvers.extend(SUBSOLVERS)
    status = solver.solve(model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return start.starts, start.makespan, start.lower_bound, False
    span = int(solver.value(makespan))
    bound = max(start.lower_bound, math.ceil(solver.best_objective_bound - 1e-9))
    if span > start.makespan:  # cannot happen with the hint, but never return worse than the start
        return start.starts, start.makespan, bound, False
    found = np.array([solver.value(v) for v in starts], dtype=np.int64)
    return found, span, bound, status == cp_model.OPTIMAL or span == bound
