"""Select and schedule together: the time-indexed model (see `model`) solved by HiGHS, with large-neighbourhood
search on top.

1. The greedy ranking gives a first portfolio (it is also the baseline shown beside the result).
2. HiGHS solves the whole model from that start for part of the time. Small problems (a few hundred candidates
   without time, such as the OR-Library knapsacks) end here, proven optimal. HiGHS's dual bound is the bound the
   result reports: the linear relaxation tightened by HiGHS's cuts.
3. For the rest of the time, large-neighbourhood search: keep most of the portfolio as it is, free a part — the
   projects running in a window of months, the projects that ask for one role, a random handful — with every
   candidate that is left out, and let HiGHS re-plan that part exactly, given what the fixed projects use. A better
   sub-plan replaces the current one. The neighbourhood grows when HiGHS finishes its parts quickly and shrinks when
   it does not.

`bench/portfolio.py --solvers` compares this with HiGHS alone and CP-SAT from the greedy start on seeded portfolios
of 50, 200 and 500 candidates (figures in the notes of the portfolio issue and in docs/architecture.md).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

import highspy
import numpy as np

from .explain import diagnose, static_conflicts
from .greedy import greedy
from .model import Model, build
from .problem import Problem, Solution

# How long HiGHS works on the whole model before the neighbourhood search takes over. Its root (cuts, then its own
# sub-MIP heuristics) takes time in proportion to the matrix; before that it finds little. Measured on this machine
# with bench/portfolio.py (60 s): 200 candidates (220,000 non-zeros) do best with about 18 s, 500 candidates
# (550,000) with about 45 s; small models leave the rest of the time to the neighbourhood search.
SECONDS_PER_NONZERO = 8e-5
EXACT_SHARE = (0.15, 0.75)  # the least and the most of the time
ROUND_SECONDS = 2.0  # for one neighbourhood
Progress = Callable[[float, str], None]  # share done (0..1), what is happening


@dataclass
class _Run:
    status: str  # optimal | feasible | infeasible | unknown
    x: np.ndarray | None
    value: float
    bound: float


def highs(
    model: Model,
    *,
    columns: np.ndarray | None = None,
    fixed: np.ndarray | None = None,
    start: np.ndarray | None = None,
    time_limit: float,
) -> _Run:
    """Solve the model restricted to `columns` (the others are held at their value in `fixed`)."""
    n = model.columns
    columns = np.arange(n) if columns is None else columns
    matrix = model.matrix
    lower, upper = model.lower, model.upper
    if fixed is not None and len(columns) < n:
        held = np.ones(n, dtype=bool)
        held[columns] = False
        used = matrix[:, np.flatnonzero(held)] @ fixed[held]
        lower, upper = lower - used, upper - used
    sub = matrix[:, columns].tocsc()
    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    h.setOptionValue("time_limit", max(float(time_limit), 0.01))
    h.setOptionValue("mip_rel_gap", 1e-6)
    lp = highspy.HighsLp()
    lp.num_col_, lp.num_row_ = len(columns), sub.shape[0]
    lp.col_cost_ = model.objective[columns]
    lp.col_lower_ = np.zeros(len(columns))
    lp.col_upper_ = np.ones(len(columns))
    lp.row_lower_ = np.where(np.isinf(lower), -highspy.kHighsInf, lower)
    lp.row_upper_ = np.where(np.isinf(upper), highspy.kHighsInf, upper)
    lp.a_matrix_.format_ = highspy.MatrixFormat.kColwise
    lp.a_matrix_.start_ = sub.indptr
    lp.a_matrix_.index_ = sub.indices
    lp.a_matrix_.value_ = sub.data
    lp.sense_ = highspy.ObjSense.kMaximize
    lp.integrality_ = [highspy.HighsVarType.kInteger] * len(columns)
    h.passModel(lp)
    if start is not None:
        given = highspy.HighsSolution()
        given.col_value = list(start[columns])
        given.value_valid = True
        h.setSolution(given)
    h.run()
    status = h.getModelStatus()
    info = h.getInfo()
    if status == highspy.HighsModelStatus.kInfeasible:
        return _Run("infeasible", None, -np.inf, -np.inf)
    has_solution = info.primal_solution_status == 2  # kSolutionStatusFeasible
    if not has_solution:
        return _Run("unknown", None, -np.inf, info.mip_dual_bound)
    x = np.zeros(n) if fixed is None else fixed.copy()
    x[columns] = np.asarray(h.getSolution().col_value)
    x = np.round(x)
    optimal = status == highspy.HighsModelStatus.kOptimal
    value = float(model.objective @ x)
    bound = info.mip_dual_bound
    if fixed is not None and len(columns) < n:
        bound = np.inf  # a sub-problem's bound says nothing about the whole
    return _Run("optimal" if optimal else "feasible", x, value, float(bound))


def solve(
    problem: Problem,
    *,
    time_limit: float = 30.0,
    seed: int = 0,
    progress: Progress | None = None,
    model: Model | None = None,
    exact_seconds: float | None = None,
) -> Solution:
    """The most valuable portfolio and start months HiGHS and the neighbourhood search find in `time_limit`
    seconds, with HiGHS's proven bound. Infeasible problems come back with `status="infeasible"` and the
    conflicting constraints named in `conflicts` (see `diagnose`)."""
    began = time.perf_counter()
    deadline = began + time_limit
    report = progress or (lambda share, text: None)
    conflicts = static_conflicts(problem)
    if conflicts:
        return Solution("infeasible", {}, 0.0, -np.inf, time.perf_counter() - began, "checks", conflicts)
    model = model or build(problem)
    report(0.0, "greedy start")
    baseline = greedy(problem, model)
    start = model.vector(dict(baseline.starts)) if baseline.feasible else None

    if exact_seconds is None:
        exact_seconds = _exact_seconds(model, time_limit)
    report(0.02, "exact search")
    left = deadline - time.perf_counter() - 0.05  # building the model and the greedy start count too
    first = highs(model, start=start, time_limit=max(min(exact_seconds, left), 0.1))
    if first.status == "infeasible" or (first.x is None and start is None):
        return Solution(
            status="infeasible" if first.status == "infeasible" else "unknown",
            starts={},
            value=0.0,
            bound=-np.inf,
            seconds=time.perf_counter() - began,
            method="highs",
            conflicts=diagnose(problem, model, time_limit=max(deadline - time.perf_counter(), 1.0)),
        )
    x = first.x if first.x is not None and (start is None or first.value >= baseline.value) else start
    value, bound = float(model.objective @ x), first.bound
    if first.status == "optimal":
        return _solution(model, x, "optimal", value, value, began, "highs")

    search = _Neighbourhoods(model, seed)
    rounds = improved = 0
    while time.perf_counter() < deadline - 0.05 and value < bound - 1e-6 * max(abs(bound), 1):
        left = deadline - time.perf_counter()
        report(1 - left / time_limit, f"neighbourhood search: {rounds} rounds, {improved} better")
        columns = search.pick(x)
        run = highs(model, columns=columns, fixed=x, start=x, time_limit=min(ROUND_SECONDS, left))
        rounds += 1
        if run.x is not None and run.value > value + 1e-9:
            x, value = run.x, run.value
            improved += 1
        search.learn(run.status == "optimal")
    status = "optimal" if value >= bound - 1e-6 * max(abs(bound), 1) else "feasible"
    report(1.0, "done")
    return _solution(model, x, status, value, max(bound, value), began, f"highs+lns ({rounds} rounds)")


def _exact_seconds(model: Model, time_limit: float) -> float:
    """How long HiGHS works on the whole model before the neighbourhood search."""
    if (
        model.columns <= 2 * model.problem.size
    ):  # selection without a choice of start: exact search alone is best
        return time_limit
    least, most = EXACT_SHARE
    return min(max(SECONDS_PER_NONZERO * model.matrix.nnz, least * time_limit), most * time_limit)


def _solution(model: Model, x, status, value, bound, began, method) -> Solution:
    return Solution(
        status=status,
        starts=model.starts_of(x),
        value=value,
        bound=bound,
        seconds=time.perf_counter() - began,
        method=method,
    )


class _Neighbourhoods:
    """Which columns to free in the next round, and how many."""

    def __init__(self, model: Model, seed: int):
        self.model = model
        self.rng = np.random.default_rng(seed)
        problem = model.problem
        self.size = max(min(problem.size // 4, 40), 4)  # selected projects to free
        self.roles = [
            np.array([bool(any(c.demand.get(role, ()))) for c in problem.candidates])
            for role in problem.capacity
        ]
        self.duration = np.array([c.duration for c in problem.candidates])
        self.movable = np.array([not c.running and c.force != "out" for c in problem.candidates])
        windows = [problem.starts(c) for c in problem.candidates]
        self.earliest = np.array([w.start for w in windows])
        self.latest = np.array([w.stop - 1 for w in windows])

    def pick(self, x: np.ndarray) -> np.ndarray:
        model, rng = self.model, self.rng
        n = model.problem.size
        chosen = np.zeros(n, dtype=bool)
        starts = np.full(n, -(10**6))
        on = np.flatnonzero(x > 0.5)
        chosen[model.item[on]] = True
        starts[model.item[on]] = model.start[on]
        kind = rng.integers(3)
        if kind == 0:  # a window of months
            width = int(rng.integers(6, 13))
            t0 = int(rng.integers(-width + 1, model.problem.horizon))
            free = chosen & (starts < t0 + width) & (starts + self.duration > t0)
        elif kind == 1 and self.roles:  # the projects that ask for one role
            free = self.roles[int(rng.integers(len(self.roles)))]
        else:  # a random handful
            free = np.zeros(n, dtype=bool)
            free[
                rng.choice(np.flatnonzero(chosen), size=min(self.size, int(chosen.sum())), replace=False)
            ] = True
        picks = np.flatnonzero(free & chosen & self.movable)
        if len(picks) > self.size:
            picks = rng.choice(picks, size=self.size, replace=False)
        out = ~chosen & self.movable
        if kind == 0:
            out &= (self.earliest < t0 + width) & (self.latest + self.duration > t0)
        elif kind == 1 and self.roles:
            out &= free
        others = np.flatnonzero(out)
        if len(others) > 2 * self.size:
            others = rng.choice(others, size=2 * self.size, replace=False)
        free = np.zeros(n, dtype=bool)
        free[picks] = True
        free[others] = True
        return np.flatnonzero(free[model.item])

    def learn(self, solved: bool) -> None:
        if solved:
            self.size = min(self.size + 2, self.model.problem.size)
        else:
            self.size = max(self.size - 3, 4)


def _decimals(values: np.ndarray) -> int | None:
    """The least k ≤ 4 for which `values` × 10^k are whole numbers, or None."""
    for k in range(5):
        scaled = values * 10**k
        if np.all(np.abs(scaled - np.round(scaled)) < 1e-9 * np.maximum(1, np.abs(scaled))):
            return k
    return None


def cpsat(model: Model, *, start: np.ndarray | None, time_limit: float, workers: int = 2) -> _Run:
    """Solve the model with CP-SAT. Each row is scaled to integers exactly when its figures have at most four
    decimals; otherwise conservatively on each side (against an upper bound coefficients round up and the bound
    down, against a lower bound the other way), so that a solution CP-SAT finds always holds for the true figures."""
    from ortools.sat.python import cp_model

    csr = model.matrix.tocsr()
    cp = cp_model.CpModel()
    x = [cp.new_bool_var(f"x{j}") for j in range(model.columns)]
    for r in range(csr.shape[0]):
        lo, hi = csr.indptr[r], csr.indptr[r + 1]
        cols, vals = csr.indices[lo:hi], csr.data[lo:hi]
        bounds = np.array([b for b in (model.lower[r], model.upper[r]) if np.isfinite(b)])
        k = _decimals(np.concatenate([vals, bounds]))
        if k is not None:
            coef = np.round(vals * 10**k).astype(np.int64)
            low = -(2**62) if not np.isfinite(model.lower[r]) else round(model.lower[r] * 10**k)
            up = 2**62 if not np.isfinite(model.upper[r]) else round(model.upper[r] * 10**k)
            cp.add_linear_constraint(
                cp_model.LinearExpr.weighted_sum([x[c] for c in cols], coef.tolist()), low, up
            )
            continue
        # conservative on each side: the scaled left-hand side overstates against an upper bound and understates
        # against a lower one, so whatever CP-SAT accepts holds for the true figures
        factor = 1e4 / max(np.abs(vals).max(initial=1.0), 1e-9)
        terms = [x[c] for c in cols]
        if np.isfinite(model.upper[r]):
            coef = np.ceil(vals * factor - 1e-9).astype(np.int64)
            cp.add(
                cp_model.LinearExpr.weighted_sum(terms, coef.tolist())
                <= int(np.floor(model.upper[r] * factor))
            )
        if np.isfinite(model.lower[r]):
            coef = np.floor(vals * factor + 1e-9).astype(np.int64)
            cp.add(
                cp_model.LinearExpr.weighted_sum(terms, coef.tolist())
                >= int(np.ceil(model.lower[r] * factor))
            )
    cp.maximize(cp_model.LinearExpr.weighted_sum(x, model.objective.tolist()))
    if start is not None:
        for j, v in enumerate(start):
            cp.add_hint(x[j], bool(v > 0.5))
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = max(time_limit, 0.01)
    solver.parameters.num_workers = workers
    status = solver.solve(cp)
    if status == cp_model.INFEASIBLE:
        return _Run("infeasible", None, -np.inf, -np.inf)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return _Run("unknown", None, -np.inf, np.inf)
    values = np.array([solver.boolean_value(v) for v in x], dtype=float)
    return _Run(
        "optimal" if status == cp_model.OPTIMAL else "feasible",
        values,
        float(model.objective @ values),
        float(solver.best_objective_bound),
    )
