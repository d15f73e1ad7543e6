"""A project's schedule: tasks in a WBS, links, the working calendar and baselines.

Dates the schedule calculates (early/late dates, floats, critical) are stored on the task by
`services.recalculate`, after every change, so pages and reports read them without computing.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from pmo.core.models import AuditedModel
from pmo.projects.models import Project, visible_through

#: the longest task, in working days: longer is a typing or unit error (and its dates would overflow the calendar)
MAX_TASK_DURATION = 10_000


class Schedule(AuditedModel):
    """The plan of one project: when it starts and which days are worked."""

    project = models.OneToOneField(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="schedule"
    )
    start = models.DateField(_("project start"))
    working_weekdays = models.CharField(
        _("working weekdays"),
        max_length=7,
        default="1111100",
        help_text=_("Seven digits, Monday first: 1 is a working day, 0 is not."),
    )
    dutch_holidays = models.BooleanField(_("Dutch public holidays are days off"), default=True)
    status_date = models.DateField(_("status date"), null=True, blank=True)
    finish = models.DateField(_("calculated finish"), null=True, blank=True, editable=False)
    levelling = models.JSONField(
        _("last levelling"),
        default=dict,
        blank=True,
        editable=False,
        help_text=_("How the plan was levelled."),
    )
    objects = visible_through("project").as_manager()

    class Meta:
        verbose_name = _("schedule")
        verbose_name_plural = _("schedules")
        constraints = [
            models.CheckConstraint(
                condition=Q(working_weekdays__regex=r"^[01]{7}$") & ~Q(working_weekdays="0000000"),
                name="schedule_weekdays_valid",
                violation_error_message=_(
                    "Working weekdays must be seven 0/1 digits with at least one working day."
                ),
            )
        ]

    def __str__(self) -> str:
        return f"{self.project.code} — {self._meta.verbose_name}"

    def get_absolute_url(self) -> str:
        return reverse("schedule:project_schedule", args=[self.project_id])


class NonWorkingDay(AuditedModel):
    """An extra day off in a schedule's calendar (a local holiday, a collective closing day)."""

    schedule = models.ForeignKey(
        Schedule, verbose_name=_("schedule"), on_delete=models.CASCADE, related_name="non_working_days"
    )
    date = models.DateField(_("date"))
    name = models.CharField(_("name"), max_length=120, blank=True)

    class Meta:
        verbose_name = _("non-working day")
        verbose_name_plural = _("non-working days")
        ordering = ["date"]
        constraints = [
            models.UniqueConstraint(
                fields=["schedule", "date"],
                name="unique_non_working_day",
                violation_error_message=_("This day is already a day off."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.date} {self.name}".strip()


class ConstraintType(models.TextChoices):
    NONE = "", _("As soon as possible")
    START_NO_EARLIER = "snet", _("Start no earlier than")
    FINISH_NO_LATER = "fnlt", _("Finish no later than")


class Task(AuditedModel):
    """A unit of work in the schedule; a task with subtasks is a summary whose dates roll up from them."""

    schedule = models.ForeignKey(
        Schedule, verbose_name=_("schedule"), on_delete=models.CASCADE, related_name="tasks"
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("summary task"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="children",
    )
    position = models.PositiveIntegerField(_("position"), default=0, help_text=_("Order in the task list."))
    wbs = models.CharField(_("WBS code"), max_length=40, blank=True)
    name = models.CharField(_("name"), max_length=255)
    duration = models.PositiveIntegerField(_("duration (working days)"), default=1)
    milestone = models.BooleanField(_("milestone"), default=False)
    optimistic = models.DecimalField(
        _("optimistic duration"),
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    pessimistic = models.DecimalField(
        _("pessimistic duration"),
        max_digits=8,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    percent_complete = models.PositiveSmallIntegerField(
        _("percent complete"), default=0, validators=[MaxValueValidator(100)]
    )
    actual_start = models.DateField(_("actual start"), null=True, blank=True)
    actual_finish = models.DateField(_("actual finish"), null=True, blank=True)
    constraint_type = models.CharField(
        _("date constraint"),
        max_length=4,
        choices=ConstraintType.choices,
        default=ConstraintType.NONE,
        blank=True,
    )
    constraint_date = models.DateField(_("constraint date"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    external_uid = models.CharField(_("ID in the source file"), max_length=40, blank=True)
    # calculated by services.recalculate
    early_start = models.DateField(_("early start"), null=True, editable=False)
    early_finish = models.DateField(_("early finish"), null=True, editable=False)
    late_start = models.DateField(_("late start"), null=True, editable=False)
    late_finish = models.DateField(_("late finish"), null=True, editable=False)
    total_float = models.IntegerField(_("total float"), null=True, editable=False)
    free_float = models.IntegerField(_("free float"), null=True, editable=False)
    critical = models.BooleanField(_("critical"), default=False, editable=False)
    is_summary = models.BooleanField(_("summary"), default=False, editable=False)
    # set by services.level_schedule: the task waits for resources (a start-no-earlier date of its own)
    levelled_start = models.DateField(_("levelled start"), null=True, blank=True, editable=False)
    levelled_from = models.DateField(_("start without levelling"), null=True, blank=True, editable=False)
    levelling_delay = models.PositiveIntegerField(
        _("levelling delay (working days)"), default=0, editable=False
    )
    levelling_note = models.CharField(
        _("reason for the levelling delay"), max_length=500, blank=True, editable=False
    )
    objects = visible_through("schedule__project").as_manager()

    class Meta:
        verbose_name = _("task")
        verbose_name_plural = _("tasks")
        ordering = ["schedule", "position", "pk"]
        indexes = [models.Index(fields=["schedule", "position"], name="task_schedule_position")]
        constraints = [
            models.CheckConstraint(
                condition=Q(optimistic__isnull=True)
                | Q(pessimistic__isnull=True)
                | Q(optimistic__lte=models.F("pessimistic")),
                name="task_three_point_order",
                violation_error_message=_("The optimistic duration cannot exceed the pessimistic one."),
            ),
            models.CheckConstraint(
                condition=Q(constraint_type="") | Q(constraint_date__isnull=False),
                name="task_constraint_has_date",
                violation_error_message=_("A date constraint needs a date."),
            ),
            models.CheckConstraint(
                condition=Q(actual_finish__isnull=True)
                | Q(actual_start__isnull=False, actual_finish__gte=models.F("actual_start")),
                name="task_actual_finish_after_start",
                violation_error_message=_("An actual finish needs an actual start on or before it."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.wbs} {self.name}".strip()

    def get_absolute_url(self) -> str:
        return reverse("schedule:project_schedule", args=[self.schedule.project_id]) + f"#task-{self.pk}"

    def clean(self) -> None:
        super().clean()
        if self.duration is not None and self.duration > MAX_TASK_DURATION:
            raise ValidationError(
                {
                    "duration": _(
                        "A duration of %(days)s working days is more than the limit of %(limit)s (about 40 years)."
                    )
                    % {"days": self.duration, "limit": MAX_TASK_DURATION}
                }
            )


class LinkType(models.TextChoices):
    FS = "FS", _("Finish-to-start")
    SS = "SS", _("Start-to-start")
    FF = "FF", _("Finish-to-finish")
    SF = "SF", _("Start-to-finish")


class TaskLink(AuditedModel):
    """A dependency between two tasks of one schedule, with a lag (negative: a lead) in working days."""

    schedule = models.ForeignKey(
        Schedule, verbose_name=_("schedule"), on_delete=models.CASCADE, related_name="links"
    )
    predecessor = models.ForeignKey(
        Task, verbose_name=_("predecessor"), on_delete=models.CASCADE, related_name="successor_links"
    )
    successor = models.ForeignKey(
        Task, verbose_name=_("successor"), on_delete=models.CASCADE, related_name="predecessor_links"
    )
    type = models.CharField(_("type"), max_length=2, choices=LinkType.choices, default=LinkType.FS)
    lag = models.IntegerField(_("lag (working days)"), default=0)

    class Meta:
        verbose_name = _("task link")
        verbose_name_plural = _("task links")
        constraints = [
            models.UniqueConstraint(
                fields=["predecessor", "successor"],
                name="unique_task_link",
                violation_error_message=_("These tasks are already linked."),
            ),
            models.CheckConstraint(
                condition=~Q(predecessor=models.F("successor")),
                name="task_link_not_to_itself",
                violation_error_message=_("A task cannot be linked to itself."),
            ),
        ]

    def __str__(self) -> str:
        lag = f" {self.lag:+d}" if self.lag else ""
        return f"{self.predecessor} → {self.successor} ({self.type}{lag})"


class Baseline(AuditedModel):
    """A saved copy of the schedule's dates, to compare the current plan with."""

    schedule = models.ForeignKey(
        Schedule, verbose_name=_("schedule"), on_delete=models.CASCADE, related_name="baselines"
    )
    name = models.CharField(_("name"), max_length=120)
    taken_on = models.DateField(
        _("reporting date"), default=date.today, help_text=_("The date the plan was agreed.")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("saved by"), on_delete=models.SET_NULL, null=True, blank=True
    )

    class Meta:
        verbose_name = _("baseline")
        verbose_name_plural = _("baselines")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.name


class BaselineTask(AuditedModel):
    """One task's dates in a baseline (written once, with the baseline; never edited)."""

    baseline = models.ForeignKey(
        Baseline, verbose_name=_("baseline"), on_delete=models.CASCADE, related_name="tasks"
    )
    task = models.ForeignKey(
        Task, verbose_name=_("task"), on_delete=models.CASCADE, related_name="baseline_entries"
    )
    start = models.DateField(_("start"), null=True, blank=True)
    finish = models.DateField(_("finish"), null=True, blank=True)
    duration = models.PositiveIntegerField(_("duration (working days)"))

    class Meta:
        verbose_name = _("baseline task")
        verbose_name_plural = _("baseline tasks")
        constraints = [models.UniqueConstraint(fields=["baseline", "task"], name="unique_baseline_task")]

    def __str__(self) -> str:
        return f"{self.baseline}: {self.task}"


class ScheduleResource(AuditedModel):
    """A resource named in an imported plan (a person, a team, material); linked to people by the resource plan."""

    schedule = models.ForeignKey(
        Schedule, verbose_name=_("schedule"), on_delete=models.CASCADE, related_name="resources"
    )
    name = models.CharField(_("name"), max_length=255)
    kind = models.CharField(_("kind"), max_length=20, blank=True, help_text=_("work, material or cost"))
    max_units = models.DecimalField(
        _("maximum units"),
        max_digits=8,
        decimal_places=2,
        default=1,
        validators=[MinValueValidator(0)],
        help_text=_("How much of it is available at once: 1 is one full-time person, 2.5 two and a half."),
    )
    external_uid = models.CharField(_("ID in the source file"), max_length=40, blank=True)

    class Meta:
        verbose_name = _("schedule resource")
        verbose_name_plural = _("schedule resources")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Assignment(AuditedModel):
    """A resource's work on a task."""

    task = models.ForeignKey(
        Task, verbose_name=_("task"), on_delete=models.CASCADE, related_name="assignments"
    )
    resource = models.ForeignKey(
        ScheduleResource, verbose_name=_("resource"), on_delete=models.CASCADE, related_name="assignments"
    )
    units = models.DecimalField(
        _("units"), max_digits=8, decimal_places=2, default=1, validators=[MinValueValidator(Decimal("0.01"))]
    )
    work_hours = models.DecimalField(_("work (hours)"), max_digits=10, decimal_places=2, default=0)

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")

    def __str__(self) -> str:
        return f"{self.resource} → {self.task}"


class RiskDriver(AuditedModel):
    """A cause of schedule variation (AACE 57R-09): it occurs with a probability and then stretches the durations
    of its tasks by a factor between low and high (most likely in between). Probability 100 %: an uncertainty."""

    schedule = models.ForeignKey(
        Schedule, verbose_name=_("schedule"), on_delete=models.CASCADE, related_name="risk_drivers"
    )
    name = models.CharField(_("name"), max_length=200)
    probability = models.PositiveSmallIntegerField(
        _("probability (%)"), default=50, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    impact_low = models.DecimalField(
        _("impact: low factor"), max_digits=5, decimal_places=2, default=Decimal("1.05")
    )
    impact_likely = models.DecimalField(
        _("impact: most likely factor"), max_digits=5, decimal_places=2, default=Decimal("1.15")
    )
    impact_high = models.DecimalField(
        _("impact: high factor"), max_digits=5, decimal_places=2, default=Decimal("1.40")
    )
    tasks = models.ManyToManyField(Task, verbose_name=_("tasks"), related_name="risk_drivers")
    objects = visible_through("schedule__project").as_manager()

    class Meta:
        verbose_name = _("risk driver")
        verbose_name_plural = _("risk drivers")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(impact_low__gte=0)
                & Q(impact_low__lte=models.F("impact_likely"))
                & Q(impact_likely__lte=models.F("impact_high")),
                name="risk_driver_impact_order",
                violation_error_message=_("The impact factors need 0 ≤ low ≤ most likely ≤ high."),
            )
        ]

    def __str__(self) -> str:
        return self.name


class RunStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class RiskRun(AuditedModel):
    """One Monte Carlo schedule-risk analysis, run in the background; its page can be revisited."""

    schedule = models.ForeignKey(
        Schedule, verbose_name=_("schedule"), on_delete=models.CASCADE, related_name="risk_runs"
    )
    iterations = models.PositiveIntegerField(
        _("iterations"), default=10_000, validators=[MinValueValidator(100), MaxValueValidator(200_000)]
    )
    seed = models.PositiveIntegerField(_("seed"), default=1)
    latin_hypercube = models.BooleanField(_("Latin hypercube sampling"), default=False)
    distribution = models.CharField(
        _("distribution"),
        max_length=12,
        choices=[("triangular", _("Triangular")), ("pert", _("Beta-PERT"))],
        default="triangular",
    )
    status = models.CharField(_("status"), max_length=10, choices=RunStatus.choices, default=RunStatus.QUEUED)
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    result = models.JSONField(_("result"), null=True, blank=True, editable=False)
    error = models.TextField(_("error"), blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
    )
    objects = visible_through("schedule__project").as_manager()

    class Meta:
        verbose_name = _("schedule risk analysis")
        verbose_name_plural = _("schedule risk analyses")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.schedule.project.code} — {self.created_at:%d-%m-%Y %H:%M}"

    def get_absolute_url(self) -> str:
        return reverse("schedule:risk_run", args=[self.pk])
