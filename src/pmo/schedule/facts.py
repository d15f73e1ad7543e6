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
    }
