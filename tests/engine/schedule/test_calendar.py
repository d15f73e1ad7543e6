"""Working-day calendars with Dutch public holidays."""

import datetime as dt

import numpy as np
import pytest

from pmo.engine.schedule import Calendar, dutch_public_holidays, easter_sunday

D = dt.date


@pytest.mark.parametrize(
    ("year", "easter"),
    [(2024, D(2024, 3, 31)), (2025, D(2025, 4, 20)), (2026, D(2026, 4, 5)), (2038, D(2038, 4, 25))],
)
def test_easter(year, easter):
    assert easter_sunday(year) == easter


def test_dutch_holidays_2026():
    assert dutch_public_holidays([2026]) == [
        D(2026, 1, 1), D(2026, 4, 6), D(2026, 4, 27), D(2026, 5, 5), D(2026, 5, 14), D(2026, 5, 25),
        D(2026, 12, 25), D(2026, 12, 26),
    ]  # fmt: skip


def test_kings_day_moves_to_saturday_when_it_falls_on_sunday_and_liberation_day_options():
    assert D(2025, 4, 26) in dutch_public_holidays([2025])
    assert D(2026, 5, 5) not in dutch_public_holidays([2026], liberation_day="lustrum")
    assert D(2025, 5, 5) in dutch_public_holidays([2025], liberation_day="lustrum")
    assert D(2026, 4, 3) in dutch_public_holidays([2026], good_friday=True)
    with pytest.raises(ValueError, match="liberation_day"):
        dutch_public_holidays([2026], liberation_day="sometimes")


def test_offsets_and_dates_skip_weekends_and_holidays():
    calendar = Calendar(start=D(2026, 4, 1))  # a Wednesday; Easter Monday 6 April is off
    assert [calendar.to_date(k) for k in range(4)] == [
        D(2026, 4, 1),
        D(2026, 4, 2),
        D(2026, 4, 3),
        D(2026, 4, 7),
    ]
    assert calendar.to_offset(D(2026, 4, 7)) == 3
    assert calendar.to_offset(D(2026, 4, 4)) == 3  # a Saturday rolls forward to Tuesday
    assert calendar.to_offset(D(2026, 4, 4), roll="backward") == 2
    assert not calendar.is_working(D(2026, 4, 27)) and calendar.is_working(D(2026, 4, 28))
    assert calendar.working_days_between(D(2026, 4, 1), D(2026, 4, 30)) == 22 - 2  # Easter Monday, King's Day
    offsets = np.arange(-50, 500)
    np.testing.assert_array_equal(calendar.to_offsets(calendar.to_dates(offsets)), offsets)


def test_custom_week_and_extra_days_off():
    calendar = Calendar(
        start=D(2026, 6, 1),
        working_weekdays=(True,) * 4 + (False,) * 3,
        holidays=(D(2026, 6, 2),),
        dutch_holidays=False,
    )
    assert [calendar.to_date(k) for k in range(3)] == [D(2026, 6, 1), D(2026, 6, 3), D(2026, 6, 4)]
    with pytest.raises(ValueError, match="at least one working weekday"):
        Calendar(start=D(2026, 1, 1), working_weekdays=(False,) * 7)
