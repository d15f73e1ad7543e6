"""The capacity engine: working days, a person's capacity, demand per role and per person, what-if."""

from __future__ import annotations

import datetime as dt

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from pmo.engine.capacity import Adjustment, Demand, Person, add_months, load, months_from, working_days
from pmo.engine.schedule.calendar import dutch_public_holidays

APRIL = dt.date(2026, 4, 1)
HOLIDAYS = frozenset(dutch_public_holidays([2026]))


def test_working_days_leave_out_weekends_and_public_holidays():
    # April 2026: 22 weekdays, less Easter Monday (6th) and King's Day (27th)
    assert len(working_days(APRIL, frozenset())) == 22
    assert len(working_days(APRIL, HOLIDAYS)) == 20


def test_months_run_across_the_year_end():
    assert months_from(dt.date(2026, 11, 15), 3) == (
        dt.date(2026, 11, 1),
        dt.date(2026, 12, 1),
        dt.date(2027, 1, 1),
    )
    assert add_months(dt.date(2026, 1, 31), -1) == dt.date(2025, 12, 1)


def test_capacity_is_fte_less_line_work_and_absence():
    full = Person(1, role=1, fte=0.8, run_the_business=0.25)
    assert full.capacity(APRIL, HOLIDAYS) == pytest.approx(0.6)
    # on leave for 5 of the 20 working days (13–17 April)
    away = Person(2, role=1, fte=1.0, leave=((dt.date(2026, 4, 13), dt.date(2026, 4, 17)),))
    assert away.capacity(APRIL, HOLIDAYS) == pytest.approx(15 / 20)
    # joins on 16 April: 10 of the 20 working days remain (16, 17, 20–24, 28–30; 27 is King's Day)
    joins = Person(3, role=1, fte=1.0, start=dt.date(2026, 4, 16))
    assert joins.capacity(APRIL, HOLIDAYS) == pytest.approx(10 / 20)
    leaves = Person(4, role=1, fte=1.0, end=dt.date(2026, 3, 31))
    assert leaves.capacity(APRIL, HOLIDAYS) == 0


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: Person(1, role=1, fte=-0.5, name="Jan"), "Jan: FTE cannot be negative"),
        (lambda: Person(1, role=1, fte=1, run_the_business=1.5, name="Jan"), "Jan: the run-the-business"),
        (lambda: Person(1, role=1, fte=1, name="Jan", start=APRIL, end=dt.date(2026, 3, 1)), "Jan: leaves"),
        (lambda: Demand(project=7, role=1, month=APRIL, fte=-1), "project 7: demand cannot be negative"),
    ],
)
def test_bad_input_is_refused_naming_the_item(make, message):
    with pytest.raises(ValueError, match=message):
        make()


def test_load_per_role_finds_the_overallocation_and_the_projects_causing_it():
    months = months_from(APRIL, 2)
    people = [Person(1, role=10, fte=1.0), Person(2, role=10, fte=1.0), Person(3, role=20, fte=1.0)]
    demand = [
        Demand(project=100, role=10, month=APRIL, fte=1.5),
        Demand(project=200, role=10, month=APRIL, fte=1.0),
        Demand(project=300, role=10, month=APRIL, fte=0.5, committed=False),
        Demand(project=100, role=20, month=dt.date(2026, 5, 1), fte=0.5),
        Demand(project=100, role=30, month=APRIL, fte=0.2),  # a role nobody fills
        Demand(project=100, role=10, month=dt.date(2026, 9, 1), fte=9),  # outside the window
    ]
    result = load(people, demand, months, HOLIDAYS)
    assert result.rows == (10, 20, 30)
    assert result.capacity[0].tolist() == pytest.approx([2.0, 2.0])
    over = result.overallocated()
    assert [(c.row, c.month) for c in over] == [(10, APRIL), (30, APRIL)]
    assert over[0].demand == pytest.approx(3.0) and over[0].shortfall == pytest.approx(1.0)
    assert over[0].projects == ((100, 1.5), (200, 1.0), (300, 0.5))
    assert np.isinf(result.utilisation()[2, 0])
    # committed only: role 10 asks 2.5 of 2.0, still over; the tentative project drops out of the picture
    assert result.demand(tentative=False)[0, 0] == pytest.approx(2.5)
    assert result.overallocated(tentative=False)[0].projects == ((100, 1.5), (200, 1.0))
    assert result.utilisation()[1].tolist() == pytest.approx([0.0, 0.5])


def test_what_if_adds_capacity_only_in_its_months_and_never_below_zero():
    months = months_from(APRIL, 3)
    people = [Person(1, role=10, fte=1.0)]
    demand = [Demand(project=1, role=10, month=m, fte=2.0) for m in months]
    before = load(people, demand, months, HOLIDAYS)
    after = load(
        people, demand, months, HOLIDAYS, adjustments=[Adjustment(10, APRIL, dt.date(2026, 5, 1), 1.0)]
    )
    assert after.capacity[0].tolist() == pytest.approx([2.0, 2.0, 1.0])
    assert int(before.over().sum()) == 3 and int(after.over().sum()) == 1
    assert after.shortfall() == pytest.approx(before.shortfall() - 2.0)
    fewer = load(people, demand, months, HOLIDAYS, adjustments=[Adjustment(10, APRIL, APRIL, -5)])
    assert fewer.capacity[0, 0] == 0


def test_load_per_person_counts_only_demand_that_names_them():
    people = [Person(1, role=10, fte=1.0), Person(2, role=10, fte=0.5)]
    demand = [
        Demand(project=1, role=10, month=APRIL, fte=0.8, person=2),
        Demand(project=2, role=10, month=APRIL, fte=3.0),  # the role, nobody by name
    ]
    result = load(people, demand, (APRIL,), HOLIDAYS, per="person")
    assert result.rows == (1, 2)
    assert result.demand()[:, 0].tolist() == pytest.approx([0.0, 0.8])
    assert [c.row for c in result.overallocated()] == [2]


@given(
    fte=st.floats(0, 1.5),
    rtb=st.floats(0, 1),
    leave_start=st.integers(1, 30),
    leave_days=st.integers(0, 40),
)
def test_capacity_stays_between_zero_and_the_persons_project_time(fte, rtb, leave_start, leave_days):
    first = dt.date(2026, 4, leave_start)
    person = Person(
        1, role=1, fte=fte, run_the_business=rtb, leave=((first, first + dt.timedelta(leave_days)),)
    )
    capacity = person.capacity(APRIL, HOLIDAYS)
    assert 0 <= capacity <= fte * (1 - rtb) + 1e-12
