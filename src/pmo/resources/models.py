"""Resources (capaciteit): the roles people fill, the people with their FTE, run-the-business share, employment
dates and leave, and what projects ask of them per month (demand, vraag)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from pmo.core.models import AuditedModel
from pmo.projects.models import Project, visible_through


class EveryoneQuerySet(models.QuerySet):
    """Roles and people are the organisation's directory: every signed-in user sees them."""

    def visible_to(self, user) -> models.QuerySet:
        return self if user.is_authenticated else self.none()


class ResourceRole(AuditedModel):
    """A role or skill that people fill and projects ask for (developer, architect, tester, …)."""

    name = models.CharField(_("name"), max_length=80, unique=True)
    description = models.TextField(_("description"), blank=True)
    objects = EveryoneQuerySet.as_manager()

    class Meta:
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("resources:role_list")


class Person(AuditedModel):
    """Someone whose time projects can plan: primary role, team, FTE, the share that goes to run-the-business
    (line) work, and the dates they join and leave."""

    name = models.CharField(_("name"), max_length=120)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user account"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="resource",
    )
    role = models.ForeignKey(
        ResourceRole, verbose_name=_("primary role"), on_delete=models.PROTECT, related_name="people"
    )
    team = models.CharField(_("team"), max_length=80, blank=True)
    fte = models.DecimalField(
        _("FTE"),
        max_digits=4,
        decimal_places=2,
        default=Decimal("1.00"),
        validators=[MinValueValidator(0), MaxValueValidator(Decimal("1.5"))],
        help_text=_("1.0 is a full-time working week."),
    )
    run_the_business = models.DecimalField(
        _("run-the-business share"),
        max_digits=3,
        decimal_places=2,
        default=Decimal("0"),
        validators=[MinValueValidator(0), MaxValueValidator(1)],
        help_text=_("The share of their time that goes to line work, e.g. 0.2 for one day a week."),
    )
    start_date = models.DateField(_("joins on"), null=True, blank=True, help_text=_("Empty: already here."))
    end_date = models.DateField(_("leaves on"), null=True, blank=True, help_text=_("Empty: staying."))
    objects = EveryoneQuerySet.as_manager()

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(fte__gte=0),
                name="person_fte_not_negative",
                violation_error_message=_("FTE cannot be negative."),
            ),
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=F("start_date")),
                name="person_leaves_after_joining",
                violation_error_message=_("Someone cannot leave before they join."),
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("resources:person_detail", args=[self.pk])


class Leave(AuditedModel):
    """Days someone is away (holiday, training, sick leave planned ahead); they reduce capacity."""

    person = models.ForeignKey(
        Person, verbose_name=_("person"), on_delete=models.CASCADE, related_name="leave"
    )
    start = models.DateField(_("from"))
    end = models.DateField(_("until"))
    description = models.CharField(_("description"), max_length=120, blank=True)
    objects = EveryoneQuerySet.as_manager()

    class Meta:
        verbose_name = _("leave")
        verbose_name_plural = _("leave")
        ordering = ["person", "start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end__gte=F("start")),
                name="leave_ends_after_start",
                violation_error_message=_("Leave cannot end before it starts."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.person}: {date_format(self.start, 'SHORT_DATE_FORMAT')}–{date_format(self.end, 'SHORT_DATE_FORMAT')}"


class Commitment(models.TextChoices):
    COMMITTED = "committed", _("Committed")
    TENTATIVE = "tentative", _("Tentative")


class Demand(AuditedModel):
    """What a project asks of a role (or of a named person) in one month, in FTE."""

    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="resource_demand"
    )
    role = models.ForeignKey(
        ResourceRole, verbose_name=_("role"), on_delete=models.PROTECT, related_name="demand"
    )
    person = models.ForeignKey(
        Person,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="allocations",
    )
    month = models.DateField(_("month"), help_text=_("The first day of the month."))
    fte = models.DecimalField(_("FTE"), max_digits=5, decimal_places=2, validators=[MinValueValidator(0)])
    commitment = models.CharField(
        _("commitment"), max_length=10, choices=Commitment.choices, default=Commitment.COMMITTED
    )
    objects = visible_through("project").as_manager()

    class Meta:
        verbose_name = _("demand")
        verbose_name_plural = _("demand")
        ordering = ["project", "role", "person", "month"]
        constraints = [
            models.CheckConstraint(
                condition=Q(fte__gte=0),
                name="demand_not_negative",
                violation_error_message=_("Demand cannot be negative."),
            ),
            models.CheckConstraint(
                condition=Q(month__day=1),
                name="demand_first_of_month",
                violation_error_message=_("Demand is per month: use its first day."),
            ),
            models.UniqueConstraint(
                fields=["project", "role", "month"],
                condition=Q(person__isnull=True),
                name="unique_role_demand_per_month",
                violation_error_message=_("This project already asks for this role in that month."),
            ),
            models.UniqueConstraint(
                fields=["project", "role", "person", "month"],
                condition=Q(person__isnull=False),
                name="unique_person_demand_per_month",
                violation_error_message=_("This project already asks for this person in that month."),
            ),
        ]

    def __str__(self) -> str:
        who = self.person or self.role
        return f"{self.project.code} {who} {self.month:%m-%Y}"

    @property
    def committed(self) -> bool:
        return self.commitment == Commitment.COMMITTED


def month_label(month: dt.date) -> str:
    return date_format(month, "YEAR_MONTH_FORMAT")


def short_month(month: dt.date) -> str:
    """ "Nov 2026" / "nov 2026": the column heading of a month."""
    return date_format(month, "M Y")
