"""Schedule risk analysis: the schedule's tasks and risk drivers as an engine RiskModel, and running it."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from django.db import transaction

from pmo.engine.schedule.montecarlo import RiskDriver as EngineDriver
from pmo.engine.schedule.montecarlo import RiskModel, simulate

from .adapters import build_plan, leaves_under
from .models import RiskDriver, RiskRun, RunStatus, Schedule


@dataclass(frozen=True)
class ExternalDriver:
    """A risk from elsewhere (the RAID log) that delays tasks of this schedule when it occurs."""

    name: str
    probability: float  # 0–1
    task_ids: tuple[int, ...]
    impact: tuple[float, float, float]  # duration factors (low, most likely, high), ≥ 1


#: Functions (schedule) → [ExternalDriver]; apps above the schedule (the RAID log) register theirs in `ready()`.
DRIVER_SOURCES: list[Callable[[Schedule], list[ExternalDriver]]] = []


def risk_model(schedule: Schedule, distribution: str = "triangular") -> tuple[RiskModel, object]:
    """Three-point durations per task (a task without estimates varies not at all) and the risk drivers."""
    plan = build_plan(schedule)
    index = {task.pk: i for i, task in enumerate(plan.leaves)}
    children: dict = {}
    for task in plan.tasks:
        children.setdefault(task.parent_id, []).append(task)
    # the estimates are for the whole task; what is already done is fixed (elapsed) and only the rest varies
    share = plan.remaining
    likely = plan.network.duration - plan.elapsed.astype(float)
    low, high = likely.copy(), likely.copy()
    for i, task in enumerate(plan.leaves):
        if task.milestone or share[i] == 0:
            continue
        if task.optimistic is not None:
            low[i] = min(float(task.optimistic) * share[i], likely[i])
        if task.pessimistic is not None:
            high[i] = max(float(task.pessimistic) * share[i], likely[i])
    by_pk = {task.pk: task for task in plan.tasks}
    sources = [
        ExternalDriver(
            d.name,
            d.probability / 100,
            tuple(t.pk for t in d.tasks.all()),
            (float(d.impact_low), float(d.impact_likely), float(d.impact_high)),
        )
        for d in RiskDriver.objects.filter(schedule=schedule).prefetch_related("tasks")
    ] + [driver for source in DRIVER_SOURCES for driver in source(schedule)]
    drivers = []
    for driver in sources:
        hit = sorted(
            {
                index[leaf.pk]
                for pk in driver.task_ids
                if pk in by_pk
                for leaf in leaves_under(by_pk[pk], children)
            }
        )
        if hit and driver.probability > 0:
            drivers.append(EngineDriver(driver.name, min(driver.probability, 1.0), tuple(hit), driver.impact))
    model = RiskModel(
        plan.network, low, likely, high, drivers=drivers, distribution=distribution, elapsed=plan.elapsed
    )
    return model, plan


def execute(run_id: int) -> None:
    """Run one analysis (called by the background worker) and store its result on the run."""
    run = RiskRun.objects.select_related("schedule__project").get(pk=run_id)
    RiskRun.objects.filter(pk=run_id).update(status=RunStatus.RUNNING, progress=0)
    last = [0.0]

    def progress(done: int, total: int) -> None:
        if time.monotonic() - last[0] > 0.5 or done == total:
            last[0] = time.monotonic()
            RiskRun.objects.filter(pk=run_id).update(progress=int(100 * done / total))

    try:
        model, plan = risk_model(run.schedule, run.distribution)
        result = simulate(
            model,
            iterations=run.iterations,
            seed=run.seed,
            latin_hypercube=run.latin_hypercube,
            progress=progress,
        )
        summary = summarise(result, plan, run.schedule)
    except Exception as error:  # the run page shows what went wrong; the worker carries on
        RiskRun.objects.filter(pk=run_id).update(status=RunStatus.FAILED, error=str(error)[:2000])
        raise
    with transaction.atomic():
        RiskRun.objects.filter(pk=run_id).update(status=RunStatus.DONE, progress=100, result=summary)


def summarise(result, plan, schedule: Schedule) -> dict:
    """What the run page shows, as JSON: percentiles (days and dates), histogram, S-curve, criticality, tornado."""
    calendar = plan.calendar

    # a plan that closes with a milestone shows the milestone's own day (the next working day) as its finish
    shift = int(any(t.milestone and t.early_finish == schedule.finish for t in plan.leaves))

    def date_of(days: float) -> str:
        offset = max(int(np.ceil(days - 1e-9)) - 1 + shift, 0)
        return calendar.to_date(offset).isoformat()

    percentiles = {f"p{p}": round(result.percentile(p), 1) for p in (10, 50, 80, 90)}
    counts, edges = result.histogram(30)
    values, probabilities = result.s_curve(51)
    planned = schedule.project.planned_finish
    target = calendar.to_offset(planned, roll="backward") + 1 - shift if planned else None
    names = [str(task) for task in plan.leaves]
    criticality = np.where(plan.done, 0.0, result.criticality)  # finished work is no longer at risk
    order = np.argsort(-criticality)[:20]
    return {
        "iterations": result.iterations,
        "mean": round(result.mean, 1),
        "deterministic": result.deterministic_finish,
        "deterministic_date": date_of(result.deterministic_finish),
        "percentiles": percentiles,
        "dates": {key: date_of(value) for key, value in percentiles.items()},
        "planned_finish": planned.isoformat() if planned else None,
        "probability_planned": round(result.probability_by(target), 3) if target is not None else None,
        "histogram": {"counts": counts.tolist(), "edges": [round(e, 2) for e in edges.tolist()]},
        "s_curve": [
            [round(v, 2), round(p, 3)] for v, p in zip(values.tolist(), probabilities.tolist(), strict=True)
        ],
        "criticality": [
            {
                "task": names[i],
                "index": round(float(criticality[i]), 3),
                "cruciality": round(float(result.cruciality[i]), 3),
            }
            for i in order
            if criticality[i] > 0
        ],
        "tornado": [
            {
                "name": d.name,
                "kind": d.kind,
                "correlation": round(d.correlation, 3),
                "swing": round(d.swing, 1),
            }
            for d in result.tornado(10)
        ],
        "runtime": round(result.runtime, 3),
        "rate": round(result.activity_iterations_per_second),
        "finished": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
    }
