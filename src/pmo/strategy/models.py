"""Strategic objectives and how projects contribute to them."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from pmo.core.models import AuditedModel
from pmo.projects.models import Portfolio, Project, visible_through


class ObjectiveQuerySet(models.QuerySet):
    def visible_to(self, user) -> ObjectiveQuerySet:
        """Objectives of the portfolios `user` sees."""
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
    objects = ObjectiveQuerySet.as_manager()

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
