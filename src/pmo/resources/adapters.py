"""ORM rows to the capacity engine and back: the people, their leave and the demand of the projects that still
count, laid out per role or per person for a range of months."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence

from django.conf import settings

from pmo.engine import capacity as engine
from pmo.engine.schedule.calendar import dutch_public_holidays
from pmo.projects.lifecycle import Lifecycle

from .models import Commitment, Demand, Person

#: Demand of projects in these states counts; closed, cancelled, rejected and paused projects ask for nobody.
COUNTING = (Lifecycle.PROPOSAL, Lifecycle.APPROVED, Lifecycle.ACTIVE, Lifecycle.CLOSING)


def hours_per_fte_day() -> float:
    return float(getattr(settings, "PMO_HOURS_PER_WEEK", 36)) / 5


def holidays(months: Sequence[dt.date]) -> frozenset[dt.date]:
    years = {m.year for m in months}
    return frozenset(dutch_public_holidays(years)) if years else frozenset()


def people(queryset: Iterable[Person] | None = None) -> list[engine.Person]:
    rows = Person.objects.prefetch_related("leave") if queryset is None else queryset
    return [
        engine.Person(
            key=p.pk,
            role=p.role_id,
            fte=float(p.fte),
            name=p.name,
            run_the_business=float(p.run_the_business),
            start=p.start_date,
            end=p.end_date,
            leave=tuple((leave.start, leave.end) for leave in p.leave.all()),
        )
        for p in rows
    ]


def demand(months: Sequence[dt.date], queryset=None) -> list[engine.Demand]:
    rows = Demand.objects.all() if queryset is None else queryset
    rows = rows.filter(month__gte=months[0], month__lte=months[-1], project__lifecycle__in=COUNTING)
    return [
        engine.Demand(
            project=project,
            role=role,
            month=month,
            fte=float(fte),
            committed=commitment == Commitment.COMMITTED,
            person=person,
        )
        for project, role, month, fte, commitment, person in rows.values_list(
            "project_id", "role_id", "month", "fte", "commitment", "person_id"
        )
    ]


def portfolio_load(
    months: Sequence[dt.date],
    *,
    per: str = "role",
    adjustments: Iterable[engine.Adjustment] = (),
    people_queryset=None,
    demand_queryset=None,
) -> engine.Load:
    """Capacity against the demand of every counting project (aggregates: the names of projects a user may not see
    are left out where the load is shown, not here); `people_queryset` and `demand_queryset` narrow it down."""
    return engine.load(
        people(people_queryset),
        demand(months, demand_queryset),
        months,
        holidays(months),
        per=per,
        adjustments=adjustments,
    )
