"""Writes to resources go through the services: validation naming the item, permissions, history."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from pmo.projects.lifecycle import Lifecycle
from pmo.resources import services
from pmo.resources.models import Commitment, Demand, Leave, Person

from .conftest import ask, month

pytestmark = pytest.mark.django_db


def test_set_demand_fills_every_month_and_zero_removes(org, staff):
    rows = ask(
        org.project,
        org.pm,
        role=staff["developer"],
        first=month(2026, 3),
        last=month(2026, 5),
        amount=Decimal("1.5"),
    )
    assert [(d.month, d.fte, d.commitment) for d in rows] == [
        (month(2026, m), Decimal("1.5"), Commitment.TENTATIVE)
        for m in (3, 4, 5)  # P-1 is a proposal
    ]
    ask(
        org.project,
        org.pm,
        role=staff["developer"],
        first=month(2026, 4),
        last=month(2026, 4),
        amount=Decimal("0.5"),
    )
    ask(
        org.project,
        org.pm,
        role=staff["developer"],
        first=month(2026, 5),
        last=month(2026, 5),
        amount=0,
    )
    left = Demand.objects.filter(project=org.project).order_by("month")
    assert [(d.month, d.fte) for d in left] == [
        (month(2026, 3), Decimal("1.5")),
        (month(2026, 4), Decimal("0.5")),
    ]
    april = left.get(month=month(2026, 4))
    assert [h.history_type for h in april.history.order_by("history_id")] == ["+", "~"]
    assert april.history.first().history_user == org.pm
    assert Demand.history.filter(history_type="-", month=month(2026, 5)).count() == 1


def test_a_named_person_is_asked_in_their_role(org, staff):
    (row,) = ask(
        org.project,
        org.pm,
        role=None,
        person=staff["tom"],
        first=month(2026, 6),
        last=month(2026, 6),
        amount=Decimal("0.4"),
    )
    assert (row.role, row.person) == (staff["architect"], staff["tom"])


def test_hours_become_fte_with_the_months_working_days(org, staff):
    # April 2026 has 20 working days; a 36-hour week is 7.2 hours a day: 144 hours is one FTE
    (row,) = ask(
        org.project,
        org.pm,
        role=staff["developer"],
        first=month(2026, 4),
        last=month(2026, 4),
        amount=72,
        unit="hours",
    )
    assert row.fte == Decimal("0.50")


def test_demand_outside_the_project_dates_is_refused_naming_role_and_month(org, staff):
    with pytest.raises(ValidationError) as error:
        ask(
            org.project,
            org.pm,
            role=staff["developer"],
            person=staff["eva"],
            first=month(2026, 11),
            last=month(2027, 2),
            amount=1,
        )
    message = " ".join(error.value.messages)
    assert (
        "Developer (Eva)" in message
        and "January 2027" in message
        and "January 2026 – December 2026" in message
    )
    assert not Demand.objects.exists()  # not even the months inside the project


def test_negative_demand_and_a_project_without_dates_are_refused(org, staff):
    with pytest.raises(ValidationError, match=r"Demand for Developer cannot be negative \(-1\)"):
        ask(
            org.project,
            org.pm,
            role=staff["developer"],
            first=month(2026, 3),
            last=month(2026, 3),
            amount=-1,
        )
    with pytest.raises(ValidationError, match="Give P-2 a planned start and finish"):
        ask(
            org.other_project,
            org.admin,
            role=staff["developer"],
            first=month(2026, 3),
            last=month(2026, 3),
            amount=1,
        )
    assert not Demand.objects.exists()


def test_only_the_projects_managers_plan_its_resources(org, staff):
    for user in (org.member, org.outsider):
        with pytest.raises(PermissionDenied):
            ask(
                org.project,
                user,
                role=staff["developer"],
                first=month(2026, 3),
                last=month(2026, 3),
                amount=1,
            )


def test_a_proposals_demand_is_tentative(org, staff):
    assert org.project.lifecycle == Lifecycle.PROPOSAL
    assert services.default_commitment(org.project) == Commitment.TENTATIVE
    org.project.lifecycle = Lifecycle.ACTIVE
    assert services.default_commitment(org.project) == Commitment.COMMITTED


def test_a_negative_fte_is_refused_naming_the_person(org, staff):
    with pytest.raises(ValidationError, match=r"Ines: FTE cannot be negative \(-0.5\)"):
        services.create_person(
            acting_user=org.admin, name="Ines", role=staff["developer"], fte=Decimal("-0.5")
        )
    with pytest.raises(ValidationError, match=r"Eva: FTE cannot be negative"):
        services.update_person(
            staff["eva"], acting_user=org.admin, expected_version=staff["eva"].version, fte=Decimal("-1")
        )
    with pytest.raises(
        PermissionDenied
    ):  # the permission first: no word about the input to someone who may not
        services.create_person(
            acting_user=org.member, name="Ines", role=staff["developer"], fte=Decimal("-0.5")
        )
    assert not Person.objects.filter(name="Ines").exists()
    assert Person.objects.get(name="Eva").fte == Decimal("0.5")


def test_leave_is_kept_by_the_pmo_and_must_end_after_it_starts(org, staff):
    with pytest.raises(ValidationError, match="Daan: leave cannot end before it starts"):
        services.add_leave(
            staff["daan"], acting_user=org.admin, start=dt.date(2026, 5, 8), end=dt.date(2026, 5, 4)
        )
    with pytest.raises(PermissionDenied):
        services.add_leave(
            staff["daan"], acting_user=org.member, start=dt.date(2026, 5, 4), end=dt.date(2026, 5, 8)
        )
    leave = services.add_leave(
        staff["daan"], acting_user=org.pmo_officer, start=dt.date(2026, 5, 4), end=dt.date(2026, 5, 8)
    )
    assert leave.history.first().history_user == org.pmo_officer
    services.remove_leave(leave, acting_user=org.pmo_officer)
    assert not Leave.objects.exists()


def test_roles_and_people_are_kept_by_the_pmo(org, staff):
    with pytest.raises(PermissionDenied):
        services.create_role(acting_user=org.pm, name="Tester")
    with pytest.raises(ValidationError):
        services.create_role(acting_user=org.admin, name="Developer")  # names are unique
    role = services.update_role(
        staff["architect"], acting_user=org.portfolio_manager, expected_version=1, name="Enterprise architect"
    )
    assert role.name == "Enterprise architect"
