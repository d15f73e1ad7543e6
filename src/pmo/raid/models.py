"""The RAID log: risks, issues and the actions that deal with them, on a project, programme or portfolio register.

An item starts on the register where it is logged; escalation moves it up a level (project → programme → portfolio),
where that level's office manages it. The project it came from still sees it.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from pmo.core.models import AuditedModel
from pmo.core.roles import sees_everything
from pmo.core.text import identifier_errors
from pmo.projects.models import Portfolio, Programme, Project

SCALE = (1, 2, 3, 4, 5)
scale_validators = [MinValueValidator(1), MaxValueValidator(5)]


class ScaleKind(models.TextChoices):
    PROBABILITY = "probability", _("Probability")
    IMPACT = "impact", _("Impact")


class ScaleLevel(AuditedModel):
    """One step of the 5-point probability or impact scale, with its Dutch and English words."""

    kind = models.CharField(_("scale"), max_length=12, choices=ScaleKind.choices)
    level = models.PositiveSmallIntegerField(_("level"), validators=scale_validators)
    label_en = models.CharField(_("label (English)"), max_length=60)
    label_nl = models.CharField(_("label (Dutch)"), max_length=60)
    meaning = models.CharField(_("meaning"), max_length=200, blank=True)
    probability = models.PositiveSmallIntegerField(
        _("probability (%)"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(100)],
        help_text=_("For probability levels: the chance used for the expected monetary value."),
    )

    class Meta:
        verbose_name = _("scale level")
        verbose_name_plural = _("scale levels")
        ordering = ["kind", "level"]
        constraints = [models.UniqueConstraint(fields=["kind", "level"], name="unique_scale_level")]

    def __str__(self) -> str:
        return f"{self.level} {self.label}"

    @property
    def label(self) -> str:
        return self.label_nl if (get_language() or "").startswith("nl") else self.label_en


def scale_labels() -> dict[str, dict[int, str]]:
    """{kind: {level: label in the active language}} in one query."""
    labels: dict[str, dict[int, str]] = {kind: {} for kind in ScaleKind.values}
    for row in ScaleLevel.objects.all():
        labels[row.kind][row.level] = row.label
    return labels


def band(score: int | None) -> str:
    """Low (1–4), medium (5–9), high (10–16) or very high (17–25) for a probability × impact score."""
    if not score:
        return ""
    return "low" if score <= 4 else "medium" if score <= 9 else "high" if score <= 16 else "very_high"


BAND_LABELS = {
    "low": _("Low"),
    "medium": _("Medium"),
    "high": _("High"),
    "very_high": _("Very high"),
}


class Level(models.TextChoices):
    PROJECT = "project", _("Project")
    PROGRAMME = "programme", _("Programme")
    PORTFOLIO = "portfolio", _("Portfolio")


class RaidQuerySet(models.QuerySet):
    def visible_to(self, user) -> RaidQuerySet:
        """Items of the projects `user` sees, and items on the register of a programme they steer or support."""
        if sees_everything(user):
            return self
        if not getattr(user, "is_authenticated", False):
            return self.none()
        return self.filter(
            Q(project__in=Project.objects.visible_to(user))
            | Q(
                programme__in=Programme.objects.steered_by(user), level__in=[Level.PROGRAMME, Level.PORTFOLIO]
            )
        )


class RaidItem(AuditedModel):
    """What risks, issues and actions share: where they are registered, who owns them."""

    portfolio = models.ForeignKey(
        Portfolio, verbose_name=_("portfolio"), on_delete=models.CASCADE, related_name="+"
    )
    programme = models.ForeignKey(
        Programme,
        verbose_name=_("programme"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )
    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    level = models.CharField(_("register"), max_length=10, choices=Level.choices, default=Level.PROJECT)
    title = models.CharField(_("title"), max_length=200)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    objects = RaidQuerySet.as_manager()

    class Meta:
        abstract = True

    @property
    def reference(self) -> str:
        return f"{self.PREFIX}-{self.pk}"

    def __str__(self) -> str:
        return f"{self.reference} {self.title}"

    def clean(self) -> None:
        super().clean()
        if errors := identifier_errors(self, names=("title",)):
            raise ValidationError(errors)

    @property
    def register_owner(self):
        """The project, programme or portfolio on whose register the item is now."""
        return {Level.PROJECT: self.project, Level.PROGRAMME: self.programme}.get(
            self.level
        ) or self.portfolio


class RiskCategory(models.TextChoices):
    STRATEGIC = "strategic", _("Strategic")
    FINANCIAL = "financial", _("Financial")
    SCHEDULE = "schedule", _("Schedule")
    TECHNICAL = "technical", _("Technical")
    ORGANISATIONAL = "organisational", _("Organisational")
    LEGAL = "legal", _("Legal and compliance")
    EXTERNAL = "external", _("External and political")
    SUPPLIER = "supplier", _("Supplier")


class ResponseStrategy(models.TextChoices):
    AVOID = "avoid", _("Avoid")
    REDUCE = "reduce", _("Reduce")
    FALLBACK = "fallback", _("Fallback plan")
    TRANSFER = "transfer", _("Transfer")
    SHARE = "share", _("Share")
    ACCEPT = "accept", _("Accept")


class RiskStatus(models.TextChoices):
    OPEN = "open", _("Open")
    OCCURRED = "occurred", _("Occurred (now an issue)")
    CLOSED = "closed", _("Closed")


class Risk(RaidItem):
    """An uncertain event that would affect the objectives: cause → event → effect, scored probability × impact."""

    PREFIX = "R"
    cause = models.TextField(_("cause"), blank=True, help_text=_("Because of …"))
    event = models.TextField(_("event"), blank=True, help_text=_("… this may happen …"))
    effect = models.TextField(_("effect"), blank=True, help_text=_("… which would lead to …"))
    category = models.CharField(_("category"), max_length=20, choices=RiskCategory.choices, blank=True)
    probability = models.PositiveSmallIntegerField(_("probability"), validators=scale_validators)
    impact = models.PositiveSmallIntegerField(_("impact"), validators=scale_validators)
    score = models.PositiveSmallIntegerField(_("score"), editable=False, default=0)
    proximity = models.DateField(_("proximity"), null=True, blank=True, help_text=_("When it could happen."))
    response_strategy = models.CharField(
        _("response strategy"), max_length=10, choices=ResponseStrategy.choices, blank=True
    )
    response = models.TextField(_("response"), blank=True)
    residual_probability = models.PositiveSmallIntegerField(
        _("residual probability"), null=True, blank=True, validators=scale_validators
    )
    residual_impact = models.PositiveSmallIntegerField(
        _("residual impact"), null=True, blank=True, validators=scale_validators
    )
    cost_impact = models.DecimalField(
        _("cost impact (€)"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    status = models.CharField(_("status"), max_length=10, choices=RiskStatus.choices, default=RiskStatus.OPEN)
    tasks = models.ManyToManyField(
        "schedule.Task",
        verbose_name=_("delays these tasks"),
        blank=True,
        related_name="risks",
        help_text=_(
            "When it occurs, these tasks of the schedule take longer: it is counted in the schedule risk."
        ),
    )
    delay_low = models.PositiveSmallIntegerField(_("extra duration, low (%)"), null=True, blank=True)
    delay_likely = models.PositiveSmallIntegerField(
        _("extra duration, most likely (%)"), null=True, blank=True
    )
    delay_high = models.PositiveSmallIntegerField(_("extra duration, high (%)"), null=True, blank=True)

    class Meta:
        verbose_name = _("risk")
        verbose_name_plural = _("risks")
        ordering = ["-score", "pk"]
        indexes = [
            models.Index(fields=["project", "status"], name="risk_project_status"),
            models.Index(fields=["status", "-score", "id"], name="risk_status_score"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(probability__gte=1, probability__lte=5, impact__gte=1, impact__lte=5),
                name="risk_scale",
                violation_error_message=_("Probability and impact are on a scale of 1 to 5."),
            ),
            models.CheckConstraint(
                condition=Q(residual_probability__isnull=True, residual_impact__isnull=True)
                | Q(residual_probability__isnull=False, residual_impact__isnull=False),
                name="risk_residual_pair",
                violation_error_message=_("Give the residual probability and impact together, or neither."),
            ),
            models.CheckConstraint(
                condition=Q(delay_low__isnull=True, delay_likely__isnull=True, delay_high__isnull=True)
                | Q(delay_low__lte=models.F("delay_likely"), delay_likely__lte=models.F("delay_high")),
                name="risk_delay_range",
                violation_error_message=_(
                    "Give the extra duration as low ≤ most likely ≤ high, all three or none."
                ),
            ),
        ]

    def get_absolute_url(self) -> str:
        return reverse("raid:risk_detail", args=[self.pk])

    def save(self, *args, **kwargs):
        self.score = (self.probability or 0) * (self.impact or 0)
        super().save(*args, **kwargs)

    @property
    def residual_score(self) -> int | None:
        if self.residual_probability and self.residual_impact:
            return self.residual_probability * self.residual_impact
        return None

    @property
    def band(self) -> str:
        return band(self.score)

    def expected_value(self, chance: dict[int, int]) -> Decimal | None:
        """Expected monetary value: the cost impact × the chance of the probability level (`chance`: level → %)."""
        if self.cost_impact is None or self.probability not in chance:
            return None
        return (self.cost_impact * chance[self.probability] / 100).quantize(Decimal("0.01"))


class IssueType(models.TextChoices):
    PROBLEM = "problem", _("Problem")
    CONCERN = "concern", _("Concern")
    OFF_SPECIFICATION = "off_spec", _("Off-specification")
    REQUEST = "request", _("Request for change")


class Priority(models.TextChoices):
    LOW = "1_low", _("Low")
    MEDIUM = "2_medium", _("Medium")
    HIGH = "3_high", _("High")
    CRITICAL = "4_critical", _("Critical")


class IssueStatus(models.TextChoices):
    OPEN = "open", _("Open")
    IN_PROGRESS = "in_progress", _("In progress")
    RESOLVED = "resolved", _("Resolved")
    CLOSED = "closed", _("Closed")


class Issue(RaidItem):
    """Something that is happening now and needs handling."""

    PREFIX = "I"
    description = models.TextField(_("description"), blank=True)
    type = models.CharField(_("type"), max_length=10, choices=IssueType.choices, default=IssueType.PROBLEM)
    priority = models.CharField(
        _("priority"), max_length=10, choices=Priority.choices, default=Priority.MEDIUM
    )
    severity = models.PositiveSmallIntegerField(
        _("severity"), default=3, validators=scale_validators, help_text=_("On the impact scale, 1 to 5.")
    )
    due = models.DateField(_("due date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=IssueStatus.choices, default=IssueStatus.OPEN
    )
    resolution = models.TextField(_("resolution"), blank=True)
    risk = models.ForeignKey(
        Risk,
        verbose_name=_("from risk"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="issues",
    )

    class Meta:
        verbose_name = _("issue")
        verbose_name_plural = _("issues")
        ordering = ["-priority", "due", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(severity__gte=1, severity__lte=5),
                name="issue_severity_scale",
                violation_error_message=_("Severity is on a scale of 1 to 5."),
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["resolved", "closed"]) | ~Q(resolution=""),
                name="issue_resolution_when_resolved",
                violation_error_message=_("Describe the resolution before resolving or closing the issue."),
            ),
        ]

    def get_absolute_url(self) -> str:
        return reverse("raid:issue_detail", args=[self.pk])


class ActionStatus(models.TextChoices):
    OPEN = "open", _("Open")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")


OPEN_ACTION = [ActionStatus.OPEN, ActionStatus.IN_PROGRESS]


class ActionQuerySet(RaidQuerySet):
    def overdue(self, today=None) -> ActionQuerySet:
        return self.filter(status__in=OPEN_ACTION, due__lt=today or timezone.localdate())


class Action(RaidItem):
    """Something someone has to do by a date, often to deal with a risk or an issue."""

    PREFIX = "A"
    description = models.TextField(_("description"), blank=True)
    due = models.DateField(_("due date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=ActionStatus.choices, default=ActionStatus.OPEN
    )
    risk = models.ForeignKey(
        Risk, verbose_name=_("risk"), on_delete=models.SET_NULL, null=True, blank=True, related_name="actions"
    )
    issue = models.ForeignKey(
        Issue,
        verbose_name=_("issue"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="actions",
    )
    completed_on = models.DateField(_("completed on"), null=True, blank=True, editable=False)
    objects = ActionQuerySet.as_manager()

    class Meta:
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        ordering = ["due", "pk"]
        indexes = [models.Index(fields=["owner", "status"], name="action_owner_status")]

    def get_absolute_url(self) -> str:
        return reverse("raid:action_detail", args=[self.pk])

    def save(self, *args, **kwargs):
        done = self.status == ActionStatus.DONE
        self.completed_on = (self.completed_on or timezone.localdate()) if done else None
        super().save(*args, **kwargs)

    @property
    def is_overdue(self) -> bool:
        return self.status in OPEN_ACTION and self.due is not None and self.due < timezone.localdate()


class AssumptionStatus(models.TextChoices):
    OPEN = "open", _("To be checked")
    VALID = "valid", _("Confirmed")
    INVALID = "invalid", _("Proved wrong")


class Assumption(RaidItem):
    """Something the plan takes for granted; to be checked by a date, with what happens if it proves wrong."""

    PREFIX = "AS"
    description = models.TextField(_("description"), blank=True)
    if_wrong = models.TextField(_("if it proves wrong"), blank=True)
    check_by = models.DateField(_("check by"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=AssumptionStatus.choices, default=AssumptionStatus.OPEN
    )

    class Meta:
        verbose_name = _("assumption")
        verbose_name_plural = _("assumptions")
        ordering = ["check_by", "pk"]

    def get_absolute_url(self) -> str:
        return reverse("raid:item_detail", args=["assumption", self.pk])


class DecisionStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    DECIDED = "decided", _("Decided")
    REVOKED = "revoked", _("Revoked")


class Decision(RaidItem):
    """A decision taken (or to be taken) for the project, by whom and why: the decision log."""

    PREFIX = "D"
    description = models.TextField(_("decision"), blank=True)
    rationale = models.TextField(_("rationale"), blank=True)
    decided_by = models.CharField(
        _("decided by"), max_length=200, blank=True, help_text=_("e.g. the steering committee")
    )
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=DecisionStatus.choices, default=DecisionStatus.PROPOSED
    )

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["-decided_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="decided") | Q(decided_on__isnull=False),
                name="decision_has_date",
                violation_error_message=_("Give the date on which it was decided."),
            )
        ]

    def get_absolute_url(self) -> str:
        return reverse("raid:item_detail", args=["decision", self.pk])


class DependencyStatus(models.TextChoices):
    OPEN = "open", _("Open")
    AT_RISK = "at_risk", _("At risk")
    MET = "met", _("Met")
    MISSED = "missed", _("Missed")


class DependencyQuerySet(RaidQuerySet):
    def visible_to(self, user) -> DependencyQuerySet:
        """Also the dependencies other projects have on a project the user sees."""
        if sees_everything(user) or not getattr(user, "is_authenticated", False):
            return super().visible_to(user)
        return self.filter(
            Q(pk__in=super().visible_to(user).values("pk"))
            | Q(depends_on__in=Project.objects.visible_to(user))
        )


class Dependency(RaidItem):
    """Something the project needs from another project or from outside, by a date. A dependency on another
    project shows on that project's register too."""

    PREFIX = "DEP"
    description = models.TextField(_("what is needed"), blank=True)
    depends_on = models.ForeignKey(
        Project,
        verbose_name=_("from project"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    external_party = models.CharField(_("from outside the portfolio"), max_length=200, blank=True)
    needed_by = models.DateField(_("needed by"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=DependencyStatus.choices, default=DependencyStatus.OPEN
    )
    objects = DependencyQuerySet.as_manager()

    class Meta:
        verbose_name = _("dependency")
        verbose_name_plural = _("dependencies")
        ordering = ["needed_by", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(depends_on=models.F("project")),
                name="dependency_not_on_itself",
                violation_error_message=_("A project cannot depend on itself."),
            )
        ]

    def get_absolute_url(self) -> str:
        return reverse("raid:item_detail", args=["dependency", self.pk])


class ChangeStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    REVIEW = "review", _("Under review")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    DEFERRED = "deferred", _("Deferred")


class ChangeRequest(RaidItem):
    """A proposed change to what the project delivers, with its impact on cost, time and scope, and the decision."""

    PREFIX = "CR"
    description = models.TextField(_("change"), blank=True)
    reason = models.TextField(_("reason"), blank=True)
    cost_impact = models.DecimalField(
        _("cost impact (€)"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    time_impact = models.IntegerField(_("time impact (working days)"), null=True, blank=True)
    scope_impact = models.TextField(_("scope impact"), blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=ChangeStatus.choices, default=ChangeStatus.SUBMITTED
    )
    decision = models.TextField(_("decision"), blank=True)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)

    class Meta:
        verbose_name = _("change request")
        verbose_name_plural = _("change requests")
        ordering = ["-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status__in=["approved", "rejected"])
                | (~Q(decision="") & Q(decided_on__isnull=False)),
                name="change_decision_recorded",
                violation_error_message=_("Record the decision and its date before approving or rejecting."),
            )
        ]

    def get_absolute_url(self) -> str:
        return reverse("raid:item_detail", args=["changerequest", self.pk])
