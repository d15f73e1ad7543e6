"""Status reports (voortgangsrapportages): per project per month, RAG per aspect with explanations, written by the
project, reviewed by the PMO."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from pmo.core.models import AuditedModel
from pmo.projects.models import Project, visible_through


class Rag(models.TextChoices):
    GREEN = "green", _("Green: on track")
    AMBER = "amber", _("Amber: at risk")
    RED = "red", _("Red: off track")


RAG_ICONS = {Rag.GREEN: "●", Rag.AMBER: "▲", Rag.RED: "■"}
RAG_BADGES = {Rag.GREEN: "b-ok", Rag.AMBER: "b-warn", Rag.RED: "b-bad"}
RAG_WORDS = {Rag.GREEN: _("Green"), Rag.AMBER: _("Amber"), Rag.RED: _("Red")}

#: The aspects reported on, besides the overall status: (field prefix, label).
ASPECTS = [
    ("schedule", _("Schedule")),
    ("cost", _("Cost")),
    ("scope", _("Scope")),
    ("risks", _("Risks")),
    ("resources", _("Resources")),
]


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    APPROVED = "approved", _("Approved")
    RETURNED = "returned", _("Sent back")


EDITABLE = (ReportStatus.DRAFT, ReportStatus.RETURNED)


def month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def month_end(day: dt.date) -> dt.date:
    return (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)


def rag_field(label):
    return models.CharField(label, max_length=5, choices=Rag.choices, default=Rag.GREEN)


def note_field(label):
    return models.TextField(label, blank=True)


class StatusReport(AuditedModel):
    """A project's status for one month."""

    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="status_reports"
    )
    period = models.DateField(_("month"), help_text=_("The first day of the month reported on."))
    overall = rag_field(_("overall status"))
    overall_note = note_field(_("explanation of the overall status"))
    schedule = rag_field(_("schedule"))
    schedule_note = note_field(_("explanation of the schedule status"))
    cost = rag_field(_("cost"))
    cost_note = note_field(_("explanation of the cost status"))
    scope = rag_field(_("scope"))
    scope_note = note_field(_("explanation of the scope status"))
    risks = rag_field(_("risks"))
    risks_note = note_field(_("explanation of the risk status"))
    resources = rag_field(_("resources"))
    resources_note = note_field(_("explanation of the resource status"))
    accomplishments = models.TextField(_("accomplished this period"), blank=True)
    next_period = models.TextField(_("planned for next period"), blank=True)
    escalations = models.TextField(_("escalations"), blank=True)
    help_needed = models.TextField(_("help needed"), blank=True)
    facts = models.JSONField(_("facts"), default=dict, blank=True, editable=False)
    status = models.CharField(
        _("status"), max_length=10, choices=ReportStatus.choices, default=ReportStatus.DRAFT, editable=False
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True, editable=False)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True, editable=False)
    review_comment = models.TextField(_("review comment"), blank=True, editable=False)
    objects = visible_through("project").as_manager()

    class Meta:
        verbose_name = _("status report")
        verbose_name_plural = _("status reports")
        ordering = ["project", "-period"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "period"],
                name="unique_report_per_month",
                violation_error_message=_("This project already has a status report for that month."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.project.code} {self.period:%m-%Y}"

    def get_absolute_url(self) -> str:
        return reverse("progress:report_detail", args=[self.pk])

    @property
    def period_end(self) -> dt.date:
        return month_end(self.period)

    @property
    def editable(self) -> bool:
        return self.status in EDITABLE

    def aspects(self) -> list[dict]:
        """Overall first, then each aspect: label, RAG, icon, badge class and explanation."""
        rows = [("overall", _("Overall")), *ASPECTS]
        return [
            {
                "key": key,
                "label": label,
                "rag": getattr(self, key),
                "word": RAG_WORDS[getattr(self, key)],
                "icon": RAG_ICONS[getattr(self, key)],
                "badge": RAG_BADGES[getattr(self, key)],
                "note": getattr(self, f"{key}_note"),
            }
            for key, label in rows
        ]

    def clean(self) -> None:
        if self.period and self.period.day != 1:
            self.period = month_start(self.period)
        missing = {
            f"{key}_note": _("Explain why this is not green.")
            for key, _label in [("overall", None), *ASPECTS]
            if getattr(self, key) != Rag.GREEN and not getattr(self, f"{key}_note").strip()
        }
        if missing:
            raise ValidationError(missing)


class CostEntry(AuditedModel):
    """A project's budgeted and actual cost in one month (actuals usually come from the finance system)."""

    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="cost_entries"
    )
    month = models.DateField(_("month"), help_text=_("The first day of the month."))
    budget = models.DecimalField(
        _("budgeted cost"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    actual = models.DecimalField(
        _("actual cost"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    objects = visible_through("project").as_manager()

    class Meta:
        verbose_name = _("cost entry")
        verbose_name_plural = _("cost entries")
        ordering = ["project", "month"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "month"],
                name="unique_cost_month",
                violation_error_message=_("This project already has a cost entry for that month."),
            ),
            models.CheckConstraint(
                condition=models.Q(month__day=1),
                name="cost_entry_first_of_month",
                violation_error_message=_("A cost entry is for a month: use its first day."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.project.code} {self.month:%m-%Y}"
