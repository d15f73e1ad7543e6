"""An independent check of a solution against the problem, written apart from the model: it recomputes spend per
budget, demand per role and month, windows, dependencies, forced and running projects and balance rules straight
from the `Problem`, so that a mistake in the model cannot hide itself."""

from __future__ import annotations

import math
from collections.abc import Mapping

from .problem import Problem

TOLERANCE = 1e-6


def violations(problem: Problem, starts: Mapping[str, int]) -> list[str]:
    """Everything wrong with doing the candidates in `starts` (id → start month); empty when the solution holds."""
    out: list[str] = []
    by_id = {c.id: c for c in problem.candidates}
    for key in starts:
        if key not in by_id:
            out.append(f"{key} is not a candidate")
    chosen = {k: s for k, s in starts.items() if k in by_id}

    for c in problem.candidates:
        s = chosen.get(c.id)
        if s is None:
            if c.running:
                out.append(f"{c.id} is running but left out")
            elif c.force == "in":
                out.append(f"{c.id} is forced in but left out")
            continue
        if c.force == "out":
            out.append(f"{c.id} is forced out but done")
        if c.running:
            if s != c.fixed_start:
                out.append(f"{c.id} is running since month {c.fixed_start} but starts in {s}")
            continue
        if s < max(c.earliest, 0):
            out.append(f"{c.id} starts in month {s}, before its earliest start {max(c.earliest, 0)}")
        last = problem.horizon if c.deadline is None else min(c.deadline, problem.horizon)
        if s + c.duration > last:
            out.append(f"{c.id} finishes in month {s + c.duration}, after {last}")

    spend = [0.0] * problem.horizon
    need = {role: [0.0] * problem.horizon for role in problem.capacity}
    for key, s in chosen.items():
        c = by_id[key]
        for k in range(c.duration):
            t = s + k
            if 0 <= t < problem.horizon:
                spend[t] += c.cost[k]
                for role, profile in c.demand.items():
                    if role in need:
                        need[role][t] += profile[k]
    for b in problem.budgets:
        total = math.fsum(spend[b.first : b.last + 1])
        if total > b.limit * (1 + TOLERANCE) + TOLERANCE:
            out.append(f"budget {b.label}: {total:.6g} spent, limit {b.limit:.6g}")
    for role, profile in problem.capacity.items():
        for t, (asked, available) in enumerate(zip(need[role], profile, strict=True)):
            if asked > available * (1 + TOLERANCE) + TOLERANCE:
                out.append(f"{role} in month {t}: {asked:.6g} FTE asked, {available:.6g} available")

    for d in problem.dependencies:
        a, b = chosen.get(d.before), chosen.get(d.after)
        if d.kind == "after" and a is not None and b is not None and b < a + by_id[d.before].duration:
            out.append(
                f"{d.after} starts in month {b}, before {d.before} finishes ({a + by_id[d.before].duration})"
            )
        elif d.kind == "requires" and b is not None and a is None:
            out.append(f"{d.after} is done without {d.before}, which it requires")
        elif d.kind == "excludes" and a is not None and b is not None:
            out.append(f"{d.before} and {d.after} exclude each other but both are done")

    for rule in problem.balance:
        total = math.fsum(problem.measure(by_id[k], rule.measure) for k in chosen)
        part = math.fsum(
            problem.measure(by_id[k], rule.measure) for k in chosen if rule.group in by_id[k].groups
        )
        if rule.min_share is not None and part < rule.min_share * total - TOLERANCE * max(total, 1):
            out.append(f"balance {rule.label}: {part:.6g} of {total:.6g}")
        if rule.max_share is not None and part > rule.max_share * total + TOLERANCE * max(total, 1):
            out.append(f"balance {rule.label}: {part:.6g} of {total:.6g}")
    return out


def value(problem: Problem, starts: Mapping[str, int]) -> float:
    """The objective of a solution, recomputed from the problem."""
    by_id = {c.id: c for c in problem.candidates}
    return math.fsum(problem.value(by_id[k], s) for k, s in starts.items())
