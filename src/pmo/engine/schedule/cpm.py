"""Critical path method: forward and backward pass over a network with all four link types, lags and constraints.

Everything is vectorised with numpy: activities are put in topological levels (Kahn's algorithm, a whole level at a
time), and each pass handles one level per step, so the Python loop runs once per level, not per activity.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np

from .network import NO_CONSTRAINT, Network


class CycleError(ValueError):
    """The links form a loop; `cycle` lists the activities in it, in link order."""

    def __init__(self, cycle: list[int], names: list[str]):
        self.cycle = cycle
        self.path = " → ".join([*names, names[0]])  # e.g. "B → C → D → B"
        super().__init__(f"the links form a cycle: {self.path}")


@dataclass(frozen=True)
class ScheduleResult:
    """Dates are working-day offsets from the project start; finishes are exclusive (start + duration)."""

    status: str  # "ok"
    project_duration: int  # working days from the project start to the last early finish
    early_start: np.ndarray
    early_finish: np.ndarray
    late_start: np.ndarray
    late_finish: np.ndarray
    total_float: np.ndarray
    free_float: np.ndarray
    critical: np.ndarray  # bool: total float ≤ 0
    levels: int  # number of topological levels (length of the longest chain of links + 1)
    runtime: float  # seconds

    @property
    def critical_activities(self) -> np.ndarray:
        return np.flatnonzero(self.critical)


@dataclass(frozen=True)
class _Order:
    """Activities by topological level, and links grouped for the forward (by successor) and backward pass."""

    level: np.ndarray
    levels: int
    fwd: np.ndarray  # link indices sorted by (level of successor, successor)
    fwd_groups: np.ndarray  # start of each successor's run in `fwd`
    fwd_level_groups: np.ndarray  # first group of each level (length levels + 1)
    bwd: np.ndarray  # link indices sorted by (level of predecessor, predecessor)
    bwd_groups: np.ndarray
    bwd_level_groups: np.ndarray


def topological_levels(network: Network) -> tuple[np.ndarray, int]:
    """Level of each activity: 0 for those without predecessors, else 1 + the highest level of its predecessors.

    Raises CycleError naming the activities of one cycle when the links loop.
    """
    n, pred, succ = network.size, network.predecessor, network.successor
    by_pred = np.argsort(pred, kind="stable")
    targets = succ[by_pred]
    starts = np.zeros(n + 1, dtype=np.int64)
    np.cumsum(np.bincount(pred, minlength=n), out=starts[1:])
    indegree = np.bincount(succ, minlength=n).astype(np.int64)
    level = np.full(n, -1, dtype=np.int64)
    frontier = np.flatnonzero(indegree == 0)
    current = 0
    while frontier.size:
        level[frontier] = current
        counts = starts[frontier + 1] - starts[frontier]
        total = int(counts.sum())
        if total == 0:
            break
        offsets = np.repeat(starts[frontier] - (np.cumsum(counts) - counts), counts)
        reached, hits = np.unique(targets[offsets + np.arange(total)], return_counts=True)
        indegree[reached] -= hits
        frontier = reached[indegree[reached] == 0]
        current += 1
    if (level < 0).any():
        raise _cycle_error(network, level)
    return level, current + 1 if n else 0


def _cycle_error(network: Network, level: np.ndarray) -> CycleError:
    """Walk backwards through unlevelled activities (each has an unlevelled predecessor) until one repeats."""
    stuck = level < 0
    inside = stuck[network.predecessor] & stuck[network.successor]
    first_pred: dict[int, int] = {}
    for p, s in zip(network.predecessor[inside].tolist(), network.successor[inside].tolist(), strict=True):
        first_pred.setdefault(s, p)
    node = int(np.flatnonzero(stuck)[0])
    seen: dict[int, int] = {}
    path: list[int] = []
    while node not in seen:
        seen[node] = len(path)
        path.append(node)
        node = first_pred[node]
    cycle = path[seen[node] :][::-1]
    start = cycle.index(min(cycle))  # the same cycle is always reported the same way
    cycle = cycle[start:] + cycle[:start]
    return CycleError(cycle, [network.name(i) for i in cycle])


def _grouped(keys_level: np.ndarray, keys_node: np.ndarray, n: int, levels: int):
    order = np.argsort(keys_level * n + keys_node, kind="stable")
    node_sorted = keys_node[order]
    if order.size:
        groups = np.concatenate(([0], np.flatnonzero(np.diff(node_sorted)) + 1))
    else:
        groups = np.zeros(0, dtype=np.int64)
    level_of_group = keys_level[order][groups]
    level_groups = np.searchsorted(level_of_group, np.arange(levels + 1))
    return order, groups, level_groups


def order_network(network: Network) -> _Order:
    level, levels = topological_levels(network)
    n = network.size
    fwd, fwd_groups, fwd_level_groups = _grouped(level[network.successor], network.successor, n, levels)
    bwd, bwd_groups, bwd_level_groups = _grouped(level[network.predecessor], network.predecessor, n, levels)
    return _Order(level, levels, fwd, fwd_groups, fwd_level_groups, bwd, bwd_groups, bwd_level_groups)


def _sweep(
    values: np.ndarray,
    source: np.ndarray,
    target: np.ndarray,
    weight: np.ndarray,
    groups: np.ndarray,
    level_groups: np.ndarray,
    level_order,
    op,
) -> None:
    """One pass: for each level, values[target] = op(values[target], op over its links of values[source] + weight)
    (op: np.maximum forward, np.minimum backward)."""
    m = target.shape[0]
    for lvl in level_order:
        g0, g1 = level_groups[lvl], level_groups[lvl + 1]
        if g0 == g1:
            continue
        a = groups[g0]
        b = groups[g1] if g1 < groups.shape[0] else m
        candidates = values[source[a:b]] + weight[a:b]
        best = op.reduceat(candidates, groups[g0:g1] - a)
        nodes = target[groups[g0:g1]]
        values[nodes] = op(values[nodes], best)


def cpm(network: Network, *, order: _Order | None = None) -> ScheduleResult:
    """Early and late dates, total and free float and the critical activities of `network`.

    The project starts at offset 0; every activity starts no earlier than that (and than its `start_no_earlier`).
    Late dates count back from the project finish (the latest early finish), tightened by `finish_no_later`
    constraints, which may give negative float. Pass `order` (from `order_network`) to reuse the topological
    ordering when only durations, lags or constraints change.
    """
    started = time.perf_counter()
    order = order or order_network(network)
    n, duration = network.size, network.duration
    weight = network.link_weights()

    early_start = np.zeros(n, dtype=np.int64)
    if network.start_no_earlier is not None:
        np.maximum(early_start, network.start_no_earlier, out=early_start)
    fwd = order.fwd
    _sweep(
        early_start,
        network.predecessor[fwd],
        network.successor[fwd],
        weight[fwd],
        order.fwd_groups,
        order.fwd_level_groups,
        range(order.levels),
        np.maximum,
    )
    early_finish = early_start + duration
    project_duration = int(early_finish.max()) if n else 0

    late_start = project_duration - duration
    if network.finish_no_later is not None:
        bounded = network.finish_no_later != NO_CONSTRAINT
        late_start[bounded] = np.minimum(
            late_start[bounded], network.finish_no_later[bounded] + 1 - duration[bounded]
        )
    bwd = order.bwd
    _sweep(
        late_start,
        network.successor[bwd],
        network.predecessor[bwd],
        -weight[bwd],
        order.bwd_groups,
        order.bwd_level_groups,
        range(order.levels - 1, -1, -1),
        np.minimum,
    )
    total_float = late_start - early_start

    # free float: how far an activity can slip without moving any successor or the project finish
    free_float = project_duration - early_finish
    if bwd.size:
        slack = (early_start[network.successor] - early_start[network.predecessor] - weight)[bwd]
        per_pred = np.minimum.reduceat(slack, order.bwd_groups)
        preds = network.predecessor[bwd][order.bwd_groups]
        free_float[preds] = np.minimum(free_float[preds], per_pred)

    return ScheduleResult(
        status="ok",
        project_duration=project_duration,
        early_start=early_start,
        early_finish=early_finish,
        late_start=late_start,
        late_finish=late_start + duration,
        total_float=total_float,
        free_float=free_float,
        critical=total_float <= 0,
        levels=order.levels,
        runtime=time.perf_counter() - started,
    )
