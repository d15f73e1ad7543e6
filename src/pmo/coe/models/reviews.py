"""Reviews and audits: health-check questionnaires with weighted questions, the health checks projects go
through (a score per check and per area), and audits whose findings become tracked actions on the RAID log."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from pmo.core.models import AuditedModel
from pmo.projects.models import Project, visible_through

from .method import EveryoneQuerySet


class Questionnaire(AuditedModel):
    """A health-check questionnaire: weighted questions answered on one scale (by default 1 to 5). Once a health
    check used it, its questions stay as they are (make a copy to change them), so old scores stay comparable."""

    name = models.CharField(
        _("name"),
        max_length=120,
        unique=True,
        error_messages={"unique": _("A questionnaire with this name exists.")},
    )
    description = models.TextField(_("description"), blank=True)
    scale_min = models.PositiveSmallIntegerField(_("lowest answer"), default=1)
    scale_max = models.PositiveSmallIntegerField(_("highest answer"), default=5)
    active = models.BooleanField(_("in use for new health checks"), default=True)
    objects = EveryoneQuerySet.as_manager()

    class Meta:
        verbose_name = _("questionnaire")
        verbose_name_plural = _("questionnaires")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=Q(scale_max__gt=F("scale_min")),
                name="questionnaire_scale_order",
                violation_error_message=_("The highest answer must be above the lowest."),
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("coe:questionnaire_detail", args=[self.pk])

    @property
    def scale(self) -> range:
        return range(self.scale_min, self.scale_max + 1)

    @property
    def used(self) -> bool:
        return self.health_checks.exists()


class Area(models.TextChoices):
    PLANNING = "planning", _("Planning")
    BUDGET = "budget", _("Budget")
    RISKS = "risks", _("Risks")
    STAKEHOLDERS = "stakeholders", _("Stakeholders")
    TEAM = "team", _("Team")
    SCOPE = "scope", _("Scope")
    QUALITY = "quality", _("Quality")
    GOVERNANCE = "governance", _("Governance")


class Question(AuditedModel):
    """One question of a questionnaire, in an area, weighing `weight` in the score."""

    questionnaire = models.ForeignKey(
        Questionnaire, verbose_name=_("questionnaire"), on_delete=models.CASCADE, related_name="questions"
    )
    position = models.PositiveSmallIntegerField(_("position"))
    text = models.CharField(_("question"), max_length=300)
    area = models.CharField(_("area"), max_length=20, choices=Area.choices)
    weight = models.DecimalField(_("weight"), max_digits=5, decimal_places=2, default=1)
    help_text = models.TextField(
        _("help text"), blank=True, help_text=_("What a low and a high answer mean.")
    )
    objects = EveryoneQuerySet.as_manager()

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["questionnaire", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["questionnaire", "position"],
                name="unique_question_position",
                violation_error_message=_("The questionnaire already has a question in this position."),
            ),
            models.CheckConstraint(
                condition=Q(weight__gt=0),
                name="question_weight_positive",
                violation_error_message=_("A question's weight must be more than zero."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.text}"


class HealthCheck(AuditedModel):
    """A project's health check on a date: the answers to a questionnaire and the score they make (0–100)."""

    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="health_checks"
    )
    questionnaire = models.ForeignKey(
        Questionnaire, verbose_name=_("questionnaire"), on_delete=models.PROTECT, related_name="health_checks"
    )
    date = models.DateField(_("date"))
    performed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("performed by"), on_delete=models.PROTECT, related_name="+"
    )
    notes = models.TextField(_("notes"), blank=True)
    score = models.DecimalField(_("score"), max_digits=4, decimal_places=1)
    objects = visible_through("project").as_manager()

    class Meta:
        verbose_name = _("health check")
        verbose_name_plural = _("health checks")
        ordering = ["project", "-date", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(score__gte=0, score__lte=100),
                name="health_check_score_range",
                violation_error_message=_("A health check's score lies between 0 and 100."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.project.code}: {self.questionnaire} ({self.date:%Y-%m-%d})"

    def get_absolute_url(self) -> str:
        return reverse("coe:health_check_detail", args=[self.pk])


class HealthAnswer(AuditedModel):
    """The answer to one question in a health check, with an optional comment."""

    health_check = models.ForeignKey(
        HealthCheck, verbose_name=_("health check"), on_delete=models.CASCADE, related_name="answers"
    )
    question = models.ForeignKey(
        Question, verbose_name=_("question"), on_delete=models.PROTECT, related_name="answers"
    )
    value = models.PositiveSmallIntegerField(_("answer"))
    comment = models.TextField(_("comment"), blank=True)
    objects = visible_through("health_check__project").as_manager()

    class Meta:
        verbose_name = _("health-check answer")
        verbose_name_plural = _("health-check answers")
        ordering = ["health_check", "question__position"]
        constraints = [
            models.UniqueConstraint(
                fields=["health_check", "question"],
                name="unique_health_answer",
                violation_error_message=_("The health check already answers this question."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.question.text}: {self.value}"


class AuditStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    IN_PROGRESS = "in_progress", _("In progress")
    CLOSED = "closed", _("Closed")


class Opinion(models.TextChoices):
    SUFFICIENT = "sufficient", _("Sufficient")
    NEEDS_IMPROVEMENT = "needs_improvement", _("Needs improvement")
    INSUFFICIENT = "insufficient", _("Insufficient")


class Audit(AuditedModel):
    """An audit of a project: its scope, when, who leads it, and — once closed — its conclusion and opinion."""

    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="audits"
    )
    title = models.CharField(_("title"), max_length=200)
    scope = models.TextField(_("scope"), blank=True)
    planned_on = models.DateField(_("planned on"))
    performed_on = models.DateField(_("performed on"), null=True, blank=True)
    lead_auditor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("lead auditor"), on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=12, choices=AuditStatus.choices, default=AuditStatus.PLANNED
    )
    conclusion = models.TextField(_("conclusion"), blank=True)
    opinion = models.CharField(_("opinion"), max_length=20, choices=Opinion.choices, blank=True)
    objects = visible_through("project").as_manager()

    class Meta:
        verbose_name = _("audit")
        verbose_name_plural = _("audits")
        ordering = ["-planned_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="closed") | ~Q(opinion=""),
                name="closed_audit_has_opinion",
                violation_error_message=_("A closed audit gives an opinion."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.project.code}: {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("coe:audit_detail", args=[self.pk])


class Severity(models.TextChoices):
    LOW = "low", _("Low")
    MEDIUM = "medium", _("Medium")
    HIGH = "high", _("High")
    CRITICAL = "critical", _("Critical")


#: Findings whose action must be done before the audit may close.
BLOCKING_SEVERITIES = (Severity.HIGH, Severity.CRITICAL)


class Finding(AuditedModel):
    """What an audit found: how severe, who deals with it by when, and the action on the project's RAID log that
    tracks it."""

    audit = models.ForeignKey(
        Audit, verbose_name=_("audit"), on_delete=models.CASCADE, related_name="findings"
    )
    description = models.TextField(_("finding"))
    severity = models.CharField(_("severity"), max_length=10, choices=Severity.choices)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("owner"), on_delete=models.PROTECT, related_name="+"
    )
    due = models.DateField(_("due date"))
    recommendation = models.TextField(_("recommendation"), blank=True)
    action = models.OneToOneField(
        "raid.Action",
        verbose_name=_("action"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="finding",
    )
    objects = visible_through("audit__project").as_manager()

    class Meta:
        verbose_name = _("finding")
        verbose_name_plural = _("findings")
        ordering = ["audit", "pk"]

    def __str__(self) -> str:
        return f"{self.audit}: {self.description[:60]}"
