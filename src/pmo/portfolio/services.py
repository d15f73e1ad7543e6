"""Every write to portfolio scenarios: create, change, run, freeze and approve (which reschedules the proposals)."""

from __future__ import annotations

import datetime as dt
from calendar import monthrange
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pmo.core.services import audited_save, create_object, require, update_object
from pmo.engine import capacity as months_math
from pmo.projects.models import Project
from pmo.projects.services import update_project

from .models import Scenario, ScenarioStatus

SCENARIO_FIELDS = frozenset(
    {
        "portfolio",
        "name",
        "description",
        "first_month",
        "horizon",
        "annual_budget",
        "budget_period",
        "capacity_factor",
        "forced_in",
        "forced_out",
        "time_limit",
        "value_basis",
        "discount_rate",
        "balance",
    }
)
SETTINGS = SCENARIO_FIELDS - {"name", "description"}


def _check(portfolio, fields: dict[str, Any]) -> None:
    codes = set(portfolio.projects.values_list("code", flat=True))
    forced_in, forced_out = list(fields.get("forced_in") or []), list(fields.get("forced_out") or [])
    unknown = sorted(set(forced_in + forced_out) - codes)
    if unknown:
        raise ValidationError(
            {"forced_in": _("Not a project of this portfolio: %(codes)s.") % {"codes": ", ".join(unknown)}}
        )
    both = sorted(set(forced_in) & set(forced_out))
    if both:
        raise ValidationError(
            {"forced_out": _("Forced in and out at once: %(codes)s.") % {"codes": ", ".join(both)}}
        )
    if fields.get("first_month"):
        fields["first_month"] = months_math.month_start(fields["first_month"])
    _check_balance(portfolio, fields.get("balance") or [])


def _check_balance(portfolio, rules: list[dict]) -> None:
    """Balance rules name a programme or objective of the portfolio, cost or count, and shares in percent."""
    known = {
        **{f"programme:{c}": c for c in portfolio.programmes.values_list("code", flat=True)},
        **{f"objective:{c}": c for c in portfolio.objectives.values_list("code", flat=True)},
    }
    errors = []
    for n, rule in enumerate(rules, start=1):
        low, high = rule.get("min"), rule.get("max")
        if rule.get("group") not in known:
            errors.append(
                _("Balance rule %(n)d: %(group)s is not a programme or objective of this portfolio.")
                % {"n": n, "group": rule.get("group")}
            )
        elif rule.get("measure") not in ("cost", "count"):
            errors.append(_("Balance rule %(n)d: measure the share by cost or by count.") % {"n": n})
        elif low is None and high is None:
            errors.append(_("Balance rule %(n)d: give a minimum or a maximum share.") % {"n": n})
        elif any(v is not None and not 0 <= v <= 100 for v in (low, high)):
            errors.append(_("Balance rule %(n)d: a share lies between 0 and 100 %%.") % {"n": n})
        elif low is not None and high is not None and low > high:
            errors.append(_("Balance rule %(n)d: the minimum share exceeds the maximum.") % {"n": n})
    if errors:
        raise ValidationError({"balance": errors})


@transaction.atomic
def create_scenario(*, acting_user, **fields: Any) -> Scenario:
    require(acting_user, "portfolio.manage_scenarios")
    _check(fields["portfolio"], fields)
    return create_object(
        Scenario,
        acting_user=acting_user,
        perm="portfolio.manage_scenarios",
        allowed=SCENARIO_FIELDS,
        fields=fields,
    )


@transaction.atomic
def update_scenario(
    scenario: Scenario, *, acting_user, expected_version: int | None = None, **changes: Any
) -> Scenario:
    require(acting_user, "portfolio.manage_scenarios")
    if scenario.frozen:
        raise ValidationError(_("%(name)s is frozen: copy it to try something else.") % {"name": scenario})
    merged = {
        key: changes.get(key, getattr(scenario, key))
        for key in ("forced_in", "forced_out", "first_month", "balance")
    }
    _check(scenario.portfolio, merged)
    changes.update({key: merged[key] for key in changes.keys() & merged.keys()})
    scenario, changed = update_object(
        scenario,
        acting_user=acting_user,
        perm="portfolio.manage_scenarios",
        allowed=SCENARIO_FIELDS,
        expected_version=expected_version,
        changes=changes,
    )
    if set(changed) & SETTINGS and scenario.result is not None:
        scenario.result, scenario.status = None, ScenarioStatus.DRAFT  # the old result no longer fits
        audited_save(scenario, acting_user=acting_user, reason=_("Settings changed: the result was cleared"))
    return scenario


@transaction.atomic
def run_scenario(scenario: Scenario, *, acting_user) -> Scenario:
    """Queue the optimisation; the worker runs it after this transaction commits."""
    from .tasks import run_scenario as task

    require(acting_user, "portfolio.manage_scenarios")
    scenario = Scenario.objects.select_for_update().get(pk=scenario.pk)
    if scenario.frozen:
        raise ValidationError(_("%(name)s is frozen: its result stands.") % {"name": scenario})
    if scenario.busy:
        raise ValidationError(_("%(name)s is already being optimised.") % {"name": scenario})
    scenario.status, scenario.progress, scenario.error = ScenarioStatus.QUEUED, 0, ""
    audited_save(scenario, acting_user=acting_user, reason=_("Optimisation requested"))
    transaction.on_commit(lambda: task.enqueue(scenario.pk))
    return scenario


@transaction.atomic
def copy_scenario(scenario: Scenario, *, acting_user) -> Scenario:
    """A new draft with the same settings (to try something else after freezing); its history says where it came
    from."""
    require(acting_user, "portfolio.manage_scenarios")
    copy = Scenario(
        name=_("%(name)s (copy)") % {"name": scenario.name},
        **{key: getattr(scenario, key) for key in SCENARIO_FIELDS - {"name"}},
    )
    return audited_save(
        copy, acting_user=acting_user, reason=_("Copied from “%(name)s”") % {"name": scenario.name}
    )


@transaction.atomic
def freeze_scenario(scenario: Scenario, *, acting_user) -> Scenario:
    require(acting_user, "portfolio.manage_scenarios")
    if scenario.status != ScenarioStatus.DONE:
        raise ValidationError(_("Only an optimised scenario can be frozen."))
    scenario.frozen = True
    return audited_save(scenario, acting_user=acting_user, reason=_("Frozen"))


def _shift(day: dt.date, months: int) -> dt.date:
    first = months_math.add_months(day, months)
    return first.replace(day=min(day.day, monthrange(first.year, first.month)[1]))


@transaction.atomic
def approve_scenario(scenario: Scenario, *, acting_user) -> list[Project]:
    """The approved scenario becomes the plan: every chosen proposal moves to the start month the optimiser gave it
    (its planned finish moves with it); each change names the scenario in the project's history."""
    require(acting_user, "portfolio.manage_scenarios")
    scenario = Scenario.objects.select_for_update().get(pk=scenario.pk)
    if not scenario.frozen or scenario.status != ScenarioStatus.DONE:
        raise ValidationError(_("Freeze the optimised scenario before approving it."))
    if scenario.approved_at is not None:
        raise ValidationError(_("%(name)s has already been approved.") % {"name": scenario})
    first = dt.date.fromisoformat(scenario.result["months"][0])
    reason = _("Scenario “%(name)s” approved") % {"name": scenario.name}
    moved = []
    for row in scenario.result["projects"]:
        if row["running"] or row["start"] is None:
            continue
        project = Project.objects.get(pk=row["pk"])
        if project.planned_start is None or project.planned_finish is None:
            continue
        target = months_math.add_months(first, row["start"])
        delta = (target.year - project.planned_start.year) * 12 + target.month - project.planned_start.month
        if delta:
            moved.append(
                update_project(
                    project,
                    acting_user=acting_user,
                    planned_start=_shift(project.planned_start, delta),
                    planned_finish=_shift(project.planned_finish, delta),
                    reason=reason,
                )
            )
    scenario.approved_at, scenario.approved_by = timezone.now(), acting_user
    audited_save(
        scenario,
        acting_user=acting_user,
        reason=_("Approved: %(n)s projects rescheduled") % {"n": len(moved)},
    )
    return moved
