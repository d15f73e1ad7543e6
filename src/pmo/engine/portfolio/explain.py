"""Why the optimiser decided as it did, and why a problem has no solution.

- `explain`: for every candidate left out, what keeps it out (which budgets, which roles in which months, which
  dependency or rule), tried at each of its possible starts against the rest of the portfolio as chosen; for every
  project that starts later than it could, what holds it back at each earlier start.
- `diagnose`: for a problem without any solution, the smallest total violation that would make it solvable (every
  budget, capacity, dependency and balance row may be exceeded at a price); the rows that must give are the
  conflicting constraints, named with the running and forced-in projects that cause them.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass

import highspy
import numpy as np

from .greedy import Packer
from .model import Model, Row, build
from .problem import Problem

MonthLabel = Callable[[int], str]


def _month(t: int) -> str:
    return f"month {t}"


def month_ranges(months) -> list[tuple[int, int]]:
    """3, 4, 5, 9 → [(3, 5), (9, 9)]."""
    out: list[tuple[int, int]] = []
    for t in sorted(set(months)):
        if out and t == out[-1][1] + 1:
            out[-1] = (out[-1][0], t)
        else:
            out.append((t, t))
    return out


def describe_months(months, label: MonthLabel) -> str:
    """3, 4, 5, 9 → 'month 3–month 5, month 9' (with the caller's labels)."""
    return ", ".join(label(a) if a == b else f"{label(a)}–{label(b)}" for a, b in month_ranges(months))


@dataclass(frozen=True)
class Reason:
    """One constraint that stands in the way: kind (budget, capacity, after — waits for a project —, before —
    would end after a project that must follow it starts —, requires, excludes, balance, window, forced, value),
    what it is about (budget label, role, project), the months concerned, and a sentence."""

    kind: str
    about: str
    months: tuple[int, ...]
    text: str


def _reasons(hits: Mapping[tuple[str, str], list[int]], label: MonthLabel) -> list[Reason]:
    out = []
    for (kind, about), months in sorted(hits.items()):
        months = [t for t in months if t >= 0]
        when = f" in {describe_months(months, label)}" if months else ""
        text = {
            "budget": f"budget {about} would be exceeded",
            "capacity": f"not enough {about}{when}",
            "after": f"must wait until {about} finishes",
            "before": f"would not finish before {about} starts",
            "requires": f"requires {about}, which is left out",
            "excludes": f"excludes {about}, which is chosen",
            "balance-min": f"balance rule {about}",
            "balance-max": f"balance rule {about}",
            "choose": "",
        }[kind]
        if text:
            out.append(Reason(kind.split("-")[0], about, tuple(months), text))
    return out


def _about(row: Row, item: str) -> tuple[str, str]:
    kind = row.kind
    if kind == "budget":
        return kind, row.about.label
    if kind == "capacity":
        return kind, row.about
    if kind == "after" and row.about.before == item:
        return "before", row.about.after
    if kind in ("after", "requires"):
        return kind, row.about.before if row.about.after == item else row.about.after
    if kind == "excludes":
        return kind, row.about.after if row.about.before == item else row.about.before
    if kind.startswith("balance"):
        return kind, row.about.label
    return kind, ""


def explain(
    problem: Problem,
    starts: Mapping[str, int],
    *,
    model: Model | None = None,
    month_label: MonthLabel = _month,
) -> dict[str, list[Reason]]:
    """For each candidate left out or started later than its earliest possible start: the reasons."""
    model = model or build(problem)
    probe = Packer(model, model.vector(dict(starts)))
    out: dict[str, list[Reason]] = {}
    for i, c in enumerate(problem.candidates):
        columns = model.columns_of(i)
        if c.id not in starts:
            if c.force == "out":
                out[c.id] = [Reason("forced", "", (), "forced out")]
                continue
            if not len(columns):
                out[c.id] = [
                    Reason(
                        "window",
                        "",
                        (),
                        f"does not fit between its earliest start and its deadline: it lasts {c.duration} months",
                    )
                ]
                continue
            trials = list(columns)
            current = None
        else:
            current = model.column(i, starts[c.id])
            trials = [j for j in columns if j < current]
            if not trials:
                continue
        hits: dict[tuple[str, str], list[int]] = defaultdict(list)
        fits = []
        for j in trials:
            broken = probe.blocked(j, current)
            if not broken:
                fits.append(int(model.start[j]))
            for r in broken:
                row = model.rows[r]
                month = row.month if row.kind in ("capacity", "after") else int(model.start[j])
                hits[_about(row, c.id)].append(month)
        reasons = _reasons(hits, month_label)
        if fits:  # it could be in (or start earlier) without breaking anything: the value decided
            text = (
                "but the search found more value without it"
                if current is None
                else "but gained nothing by it"
            )
            reasons.insert(0, Reason("value", "", tuple(fits), f"fits from {month_label(fits[0])}, {text}"))
        if reasons:
            out[c.id] = reasons
    return out


def static_conflicts(problem: Problem, month_label: MonthLabel = _month) -> list[str]:
    """Conflicts that need no search: a required project that fits no start in its window, a required project
    that requires a forced-out one, two required projects that exclude each other."""
    messages = []
    for c in problem.candidates:
        if c.force == "in" and not len(problem.starts(c)):
            messages.append(
                f"{c.id} must be done (forced in) but does not fit its window: it "
                f"lasts {c.duration} months, from {month_label(max(c.earliest, 0))} it must finish by "
                f"{month_label(problem.latest_finish(c))}"
            )
    by_id = {c.id: c for c in problem.candidates}

    def must(c) -> bool:
        return c.running or c.force == "in"

    for d in problem.dependencies:
        a, b = by_id[d.before], by_id[d.after]
        if d.kind == "requires" and must(b) and a.force == "out":
            messages.append(f"{b.id} must be done but requires {a.id}, which is forced out")
        if d.kind == "excludes" and must(a) and must(b):
            messages.append(f"{a.id} and {b.id} exclude each other but both must be done")
    return messages


def diagnose(
    problem: Problem,
    model: Model | None = None,
    *,
    month_label: MonthLabel = _month,
    time_limit: float = 10.0,
) -> list[str]:
    """The constraints that together leave no solution, as sentences; empty when a solution exists."""
    messages = static_conflicts(problem, month_label)
    if messages:
        return messages
    model = model or build(problem)
    slack = _elastic(model, time_limit)
    if slack is None:
        return ["no solution was found in the time given, and no conflict could be proven"]
    x, over, under, proven = slack
    chosen = np.flatnonzero(x > 0.5)
    required = {
        j
        for j in chosen
        if problem.candidates[model.item[j]].running or problem.candidates[model.item[j]].force == "in"
    }
    csr = model.matrix.tocsr()
    groups: dict[tuple[str, str], list[tuple[int, float]]] = defaultdict(list)
    causes: dict[tuple[str, str], set[str]] = defaultdict(set)
    for r in np.flatnonzero((over > 1e-6) | (under > 1e-6)):
        row = model.rows[r]
        about = row.about if isinstance(row.about, str) else getattr(row.about, "label", str(row.about))
        groups[(row.kind, about)].append((row.month, float(over[r] + under[r])))
        for j, a in zip(
            csr.indices[csr.indptr[r] : csr.indptr[r + 1]],
            csr.data[csr.indptr[r] : csr.indptr[r + 1]],
            strict=True,
        ):
            if j in required and a != 0:
                causes[(row.kind, about)].add(problem.candidates[model.item[j]].id)
    for (kind, about), items in groups.items():
        who = f" by {', '.join(sorted(causes[(kind, about)]))}" if causes[(kind, about)] else ""
        worst = max(v for _, v in items)
        months = [t for t, _ in items if t >= 0]
        if kind == "budget":
            messages.append(f"budget {about} is exceeded by {worst:,.6g}{who}")
        elif kind == "capacity":
            messages.append(
                f"{about} is short by up to {worst:.2f} FTE in {describe_months(months, month_label)}{who}"
            )
        elif kind == "after":
            messages.append(f"the dependencies of {about} cannot be met in time")
        elif kind.startswith("balance"):
            messages.append(f"balance rule {about} cannot be met{who}")
        else:
            messages.append(f"{kind} {about} cannot be met")
    if messages and not proven:
        messages.append("(the search for the smallest conflict ran out of time: there may be a smaller one)")
    return messages


def _elastic(model: Model, time_limit: float):
    """Minimise the scaled violation of the rows (the `choose` rows of required projects excepted) over all 0/1
    plans that do every required project: the rows left violated are the conflict."""
    n, m = model.columns, len(model.rows)
    scale = np.maximum(np.abs(np.where(np.isfinite(model.upper), model.upper, 0)), 1.0)
    elastic = np.array([row.kind != "choose" for row in model.rows])
    up = np.flatnonzero(elastic & np.isfinite(model.upper))
    lo = np.flatnonzero(elastic & np.isfinite(model.lower))
    h = highspy.Highs()
    h.setOptionValue("output_flag", False)
    h.setOptionValue("time_limit", time_limit)
    csc = model.matrix.tocsc()
    h.addVars(n, np.zeros(n), np.ones(n))
    h.changeColsIntegrality(n, np.arange(n, dtype=np.int32), np.array([highspy.HighsVarType.kInteger] * n))
    extra = len(up) + len(lo)
    h.addVars(extra, np.zeros(extra), np.full(extra, highspy.kHighsInf))
    cost = np.concatenate([np.zeros(n), 1.0 / scale[up], 1.0 / scale[lo]])
    h.changeColsCost(n + extra, np.arange(n + extra, dtype=np.int32), cost)
    slack_col = np.full(m, -1)
    slack_col_lo = np.full(m, -1)
    slack_col[up] = n + np.arange(len(up))
    slack_col_lo[lo] = n + len(up) + np.arange(len(lo))
    csr = csc.tocsr()
    for r in range(m):
        idx = list(csr.indices[csr.indptr[r] : csr.indptr[r + 1]])
        val = list(csr.data[csr.indptr[r] : csr.indptr[r + 1]])
        if slack_col[r] >= 0:
            idx.append(int(slack_col[r]))
            val.append(-1.0)
        if slack_col_lo[r] >= 0:
            idx.append(int(slack_col_lo[r]))
            val.append(1.0)
        lower = -highspy.kHighsInf if not np.isfinite(model.lower[r]) else model.lower[r]
        upper = highspy.kHighsInf if not np.isfinite(model.upper[r]) else model.upper[r]
        h.addRow(lower, upper, len(idx), np.array(idx, dtype=np.int32), np.array(val))
    h.run()
    if h.getInfo().primal_solution_status != 2:
        return None
    values = np.asarray(h.getSolution().col_value)
    over, under = np.zeros(m), np.zeros(m)
    over[up] = values[n : n + len(up)]
    under[lo] = values[n + len(up) :]
    return values[:n], over, under, h.getModelStatus() == highspy.HighsModelStatus.kOptimal
