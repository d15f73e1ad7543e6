"""Every write to a schedule. Each one recalculates the schedule in the same transaction, so stored dates are
never stale and a change that would create a loop is refused with nothing saved."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from pmo.core.services import audited_delete, audited_save, only_fields, require, update_object
from pmo.engine.schedule import CycleError, ScheduleResult
from pmo.engine.schedule.levelling import level
from pmo.projects.models import Project

from .adapters import CALCULATED, build_plan, calculate, resource_use
from .models import (
    Assignment,
    Baseline,
    BaselineTask,
    NonWorkingDay,
    RiskDriver,
    RiskRun,
    Schedule,
    ScheduleResource,
    Task,
    TaskLink,
)
from .tasks import run_risk_analysis

SCHEDULE_FIELDS = frozenset({"start", "working_weekdays", "dutch_holidays", "status_date"})
TASK_FIELDS = frozenset(
    {
        "parent",
        "position",
        "wbs",
        "name",
        "duration",
        "milestone",
        "optimistic",
        "pessimistic",
        "percent_complete",
        "actual_start",
        "actual_finish",
        "constraint_type",
        "constraint_date",
        "notes",
        "external_uid",
    }
)


def recalculate(schedule: Schedule) -> ScheduleResult:
    """Run the critical path method and store every task's dates, floats and criticality."""
    try:
        changed, result = calculate(schedule)
    except CycleError as error:
        message = _("These links would form a loop: %(cycle)s.") % {"cycle": error.path}
        raise ValidationError({"predecessor": message}) from None
    except OverflowError:  # dates beyond the year 9999: absurd durations or lags
        raise ValidationError(
            _("The schedule would end after the year 9999: check the durations and lags.")
        ) from None
    # plain UPDATEs: far quicker than bulk_update's CASE expressions for these row counts
    for task in changed:
        Task.objects.filter(pk=task.pk).update(**{name: getattr(task, name) for name in CALCULATED})
    finish = Task.objects.filter(schedule=schedule, parent__isnull=True).aggregate(end=Max("early_finish"))[
        "end"
    ]
    Schedule.objects.filter(pk=schedule.pk).update(finish=finish)
    return result


def _check_project(user, schedule: Schedule) -> None:
    require(user, "schedule.change_schedule", schedule)


@transaction.atomic
def create_schedule(project: Project, *, acting_user, start: dt.date, **fields: Any) -> Schedule:
    require(acting_user, "projects.change_project", project)
    if Schedule.objects.filter(project=project).exists():
        raise ValidationError(_("This project already has a schedule."))
    schedule = audited_save(Schedule(project=project, start=start, **fields), acting_user=acting_user)
    recalculate(schedule)
    return schedule


@transaction.atomic
def update_schedule(schedule: Schedule, *, acting_user, expected_version: int | None = None, **changes: Any):
    schedule, changed = update_object(
        schedule,
        acting_user=acting_user,
        perm="schedule.change_schedule",
        allowed=SCHEDULE_FIELDS,
        expected_version=expected_version,
        changes=changes,
    )
    if changed:
        recalculate(schedule)
    return schedule


@transaction.atomic
def add_non_working_day(schedule: Schedule, *, acting_user, date: dt.date, name: str = "") -> NonWorkingDay:
    _check_project(acting_user, schedule)
    day = audited_save(NonWorkingDay(schedule=schedule, date=date, name=name), acting_user=acting_user)
    recalculate(schedule)
    return day


@transaction.atomic
def remove_non_working_day(day: NonWorkingDay, *, acting_user) -> None:
    _check_project(acting_user, day.schedule)
    audited_delete(day, acting_user=acting_user)
    recalculate(day.schedule)


def _validate_parent(task: Task) -> None:
    if task.parent_id is None:
        return
    if task.parent.schedule_id != task.schedule_id:
        raise ValidationError({"parent": _("The summary task belongs to another schedule.")})
    node = task.parent
    while node is not None:
        if node.pk == task.pk:
            raise ValidationError({"parent": _("A task cannot be placed under itself.")})
        node = node.parent


@transaction.atomic
def create_task(schedule: Schedule, *, acting_user, **fields: Any) -> Task:
    _check_project(acting_user, schedule)
    if "position" not in fields:
        last = schedule.tasks.order_by("-position").values_list("position", flat=True).first()
        fields["position"] = (last or 0) + 10
    task = Task(schedule=schedule, **only_fields(fields, TASK_FIELDS))
    _validate_parent(task)
    audited_save(task, acting_user=acting_user)
    recalculate(schedule)
    task.refresh_from_db()
    return task


def _with_actuals(task: Task, changes: dict[str, Any]) -> dict[str, Any]:
    """As in MS Project: work reported on a task without an actual start started as planned; 100% without an
    actual finish finished as planned (not before it started)."""
    if "percent_complete" not in changes:
        return changes
    percent = changes["percent_complete"] or 0
    start = changes.get("actual_start", task.actual_start)
    finish = changes.get("actual_finish", task.actual_finish)
    filled = dict(changes)
    if percent > 0 and start is None:
        start = filled["actual_start"] = task.early_start or task.schedule.start
    if percent >= 100 and finish is None:
        filled["actual_finish"] = max(task.early_finish or start, start)
    return filled


@transaction.atomic
def update_task(task: Task, *, acting_user, expected_version: int | None = None, **changes: Any) -> Task:
    changes = _with_actuals(task, changes)
    task, changed = update_object(
        task,
        acting_user=acting_user,
        perm="schedule.change_schedule",
        allowed=TASK_FIELDS,
        expected_version=expected_version,
        changes=changes,
    )
    if "parent" in changed:
        _validate_parent(task)
    if changed:
        recalculate(task.schedule)
        task.refresh_from_db()
    return task


@transaction.atomic
def delete_task(task: Task, *, acting_user) -> None:
    schedule = task.schedule
    _check_project(acting_user, schedule)
    for child in task.children.all():
        delete_task(child, acting_user=acting_user)
    audited_delete(task, acting_user=acting_user)
    recalculate(schedule)


@transaction.atomic
def add_link(predecessor: Task, successor: Task, *, acting_user, type: str = "FS", lag: int = 0) -> TaskLink:
    schedule = predecessor.schedule
    _check_project(acting_user, schedule)
    if successor.schedule_id != schedule.pk:
        raise ValidationError({"successor": _("Both tasks must belong to the same schedule.")})
    link = audited_save(
        TaskLink(schedule=schedule, predecessor=predecessor, successor=successor, type=type, lag=lag),
        acting_user=acting_user,
    )
    recalculate(schedule)
    return link


@transaction.atomic
def remove_link(link: TaskLink, *, acting_user) -> None:
    _check_project(acting_user, link.schedule)
    audited_delete(link, acting_user=acting_user)
    recalculate(link.schedule)


@dataclass(frozen=True)
class TaskSpec:
    """A task to add with `add_plan`: `key` and `parent` are the caller's own identifiers."""

    key: object
    name: str
    duration: int = 1
    parent: object | None = None
    wbs: str = ""
    milestone: bool = False
    optimistic: Decimal | None = None
    pessimistic: Decimal | None = None
    percent_complete: int = 0
    actual_start: dt.date | None = None
    actual_finish: dt.date | None = None
    constraint_type: str = ""
    constraint_date: dt.date | None = None
    notes: str = ""
    external_uid: str = ""


@dataclass(frozen=True)
class LinkSpec:
    predecessor: object
    successor: object
    type: str = "FS"
    lag: int = 0


@transaction.atomic
def add_plan(
    schedule: Schedule, *, acting_user, tasks: list[TaskSpec], links: list[LinkSpec]
) -> dict[object, Task]:
    """Add many tasks and links at once (a template, an import) and recalculate once; all or nothing.

    Parents must come before their children in `tasks`. Returns the new tasks by key.
    """
    _check_project(acting_user, schedule)
    last = schedule.tasks.order_by("-position").values_list("position", flat=True).first() or 0
    made: dict[object, Task] = {}
    for number, spec in enumerate(tasks, start=1):
        if spec.key in made:
            raise ValidationError(_("Task %(key)s appears twice.") % {"key": spec.key})
        if spec.parent is not None and spec.parent not in made:
            raise ValidationError(
                _("Task %(task)s names a summary task %(parent)s that does not come before it.")
                % {"task": spec.name, "parent": spec.parent}
            )
        fields = {f: getattr(spec, f) for f in TASK_FIELDS if f not in {"parent", "position"}}
        task = Task(schedule=schedule, parent=made.get(spec.parent), position=last + 10 * number, **fields)
        made[spec.key] = audited_save(task, acting_user=acting_user)
    for spec in links:
        try:
            predecessor, successor = made[spec.predecessor], made[spec.successor]
        except KeyError as missing:
            raise ValidationError(
                _("A link names an unknown task %(key)s.") % {"key": missing.args[0]}
            ) from None
        audited_save(
            TaskLink(
                schedule=schedule, predecessor=predecessor, successor=successor, type=spec.type, lag=spec.lag
            ),
            acting_user=acting_user,
        )
    recalculate(schedule)
    return made


@transaction.atomic
def record_progress(
    schedule: Schedule,
    *,
    acting_user,
    status_date: dt.date,
    progress: dict[Task, tuple[int, dt.date | None, dt.date | None]],
) -> None:
    """Record % complete and actual start/finish of many tasks as of `status_date`; recalculate once."""
    _check_project(acting_user, schedule)
    for task, (percent, actual_start, actual_finish) in progress.items():
        if task.schedule_id != schedule.pk:
            raise ValidationError(_("Task %(task)s belongs to another schedule.") % {"task": task})
        task.percent_complete, task.actual_start, task.actual_finish = percent, actual_start, actual_finish
        audited_save(task, acting_user=acting_user, reason=_("Progress on %(date)s") % {"date": status_date})
    schedule.status_date = status_date
    audited_save(schedule, acting_user=acting_user)
    recalculate(schedule)


@transaction.atomic
def save_baseline(
    schedule: Schedule, *, acting_user, name: str = "", taken_on: dt.date | None = None
) -> Baseline:
    """Keep the current early dates of every task as a baseline (basisplanning); they are always up to date, as every
    change recalculates."""
    _check_project(acting_user, schedule)
    count = schedule.baselines.count()
    baseline = audited_save(
        Baseline(
            schedule=schedule,
            name=name or _("Baseline %(n)s") % {"n": count + 1},
            taken_on=taken_on or dt.date.today(),
            created_by=acting_user,
        ),
        acting_user=acting_user,
    )
    rows = [
        BaselineTask(
            baseline=baseline, task=t, start=t.early_start, finish=t.early_finish, duration=t.duration
        )
        for t in schedule.tasks.all()
    ]
    bulk_create_with_history(rows, BaselineTask, default_user=acting_user)
    return baseline


RISK_DRIVER_FIELDS = frozenset({"name", "probability", "impact_low", "impact_likely", "impact_high"})


@transaction.atomic
def create_risk_driver(schedule: Schedule, *, acting_user, tasks: list[Task], **fields: Any) -> RiskDriver:
    _check_project(acting_user, schedule)
    if not tasks:
        raise ValidationError({"tasks": _("Choose the tasks this risk affects.")})
    if any(task.schedule_id != schedule.pk for task in tasks):
        raise ValidationError({"tasks": _("Both tasks must belong to the same schedule.")})
    driver = audited_save(
        RiskDriver(schedule=schedule, **only_fields(fields, RISK_DRIVER_FIELDS)), acting_user=acting_user
    )
    driver.tasks.set(tasks)
    return driver


@transaction.atomic
def delete_risk_driver(driver: RiskDriver, *, acting_user) -> None:
    _check_project(acting_user, driver.schedule)
    audited_delete(driver, acting_user=acting_user)


@transaction.atomic
def request_risk_analysis(schedule: Schedule, *, acting_user, **options: Any) -> RiskRun:
    """Queue a Monte Carlo analysis; the worker runs it after this transaction commits."""
    require(acting_user, "schedule.analyse_schedule", schedule)
    if not schedule.tasks.exists():
        raise ValidationError(_("Add tasks to the schedule before analysing its risk."))
    run = audited_save(
        RiskRun(schedule=schedule, requested_by=acting_user, **options), acting_user=acting_user
    )
    transaction.on_commit(lambda: run_risk_analysis.enqueue(run.pk))
    return run


# --- resources, assignments and levelling ---------------------------------------------------------------------

RESOURCE_FIELDS = frozenset({"name", "kind", "max_units"})
HOURS_PER_DAY = 8  # MS Project's default working day, for the work of an assignment
EXACT_LIMIT = 2000


def _number(value: Decimal) -> str:
    return number_format(Decimal(value).normalize())


def _too_much(task: Task, resource: ScheduleResource, units: Decimal) -> ValidationError:
    return ValidationError(
        {
            "units": _("%(task)s needs %(units)s of %(resource)s, but only %(max)s exist.")
            % {
                "task": task,
                "units": _number(units),
                "resource": resource,
                "max": _number(resource.max_units),
            }
        }
    )


def _not_negative(resource: str, units: Decimal) -> None:
    if units < 0:
        raise ValidationError(
            {"max_units": _("%(resource)s: the maximum units cannot be negative.") % {"resource": resource}}
        )


@transaction.atomic
def add_resource(
    schedule: Schedule, *, acting_user, name: str, max_units: Decimal = Decimal(1), kind: str = "work"
) -> ScheduleResource:
    _check_project(acting_user, schedule)
    _not_negative(name, Decimal(max_units))
    resource = ScheduleResource(schedule=schedule, name=name, kind=kind, max_units=max_units)
    return audited_save(resource, acting_user=acting_user)


@transaction.atomic
def update_resource(
    resource: ScheduleResource, *, acting_user, expected_version: int | None = None, **changes: Any
) -> ScheduleResource:
    require(acting_user, "schedule.change_schedule", resource)  # before saying anything about the input
    if "max_units" in changes:
        units = Decimal(changes["max_units"])
        _not_negative(resource.name, units)
        biggest = (
            resource.assignments.filter(units__gt=units).select_related("task").order_by("-units").first()
        )
        if biggest is not None:
            raise _too_much(
                biggest.task, ScheduleResource(name=resource.name, max_units=units), biggest.units
            )
    resource, _changed = update_object(
        resource,
        acting_user=acting_user,
        perm="schedule.change_schedule",
        allowed=RESOURCE_FIELDS,
        expected_version=expected_version,
        changes=changes,
    )
    return resource


@transaction.atomic
def remove_resource(resource: ScheduleResource, *, acting_user) -> None:
    _check_project(acting_user, resource.schedule)
    for assignment in resource.assignments.all():
        audited_delete(assignment, acting_user=acting_user)
    audited_delete(resource, acting_user=acting_user)


@transaction.atomic
def assign(task: Task, resource: ScheduleResource, *, acting_user, units: Decimal = Decimal(1)) -> Assignment:
    """Put `units` of `resource` on `task` (replacing what it had of it)."""
    _check_project(acting_user, task.schedule)
    if resource.schedule_id != task.schedule_id:
        raise ValidationError(_("%(resource)s belongs to another schedule.") % {"resource": resource})
    units = Decimal(units)
    if units <= 0:
        raise ValidationError({"units": _("%(task)s: give more than 0 units.") % {"task": task}})
    if units > resource.max_units:
        raise _too_much(task, resource, units)
    assignment = Assignment.objects.filter(task=task, resource=resource).first() or Assignment(
        task=task, resource=resource
    )
    assignment.units = units
    assignment.work_hours = units * task.duration * HOURS_PER_DAY
    return audited_save(assignment, acting_user=acting_user)


@transaction.atomic
def unassign(assignment: Assignment, *, acting_user) -> None:
    _check_project(acting_user, assignment.task.schedule)
    audited_delete(assignment, acting_user=acting_user)


def _reason(wait, leaves: list[Task], resources: list[ScheduleResource]) -> str:
    if wait.predecessor is not None:
        return _("After %(task)s, which waits for resources.") % {"task": leaves[wait.predecessor]}
    if wait.resources:
        return _("Waits for %(resources)s, in use by %(tasks)s.") % {
            "resources": ", ".join(str(resources[r]) for r in wait.resources),
            "tasks": ", ".join(str(leaves[k]) for k in wait.holders) or "—",
        }
    return _("Waits for resources.")


def _clear_levelling(schedule: Schedule) -> None:
    Task.objects.filter(schedule=schedule).update(
        levelled_start=None, levelled_from=None, levelling_delay=0, levelling_note=""
    )


@transaction.atomic
def level_schedule(schedule: Schedule, *, acting_user, exact: bool = False, time_limit: float = 5.0):
    """Level the plan (as MS Project's "Level now", from scratch): tasks that would overload a resource wait, each
    with the reason; the quick heuristic, or the exact solver for at most `time_limit` seconds."""
    _check_project(acting_user, schedule)
    time_limit = min(max(float(time_limit), 0.5), 30.0)
    _clear_levelling(schedule)
    plan = build_plan(schedule)
    use = resource_use(plan, schedule)
    if not use.resources or not use.use.any():
        raise ValidationError(_("Add resources and assign them to tasks before levelling."))
    if exact and len(plan.leaves) > EXACT_LIMIT:  # its distance matrix grows with the square of the tasks
        raise ValidationError(
            _("The exact solver takes plans of up to %(limit)s tasks; level this one with the quick method.")
            % {"limit": EXACT_LIMIT}
        )
    for assignment in Assignment.objects.filter(task__schedule=schedule).select_related("task", "resource"):
        if assignment.units > assignment.resource.max_units:
            raise _too_much(assignment.task, assignment.resource, assignment.units)
    try:
        result = level(
            plan.network,
            use.use,
            use.capacity,
            frozen=use.frozen,
            resource_names=[str(r) for r in use.resources],
            exact=exact,
            time_limit=time_limit,
        )
    except ValueError as error:
        raise ValidationError(str(error)) from None
    starts = plan.calendar.to_dates(result.start).astype(dt.date).tolist()
    before = plan.calendar.to_dates(result.unlevelled_start).astype(dt.date).tolist()
    for wait in result.waits:
        task = plan.leaves[wait.task]
        Task.objects.filter(pk=task.pk).update(
            levelled_start=starts[wait.task],
            levelled_from=before[wait.task],
            levelling_delay=wait.delay,
            levelling_note=_reason(wait, plan.leaves, use.resources)[:500],
        )
    recalculate(schedule)
    schedule.refresh_from_db()
    schedule.levelling = {
        "method": result.method,
        "exact": exact,
        "time_limit": time_limit,
        "working_days": result.makespan,
        "unlevelled_working_days": result.unlevelled_makespan,
        "lower_bound": result.lower_bound,
        "optimal": result.optimal,
        "gap": round(result.gap, 4),
        "runtime": round(result.runtime, 3),
        "delayed": len(result.waits),
        "finish": schedule.finish.isoformat() if schedule.finish else None,
    }
    audited_save(schedule, acting_user=acting_user, reason=_("Levelled"))
    return result


@transaction.atomic
def clear_levelling(schedule: Schedule, *, acting_user) -> Schedule:
    _check_project(acting_user, schedule)
    _clear_levelling(schedule)
    recalculate(schedule)
    schedule.refresh_from_db()
    schedule.levelling = {}
    return audited_save(schedule, acting_user=acting_user, reason=_("Levelling removed"))
