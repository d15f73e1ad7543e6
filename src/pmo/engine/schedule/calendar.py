"""Working-day calendars: which days are worked, and conversion between working-day offsets and dates.

Offsets count working days from the calendar's `start` (offset 0 is the first working day on or after it). A task
with early start offset `s` and duration `d` works on offsets `s … s+d-1`; it starts on `to_date(s)` and finishes on
`to_date(s + d - 1)` (a milestone, d = 0, finishes on its start date).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np

WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def easter_sunday(year: int) -> dt.date:
    """Gregorian Easter (the anonymous Gregorian algorithm, valid for 1583 and later)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    ell = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ell) // 451
    month, day = divmod(h + ell - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


def dutch_public_holidays(
    years: Iterable[int], *, liberation_day: str = "yearly", good_friday: bool = False
) -> list[dt.date]:
    """The Dutch public holidays (feestdagen) in the given years.

    New Year's Day, Easter Monday, King's Day (27 April, 26 April when that is a Sunday), Ascension Day, Whit Monday,
    Christmas Day and Boxing Day; Liberation Day (5 May) every year (`"yearly"`, as in government collective labour
    agreements), every fifth year (`"lustrum"`, 2025, 2030, …) or `"never"`; Good Friday only when asked. Days that fall
    on a weekend are listed all the same (a weekday mask excludes them anyway).
    """
    if liberation_day not in {"yearly", "lustrum", "never"}:
        raise ValueError(f"liberation_day must be 'yearly', 'lustrum' or 'never', not {liberation_day!r}")
    days: list[dt.date] = []
    for year in years:
        easter = easter_sunday(year)
        kings_day = dt.date(year, 4, 27)
        if kings_day.weekday() == 6:
            kings_day = dt.date(year, 4, 26)
        days += [
            dt.date(year, 1, 1),
            easter + dt.timedelta(days=1),
            kings_day,
            easter + dt.timedelta(days=39),
            easter + dt.timedelta(days=50),
            dt.date(year, 12, 25),
            dt.date(year, 12, 26),
        ]
        if liberation_day == "yearly" or (liberation_day == "lustrum" and year % 5 == 0):
            days.append(dt.date(year, 5, 5))
        if good_friday:
            days.append(easter - dt.timedelta(days=2))
    return sorted(set(days))


@dataclass(frozen=True)
class Calendar:
    """A working-day calendar.

    `working_weekdays`: seven booleans, Monday first. `holidays`: extra non-working dates. By default the Dutch public
    holidays of `start.year - 1 … start.year + horizon_years` are added (`dutch_holidays=False` to leave them out).
    """

    start: dt.date
    working_weekdays: tuple[bool, ...] = (True, True, True, True, True, False, False)
    holidays: tuple[dt.date, ...] = ()
    dutch_holidays: bool = True
    horizon_years: int = 30
    _all_holidays: np.ndarray = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not isinstance(self.start, dt.date):
            raise ValueError(f"start must be a date, not {self.start!r}")
        if len(self.working_weekdays) != 7:
            raise ValueError("working_weekdays needs seven values, Monday first")
        if not any(self.working_weekdays):
            raise ValueError("a calendar needs at least one working weekday")
        days = set(self.holidays)
        if self.dutch_holidays:
            days |= set(
                dutch_public_holidays(range(self.start.year - 1, self.start.year + self.horizon_years + 1))
            )
        object.__setattr__(self, "_all_holidays", np.array(sorted(days), dtype="datetime64[D]"))

    @property
    def weekmask(self) -> list[int]:
        return [int(w) for w in self.working_weekdays]

    def is_working(self, day: dt.date) -> bool:
        return bool(
            np.is_busday(np.datetime64(day, "D"), weekmask=self.weekmask, holidays=self._all_holidays)
        )

    def to_dates(self, offsets: np.ndarray | Iterable[int]) -> np.ndarray:
        """Working-day offsets → dates (numpy datetime64[D]); negative offsets count back before the start."""
        return np.busday_offset(
            np.datetime64(self.start, "D"),
            np.asarray(offsets, dtype=np.int64),
            roll="forward",
            weekmask=self.weekmask,
            holidays=self._all_holidays,
        )

    def to_date(self, offset: int) -> dt.date:
        return self.to_dates([offset])[0].astype(dt.date)

    def to_offsets(self, dates: np.ndarray | Iterable[dt.date], roll: str = "forward") -> np.ndarray:
        """Dates → working-day offsets. A non-working date rolls to the next working day (`roll="backward"`: the
        previous one, as for a 'finish no later than' date)."""
        days = np.asarray(dates, dtype="datetime64[D]")
        rolled = np.busday_offset(days, 0, roll=roll, weekmask=self.weekmask, holidays=self._all_holidays)
        base = np.busday_offset(
            np.datetime64(self.start, "D"),
            0,
            roll="forward",
            weekmask=self.weekmask,
            holidays=self._all_holidays,
        )
        return np.busday_count(base, rolled, weekmask=self.weekmask, holidays=self._all_holidays)

    def to_offset(self, day: dt.date, roll: str = "forward") -> int:
        return int(self.to_offsets([day], roll=roll)[0])

    def holidays_between(self, first: dt.date, last: dt.date) -> list[dt.date]:
        """The non-working dates (holidays, not weekends) from `first` to `last` inclusive."""
        days = self._all_holidays
        chosen = days[(days >= np.datetime64(first, "D")) & (days <= np.datetime64(last, "D"))]
        return chosen.astype(dt.date).tolist()

    def working_days_between(self, first: dt.date, last: dt.date) -> int:
        """Working days from `first` up to and including `last`."""
        return int(
            np.busday_count(
                np.datetime64(first, "D"),
                np.datetime64(last, "D") + 1,
                weekmask=self.weekmask,
                holidays=self._all_holidays,
            )
        )
