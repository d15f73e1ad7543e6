"""From schedule rows to the engine's network and back: the only place that knows both sides."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np

from pmo.engine.schedule import NO_CONSTRAINT, Calendar, LinkType, Network, ScheduleResult, cpm

from .models import ConstraintType, Schedule, Task, TaskLink


def tree_order(tasks: list[Task]) -> list[Task]:
    """Tasks in outline order (each summary followed by what is under it), each with a `depth`."""
    children: dict[int | None, list[Task]] = {}
    for task in tasks:
        children.setdefault(task.parent_id, []).append(task)
    ordered: list[Task] = []

    def walk(parent: int | None, depth: int) -> None:
        for task in children.get(parent, []):
            task.depth = depth
            ordered.append(task)
            walk(task.pk, depth + 1)

    walk(None, 0)
    return ordered


def calendar_for(schedule: Schedule) -> Calendar:
    return Calendar(
        start=schedule.start,
        working_weekdays=tuple(c == "1" for c in schedule.working_weekdays),
        holidays=tuple(schedule.non_working_days.values_list("date", flat=True)),
        dutch_holidays=schedule.dutch_holidays,
    )


@dataclass
class Plan:
    """The engine's view of a schedule: leaf tasks are activities; summaries roll up afterwards."""

    tasks: list[Task]  # every task, in list order
    leaves: list[Task]  # the activities, index = activity number
    network: Network
    calendar: Calendar


def leaves_under(task: Task, children: dict[int | None, list[Task]]) -> list[Task]:
    below = children.get(task.pk, [])
    if not below:
        return [task]
    return [leaf for child in below for leaf in leaves_under(child, children)]


def build_plan(schedule: Schedule) -> Plan:
    """Read tasks and links in two queries; links to or from a summary task apply to each task under it."""
    tasks = list(schedule.tasks.order_by("position", "pk"))
    children: dict[int | None, list[Task]] = {}
    for task in tasks:
        children.setdefault(task.parent_id, []).append(task)
    leaves = [t for t in tasks if t.pk not in children]
    index = {t.pk: i for i, t in enumerate(leaves)}
    by_pk = {t.pk: t for t in tasks}
    calendar = calendar_for(schedule)
    preds, succs, kinds, lags = [], [], [], []
    for link in TaskLink.objects.filter(schedule=schedule).values_list(
        "predecessor_id", "successor_id", "type", "lag"
    ):
        p_id, s_id, kind, lag = link
        for p in leaves_under(by_pk[p_id], children):
            for s in leaves_under(by_pk[s_id], children):
                if p.pk != s.pk:
                    preds.append(index[p.pk])
                    succs.append(index[s.pk])
                    kinds.append(int(LinkType[kind]))
                    lags.append(lag)
    start_no_earlier = np.full(len(leaves), NO_CONSTRAINT, dtype=np.int64)
    finish_no_later = np.full(len(leaves), NO_CONSTRAINT, dtype=np.int64)
    for i, task in enumerate(leaves):
        if task.actual_start:
            start_no_earlier[i] = calendar.to_offset(task.actual_start)
        elif task.constraint_type == ConstraintType.START_NO_EARLIER and task.constraint_date:
            start_no_earlier[i] = calendar.to_offset(task.constraint_date)
        if task.constraint_type == ConstraintType.FINISH_NO_LATER and task.constraint_date:
            finish_no_later[i] = calendar.to_offset(task.constraint_date, roll="backward")
    network = Network(
        duration=[0 if t.milestone else t.duration for t in leaves],
        predecessor=preds,
        successor=succs,
        link_type=kinds,
        lag=lags,
        start_no_earlier=start_no_earlier,
        finish_no_later=finish_no_later,
        names=[str(t) for t in leaves],
    )
    return Plan(tasks=tasks, leaves=leaves, network=network, calendar=calendar)


CALCULATED = [
    "early_start",
    "early_finish",
    "late_start",
    "late_finish",
    "total_float",
    "free_float",
    "critical",
    "is_summary",
]


def _dates(calendar: Calendar, start: np.ndarray, finish: np.ndarray) -> tuple[list[dt.date], list[dt.date]]:
    """Start offsets → start dates; exclusive finish offsets → the last working day (a milestone: its start)."""
    last = np.where(finish > start, finish - 1, start)
    return (
        calendar.to_dates(start).astype(dt.date).tolist(),
        calendar.to_dates(last).astype(dt.date).tolist(),
    )


def apply_result(plan: Plan, result: ScheduleResult) -> list[Task]:
    """Write the engine's dates onto the tasks (in memory) and roll them up into summaries; returns the tasks."""
    es, ef = _dates(plan.calendar, result.early_start, result.early_finish)
    ls, lf = _dates(plan.calendar, result.late_start, result.late_finish)
    for i, task in enumerate(plan.leaves):
        task.early_start, task.early_finish, task.late_start, task.late_finish = es[i], ef[i], ls[i], lf[i]
        task.total_float = int(result.total_float[i])
        task.free_float = int(result.free_float[i])
        task.critical = bool(result.critical[i])
        task.is_summary = False
    children: dict[int | None, list[Task]] = {}
    for task in plan.tasks:
        children.setdefault(task.parent_id, []).append(task)

    def roll_up(task: Task) -> None:
        below = children.get(task.pk)
        if not below:
            return
        for child in below:
            roll_up(child)
        task.is_summary = True
        task.early_start = min(c.early_start for c in below)
        task.early_finish = max(c.early_finish for c in below)
        task.late_start = min(c.late_start for c in below)
        task.late_finish = max(c.late_finish for c in below)
        task.total_float = min(c.total_float for c in below)
        task.free_float = min(c.free_float for c in below)
        task.critical = any(c.critical for c in below)

    for top in children.get(None, []):
        roll_up(top)
    return plan.tasks


def calculate(schedule: Schedule) -> tuple[list[Task], ScheduleResult]:
    """Schedule the plan; returns the tasks whose calculated fields changed, and the engine's result."""
    plan = build_plan(schedule)
    before = {t.pk: tuple(getattr(t, f) for f in CALCULATED) for t in plan.tasks}
    result = cpm(plan.network)
    changed = [
        t for t in apply_result(plan, result) if tuple(getattr(t, f) for f in CALCULATED) != before[t.pk]
    ]
    return changed, result
