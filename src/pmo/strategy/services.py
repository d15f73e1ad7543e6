"""Every write to strategic objectives and project–objective links."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from pmo.core.services import (
    audited_delete,
    audited_save,
    check_version,
    create_object,
    require,
    update_object,
)
from pmo.engine.portfolio import ahp
from pmo.projects.lifecycle import APPROVED_STATES
from pmo.projects.models import Portfolio, Project

from . import priorities
from .benefits import KINDS, reach
from .models import (
    Benefit,
    BenefitLink,
    BenefitValue,
    Change,
    ChangeKind,
    DriverComparison,
    DriverWeighting,
    ProjectObjective,
    StrategicObjective,
    ValueKind,
    WeightingMethod,
)

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


BENEFIT_FIELDS = frozenset(
    {"portfolio", "code", "title", "description", "owner", "kind", "measure", "unit", "baseline", "target"}
)
CHANGE_FIELDS = frozenset({"portfolio", "code", "title", "kind", "description", "owner"})


@transaction.atomic
def create_benefit(*, acting_user, **fields: Any) -> Benefit:
    return create_object(
        Benefit,
        acting_user=acting_user,
        perm="strategy.manage_benefits",
        allowed=BENEFIT_FIELDS,
        fields=fields,
    )


def _keep_portfolio(instance, changes: Mapping[str, Any], links) -> None:
    """A benefit or change on the map stays in its portfolio: its links would point across portfolios."""
    portfolio = changes.get("portfolio")
    if (
        portfolio is not None
        and getattr(portfolio, "pk", portfolio) != instance.portfolio_id
        and links.exists()
    ):
        raise ValidationError(
            {
                "portfolio": _("%(object)s is linked on the benefit map; remove its links first.")
                % {"object": instance}
            }
        )


@transaction.atomic
def update_benefit(
    benefit: Benefit, *, acting_user, expected_version: int | None = None, **changes: Any
) -> Benefit:
    require(acting_user, "strategy.manage_benefits", benefit)
    _keep_portfolio(
        benefit, changes, BenefitLink.objects.filter(Q(source_benefit=benefit) | Q(target_benefit=benefit))
    )
    return update_object(
        benefit,
        acting_user=acting_user,
        perm="strategy.manage_benefits",
        allowed=BENEFIT_FIELDS,
        expected_version=expected_version,
        changes=changes,
    )[0]


@transaction.atomic
def create_change(*, acting_user, **fields: Any) -> Change:
    return create_object(
        Change, acting_user=acting_user, perm="strategy.manage_benefits", allowed=CHANGE_FIELDS, fields=fields
    )


@transaction.atomic
def update_change(
    change: Change, *, acting_user, expected_version: int | None = None, **changes: Any
) -> Change:
    require(acting_user, "strategy.manage_benefits", change)
    _keep_portfolio(
        change, changes, BenefitLink.objects.filter(Q(source_change=change) | Q(target_change=change))
    )
    if changes.get("kind", change.kind) != ChangeKind.ENABLING and change.links_out.filter(
        target_change__isnull=False
    ):
        raise ValidationError(
            {
                "kind": _("%(change)s leads to other changes, so it stays an enabling change.")
                % {"change": change}
            }
        )
    return update_object(
        change,
        acting_user=acting_user,
        perm="strategy.manage_benefits",
        allowed=CHANGE_FIELDS,
        expected_version=expected_version,
        changes=changes,
    )[0]


def _leads_to(start: Change, goal: Change) -> bool:
    """Whether `start` leads, through change → change links, to `goal`."""
    edges = BenefitLink.objects.filter(
        portfolio=start.portfolio_id, source_change__isnull=False, target_change__isnull=False
    ).values_list("source_change", "target_change")
    return goal.pk in reach(start.pk, edges)


@transaction.atomic
def link_benefit_map(source, target, *, acting_user) -> BenefitLink:
    """Draw an arrow on the benefit map: project → change or benefit, change → change or benefit, benefit →
    objective."""
    kinds = (KINDS.get(type(source)), KINDS.get(type(target)))
    if None in kinds:
        raise ValidationError(_("Only projects, changes, benefits and objectives appear on the benefit map."))
    link = BenefitLink(
        portfolio_id=source.portfolio_id,
        **{f"source_{kinds[0]}": source, f"target_{kinds[1]}": target},
    )
    require(acting_user, "strategy.change_benefit_link", link)
    Portfolio.objects.select_for_update().get(pk=source.portfolio_id)  # one map change at a time
    if (
        isinstance(source, Change)
        and isinstance(target, Change)
        and source != target
        and _leads_to(target, source)
    ):
        raise ValidationError(
            _("%(target)s already leads to %(source)s: the link would make a loop.")
            % {"source": source, "target": target}
        )
    return audited_save(link, acting_user=acting_user)


@transaction.atomic
def unlink_benefit_map(link: BenefitLink, *, acting_user) -> None:
    require(acting_user, "strategy.change_benefit_link", link)
    audited_delete(link, acting_user=acting_user)


@transaction.atomic
def set_benefit_plan(
    benefit: Benefit, plan: Mapping[date, float], *, acting_user, expected_version: int | None = None
) -> Benefit:
    """Replace the benefit's planned values (month → value of the measure); the benefit's history records it."""
    require(acting_user, "strategy.manage_benefits", benefit)
    benefit = Benefit.objects.select_for_update().get(pk=benefit.pk)
    check_version(benefit, expected_version)
    kept = {v.period: v for v in benefit.values.filter(kind=ValueKind.PLANNED)}
    for period, value in sorted(plan.items()):
        row = kept.pop(period, None) or BenefitValue(benefit=benefit, kind=ValueKind.PLANNED, period=period)
        if row.pk is None or row.value != value:
            row.value = float(value)
            audited_save(row, acting_user=acting_user)
    for stale in kept.values():
        audited_delete(stale, acting_user=acting_user)
    months = sorted(plan)
    reason = (
        _("Plan: %(n)d months, %(first)s – %(last)s")
        % {"n": len(months), "first": f"{months[0]:%m/%Y}", "last": f"{months[-1]:%m/%Y}"}
        if months
        else _("Plan cleared")
    )
    return audited_save(benefit, acting_user=acting_user, reason=reason)


@transaction.atomic
def record_measurement(
    benefit: Benefit, *, period: date, value: float, note: str = "", acting_user
) -> BenefitValue:
    """Record what the measure was in a month that has begun (a second value for the month replaces the first)."""
    require(acting_user, "strategy.measure_benefit", benefit)
    row = BenefitValue.objects.select_for_update().filter(
        benefit=benefit, kind=ValueKind.ACTUAL, period=period
    ).first() or BenefitValue(benefit=benefit, kind=ValueKind.ACTUAL, period=period)
    row.value = value
    row.note = note
    return audited_save(row, acting_user=acting_user)


@transaction.atomic
def remove_measurement(row: BenefitValue, *, acting_user) -> None:
    require(acting_user, "strategy.measure_benefit", row.benefit)
    audited_delete(row, acting_user=acting_user)
