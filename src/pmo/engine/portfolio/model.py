"""The time-indexed integer model of a `Problem`, as a sparse matrix that every solver reads.

One binary column `x[i, s]` per candidate `i` and possible start month `s` (1: `i` is done and starts in `s`);
candidate `i` is done when `sum_s x[i, s] = 1`. The rows:

- `choose`: `sum_s x[i, s] <= 1` (`= 1` for running and forced-in projects, `= 0` for forced-out ones);
- `budget`: for each budget, the cost that falls in its months `<= limit`;
- `capacity`: for each role and month, the FTE that the projects running then ask for `<= capacity`;
- `after`: for each dependency A → B and month t, "B has started by t" and "A is done but has not finished by t"
  exclude each other: `sum_{s <= t} x[B, s] + sum_{s > t - d_A} x[A, s] <= 1`. This disaggregated form is as tight
  as a precedence in a time-indexed model gets (its linear relaxation is far stronger than a big-M on start months);
- `requires`: `sum_s x[B, s] <= sum_s x[A, s]`; `excludes`: `sum_s x[A, s] + sum_s x[B, s] <= 1`;
- `balance`: `sum_{i in G} m_i done_i - share * sum_i m_i done_i` `>= 0` (minimum) or `<= 0` (maximum).

The objective: `sum value(i, s) x[i, s]`, the value of doing `i` from `s` (benefits discounted from its finish).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import sparse

from .problem import Problem

INF = np.inf


@dataclass(frozen=True)
class Row:
    """What a row stands for, to explain a solution: kind, the object it is about, and the month (or -1)."""

    kind: str  # choose | budget | capacity | after | requires | excludes | balance-min | balance-max
    about: object
    month: int = -1


@dataclass
class Model:
    problem: Problem
    item: np.ndarray  # column → candidate index
    start: np.ndarray  # column → start month
    first: np.ndarray  # candidate → its first column (columns of a candidate are consecutive, by start)
    objective: np.ndarray
    matrix: sparse.csr_matrix
    lower: np.ndarray
    upper: np.ndarray
    rows: list[Row]

    @property
    def columns(self) -> int:
        return len(self.item)

    def columns_of(self, i: int) -> range:
        return range(int(self.first[i]), int(self.first[i + 1]))

    def column(self, i: int, start: int) -> int:
        """The column of candidate `i` starting in month `start`; ValueError when it cannot start then."""
        columns = self.columns_of(i)
        j = columns.start + start - (int(self.start[columns.start]) if len(columns) else 0)
        if j not in columns:
            c = self.problem.candidates[i]
            raise ValueError(f"{c.id} cannot start in month {start}")
        return j

    def vector(self, starts: dict[str, int]) -> np.ndarray:
        """The 0/1 column vector of a solution given as candidate id → start month."""
        x = np.zeros(self.columns)
        index = self.problem.index()
        for key, s in starts.items():
            x[self.column(index[key], s)] = 1.0
        return x

    def starts_of(self, x: np.ndarray) -> dict[str, int]:
        chosen = np.flatnonzero(x > 0.5)
        ids = [c.id for c in self.problem.candidates]
        return {ids[self.item[j]]: int(self.start[j]) for j in chosen}


class _Rows:
    def __init__(self) -> None:
        self.r: list[np.ndarray] = []
        self.c: list[np.ndarray] = []
        self.v: list[np.ndarray] = []
        self.lower: list[float] = []
        self.upper: list[float] = []
        self.meta: list[Row] = []

    def add(self, cols, vals, lower: float, upper: float, meta: Row) -> None:
        self.block(np.zeros(len(cols), dtype=np.int64), cols, vals, [lower], [upper], [meta])

    def block(self, local_rows, cols, vals, lower, upper, metas) -> None:
        """Rows numbered 0.. within the block (`local_rows`), appended after the existing ones."""
        base = len(self.meta)
        self.r.append(np.asarray(local_rows, dtype=np.int64) + base)
        self.c.append(np.asarray(cols, dtype=np.int64))
        self.v.append(np.broadcast_to(np.asarray(vals, dtype=float), (len(self.c[-1]),)).copy())
        self.lower.extend(lower)
        self.upper.extend(upper)
        self.meta.extend(metas)


def build(problem: Problem) -> Model:
    horizon, candidates = problem.horizon, problem.candidates
    ranges = [problem.starts(c) for c in candidates]
    counts = np.array([len(r) for r in ranges], dtype=np.int64)
    first = np.concatenate([[0], np.cumsum(counts)])
    item = np.repeat(np.arange(len(candidates)), counts)
    start = (
        np.concatenate([np.arange(r.start, r.stop) for r in ranges]) if len(item) else np.zeros(0, np.int64)
    )
    objective = np.array(
        [problem.value(candidates[i], int(s)) for i, s in zip(item.tolist(), start.tolist(), strict=True)]
    )
    rows = _Rows()

    for i, c in enumerate(candidates):
        cols = np.arange(first[i], first[i + 1])
        lower = 1.0 if (c.running or c.force == "in") else 0.0
        upper = 0.0 if c.force == "out" else 1.0
        rows.add(cols, 1.0, lower, upper, Row("choose", c.id))

    for budget in problem.budgets:
        cols, vals = [], []
        for i, c in enumerate(candidates):
            cum = np.concatenate([[0.0], np.cumsum(c.cost)])
            s = np.arange(ranges[i].start, ranges[i].stop)
            lo = np.clip(budget.first - s, 0, c.duration)
            hi = np.clip(budget.last - s + 1, 0, c.duration)
            v = np.where(hi > lo, cum[hi] - cum[lo], 0.0)
            keep = v > 0
            cols.append(first[i] + np.flatnonzero(keep))
            vals.append(v[keep])
        rows.add(_cat(cols), _cat(vals), -INF, budget.limit, Row("budget", budget))

    for role, capacity in problem.capacity.items():
        local, cols, vals = [], [], []
        for i, c in enumerate(candidates):
            profile = np.asarray(c.demand.get(role, ()), dtype=float)
            if not profile.any():
                continue
            s = np.arange(ranges[i].start, ranges[i].stop)
            k = np.flatnonzero(profile)
            month = s[:, None] + k[None, :]
            col = np.broadcast_to((first[i] + np.arange(len(s)))[:, None], month.shape)
            val = np.broadcast_to(profile[k][None, :], month.shape)
            inside = (month >= 0) & (month < horizon)
            local.append(month[inside])
            cols.append(col[inside])
            vals.append(val[inside])
        if local:
            rows.block(
                _cat(local),
                _cat(cols),
                _cat(vals),
                [-INF] * horizon,
                list(capacity),
                [Row("capacity", role, t) for t in range(horizon)],
            )

    index = problem.index()
    for dep in problem.dependencies:
        a, b = index[dep.before], index[dep.after]
        cols_a, cols_b = np.arange(first[a], first[a + 1]), np.arange(first[b], first[b + 1])
        if dep.kind == "requires":
            rows.add(
                np.concatenate([cols_b, cols_a]),
                np.r_[np.ones(len(cols_b)), -np.ones(len(cols_a))],
                -INF,
                0.0,
                Row("requires", dep),
            )
        elif dep.kind == "excludes":
            rows.add(np.concatenate([cols_a, cols_b]), 1.0, -INF, 1.0, Row("excludes", dep))
        else:
            _after_rows(rows, dep, start, cols_a, cols_b, candidates[a].duration)

    for rule in problem.balance:
        members = np.array([rule.group in c.groups for c in candidates])
        measure = np.array([problem.measure(c, rule.measure) for c in candidates])
        for share, kind, lower, upper in (
            (rule.min_share, "balance-min", 0.0, INF),
            (rule.max_share, "balance-max", -INF, 0.0),
        ):
            if share is None:
                continue
            coef = (members.astype(float) - share) * measure
            rows.add(np.arange(len(item)), coef[item], lower, upper, Row(kind, rule))

    n_rows = len(rows.meta)
    matrix = (
        sparse.csr_matrix((_cat(rows.v), (_cat(rows.r), _cat(rows.c))), shape=(n_rows, len(item)))
        if n_rows
        else sparse.csr_matrix((0, len(item)))
    )
    matrix.sum_duplicates()
    matrix.eliminate_zeros()
    return Model(
        problem,
        item,
        start,
        first,
        objective,
        matrix,
        np.array(rows.lower, dtype=float),
        np.array(rows.upper, dtype=float),
        rows.meta,
    )


def _after_rows(rows: _Rows, dep, start: np.ndarray, cols_a, cols_b, duration_a: int) -> None:
    """`sum_{s <= t} x[B, s] + sum_{s > t - d_A} x[A, s] <= 1` for the months t where both sums can be non-zero."""
    if not len(cols_a) or not len(cols_b):
        return
    s_a, s_b = start[cols_a], start[cols_b]
    months = range(int(s_b.min()), min(int(s_b.max()), int(s_a.max()) + duration_a - 1) + 1)
    local, cols, metas = [], [], []
    for n, t in enumerate(months):
        picked = np.concatenate([cols_b[s_b <= t], cols_a[s_a > t - duration_a]])
        local.append(np.full(len(picked), n))
        cols.append(picked)
        metas.append(Row("after", dep, t))
    if metas:
        rows.block(_cat(local), _cat(cols), 1.0, [-INF] * len(metas), [1.0] * len(metas), metas)


def _cat(parts) -> np.ndarray:
    return np.concatenate(parts) if len(parts) else np.zeros(0)
