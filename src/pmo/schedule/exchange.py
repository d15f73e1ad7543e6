"""MS Project exchange: a read MSPDI file → schedule rows (through the services), and a schedule → MSPDI."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from pmo.core.services import audited_save
from pmo.interop import mspdi
from pmo.projects.models import Project

from . import services
from .adapters import calendar_for, tree_order
from .models import (
    Assignment,
    Baseline,
    BaselineTask,
    ConstraintType,
    NonWorkingDay,
    Schedule,
    ScheduleResource,
)
from .services import LinkSpec, TaskSpec

MAX_UPLOAD = 20 * 1024 * 1024
MAX_NON_WORKING_DAYS = 5_000
CONSTRAINTS = {"SNET": ConstraintType.START_NO_EARLIER, "FNLT": ConstraintType.FINISH_NO_LATER}


@dataclass
class ImportResult:
    counts: dict[str, int]  # the file's elements, as `mspdi.counts`
    report: list[tuple[str, str]] = field(default_factory=list)  # (level, message): what was not taken over
    schedule: Schedule | None = None  # None on a dry run
    tasks: int = 0
    links: int = 0


def read(source: bytes | Path) -> mspdi.MspdiSchedule:
    """Parse an MSPDI file; a refusal becomes a ValidationError naming the problem."""
    try:
        return mspdi.read_mspdi(source, max_bytes=MAX_UPLOAD)
    except mspdi.MspdiError as error:
        raise ValidationError(_("This file cannot be imported: %(reason)s") % {"reason": error}) from None


def _day(value: dt.datetime | dt.date | None) -> dt.date | None:
    return value.date() if isinstance(value, dt.datetime) else value


def _days(minutes: float, per_day: int) -> int:
    return max(0, round(minutes / per_day)) if per_day else 0


def plan_from(source: mspdi.MspdiSchedule) -> tuple[list[TaskSpec], list[LinkSpec], list[tuple[str, str]]]:
    """Tasks (outline levels → summary tasks), links in working days, and the notes on what changed."""
    notes = [(n.level, n.message) for n in source.report]
    per_day = source.minutes_per_day or 480
    tasks: list[TaskSpec] = []
    stack: list[int] = []  # uid of the latest task at each outline level
    kept: set[int] = set()
    blank = 0
    for task in source.tasks:
        if task.is_null:
            blank += 1
            continue
        level = max(1, task.outline_level)
        del stack[level - 1 :]
        parent = stack[-1] if stack else None
        stack.append(task.uid)
        constraint = CONSTRAINTS.get(task.constraint_type, "")
        actual_start, actual_finish = _day(task.actual_start), _day(task.actual_finish)
        if actual_finish and (actual_start is None or actual_start > actual_finish):
            notes.append(
                ("warning", _("Task %(task)s: the actual start was missing or after the actual finish; it is set "
                              "to the actual finish.") % {"task": task.name or task.uid})
            )  # fmt: skip
            actual_start = actual_finish
        tasks.append(
            TaskSpec(
                key=task.uid,
                name=(task.name or _("(no name)"))[:255],
                wbs=task.wbs[:40],
                parent=parent,
                duration=0 if task.milestone else _days(task.duration_minutes, per_day),
                milestone=task.milestone,
                percent_complete=int(min(100, max(0, round(task.percent_complete)))),
                actual_start=actual_start,
                actual_finish=actual_finish,
                constraint_type=constraint,
                constraint_date=_day(task.constraint_date) if constraint else None,
                notes=task.notes[:10_000],
                external_uid=str(task.uid),
            )
        )
        kept.add(task.uid)
    if blank:
        notes.append(("info", _("%(n)s blank task rows were left out.") % {"n": blank}))
    links = []
    for link in source.links:
        if link.predecessor_uid in kept and link.successor_uid in kept:
            links.append(
                LinkSpec(
                    link.predecessor_uid, link.successor_uid, link.type, round(link.lag_minutes / per_day)
                )
            )
    return tasks, links, notes


@transaction.atomic
def import_schedule(
    project: Project, source: bytes | Path, *, acting_user, dry_run: bool = False
) -> ImportResult:
    """Import an MSPDI file as the project's schedule: all of it, or (on an error) nothing."""
    parsed = read(source)
    tasks, links, notes = plan_from(parsed)
    result = ImportResult(counts=mspdi.counts(parsed), report=notes, tasks=len(tasks), links=len(links))
    if dry_run:
        return result
    if Schedule.objects.filter(project=project).exists():
        raise ValidationError(
            _("%(project)s already has a schedule; an import does not overwrite one.") % {"project": project}
        )
    calendar = next((c for c in parsed.calendars if c.uid == parsed.calendar_uid), None)
    weekdays = "".join("1" if w else "0" for w in calendar.working_weekdays) if calendar else "1111100"
    start = _day(parsed.start) or project.planned_start or dt.date.today()
    schedule = services.create_schedule(
        project, acting_user=acting_user, start=start, working_weekdays=weekdays, dutch_holidays=False
    )
    if calendar is not None:
        days = _non_working_days(calendar, notes)
        for day in days:
            audited_save(
                NonWorkingDay(schedule=schedule, date=day, name=calendar.name[:120]), acting_user=acting_user
            )
    made = services.add_plan(schedule, acting_user=acting_user, tasks=tasks, links=links)
    _resources(parsed, schedule, made, acting_user)
    _baseline(parsed, schedule, made, acting_user, notes)
    result.schedule = schedule
    return result


def _non_working_days(calendar: mspdi.Calendar, notes: list[tuple[str, str]]) -> list[dt.date]:
    days: list[dt.date] = []
    for exception in calendar.exceptions:
        if exception.working:
            notes.append(
                (
                    "warning",
                    _("Extra working days (%(from)s – %(to)s) are not taken over.")
                    % {"from": exception.date_from, "to": exception.date_to},
                )
            )
            continue
        day = exception.date_from
        while day <= exception.date_to and len(days) < MAX_NON_WORKING_DAYS:
            days.append(day)
            day += dt.timedelta(days=1)
    return sorted(set(days))


def _resources(parsed, schedule, made: dict, acting_user) -> None:
    resources = {}
    for resource in parsed.resources:
        resources[resource.uid] = audited_save(
            ScheduleResource(
                schedule=schedule,
                name=(resource.name or "?")[:255],
                kind=resource.type,
                max_units=Decimal(str(round(resource.max_units if resource.max_units is not None else 1, 2))),
                external_uid=str(resource.uid),
            ),
            acting_user=acting_user,
        )
    for assignment in parsed.assignments:
        task, resource = made.get(assignment.task_uid), resources.get(assignment.resource_uid)
        if task is not None and resource is not None:
            audited_save(
                Assignment(
                    task=task,
                    resource=resource,
                    units=Decimal(str(round(assignment.units, 2))),
                    work_hours=Decimal(str(round(assignment.work_minutes / 60, 2))),
                ),
                acting_user=acting_user,
            )


def _baseline(parsed, schedule, made: dict, acting_user, notes) -> None:
    rows = [
        (t, made[t.uid]) for t in parsed.tasks if t.uid in made and (t.baseline_start or t.baseline_finish)
    ]
    if not rows:
        return
    baseline = audited_save(
        Baseline(schedule=schedule, name=_("Baseline from MS Project"), created_by=acting_user),
        acting_user=acting_user,
    )
    per_day = parsed.minutes_per_day or 480
    for source, task in rows:
        audited_save(
            BaselineTask(
                baseline=baseline,
                task=task,
                start=_day(source.baseline_start),
                finish=_day(source.baseline_finish),
                duration=_days(source.baseline_duration_minutes or 0, per_day),
            ),
            acting_user=acting_user,
        )
    notes.append(("info", _("The file's baseline was taken over for %(n)s tasks.") % {"n": len(rows)}))


def export_schedule(schedule: Schedule) -> bytes:
    """The schedule as an MSPDI document (tasks with WBS, links with lags, calendar, resources, assignments).

    Stored dates are current: every change recalculates the schedule."""
    ordered = tree_order(list(schedule.tasks.order_by("position", "pk")))  # sets each task's depth
    uid = {t.pk: n for n, t in enumerate(ordered, start=1)}
    per_day = 480
    out_tasks = tuple(
        mspdi.Task(
            uid=uid[t.pk],
            id=uid[t.pk],
            name=t.name,
            wbs=t.wbs,
            outline_level=t.depth + 1,
            summary=t.is_summary,
            milestone=t.milestone,
            start=dt.datetime.combine(t.early_start, dt.time(8)) if t.early_start else None,
            finish=dt.datetime.combine(t.early_finish, dt.time(17)) if t.early_finish else None,
            duration_minutes=float((0 if t.milestone else t.duration) * per_day),
            percent_complete=float(t.percent_complete),
            actual_start=dt.datetime.combine(t.actual_start, dt.time(8)) if t.actual_start else None,
            actual_finish=dt.datetime.combine(t.actual_finish, dt.time(17)) if t.actual_finish else None,
            constraint_type={v: k for k, v in CONSTRAINTS.items()}.get(t.constraint_type, "ASAP"),
            constraint_date=dt.datetime.combine(t.constraint_date, dt.time(8)) if t.constraint_date else None,
            notes=t.notes,
        )
        for t in ordered
    )
    out_links = tuple(
        mspdi.Link(uid[link.predecessor_id], uid[link.successor_id], link.type, float(link.lag * per_day))
        for link in schedule.links.all()
    )
    # every day off: the schedule's own, and the Dutch public holidays when the schedule keeps them
    days_off = calendar_for(schedule).holidays_between(
        schedule.start, schedule.start + dt.timedelta(days=3650)
    )
    calendar = mspdi.Calendar(
        uid=1,
        name=_("Project calendar"),
        working_weekdays=tuple(c == "1" for c in schedule.working_weekdays),
        exceptions=tuple(mspdi.CalendarException(d, d, False) for d in days_off),
    )
    resources = list(schedule.resources.all())
    resource_uid = {r.pk: n for n, r in enumerate(resources, start=1)}
    out = mspdi.MspdiSchedule(
        name=str(schedule.project),
        start=dt.datetime.combine(schedule.start, dt.time(8)),
        calendars=(calendar,),
        calendar_uid=1,
        tasks=out_tasks,
        links=out_links,
        resources=tuple(
            mspdi.Resource(resource_uid[r.pk], r.name, r.kind or "work", float(r.max_units))
            for r in resources
        ),
        assignments=tuple(
            mspdi.Assignment(
                uid[a.task_id], resource_uid[a.resource_id], float(a.units), float(a.work_hours) * 60
            )
            for a in Assignment.objects.filter(task__schedule=schedule)
        ),
    )
    return mspdi.write_mspdi(out)
