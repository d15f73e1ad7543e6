"""From schedule rows to the engine's network and back: the only place that knows both sides."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np

from pmo.engine.schedule import NO_CONSTRAINT, Calendar, LinkType, Network, ScheduleResult, cpm

from .models import Assignment, ConstraintType, Schedule, ScheduleResource, Task, TaskLink


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
    """The engine's view of a schedule: leaf tasks are activities; summaries roll up afterwards.

    With progress, an activity's duration is what is already behind it (`elapsed`, fixed) plus what remains
    (`remaining` of its planned duration, a fraction: 0 when done, 1 when not started).
    """

    tasks: list[Task]  # every task, in list order
    leaves: list[Task]  # the activities, index = activity number
    network: Network
    calendar: Calendar
    elapsed: np.ndarray  # working days fixed by progress, per activity
    remaining: np.ndarray  # share of the planned duration still to do, per activity
    done: np.ndarray  # bool: finished (actual finish or 100%)


def is_done(task: Task) -> bool:
    return task.actual_finish is not None or task.percent_complete >= 100


@dataclass(frozen=True)
class _Progress:
    start: int | None  # pinned start offset (an actual start), or None
    duration: int  # engine duration
    elapsed: int
    remaining: float


def _progress(task: Task, calendar: Calendar, status: int | None) -> _Progress:
    """Where progress puts a task. A started task is pinned at its actual start, whatever its predecessors say; a
    finished one lasts from its actual start to its actual finish; one in progress has the unfinished part of its
    duration still to do from the status date (the first working day after it) on."""
    planned = 0 if task.milestone else task.duration
    if task.actual_start is None and not is_done(task):
        return _Progress(None, planned, 0, 1.0)
    if task.actual_finish is not None:
        last = calendar.to_offset(task.actual_finish, roll="backward")
        first = calendar.to_offset(task.actual_start) if task.actual_start else last + 1 - planned
        length = 0 if task.milestone else max(last + 1 - first, 0)
        return _Progress(first, length, length, 0.0)
    if task.actual_start is None:  # 100% without dates: as planned
        return _Progress(None, planned, planned, 0.0)
    first = calendar.to_offset(task.actual_start)
    if task.percent_complete >= 100:
        return _Progress(first, planned, planned, 0.0)
    share = 1 - task.percent_complete / 100
    if status is None:  # no status date: the plan's duration from the actual start
        return _Progress(first, planned, round(planned * (1 - share)), share)
    remaining = round(planned * share)
    elapsed = max(status - first, 0)
    return _Progress(first, elapsed + remaining, elapsed, remaining / planned if planned else 0.0)


def leaves_under(task: Task, children: dict[int | None, list[Task]]) -> list[Task]:
    below = children.get(task.pk, [])
    if not below:
        return [task]
    return [leaf for child in below for leaf in leaves_under(child, children)]


def build_plan(schedule: Schedule) -> Plan:
    """Read tasks and links in two queries; links to or from a summary task apply to each task under it.

    Progress counts: links into a task that has started no longer move it (its actual start holds), and a task not
    yet started cannot start before the status date."""
    tasks = list(schedule.tasks.order_by("position", "pk"))
    children: dict[int | None, list[Task]] = {}
    for task in tasks:
        children.setdefault(task.parent_id, []).append(task)
    leaves = [t for t in tasks if t.pk not in children]
    index = {t.pk: i for i, t in enumerate(leaves)}
    by_pk = {t.pk: t for t in tasks}
    calendar = calendar_for(schedule)
    status = calendar.to_offset(schedule.status_date + dt.timedelta(days=1)) if schedule.status_date else None
    progress = [_progress(t, calendar, status) for t in leaves]
    preds, succs, kinds, lags = [], [], [], []
    for link in TaskLink.objects.filter(schedule=schedule).values_list(
        "predecessor_id", "successor_id", "type", "lag"
    ):
        p_id, s_id, kind, lag = link
        for p in leaves_under(by_pk[p_id], children):
            for s in leaves_under(by_pk[s_id], children):
                if p.pk != s.pk and progress[index[s.pk]].start is None:
                    preds.append(index[p.pk])
                    succs.append(index[s.pk])
                    kinds.append(int(LinkType[kind]))
                    lags.append(lag)
    start_no_earlier = np.full(len(leaves), NO_CONSTRAINT, dtype=np.int64)
    finish_no_later = np.full(len(leaves), NO_CONSTRAINT, dtype=np.int64)
    for i, task in enumerate(leaves):
        pinned = progress[i].start
        if pinned is not None:
            start_no_earlier[i] = pinned
        else:
            if task.constraint_type == ConstraintType.START_NO_EARLIER and task.constraint_date:
                start_no_earlier[i] = calendar.to_offset(task.constraint_date)
            if task.levelled_start:  # waiting for resources, as levelling decided
                start_no_earlier[i] = max(start_no_earlier[i], calendar.to_offset(task.levelled_start))
            if status is not None and not is_done(task):
                start_no_earlier[i] = max(start_no_earlier[i], status)
        if task.constraint_type == ConstraintType.FINISH_NO_LATER and task.constraint_date:
            finish_no_later[i] = calendar.to_offset(task.constraint_date, roll="backward")
    network = Network(
        duration=[p.duration for p in progress],
        predecessor=preds,
        successor=succs,
        link_type=kinds,
        lag=lags,
        start_no_earlier=start_no_earlier,
        finish_no_later=finish_no_later,
        names=[str(t) for t in leaves],
    )
    return Plan(
        tasks=tasks,
        leaves=leaves,
        network=network,
        calendar=calendar,
        elapsed=np.array([p.elapsed for p in progress], dtype=np.int64),
        remaining=np.array([p.remaining for p in progress]),
        done=np.array([is_done(t) for t in leaves], dtype=bool),
    )


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
        task.critical = bool(result.critical[i]) and not plan.done[i]  # finished work drives nothing
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


@dataclass
class ResourceUse:
    """What the plan's activities ask of the schedule's resources: `use[activity, resource]` in units."""

    resources: list[ScheduleResource]
    use: np.ndarray
    capacity: np.ndarray
    frozen: np.ndarray  # started or finished work keeps its dates


def resource_use(plan: Plan, schedule: Schedule) -> ResourceUse:
    resources = list(schedule.resources.order_by("name", "pk"))
    column = {r.pk: k for k, r in enumerate(resources)}
    row = {t.pk: i for i, t in enumerate(plan.leaves)}
    use = np.zeros((len(plan.leaves), len(resources)))
    for task_id, resource_id, units in Assignment.objects.filter(task__schedule=schedule).values_list(
        "task_id", "resource_id", "units"
    ):
        if task_id in row:  # work assigned to a summary is its own, not levelled
            use[row[task_id], column[resource_id]] += float(units)
    frozen = np.array([t.actual_start is not None or is_done(t) for t in plan.leaves], dtype=bool)
    return ResourceUse(resources, use, np.array([float(r.max_units) for r in resources]), frozen)


@dataclass(frozen=True)
class Load:
    resource: ScheduleResource
    peak: float  # the most of it in use on one working day
    days_over: int  # working days with more in use than exists


def resource_load(schedule: Schedule) -> list[Load]:
    """How much of each resource the plan uses at its peak, and on how many working days it asks too much."""
    plan = build_plan(schedule)
    use = resource_use(plan, schedule)
    if not use.resources:
        return []
    starts = np.array(
        [plan.calendar.to_offset(t.early_start) if t.early_start else 0 for t in plan.leaves], dtype=np.int64
    )
    finish = starts + plan.network.duration
    usage = np.zeros((int(finish.max(initial=0)) + 1, len(use.resources)))
    for i in np.nonzero(use.use.any(axis=1) & ~use.frozen)[0]:
        usage[starts[i] : finish[i]] += use.use[i]
    return [
        Load(r, float(usage[:, k].max(initial=0)), int((usage[:, k] > use.capacity[k] + 1e-9).sum()))
        for k, r in enumerate(use.resources)
    ]
