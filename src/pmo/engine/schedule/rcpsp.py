"""Resource-constrained scheduling (RCPSP): start every activity as early as the links and the resources allow.

Two ways, for two moments:

- `heuristic(problem)`: a serial schedule generation scheme with the latest-finish-time priority rule, improved by
  forward–backward justification until it stops improving (what desktop planning tools call levelling, done
  better). Milliseconds: instant feedback while editing.
- `solve(problem, time_limit=…)`: the exact model in OR-Tools CP-SAT (`rcpsp_exact.py`: intervals, cumulative and
  disjunctive constraints), started from the heuristic's schedule, with the best proven lower bound; it reports
  whether the result is optimal and the gap.

`check(problem, starts)` is an independent feasibility checker (links and the capacity in every period) that both
are tested against. Durations and times are whole periods (working days); links are finish-to-start with a lag.
"""

from __future__ import annotations

import heapq
import time
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .cpm import cpm, topological_levels
from .network import LinkType, Network


@dataclass(frozen=True)
class Rcpsp:
    """Activities 0 … n-1 with durations and per-period demand of each resource; links `predecessor[k]` →
    `successor[k]` (finish-to-start, `lag[k]` periods); `capacity[r]` units of resource r in every period."""

    duration: np.ndarray
    predecessor: np.ndarray
    successor: np.ndarray
    demand: np.ndarray  # activities × resources
    capacity: np.ndarray  # resources
    lag: np.ndarray | None = None
    names: Sequence[str] | None = None
    resource_names: Sequence[str] | None = None

    def __post_init__(self) -> None:
        set_ = object.__setattr__
        duration = np.ascontiguousarray(self.duration, dtype=np.int64)
        n = duration.shape[0]
        demand = np.asarray(self.demand, dtype=np.int64).reshape(n, -1)
        capacity = np.asarray(self.capacity, dtype=np.int64).reshape(-1)
        set_(self, "duration", duration)
        set_(self, "demand", demand)
        set_(self, "capacity", capacity)
        set_(self, "predecessor", np.asarray(self.predecessor, dtype=np.int64))
        set_(self, "successor", np.asarray(self.successor, dtype=np.int64))
        lag = np.zeros(self.predecessor.shape[0], dtype=np.int64) if self.lag is None else self.lag
        set_(self, "lag", np.asarray(lag, dtype=np.int64))
        if demand.shape[1] != capacity.shape[0]:
            raise ValueError(
                f"demand has {demand.shape[1]} resources per activity; capacity has {capacity.shape[0]}"
            )
        if n and duration.min() < 0:
            raise ValueError(f"activity {self.name(int(np.argmin(duration)))} has a negative duration")
        if (capacity < 0).any():
            raise ValueError(f"resource {self.resource(int(np.argmin(capacity)))} has a negative capacity")
        if demand.size and demand.min() < 0:
            j, r = np.unravel_index(int(np.argmin(demand)), demand.shape)
            raise ValueError(
                f"activity {self.name(int(j))} has a negative demand for {self.resource(int(r))}"
            )
        over = np.argwhere(demand > capacity[None, :])
        if over.size:
            j, r = (int(x) for x in over[0])
            raise ValueError(
                f"activity {self.name(j)} needs {demand[j, r]} of {self.resource(r)}, but only {capacity[r]} exist"
            )
        topological_levels(self.network())  # a loop is refused, naming its activities

    @property
    def size(self) -> int:
        return int(self.duration.shape[0])

    def name(self, j: int) -> str:
        return str(self.names[j]) if self.names is not None else f"#{j}"

    def resource(self, r: int) -> str:
        return str(self.resource_names[r]) if self.resource_names is not None else f"resource {r + 1}"

    def network(self) -> Network:
        return Network(
            duration=self.duration,
            predecessor=self.predecessor,
            successor=self.successor,
            link_type=np.full(self.predecessor.shape[0], int(LinkType.FS)),
            lag=self.lag,
            names=self.names,
        )

    @classmethod
    def from_psplib(cls, instance) -> Rcpsp:
        network = instance.network
        return cls(
            duration=network.duration,
            predecessor=network.predecessor,
            successor=network.successor,
            demand=instance.demand,
            capacity=instance.capacity,
            names=network.names,
        )


@dataclass(frozen=True)
class RcpspResult:
    starts: np.ndarray
    makespan: int
    lower_bound: int
    optimal: bool
    method: str  # "heuristic" or "cp-sat"
    runtime: float  # seconds

    @property
    def gap(self) -> float:
        """(makespan - lower bound) / makespan: 0 when proven optimal."""
        return (self.makespan - self.lower_bound) / self.makespan if self.makespan else 0.0


def check(problem: Rcpsp, starts: np.ndarray) -> list[str]:
    """Everything wrong with a schedule: links not respected, capacity exceeded in a period (empty: feasible)."""
    starts = np.asarray(starts, dtype=np.int64)
    problems = []
    if starts.shape != (problem.size,):
        return [f"expected {problem.size} start times, got {starts.shape}"]
    if problem.size and starts.min() < 0:
        problems.append(f"activity {problem.name(int(np.argmin(starts)))} starts before the project")
    finish = starts + problem.duration
    late = np.flatnonzero(starts[problem.successor] < finish[problem.predecessor] + problem.lag)
    for k in late[:10]:
        p, s = int(problem.predecessor[k]), int(problem.successor[k])
        problems.append(
            f"{problem.name(s)} starts at {starts[s]}, before {problem.name(p)} allows ({finish[p]})"
        )
    horizon = int(finish.max()) if problem.size else 0
    usage = np.zeros((horizon + 1, problem.capacity.shape[0]), dtype=np.int64)
    for j in range(problem.size):
        usage[starts[j] : finish[j]] += problem.demand[j]
    over = np.argwhere(usage > problem.capacity[None, :])
    for t, r in over[:10]:
        problems.append(
            f"period {t}: {usage[t, r]} of {problem.resource(int(r))} in use, {problem.capacity[r]} exist"
        )
    return problems


# --- the priority-rule heuristic with forward–backward improvement -----------------------------------------------


def _reverse(problem: Rcpsp) -> Rcpsp:
    return Rcpsp(
        duration=problem.duration,
        predecessor=problem.successor,
        successor=problem.predecessor,
        demand=problem.demand,
        capacity=problem.capacity,
        lag=problem.lag,
        names=problem.names,
    )


class _Sgs:
    """Serial schedule generation: activities in a given (link-respecting) order, each at the earliest period where
    its links are satisfied and its demand fits in every period it runs."""

    def __init__(self, problem: Rcpsp):
        self.problem = problem
        n = problem.size
        self.preds: list[list[tuple[int, int]]] = [[] for _ in range(n)]
        for p, s, lag in zip(
            problem.predecessor.tolist(), problem.successor.tolist(), problem.lag.tolist(), strict=True
        ):
            self.preds[s].append((p, lag))
        self.horizon = int(problem.duration.sum() + max(0, int(problem.lag.max(initial=0))) * n + 1)

    def run(self, order: Sequence[int]) -> np.ndarray:
        problem, n = self.problem, self.problem.size
        duration, demand, capacity = problem.duration, problem.demand, problem.capacity
        free = np.repeat(capacity[None, :], self.horizon, axis=0)
        starts = np.zeros(n, dtype=np.int64)
        for j in order:
            t = max((starts[p] + duration[p] + lag for p, lag in self.preds[j]), default=0)
            t = max(t, 0)  # a lead never starts work before the project
            d, need = int(duration[j]), demand[j]
            if d and need.any():
                while True:
                    short = np.flatnonzero((free[t : t + d] < need).any(axis=1))
                    if not short.size:
                        break
                    t += int(short[-1]) + 1  # jump past the last period in the window that lacks room
                free[t : t + d] -= need
            starts[j] = t
        return starts


def _order(problem: Rcpsp, starts: np.ndarray, key: np.ndarray) -> list[int]:
    """Activities by start time (ties: by `key`), each after its predecessors: with leads (negative lags) a
    successor may start before its predecessor, and the schedule generation must still place that one first."""
    return _respecting(problem, np.lexsort((key, starts)).tolist())


def _improve(problem: Rcpsp, forward: _Sgs, backward: _Sgs, starts: np.ndarray, lft: np.ndarray, rounds: int):
    """Forward–backward improvement: right-justify, then left-justify, while the makespan keeps falling."""
    span = int((starts + problem.duration).max(initial=0))
    for _round in range(rounds):
        finish = starts + problem.duration
        # backward: the reversed problem, latest finishers first; mirrored back into forward time
        back = backward.run(_order(backward.problem, -finish, -starts))
        back_span = int((back + problem.duration).max(initial=0))
        right = back_span - (back + problem.duration)
        candidate = forward.run(
            _order(problem, right, -lft)
        )  # forward: earliest starters first, as early as possible
        candidate_span = int((candidate + problem.duration).max(initial=0))
        if candidate_span >= span:
            break
        starts, span = candidate, candidate_span
    return starts, span


def heuristic(problem: Rcpsp, *, improve: bool = True, rounds: int = 50) -> RcpspResult:
    """Priority rules, each improved forward–backward until the makespan stops falling; the best schedule wins.

    The rules: latest finish time (LFT); earliest start, then LFT; latest start time; most successors in total.
    With `improve=False`: the plain LFT rule, as a desktop planning tool levels."""
    started = time.perf_counter()
    plan = cpm(problem.network())
    lft, n = plan.late_finish, problem.size
    index = np.arange(n)
    forward, backward = _Sgs(problem), _Sgs(_reverse(problem))
    rules = [np.lexsort((index, lft))]
    if improve:
        successors = _all_successor_counts(problem)
        rules += [
            np.lexsort((index, lft, plan.early_start)),
            np.lexsort((index, plan.late_start)),
            np.lexsort((index, lft, -successors)),
        ]
    best, best_span = None, None
    for rule in rules:
        starts = forward.run(_respecting(problem, rule.tolist()))
        span = int((starts + problem.duration).max(initial=0))
        if improve:
            starts, span = _improve(problem, forward, backward, starts, lft, rounds)
        if best_span is None or span < best_span:
            best, best_span = starts, span
    bound = lower_bound(problem, plan.project_duration)
    return RcpspResult(best, best_span, bound, best_span == bound, "heuristic", time.perf_counter() - started)


def _all_successor_counts(problem: Rcpsp) -> np.ndarray:
    """How many activities follow each one, directly or not (the "most total successors" rule)."""
    n = problem.size
    succ: list[set[int]] = [set() for _ in range(n)]
    for p, s in zip(problem.predecessor.tolist(), problem.successor.tolist(), strict=True):
        succ[p].add(s)
    level, _levels = topological_levels(problem.network())
    reach: list[set[int]] = [set() for _ in range(n)]
    for j in np.argsort(-level, kind="stable").tolist():  # sinks first
        for s in succ[j]:
            reach[j] |= reach[s] | {s}
    return np.array([len(r) for r in reach], dtype=np.int64)


def _respecting(problem: Rcpsp, order: list[int]) -> list[int]:
    """The activities in priority order, each only once all its predecessors are placed (a topological order)."""
    n = problem.size
    remaining = np.bincount(problem.successor, minlength=n).astype(np.int64)
    rank = np.empty(n, dtype=np.int64)
    rank[order] = np.arange(n)
    succ: list[list[int]] = [[] for _ in range(n)]
    for p, s in zip(problem.predecessor.tolist(), problem.successor.tolist(), strict=True):
        succ[p].append(s)
    ready = [(int(rank[j]), j) for j in range(n) if remaining[j] == 0]
    heapq.heapify(ready)
    out = []
    while ready:
        _r, j = heapq.heappop(ready)
        out.append(j)
        for s in succ[j]:
            remaining[s] -= 1
            if remaining[s] == 0:
                heapq.heappush(ready, (int(rank[s]), s))
    return out


def lower_bound(problem: Rcpsp, critical_path: int | None = None) -> int:
    """The larger of the critical path length and, per resource, total work / capacity."""
    if critical_path is None:
        critical_path = cpm(problem.network()).project_duration
    work = (problem.demand * problem.duration[:, None]).sum(axis=0)
    with np.errstate(divide="ignore", invalid="ignore"):
        per_resource = np.where(problem.capacity > 0, np.ceil(work / np.maximum(problem.capacity, 1)), 0)
    return int(max(critical_path, int(per_resource.max(initial=0))))


# --- the exact model (rcpsp_exact.py) -----------------------------------------------------------------------


def solve(
    problem: Rcpsp, *, time_limit: float = 10.0, workers: int = 2, start: RcpspResult | None = None
) -> RcpspResult:
    """The exact model in CP-SAT (see `rcpsp_exact`), started from the heuristic's schedule (or `start`); stops at
    `time_limit` seconds with the best schedule found, proven optimal or not."""
    started = time.perf_counter()
    start = start or heuristic(problem)
    if start.makespan == start.lower_bound:  # the heuristic is already optimal: nothing to search
        return RcpspResult(
            start.starts, start.makespan, start.lower_bound, True, "cp-sat", time.perf_counter() - started
        )
    from .rcpsp_exact import improve  # OR-Tools loads only when the exact model is wanted

    starts, span, bound, optimal = improve(problem, start, time_limit, workers)
    return RcpspResult(starts, span, bound, optimal, "cp-sat", time.perf_counter() - started)
