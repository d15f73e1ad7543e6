"""Every write to resources: roles, people, leave, and a project's demand per month."""

from __future__ import annotations

import datetime as dt
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from simple_history.utils import bulk_create_with_history

from pmo.core.services import audited_delete, audited_save, create_object, require, update_object
from pmo.engine.capacity import month_start, months_from, working_days
from pmo.projects.lifecycle import Lifecycle
from pmo.projects.models import Project

from .adapters import holidays, hours_per_fte_day
from .models import Commitment, Demand, Leave, Person, ResourceRole, month_label

ROLE_FIELDS = frozenset({"name", "description"})
PERSON_FIELDS = frozenset(
    {"name", "user", "role", "team", "fte", "run_the_business", "start_date", "end_date"}
)
CAPACITY = "resources.manage_capacity"


@transaction.atomic
def create_role(*, acting_user, **fields: Any) -> ResourceRole:
    return create_object(
        ResourceRole, acting_user=acting_user, perm=CAPACITY, allowed=ROLE_FIELDS, fields=fields
    )


@transaction.atomic
def update_role(role: ResourceRole, *, acting_user, expected_version: int | None = None, **changes: Any):
    role, _changed = update_object(
        role,
        acting_user=acting_user,
        perm=CAPACITY,
        allowed=ROLE_FIELDS,
        expected_version=expected_version,
        changes=changes,
    )
    return role


def _check_person(fields: dict[str, Any], name: str) -> None:
    fte = fields.get("fte")
    if fte is not None and Decimal(fte) < 0:
        raise ValidationError(
            {"fte": _("%(person)s: FTE cannot be negative (%(fte)s).") % {"person": name, "fte": fte}}
        )


@transaction.atomic
def create_person(*, acting_user, **fields: Any) -> Person:
    require(acting_user, CAPACITY)  # before saying anything about the input
    _check_person(fields, fields.get("name", ""))
    return create_object(Person, acting_user=acting_user, perm=CAPACITY, allowed=PERSON_FIELDS, fields=fields)


@transaction.atomic
def update_person(
    person: Person, *, acting_user, expected_version: int | None = None, **changes: Any
) -> Person:
    require(acting_user, CAPACITY, person)  # before saying anything about the input
    _check_person(changes, changes.get("name") or person.name)
    person, _changed = update_object(
        person,
        acting_user=acting_user,
        perm=CAPACITY,
        allowed=PERSON_FIELDS,
        expected_version=expected_version,
        changes=changes,
    )
    return person


@transaction.atomic
def add_leave(person: Person, *, acting_user, start: dt.date, end: dt.date, description: str = "") -> Leave:
    require(acting_user, CAPACITY)
    if end < start:
        raise ValidationError(
            {"end": _("%(person)s: leave cannot end before it starts.") % {"person": person}}
        )
    return audited_save(
        Leave(person=person, start=start, end=end, description=description), acting_user=acting_user
    )


@transaction.atomic
def remove_leave(leave: Leave, *, acting_user) -> None:
    require(acting_user, CAPACITY)
    audited_delete(leave, acting_user=acting_user)


def months_between(first: dt.date, last: dt.date) -> tuple[dt.date, ...]:
    first, last = month_start(first), month_start(last)
    count = (last.year - first.year) * 12 + last.month - first.month + 1
    return months_from(first, max(count, 0))


def default_commitment(project: Project) -> str:
    """A proposal's demand is tentative until the project is approved; everyone else's is committed."""
    return Commitment.TENTATIVE if project.lifecycle == Lifecycle.PROPOSAL else Commitment.COMMITTED


def _fte(amount: Decimal, unit: str, month: dt.date) -> Decimal:
    if unit == "fte":
        return Decimal(amount)
    if unit != "hours":
        raise ValidationError({"unit": _("Give the amount in FTE or in hours.")})
    hours_in_month = len(working_days(month, holidays([month]))) * hours_per_fte_day()
    return (Decimal(amount) / Decimal(str(hours_in_month))).quantize(Decimal("0.01"), ROUND_HALF_UP)


def _within_project(project: Project, months: tuple[dt.date, ...], subject: str) -> None:
    if not (project.planned_start and project.planned_finish):
        raise ValidationError(
            _("Give %(project)s a planned start and finish before planning its resources.")
            % {"project": project.code}
        )
    first, last = month_start(project.planned_start), month_start(project.planned_finish)
    outside = [m for m in months if not first <= m <= last]
    if outside:
        raise ValidationError(
            {
                "first": _(
                    "Demand for %(subject)s in %(month)s lies outside the project's dates (%(start)s – %(finish)s)."
                )
                % {
                    "subject": subject,
                    "month": month_label(outside[0]),
                    "start": month_label(first),
                    "finish": month_label(last),
                }
            }
        )


@transaction.atomic
def set_demand(
    project: Project,
    *,
    acting_user,
    role: ResourceRole | None,
    first: dt.date,
    last: dt.date,
    amount: Decimal,
    unit: str = "fte",
    person: Person | None = None,
    commitment: str | None = None,
) -> list[Demand]:
    """Ask `amount` (FTE, or hours per month) of `role` — or of `person` in their role — in every month from
    `first` to `last`; 0 removes the demand in those months. Returns the rows now in place."""
    require(acting_user, "resources.plan_demand", project)
    role = role or (person.role if person else None)
    if role is None:
        raise ValidationError({"role": _("Choose a role or a person.")})
    subject = f"{role} ({person})" if person else str(role)
    if Decimal(amount) < 0:
        raise ValidationError(
            {
                "amount": _("Demand for %(subject)s cannot be negative (%(amount)s).")
                % {"subject": subject, "amount": amount}
            }
        )
    if last < first:
        raise ValidationError({"last": _("The last month comes before the first.")})
    months = months_between(first, last)
    _within_project(project, months, subject)
    commitment = commitment or default_commitment(project)
    if commitment not in Commitment.values:
        raise ValidationError({"commitment": _("Demand is committed or tentative.")})
    existing = {
        d.month: d
        for d in Demand.objects.select_for_update(of=("self",))  # no outer join to people under FOR UPDATE
        .filter(project=project, role=role, person=person, month__in=months)
        .order_by()
    }
    kept, new = [], []
    for month in months:
        fte = _fte(amount, unit, month)
        row = existing.get(month)
        if fte == 0:
            if row is not None:
                audited_delete(row, acting_user=acting_user)
        elif row is None:  # checked above, month by month: added in one go
            new.append(
                Demand(project=project, role=role, person=person, month=month, fte=fte, commitment=commitment)
            )
        elif row.fte != fte or row.commitment != commitment:
            row.fte, row.commitment = fte, commitment
            kept.append(audited_save(row, acting_user=acting_user))
        else:
            kept.append(row)
    if new:
        kept += bulk_create_with_history(new, Demand, default_user=acting_user)
    return sorted(kept, key=lambda d: d.month)
