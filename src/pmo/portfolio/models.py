"""Portfolio scenarios: a what-if of budget, capacity and forced choices, optimised in the background, compared,
frozen and approved."""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from pmo.core.models import AuditedModel
from pmo.core.roles import sees_everything
from pmo.projects.models import Portfolio


class ScenarioQuerySet(models.QuerySet):
    def visible_to(self, user) -> ScenarioQuerySet:
        """Scenarios weigh every project of the portfolio, proposals included: only those who oversee the whole
        portfolio (portfolio office, PMO, executives, administrators) see them."""
        return self if sees_everything(user) else self.none()


class ScenarioStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class BudgetPeriod(models.IntegerChoices):
    YEAR = 12, _("per year")
    QUARTER = 3, _("per quarter")
    MONTH = 1, _("per month")


class ValueBasis(models.TextChoices):
    SCORE = "score", _("Strategic score")
    BENEFITS = "benefits", _("Net present value of the financial benefits")
    RISK = "risk", _("Risk-adjusted net present value")


class Scenario(AuditedModel):
    """A what-if for the portfolio: the settings the optimiser works with and, once run, its result (JSON:
    chosen projects and start months, value, bound, gap, the ranking baseline, explanations, frontier)."""

    portfolio = models.ForeignKey(
        Portfolio, verbose_name=_("portfolio"), on_delete=models.CASCADE, related_name="scenarios"
    )
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("description"), blank=True)
    first_month = models.DateField(_("first month"), help_text=_("The plan starts in this month."))
    horizon = models.PositiveSmallIntegerField(
        _("horizon (months)"), default=36, validators=[MinValueValidator(6), MaxValueValidator(120)]
    )
    annual_budget = models.DecimalField(
        _("budget per year"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text=_("Empty: no budget limit."),
    )
    budget_period = models.PositiveSmallIntegerField(
        _("the budget holds"),
        choices=BudgetPeriod.choices,
        default=BudgetPeriod.YEAR,
        help_text=_(
            "Per quarter or per month: each period may spend its share of the year's budget, no more."
        ),
    )
    capacity_factor = models.DecimalField(
        _("capacity factor"),
        max_digits=4,
        decimal_places=2,
        default=Decimal("1.00"),
        validators=[MinValueValidator(0), MaxValueValidator(10)],
        help_text=_("1.00: the people as they are; 1.10: ten percent more of every role."),
    )
    value_basis = models.CharField(
        _("value"),
        max_length=10,
        choices=ValueBasis.choices,
        default=ValueBasis.SCORE,
        help_text=_(
            "What the optimiser maximises: the strategic score, or the benefits each proposal enables from the "
            "month it finishes (from the benefit map), discounted, and for the risk-adjusted value times the "
            "chance that no open high-impact risk strikes."
        ),
    )
    discount_rate = models.DecimalField(
        _("discount rate (% a year)"),
        max_digits=4,
        decimal_places=1,
        default=Decimal("4.0"),
        validators=[MinValueValidator(0), MaxValueValidator(30)],
        help_text=_("For the net present value of benefits."),
    )
    balance = models.JSONField(
        _("balance rules"),
        default=list,
        blank=True,
        help_text=_("Minimum and maximum shares of cost or count per programme or driver."),
    )
    forced_in = models.JSONField(_("forced in"), default=list, blank=True, help_text=_("Project codes."))
    forced_out = models.JSONField(_("forced out"), default=list, blank=True, help_text=_("Project codes."))
    time_limit = models.PositiveSmallIntegerField(
        _("time limit (seconds)"), default=20, validators=[MinValueValidator(2), MaxValueValidator(600)]
    )
    status = models.CharField(
        _("status"), max_length=10, choices=ScenarioStatus.choices, default=ScenarioStatus.DRAFT
    )
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    step = models.CharField(_("step"), max_length=200, blank=True)
    result = models.JSONField(_("result"), null=True, blank=True, editable=False)
    error = models.TextField(_("error"), blank=True)
    frozen = models.BooleanField(_("frozen"), default=False)
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    objects = ScenarioQuerySet.as_manager()

    class Meta:
        verbose_name = _("scenario")
        verbose_name_plural = _("scenarios")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("portfolio:scenario_detail", args=[self.pk])

    @property
    def busy(self) -> bool:
        return self.status in (ScenarioStatus.QUEUED, ScenarioStatus.RUNNING)
