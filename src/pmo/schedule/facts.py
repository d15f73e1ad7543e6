"""What the schedule tells a status report: milestones due in the period, and milestones slipped against the
first baseline."""

from __future__ import annotations

import datetime as dt
from typing import Any

from .models import BaselineTask, Schedule, Task


def milestone_facts(project, start: dt.date, end: dt.date) -> dict[str, Any]:
    schedule = Schedule.objects.filter(project=project).first()
    if schedule is None:
        return {}
    milestones = list(Task.objects.filter(schedule=schedule, milestone=True).order_by("early_start", "pk"))
    first = schedule.baselines.order_by("taken_on", "created_at").first()
    planned = (
        dict(BaselineTask.objects.filter(baseline=first).values_list("task_id", "finish")) if first else {}
    )

    def row(task: Task) -> dict[str, Any]:
        baseline = planned.get(task.pk)
        return {
            "name": str(task),
            "date": task.early_start.isoformat() if task.early_start else None,
            "baseline": baseline.isoformat() if baseline else None,
            "slip_days": (task.early_start - baseline).days if baseline and task.early_start else None,
            "done": task.percent_complete >= 100 or task.actual_finish is not None,
        }

    due = [row(t) for t in milestones if t.early_start and start <= t.early_start <= end]
    slipped = [r for r in map(row, milestones) if (r["slip_days"] or 0) > 0 and not r["done"]]
    return {
        "finish": schedule.finish.isoformat() if schedule.finish else None,
        "status_date": schedule.status_date.isoformat() if schedule.status_date else None,
        "due": due,
        "slipped": sorted(slipped, key=lambda r: -r["slip_days"])[:10],
        "slipped_count": len(slipped),
    }


def _month_ends(first: dt.date, last: dt.date) -> list[dt.date]:
    ends, month = [], first.replace(day=1)
    while month <= last:
        following = (month.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
        ends.append(following - dt.timedelta(days=1))
        month = following
    return ends


def work_progress(project, start: dt.date, end: dt.date) -> dict[str, Any]:
    """For earned value: the share of the work done (% complete weighted by duration over the tasks), and the
    share of the work the first baseline planned by the end of each month (work spread evenly over each task's
    working days)."""
    from .adapters import calendar_for

    schedule = Schedule.objects.filter(project=project).first()
    if schedule is None:
        return {}
    leaves = list(Task.objects.filter(schedule=schedule, is_summary=False, milestone=False))
    total = sum(t.duration for t in leaves)
    done = sum(t.duration * t.percent_complete / 100 for t in leaves) / total if total else 0.0
    first = schedule.baselines.order_by("taken_on", "created_at").first()
    planned: list[list[Any]] = []
    if first is not None:
        rows = [
            (b.start, b.finish, b.task.duration)
            for b in BaselineTask.objects.filter(baseline=first, task__in=leaves).select_related("task")
            if b.start and b.finish
        ]
        if rows:
            calendar = calendar_for(schedule)
            span = {i: max(calendar.working_days_between(s, f), 1) for i, (s, f, _d) in enumerate(rows)}
            weight = sum(d for _s, _f, d in rows) or 1
            for month_end in _month_ends(min(s for s, _f, _d in rows), max(f for _s, f, _d in rows)):
                share = sum(
                    d * min(calendar.working_days_between(s, min(f, month_end)), span[i]) / span[i]
                    for i, (s, f, d) in enumerate(rows)
                    if s <= month_end
                )
                planned.append([month_end.isoformat(), round(share / weight, 6)])
    return {"work_done": round(done, 6), "planned": planned}
