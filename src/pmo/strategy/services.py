"""Every write to strategic objectives and project–objective links."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from pmo.core.services import audited_delete, audited_save, create_object, require, update_object
from pmo.engine.portfolio import ahp
from pmo.projects.lifecycle import APPROVED_STATES
from pmo.projects.models import Portfolio, Project

from . import priorities
from .models import DriverComparison, DriverWeighting, ProjectObjective, StrategicObjective, WeightingMethod

OBJECTIVE_FIELDS = frozenset({"portfolio", "code", "title", "description", "parent"})


@transaction.atomic
def create_objective(*, acting_user, **fields: Any) -> StrategicObjective:
    return create_object(
        StrategicObjective,
        acting_user=acting_user,
        perm="strategy.add_objective",
        allowed=OBJECTIVE_FIELDS,
        fields=fields,
    )


@transaction.atomic
def update_objective(
    objective: StrategicObjective, *, acting_user, expected_version: int | None = None, **changes: Any
) -> StrategicObjective:
    return update_object(
        objective,
        acting_user=acting_user,
        perm="strategy.change_objective",
        allowed=OBJECTIVE_FIELDS,
        expected_version=expected_version,
        changes=changes,
    )[0]


@transaction.atomic
def link_project(
    project: Project, objective: StrategicObjective, *, acting_user, contribution: str
) -> ProjectObjective:
    require(acting_user, "strategy.link_project", project)
    return audited_save(
        ProjectObjective(project=project, objective=objective, contribution=contribution),
        acting_user=acting_user,
    )


@transaction.atomic
def unlink_project(link: ProjectObjective, *, acting_user) -> None:
    require(acting_user, "strategy.change_link", link)
    project = link.project
    if project.lifecycle in APPROVED_STATES and project.objective_links.count() == 1:
        raise ValidationError(
            _("%(code)s is approved and must serve at least one objective: link another one first.")
            % {"code": project.code}
        )
    audited_delete(link, acting_user=acting_user)


def _record_weights(
    portfolio, drivers, weights, *, acting_user, method: str, result=None, reason: str
) -> None:
    for driver, weight in zip(drivers, weights, strict=True):
        if driver.weight is None or abs(driver.weight - weight) > 1e-12:
            driver.weight = float(weight)
            audited_save(driver, acting_user=acting_user, reason=reason)
    weighting = DriverWeighting.objects.filter(portfolio=portfolio).first() or DriverWeighting(
        portfolio=portfolio
    )
    weighting.method = method
    weighting.lambda_max = result.lambda_max if result else None
    weighting.consistency_ratio = result.consistency_ratio if result else None
    audited_save(weighting, acting_user=acting_user, reason=reason)


@transaction.atomic
def weigh_by_comparison(
    portfolio: Portfolio, judgements: Mapping[tuple[int, int], float], *, acting_user
) -> ahp.Ahp:
    """Weigh the portfolio's drivers from pairwise judgements ((first pk, second pk) → how much more important
    first is, 1/9 … 9; missing pairs count as equal). Keeps the judgements; the weights are the principal
    eigenvector, with Saaty's consistency ratio."""
    require(acting_user, "strategy.weigh_drivers", portfolio)
    Portfolio.objects.select_for_update().get(pk=portfolio.pk)  # one weighing at a time per portfolio
    drivers = priorities.drivers(portfolio)
    if len(drivers) < 2:
        raise ValidationError(_("Pairwise comparison needs at least two drivers (top-level objectives)."))
    position = {d.pk: n for n, d in enumerate(drivers)}
    indexed = {}
    for (first, second), value in judgements.items():
        if first not in position or second not in position:
            raise ValidationError(_("Only the portfolio's top-level objectives can be compared."))
        if not value or value <= 0:
            raise ValidationError(_("A judgement must be a positive number (1/9 … 9)."))
        i, j = position[first], position[second]
        indexed[(i, j) if i < j else (j, i)] = value if i < j else 1 / value
    try:
        result = ahp.weigh(ahp.matrix_from_judgements(len(drivers), indexed))
    except ValueError as error:
        raise ValidationError(str(error)) from None
    kept = {(c.first_id, c.second_id): c for c in DriverComparison.objects.filter(portfolio=portfolio)}
    for (i, j), value in indexed.items():
        key = (drivers[i].pk, drivers[j].pk)
        comparison = kept.pop(key, None) or DriverComparison(
            portfolio=portfolio, first=drivers[i], second=drivers[j]
        )
        if comparison.pk is None or comparison.value != value:
            comparison.value = value
            audited_save(comparison, acting_user=acting_user)
    for stale in kept.values():
        audited_delete(stale, acting_user=acting_user)
    _record_weights(
        portfolio,
        drivers,
        result.weights,
        acting_user=acting_user,
        method=WeightingMethod.PAIRWISE,
        result=result,
        reason=_("Weights from pairwise comparison (consistency ratio %(cr).3f)")
        % {"cr": result.consistency_ratio},
    )
    return result


@transaction.atomic
def weigh_directly(portfolio: Portfolio, weights: Mapping[int, float], *, acting_user) -> list[float]:
    """Set the drivers' weights directly (driver pk → any non-negative number; they are scaled to add up to 1)."""
    require(acting_user, "strategy.weigh_drivers", portfolio)
    Portfolio.objects.select_for_update().get(pk=portfolio.pk)
    drivers = priorities.drivers(portfolio)
    values = [float(weights.get(d.pk, 0)) for d in drivers]
    for driver, value in zip(drivers, values, strict=True):
        if value < 0:
            raise ValidationError(
                _("%(driver)s: a weight cannot be negative (%(value)s).")
                % {"driver": driver.code, "value": value}
            )
    total = sum(values)
    if total <= 0:
        raise ValidationError(_("Give at least one driver a weight above zero."))
    shares = [v / total for v in values]
    _record_weights(
        portfolio,
        drivers,
        shares,
        acting_user=acting_user,
        method=WeightingMethod.DIRECT,
        reason=_("Weights entered directly"),
    )
    for stale in DriverComparison.objects.filter(portfolio=portfolio):
        audited_delete(stale, acting_user=acting_user)
    return shares
