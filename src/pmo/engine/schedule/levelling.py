"""Levelling a project plan: from a CPM network with resource use to the RCPSP and back, with the reasons.

A plan's links come in four types with lags and its tasks may have a start-no-earlier date (their own, or the status
date, or an actual start); the RCPSP of `rcpsp.py` knows only finish-to-start links with a lag. Every link is a
start-to-start inequality S_s >= S_p + delta (FS: d_p + lag, SS: lag, FF: d_p + lag - d_s, SF: lag - d_s), which is
a finish-to-start link with lag delta - d_p; a start-no-earlier date is a link from an extra activity at time 0.

Work that has started keeps its dates: it is left out of the resource conflicts (`frozen`). A levelled schedule is
made left-justified (every task as early as its order allows), so no task waits without a reason, and each delayed
task gets that reason: the predecessor it follows, or the resources it waits for and the tasks holding them.
"""

from __future__ import annotations

import heapq
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .cpm import cpm
from .network import LinkType, Network
from .rcpsp import Rcpsp, RcpspResult, heuristic, solve

SCALE = 100  # resource units in hundredths: 0.5 of a resource is 50


@dataclass(frozen=True)
class Wait:
    """Why a levelled task starts later than the links alone allow."""

    task: int
    delay: int  # working days
    predecessor: int | None = None  # it follows this task (itself moved by levelling) …
    resources: tuple[int, ...] = ()  # … or waits for these resources,
    holders: tuple[int, ...] = ()  # held by these tasks


@dataclass(frozen=True)
class Levelling:
    """A levelled plan: `start` per task (working-day offsets), how much later than without levelling (`delay`),
    the solver's figures and the reasons (`waits`, for every delayed task)."""

    start: np.ndarray
    unlevelled_start: np.ndarray
    delay: np.ndarray
    makespan: int
    unlevelled_makespan: int
    lower_bound: int
    optimal: bool
    method: str
    runtime: float
    waits: list[Wait]

    @property
    def gap(self) -> float:
        """(makespan - lower bound) / makespan: how much shorter the plan might still be; 0 when proven."""
        return (self.makespan - self.lower_bound) / self.makespan if self.makespan else 0.0


def _start_to_start(network: Network) -> np.ndarray:
    d = network.duration
    p, s, lag = network.predecessor, network.successor, network.lag
    kind = network.link_type
    return np.select(
        [kind == LinkType.FS, kind == LinkType.SS, kind == LinkType.FF, kind == LinkType.SF],
        [d[p] + lag, lag, d[p] + lag - d[s], lag - d[s]],
    )


def to_rcpsp(
    network: Network,
    use: np.ndarray,
    capacity: np.ndarray,
    frozen: np.ndarray | None = None,
    resource_names: Sequence[str] | None = None,
) -> Rcpsp:
    """The RCPSP of a plan: `use[task, resource]` and `capacity[resource]` in units (1.0 = one full resource);
    frozen tasks use nothing. The last activity is the plan's start (time 0)."""
    n = network.size
    use = np.asarray(use, dtype=float).reshape(n, -1)
    capacity = np.asarray(capacity, dtype=float).reshape(-1)
    names = list(network.names) if network.names is not None else [str(j) for j in range(n)]
    resources = list(resource_names) if resource_names is not None else [str(r) for r in range(len(capacity))]
    need = np.rint(use * SCALE).astype(np.int64)
    if frozen is not None:
        need[np.asarray(frozen, dtype=bool)] = 0
    have = np.rint(capacity * SCALE).astype(np.int64)
    over = np.argwhere(need > have[None, :])
    if over.size:
        j, r = (int(x) for x in over[0])
        raise ValueError(
            f"task {names[j]} needs {use[j, r]:g} of {resources[r]}, but only {capacity[r]:g} exist"
        )
    delta = _start_to_start(network)
    earliest = (
        network.start_no_earlier if network.start_no_earlier is not None else np.zeros(n, dtype=np.int64)
    )
    released = np.nonzero(earliest > 0)[0]
    source = n
    return Rcpsp(
        duration=np.append(network.duration, 0),
        predecessor=np.concatenate([network.predecessor, np.full(released.size, source)]),
        successor=np.concatenate([network.successor, released]),
        lag=np.concatenate([delta - network.duration[network.predecessor], earliest[released]]),
        demand=np.vstack([need, np.zeros((1, len(have)), dtype=np.int64)]),
        capacity=have,
        names=[*names, "start"],
        resource_names=resources,
    )


def left_justify(problem: Rcpsp, starts: np.ndarray) -> np.ndarray:
    """Each activity as early as links and resources allow, taken in the order of `starts` (among those whose
    predecessors are placed): from a feasible schedule, none starts later than it did."""
    n = problem.size
    incoming: list[list[tuple[int, int]]] = [[] for _ in range(n)]
    waiting = np.zeros(n, dtype=np.int64)
    outgoing: list[list[int]] = [[] for _ in range(n)]
    for p, s, lag in zip(
        problem.predecessor.tolist(), problem.successor.tolist(), problem.lag.tolist(), strict=True
    ):
        incoming[s].append((p, lag))
        outgoing[p].append(s)
        waiting[s] += 1
    horizon = int((np.maximum(starts, 0) + problem.duration).max(initial=0) + problem.duration.sum())
    horizon += int(np.abs(problem.lag).sum()) + 1
    used = np.zeros((horizon, problem.capacity.shape[0]), dtype=np.int64)
    ready = [(int(starts[j]), j) for j in range(n) if waiting[j] == 0]
    heapq.heapify(ready)
    placed = np.zeros(n, dtype=np.int64)
    while ready:
        _start, j = heapq.heappop(ready)
        t = max([int(placed[p] + problem.duration[p] + lag) for p, lag in incoming[j]] + [0])
        d, need = int(problem.duration[j]), problem.demand[j]
        if d and need.any():
            while (used[t : t + d] + need > problem.capacity).any():
                t += 1
            used[t : t + d] += need
        placed[j] = t
        for s in outgoing[j]:
            waiting[s] -= 1
            if waiting[s] == 0:
                heapq.heappush(ready, (int(starts[s]), s))
    return placed


def _waits(problem: Rcpsp, start: np.ndarray, unlevelled: np.ndarray, tasks: int) -> list[Wait]:
    """For every task that starts later than the links alone allow: the binding predecessor, or the resources it
    would overload one day earlier and the tasks holding them then."""
    finish = start + problem.duration
    waits = []
    for j in range(tasks):
        delay = int(start[j] - unlevelled[j])
        if delay <= 0:
            continue
        links = [
            (p, lag)
            for p, s, lag in zip(
                problem.predecessor.tolist(), problem.successor.tolist(), problem.lag.tolist(), strict=True
            )
            if s == j and p < tasks
        ]
        binding = [
            p
            for p, lag in links
            if start[p] + problem.duration[p] + lag == start[j] and start[p] > unlevelled[p]
        ]
        if binding:
            waits.append(Wait(j, delay, predecessor=binding[0]))
            continue
        earlier = int(start[j]) - 1  # one day earlier, where would it not fit?
        short, holders = (), ()
        for t in range(earlier, earlier + max(int(problem.duration[j]), 1)):
            running = [k for k in range(tasks) if k != j and start[k] <= t < finish[k]]
            over = [
                int(r)
                for r in np.nonzero(problem.demand[j] > 0)[0]
                if problem.demand[running, r].sum() + problem.demand[j, r] > problem.capacity[r]
            ]
            if over:
                short = tuple(over)
                holders = tuple(k for k in running if problem.demand[k, over].any())
                break
        waits.append(Wait(j, delay, resources=short, holders=holders))
    return waits


def level(
    network: Network,
    use: np.ndarray,
    capacity: np.ndarray,
    *,
    frozen: np.ndarray | None = None,
    resource_names: Sequence[str] | None = None,
    exact: bool = False,
    time_limit: float = 5.0,
) -> Levelling:
    """Level a plan: the priority-rule heuristic (milliseconds), or the exact CP-SAT model started from it (at most
    `time_limit` seconds; it reports the bound and whether the plan is proven shortest)."""
    problem = to_rcpsp(network, use, capacity, frozen, resource_names)
    quick = heuristic(problem)
    start = left_justify(
        problem, quick.starts
    )  # links with leads: keep the heuristic's order, never its faults
    span = int((start + problem.duration).max(initial=0))
    result = RcpspResult(
        start, span, quick.lower_bound, span <= quick.lower_bound, quick.method, quick.runtime
    )
    if exact and not result.optimal:
        best = solve(problem, time_limit=time_limit, start=result)
        result = RcpspResult(
            best.starts,
            best.makespan,
            best.lower_bound,
            best.optimal,
            best.method,
            quick.runtime + best.runtime,
        )
        start = left_justify(problem, best.starts)
    n = network.size
    plain = cpm(network)
    unlevelled = plain.early_start.astype(np.int64)
    finish = start[:n] + network.duration
    makespan = int(finish.max(initial=0))
    return Levelling(
        start=start[:n],
        unlevelled_start=unlevelled,
        delay=np.maximum(start[:n] - unlevelled, 0),
        makespan=makespan,
        unlevelled_makespan=int(plain.project_duration),
        lower_bound=int(result.lower_bound),
        optimal=makespan <= result.lower_bound or (result.optimal and makespan == result.makespan),
        method=result.method,
        runtime=float(result.runtime),
        waits=_waits(problem, start, unlevelled, n),
    )
