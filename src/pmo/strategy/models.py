"""Strategic objectives and how projects contribute to them."""

from __future__ import annotations

import math

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pmo.core.models import AuditedModel, person_field
from pmo.projects.models import Portfolio, Project, visible_through


class PortfolioQuerySet(models.QuerySet):
    def visible_to(self, user) -> models.QuerySet:
        """Rows of the portfolios `user` sees."""
        return self.filter(portfolio__in=Portfolio.objects.visible_to(user))


class StrategicObjective(AuditedModel):
    """A goal of the organisation that the portfolio exists to reach; may refine a broader objective."""

    portfolio = models.ForeignKey(
        Portfolio, verbose_name=_("portfolio"), on_delete=models.PROTECT, related_name="objectives"
    )
    code = models.CharField(_("code"), max_length=20)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    weight = models.FloatField(
        _("weight"),
        null=True,
        blank=True,
        help_text=_(
            "Share of this driver in the strategic score (top-level objectives; the weights add up to 1)."
        ),
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent objective"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    objects = PortfolioQuerySet.as_manager()

    class Meta:
        verbose_name = _("strategic objective")
        verbose_name_plural = _("strategic objectives")
        ordering = ["portfolio", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["portfolio", "code"],
                name="unique_objective_code",
                violation_error_message=_("An objective with this code already exists in the portfolio."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("strategy:objective_detail", args=[self.pk])

    def clean(self) -> None:
        if self.parent_id is None:
            return
        if self.parent.portfolio_id != self.portfolio_id:
            raise ValidationError({"parent": _("The parent objective belongs to another portfolio.")})
        node, seen = self.parent, set()
        while node is not None:
            if node.pk == self.pk or node.pk in seen:
                raise ValidationError({"parent": _("An objective cannot be its own ancestor.")})
            seen.add(node.pk)
            node = node.parent


class Contribution(models.TextChoices):
    LOW = "low", _("Low")
    MEDIUM = "medium", _("Moderate")
    HIGH = "high", _("Strong")


#: A contribution as a rating on the 0–5 scale of the strategic score (no link: 0).
RATING = {Contribution.LOW: 1, Contribution.MEDIUM: 3, Contribution.HIGH: 5}


class ProjectObjective(AuditedModel):
    """A project's contribution to a strategic objective."""

    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="objective_links"
    )
    objective = models.ForeignKey(
        StrategicObjective,
        verbose_name=_("strategic objective"),
        on_delete=models.CASCADE,
        related_name="project_links",
    )
    contribution = models.CharField(
        _("contribution"), max_length=10, choices=Contribution.choices, default=Contribution.MEDIUM
    )
    objects = visible_through("project").as_manager()

    class Meta:
        verbose_name = _("project contribution to objective")
        verbose_name_plural = _("project contributions to objectives")
        ordering = ["objective", "project"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "objective"],
                name="unique_project_objective",
                violation_error_message=_("The project is already linked to this objective."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.project.code} → {self.objective.code}"

    def clean(self) -> None:
        if self.project_id and self.objective_id and self.project.portfolio_id != self.objective.portfolio_id:
            raise ValidationError(_("The objective belongs to another portfolio than the project."))


class WeightingMethod(models.TextChoices):
    PAIRWISE = "pairwise", _("Pairwise comparison (AHP)")
    DIRECT = "direct", _("Entered directly")


class DriverWeighting(AuditedModel):
    """How the weights of a portfolio's drivers (its top-level objectives) were set, and how consistent the
    pairwise judgements were."""

    portfolio = models.OneToOneField(
        Portfolio, verbose_name=_("portfolio"), on_delete=models.CASCADE, related_name="driver_weighting"
    )
    method = models.CharField(_("method"), max_length=10, choices=WeightingMethod.choices)
    lambda_max = models.FloatField(_("principal eigenvalue"), null=True, blank=True)
    consistency_ratio = models.FloatField(_("consistency ratio"), null=True, blank=True)

    class Meta:
        verbose_name = _("driver weighting")
        verbose_name_plural = _("driver weightings")

    def __str__(self) -> str:
        return f"{self.portfolio}: {self.get_method_display()}"


class DriverComparison(AuditedModel):
    """A pairwise judgement: how much more important `first` is than `second`, on Saaty's scale 1/9 … 9."""

    portfolio = models.ForeignKey(
        Portfolio, verbose_name=_("portfolio"), on_delete=models.CASCADE, related_name="driver_comparisons"
    )
    first = models.ForeignKey(
        StrategicObjective, verbose_name=_("first driver"), on_delete=models.CASCADE, related_name="+"
    )
    second = models.ForeignKey(
        StrategicObjective, verbose_name=_("second driver"), on_delete=models.CASCADE, related_name="+"
    )
    value = models.FloatField(_("judgement"))

    class Meta:
        verbose_name = _("driver comparison")
        verbose_name_plural = _("driver comparisons")
        constraints = [
            models.UniqueConstraint(
                fields=["first", "second"],
                name="unique_driver_comparison",
                violation_error_message=_("These two drivers have already been compared."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.first.code} : {self.second.code} = {self.value:g}"


class BenefitKind(models.TextChoices):
    CASHABLE = "cashable", _("Financial, cashable")
    FINANCIAL = "financial", _("Financial, not cashable")
    NON_FINANCIAL = "non_financial", _("Non-financial")


class Benefit(AuditedModel):
    """A measurable improvement the organisation expects from change, with an owner who answers for it, a measure
    with a baseline and a target, and a plan of when it will be realised."""

    portfolio = models.ForeignKey(
        Portfolio, verbose_name=_("portfolio"), on_delete=models.PROTECT, related_name="benefits"
    )
    code = models.CharField(_("code"), max_length=20)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    owner = person_field(_("benefit owner"), "owned_benefits")
    kind = models.CharField(
        _("type"), max_length=15, choices=BenefitKind.choices, default=BenefitKind.CASHABLE
    )
    measure = models.CharField(
        _("measure"), max_length=200, blank=True, help_text=_("What is measured, e.g. “processing time”.")
    )
    unit = models.CharField(_("unit"), max_length=40, blank=True, help_text=_("e.g. days, EUR per month, %."))
    baseline = models.FloatField(
        _("baseline"), default=0, help_text=_("The measure's value before the change.")
    )
    target = models.FloatField(
        _("target"), null=True, blank=True, help_text=_("The value to reach; may be below the baseline.")
    )
    objects = PortfolioQuerySet.as_manager()

    class Meta:
        verbose_name = _("benefit")
        verbose_name_plural = _("benefits")
        ordering = ["portfolio", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["portfolio", "code"],
                name="unique_benefit_code",
                violation_error_message=_("A benefit with this code already exists in the portfolio."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("strategy:benefit_detail", args=[self.pk])

    def clean(self) -> None:
        for name in ("baseline", "target"):
            value = getattr(self, name)
            if value is not None and not math.isfinite(value):
                raise ValidationError({name: _("Enter a finite number.")})

    @property
    def is_financial(self) -> bool:
        return self.kind != BenefitKind.NON_FINANCIAL


class ChangeKind(models.TextChoices):
    ENABLING = "enabling", _("Enabling change")
    BUSINESS = "business", _("Business change")


class Change(AuditedModel):
    """A change on the way from project outputs to benefits: an enabling change (a one-off step such as training
    staff or moving data) or a business change (a new, lasting way of working)."""

    portfolio = models.ForeignKey(
        Portfolio, verbose_name=_("portfolio"), on_delete=models.PROTECT, related_name="changes"
    )
    code = models.CharField(_("code"), max_length=20)
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=10, choices=ChangeKind.choices, default=ChangeKind.BUSINESS)
    description = models.TextField(_("description"), blank=True)
    owner = person_field(_("owner"), "owned_changes")
    objects = PortfolioQuerySet.as_manager()

    class Meta:
        verbose_name = _("change")
        verbose_name_plural = _("changes")
        ordering = ["portfolio", "code"]
        constraints = [
            models.UniqueConstraint(
                fields=["portfolio", "code"],
                name="unique_change_code",
                violation_error_message=_("A change with this code already exists in the portfolio."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("strategy:change_detail", args=[self.pk])


#: The arrows a benefit map may hold, as (source field, target field): projects deliver changes or benefits,
#: enabling changes make business changes possible, changes realise benefits, benefits serve objectives.
LINK_KINDS = (
    ("source_project", "target_change"),
    ("source_project", "target_benefit"),
    ("source_change", "target_change"),
    ("source_change", "target_benefit"),
    ("source_benefit", "target_objective"),
)
SOURCES = ("source_project", "source_change", "source_benefit")
TARGETS = ("target_change", "target_benefit", "target_objective")


def _end(model, verbose_name, related_name: str) -> models.ForeignKey:
    return models.ForeignKey(
        model,
        verbose_name=verbose_name,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name=related_name,
    )


class BenefitLink(AuditedModel):
    """An arrow of the benefit map (benefits dependency network): project → change → benefit → objective."""

    portfolio = models.ForeignKey(
        Portfolio, verbose_name=_("portfolio"), on_delete=models.CASCADE, related_name="benefit_links"
    )
    source_project = _end(Project, _("project"), "benefit_links")
    source_change = _end(Change, _("from change"), "links_out")
    source_benefit = _end(Benefit, _("benefit"), "links_out")
    target_change = _end(Change, _("to change"), "links_in")
    target_benefit = _end(Benefit, _("to benefit"), "links_in")
    target_objective = _end(StrategicObjective, _("objective"), "benefit_links")
    objects = PortfolioQuerySet.as_manager()

    class Meta:
        verbose_name = _("benefit map link")
        verbose_name_plural = _("benefit map links")
        constraints = [
            models.UniqueConstraint(
                fields=[source, target],
                condition=models.Q(**{f"{source}__isnull": False, f"{target}__isnull": False}),
                name=f"unique_link_{source.split('_')[1]}_{target.split('_')[1]}",
                violation_error_message=_("These two are already linked."),
            )
            for source, target in LINK_KINDS
        ]

    @property
    def source(self) -> models.Model | None:
        return next((getattr(self, name) for name in SOURCES if getattr(self, f"{name}_id")), None)

    @property
    def target(self) -> models.Model | None:
        return next((getattr(self, name) for name in TARGETS if getattr(self, f"{name}_id")), None)

    def __str__(self) -> str:
        return f"{self.source} → {self.target}"

    def clean(self) -> None:
        sources = [name for name in SOURCES if getattr(self, f"{name}_id")]
        targets = [name for name in TARGETS if getattr(self, f"{name}_id")]
        if len(sources) != 1 or len(targets) != 1 or (sources[0], targets[0]) not in LINK_KINDS:
            raise ValidationError(
                _(
                    "A benefit map link goes from a project to a change or benefit, from a change to a change or "
                    "benefit, or from a benefit to an objective."
                )
            )
        source, target = self.source, self.target
        if source.portfolio_id != target.portfolio_id or source.portfolio_id != self.portfolio_id:
            raise ValidationError(
                _("%(source)s and %(target)s belong to different portfolios.")
                % {"source": source, "target": target}
            )
        if source == target:
            raise ValidationError(_("A change cannot lead to itself."))
        if isinstance(source, Change) and isinstance(target, Change) and source.kind != ChangeKind.ENABLING:
            raise ValidationError(
                _("Only an enabling change leads to another change; %(source)s is a business change.")
                % {"source": source}
            )


class BenefitValueQuerySet(models.QuerySet):
    def visible_to(self, user) -> models.QuerySet:
        return self.filter(benefit__portfolio__in=Portfolio.objects.visible_to(user))


class ValueKind(models.TextChoices):
    PLANNED = "planned", _("Planned")
    ACTUAL = "actual", _("Measured")


class BenefitValue(AuditedModel):
    """A benefit's measure in one month: as planned, or as measured (measurements only for months that have
    begun)."""

    benefit = models.ForeignKey(
        Benefit, verbose_name=_("benefit"), on_delete=models.CASCADE, related_name="values"
    )
    kind = models.CharField(_("kind"), max_length=10, choices=ValueKind.choices)
    period = models.DateField(_("month"), help_text=_("The first day of the month."))
    value = models.FloatField(_("value"))
    note = models.CharField(_("note"), max_length=200, blank=True)

    objects = BenefitValueQuerySet.as_manager()

    class Meta:
        verbose_name = _("benefit value")
        verbose_name_plural = _("benefit values")
        ordering = ["benefit", "kind", "period"]
        constraints = [
            models.UniqueConstraint(
                fields=["benefit", "kind", "period"],
                name="unique_benefit_value",
                violation_error_message=_("This month already has a value."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.benefit.code} {self.get_kind_display()} {self.period:%m/%Y}: {self.value:g}"

    def clean(self) -> None:
        if self.period is None:
            return
        if self.period.day != 1:
            raise ValidationError({"period": _("A month is given by its first day.")})
        if not math.isfinite(self.value):
            raise ValidationError({"value": _("Enter a finite number.")})
        if self.kind == ValueKind.ACTUAL and self.period > timezone.localdate():
            raise ValidationError(
                {
                    "period": _("%(month)s has not begun: measurements are for past and current months only.")
                    % {"month": f"{self.period:%m/%Y}"}
                }
            )
