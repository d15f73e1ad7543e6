"""Reading MSPDI calendars: working weekdays, and exceptions in both forms MS Project writes.

* `WeekDays/WeekDay` with `DayType` 1 (Sunday) … 7 (Saturday) give the weekly pattern; `DayType` 0 with a
  `TimePeriod` is an exception (all Project versions; 2007 and later also write the expanded occurrences here).
* `Exceptions/Exception` (Project 2007 and later) holds named, possibly recurring exceptions; when a calendar has
  them they are used (expanded into dates here) and the `DayType` 0 entries are ignored, as they repeat them.

Recurrence codes (`Exception/Type`): 1 daily, 7 every `Period` days, 6 every `Period` weeks on the `DaysOfWeek` bit
mask (1 = Sunday … 64 = Saturday; weeks counted from the Sunday on or before the start), 4 monthly on `MonthDay`,
5 monthly on the `MonthPosition` (0 first … 3 fourth, 4 last) `MonthItem` (3 = Sunday … 9 = Saturday), 2 yearly on
`Month` (0 = January) / `MonthDay`, 3 yearly on `MonthPosition` / `MonthItem` of `Month`.
"""

from __future__ import annotations

import calendar as std_calendar
import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from xml.etree.ElementTree import Element

from .mspdi_model import CalendarException

#: `note(key, item)`: one entry for the import report (`mspdi_notes.Notes.add`).
NoteFn = Callable[[str, str], None]

MAX_OCCURRENCES = 10_000  # per exception: enough for daily exceptions over decades
MAX_OCCURRENCES_PER_FILE = 200_000  # all exceptions of a file together: a hostile file cannot exhaust memory
_DAY = dt.timedelta(days=1)


@dataclass
class Budget:
    """How many more recurring-exception occurrences this file may expand into."""

    remaining: int = MAX_OCCURRENCES_PER_FILE


@dataclass
class RawCalendar:
    """A calendar as in the file, before weekdays are inherited from its base calendar."""

    uid: int
    name: str
    is_base: bool
    base_uid: int | None
    weekdays: dict[int, bool] = field(default_factory=dict)  # 0 = Monday … 6 = Sunday, only those defined
    exceptions: list[CalendarException] = field(default_factory=list)


def _text(elem: Element | None, tag: str) -> str:
    if elem is None:
        return ""
    child = elem.find(tag)
    return (child.text or "").strip() if child is not None else ""


def _int(text: str, default: int | None = None) -> int | None:
    try:
        return int(text)
    except ValueError:
        try:
            return int(float(text))
        except ValueError:
            return default


def _date(text: str) -> dt.datetime | None:
    if not text:
        return None
    try:
        return dt.datetime.fromisoformat(text).replace(tzinfo=None)
    except ValueError:
        return None


def _span(period: Element | None, ns: str) -> tuple[dt.date, dt.date] | None:
    """The days a `TimePeriod` covers: an end at midnight does not include that day."""
    start, end = _date(_text(period, ns + "FromDate")), _date(_text(period, ns + "ToDate"))
    if start is None or end is None:
        return None
    last = end.date()
    if end.time() == dt.time(0) and end > start:
        last -= _DAY
    return start.date(), max(last, start.date())


def read_calendar(elem: Element, ns: str, note: NoteFn, budget: Budget) -> RawCalendar:
    """One `<Calendar>` element; raises ValueError when it has no usable UID."""
    uid = _int(_text(elem, ns + "UID"))
    if uid is None:
        raise ValueError(f"a <Calendar> has no valid <UID> ({_text(elem, ns + 'UID')!r})")
    name = _text(elem, ns + "Name")
    is_base = _text(elem, ns + "IsBaseCalendar") in {"1", "true"}
    base_uid = None if is_base else _int(_text(elem, ns + "BaseCalendarUID"), -1)  # base calendars may say 0
    raw = RawCalendar(
        uid=uid, name=name, is_base=is_base, base_uid=None if base_uid is None or base_uid < 0 else base_uid
    )
    label = f"{name!r} (UID {uid})" if name else f"UID {uid}"
    week_exceptions: list[tuple[dt.date, dt.date, bool]] = []
    hours = False
    for day in elem.iterfind(f"{ns}WeekDays/{ns}WeekDay"):
        day_type = _int(_text(day, ns + "DayType"))
        working_text = _text(day, ns + "DayWorking")
        hours = hours or day.find(ns + "WorkingTimes") is not None
        if day_type is None or working_text == "":
            continue
        working = working_text in {"1", "true"}
        if 1 <= day_type <= 7:
            raw.weekdays[(day_type - 2) % 7] = working
        elif day_type == 0:
            span = _span(day.find(ns + "TimePeriod"), ns)
            if span is None:
                note("calendar-bad-exception", label)
            else:
                week_exceptions.append((*span, working))
    exceptions = elem.find(ns + "Exceptions")
    if exceptions is not None and len(exceptions):
        spans = []
        for exception in exceptions.iterfind(ns + "Exception"):
            spans += _read_exception(exception, ns, label, note, budget)
            hours = hours or exception.find(ns + "WorkingTimes") is not None
    else:
        spans = week_exceptions
    raw.exceptions = merge_exceptions(spans)
    if hours:
        note("calendar-hours", label)
    work_weeks = elem.find(ns + "WorkWeeks")
    if work_weeks is not None and len(work_weeks):
        note("calendar-workweeks", label)
    return raw


def _read_exception(
    elem: Element, ns: str, label: str, note: NoteFn, budget: Budget
) -> list[tuple[dt.date, dt.date, bool]]:
    name = _text(elem, ns + "Name") or "unnamed"
    working = _text(elem, ns + "DayWorking") in {"1", "true"}
    span = _span(elem.find(ns + "TimePeriod"), ns)
    if span is None:
        note("calendar-bad-exception", f"{name!r} in {label}")
        return []

    def number(tag: str, default: int) -> int:
        value = _int(_text(elem, ns + tag))
        return default if value is None else value

    kind = number("Type", 1)
    by_occurrences = _text(elem, ns + "EnteredByOccurrences") in {"1", "true"}
    occurrences = number("Occurrences", 0) if by_occurrences else None
    days = expand_recurrence(
        kind,
        *span,
        occurrences=occurrences,
        period=max(number("Period", 1), 1),
        days_of_week=number("DaysOfWeek", 0),
        month_day=number("MonthDay", 1),
        month_item=number("MonthItem", -1),
        month_position=number("MonthPosition", -1),
        month=number("Month", -1),
        limit=min(MAX_OCCURRENCES, budget.remaining),
    )
    if days is None:
        note("calendar-recurrence-unknown", f"{name!r} in {label}, {span[0]} … {span[1]}")
        return [(*span, working)]
    cap = min(MAX_OCCURRENCES, budget.remaining)
    if len(days) >= cap and (occurrences is None or occurrences > cap):
        note(
            "calendar-recurrence-truncated",
            f"{name!r} in {label}" + (f": after {days[-1][1]}" if days else ""),
        )
    budget.remaining -= len(days)
    if kind != 1 or occurrences not in (None, (span[1] - span[0]).days + 1):
        note("calendar-recurring", f"{name!r} in {label}")
    return [(first, last, working) for first, last in days]


def expand_recurrence(
    kind: int,
    start: dt.date,
    end: dt.date,
    *,
    occurrences: int | None = None,
    period: int = 1,
    days_of_week: int = 0,
    month_day: int = 1,
    month_item: int = -1,
    month_position: int = -1,
    month: int = -1,
    limit: int = MAX_OCCURRENCES,
) -> list[tuple[dt.date, dt.date]] | None:
    """The day ranges of one MSPDI exception between `start` and `end` (inclusive), at most `occurrences` of them.

    Parameters as in `<Exception>` (see the module docstring); `limit` caps the number of occurrences. None when
    the recurrence is not understood.
    """
    if occurrences is not None and occurrences > 0:
        limit = min(limit, occurrences)
    if kind == 1 and occurrences is None:  # every day of the period: one range
        return [(start, end)] if limit > 0 else []
    if kind in (3, 5) and (month_item not in range(3, 10) or month_position not in range(5)):
        return None
    if kind in (2, 3) and month not in range(12):
        return None
    days: Iterator[dt.date]
    if kind in (1, 7):
        days = _every_n_days(start, period if kind == 7 else 1)
    elif kind == 6 and 0 < days_of_week < 128:
        days = _weekly(start, period, days_of_week)
    elif kind == 4:
        days = _monthly(start, period, lambda y, m: _month_day(y, m, month_day))
    elif kind == 5:
        days = _monthly(start, period, lambda y, m: _nth_weekday(y, m, month_item, month_position))
    elif kind == 2:
        days = _yearly(start, month + 1, lambda y, m: _month_day(y, m, month_day))
    elif kind == 3:
        days = _yearly(start, month + 1, lambda y, m: _nth_weekday(y, m, month_item, month_position))
    else:
        return None
    found: list[tuple[dt.date, dt.date]] = []
    try:
        for day in days:
            if day > end or len(found) >= limit:
                break
            found.append((day, day))
    except OverflowError:  # past the year 9999
        pass
    return found


def _every_n_days(start: dt.date, step: int) -> Iterator[dt.date]:
    day = start
    while True:
        yield day
        day += dt.timedelta(days=step)


def _weekly(start: dt.date, period: int, mask: int) -> Iterator[dt.date]:
    sunday = start - dt.timedelta(days=(start.weekday() + 1) % 7)
    offsets = [offset for offset in range(7) if mask & (1 << offset)]  # bit 0 = Sunday
    week = 0
    while True:
        for offset in offsets:
            day = sunday + dt.timedelta(days=7 * week + offset)
            if day >= start:
                yield day
        week += period


def _month_day(year: int, month: int, day: int) -> dt.date:
    return dt.date(year, month, min(max(day, 1), std_calendar.monthrange(year, month)[1]))


def _nth_weekday(year: int, month: int, item: int, position: int) -> dt.date:
    """The `position`-th (0 first … 3 fourth, 4 last) weekday `item` (3 = Sunday … 9 = Saturday) of the month."""
    weekday = (item - 4) % 7  # MonthItem 3 = Sunday … 9 = Saturday → Python 0 = Monday
    if position == 4:
        last = dt.date(year, month, std_calendar.monthrange(year, month)[1])
        return last - dt.timedelta(days=(last.weekday() - weekday) % 7)
    first = dt.date(year, month, 1)
    return first + dt.timedelta(days=(weekday - first.weekday()) % 7 + 7 * position)


def _monthly(start: dt.date, period: int, pick: Callable[[int, int], dt.date]) -> Iterator[dt.date]:
    index = start.year * 12 + start.month - 1
    while True:
        day = pick(index // 12, index % 12 + 1)
        if day >= start:
            yield day
        index += period
        if index // 12 > dt.MAXYEAR - 1:
            return


def _yearly(start: dt.date, month: int, pick: Callable[[int, int], dt.date]) -> Iterator[dt.date]:
    year = start.year
    while year < dt.MAXYEAR:
        day = pick(year, month)
        if day >= start:
            yield day
        year += 1


def merge_exceptions(spans: list[tuple[dt.date, dt.date, bool]]) -> list[CalendarException]:
    """Exception day ranges, merged where they touch or overlap (per working / non-working), sorted by date."""
    merged: list[CalendarException] = []
    for working in (False, True):
        current: list[dt.date] | None = None
        for first, last, _ in sorted(s for s in spans if s[2] == working):
            if current is not None and first <= current[1] + _DAY:
                current[1] = max(current[1], last)
                continue
            if current is not None:
                merged.append(CalendarException(current[0], current[1], working))
            current = [first, last]
        if current is not None:
            merged.append(CalendarException(current[0], current[1], working))
    return sorted(merged)


def resolve_weekdays(raw: dict[int, RawCalendar], note: NoteFn) -> dict[int, tuple[bool, ...]]:
    """Each calendar's seven working weekdays: its own, else its base calendar's, else Monday–Friday."""
    default: tuple[bool, ...] = (True, True, True, True, True, False, False)
    resolved: dict[int, tuple[bool, ...]] = {}

    def resolve(uid: int, seen: tuple[int, ...]) -> tuple[bool, ...]:
        if uid in resolved:
            return resolved[uid]
        calendar = raw[uid]
        base = default
        if calendar.base_uid is not None and calendar.base_uid in raw:
            if calendar.base_uid in seen:
                note("calendar-cycle", f"UID {uid}")
            else:
                base = resolve(calendar.base_uid, (*seen, uid))
        resolved[uid] = tuple(calendar.weekdays.get(day, base[day]) for day in range(7))
        return resolved[uid]

    for uid in raw:
        resolve(uid, ())
    return resolved
