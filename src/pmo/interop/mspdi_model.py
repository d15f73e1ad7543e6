"""The data read from and written to MS Project XML (MSPDI): validated, frozen dataclasses and MSPDI code tables.

Times are naive `datetime`s (MSPDI has no time zones); durations, work and lags are in minutes (floats: MSPDI allows
seconds and tenths of minutes). Codes that have no better Python form keep their MSPDI numbers (`duration_format`,
`lag_format`); see `DURATION_FORMATS`.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Literal, NamedTuple

NAMESPACE = "http://schemas.microsoft.com/project"

#: MSPDI duration / lag format codes (schema `DurationFormat`, `LagFormat`): the unit as MS Project shows it,
#: "e" for elapsed (calendar) time, "?" for estimated. "" is the "null" format (the project default applies).
DURATION_FORMATS: Mapping[int, str] = MappingProxyType(
    {
        3: "m", 4: "em", 5: "h", 6: "eh", 7: "d", 8: "ed", 9: "w", 10: "ew", 11: "mo", 12: "emo",
        19: "%", 20: "e%", 21: "",
        35: "m?", 36: "em?", 37: "h?", 38: "eh?", 39: "d?", 40: "ed?", 41: "w?", 42: "ew?", 43: "mo?", 44: "emo?",
        51: "%?", 52: "e%?", 53: "?",
    }
)  # fmt: skip
ELAPSED_FORMATS = frozenset(code for code, label in DURATION_FORMATS.items() if label.startswith("e"))
PERCENT_FORMATS = frozenset(code for code, label in DURATION_FORMATS.items() if "%" in label)
DEFAULT_FORMAT = 7  # days

#: MSPDI `ConstraintType` codes 0 … 7, in order.
CONSTRAINT_TYPES = ("ASAP", "ALAP", "MSO", "MFO", "SNET", "SNLT", "FNET", "FNLT")
CONSTRAINT_NAMES: Mapping[str, str] = MappingProxyType(
    {
        "ASAP": "As Soon As Possible",
        "ALAP": "As Late As Possible",
        "MSO": "Must Start On",
        "MFO": "Must Finish On",
        "SNET": "Start No Earlier Than",
        "SNLT": "Start No Later Than",
        "FNET": "Finish No Earlier Than",
        "FNLT": "Finish No Later Than",
    }
)
UNDATED_CONSTRAINTS = frozenset({"ASAP", "ALAP"})
#: The constraints the platform's scheduler (`pmo.engine.schedule`) applies; the others are read but reported.
ENGINE_CONSTRAINTS = frozenset({"ASAP", "SNET", "FNLT"})

#: MSPDI `PredecessorLink/Type` codes.
LINK_TYPE_BY_CODE: Mapping[int, str] = MappingProxyType({0: "FF", 1: "FS", 2: "SF", 3: "SS"})
LINK_CODE_BY_TYPE: Mapping[str, int] = MappingProxyType({v: k for k, v in LINK_TYPE_BY_CODE.items()})

#: MSPDI `Resource/Type` codes.
RESOURCE_TYPE_BY_CODE: Mapping[int, str] = MappingProxyType({0: "material", 1: "work", 2: "cost"})
RESOURCE_CODE_BY_TYPE: Mapping[str, int] = MappingProxyType({v: k for k, v in RESOURCE_TYPE_BY_CODE.items()})

LinkType = Literal["FS", "SS", "FF", "SF"]
ResourceType = Literal["work", "material", "cost"]
NoteLevel = Literal["info", "warning"]

_DURATION = re.compile(
    r"(?P<sign>-)?P(?:(?P<W>\d+(?:\.\d+)?)W)?(?:(?P<D>\d+(?:\.\d+)?)D)?"
    r"(?:T(?:(?P<H>\d+(?:\.\d+)?)H)?(?:(?P<M>\d+(?:\.\d+)?)M)?(?:(?P<S>\d+(?:\.\d+)?)S)?)?"
)
_SECONDS = {"W": 7 * 86400, "D": 86400, "H": 3600, "M": 60, "S": 1}


def parse_duration(text: str) -> float:
    """Minutes in an ISO-8601 duration as MSPDI writes it: `PT8H0M0S` → 480, `PT480H30M0S`, `-PT4H0M0S` → -240.

    Days and weeks (`P1DT2H`, rare in MSPDI) are calendar days of 24 hours. Years and months are refused (their
    length is ambiguous). Raises `ValueError` for anything else.
    """
    value = text.strip()
    match = _DURATION.fullmatch(value)
    if not match or value in {"P", "-P"} or value.endswith("T"):
        raise ValueError(f"not an ISO-8601 duration of weeks/days/hours/minutes/seconds: {text!r}")
    seconds: float = 0
    for unit, factor in _SECONDS.items():
        part = match.group(unit)
        if part:
            seconds += int(part) * factor if part.isdigit() else float(part) * factor
    minutes = seconds / 60
    return -minutes if match.group("sign") and minutes else minutes


def format_duration(minutes: float) -> str:
    """The MSPDI form of a duration in minutes: 450 → `PT7H30M0S`; whole seconds are kept, negative gets a `-`."""
    total = round(minutes * 60)
    sign = "-" if total < 0 else ""
    hours, rest = divmod(abs(total), 3600)
    mins, secs = divmod(rest, 60)
    return f"{sign}PT{hours}H{mins}M{secs}S"


# --------------------------------------------------------------------------------------------------- validation


def _where(kind: str, uid: object, name: str = "") -> str:
    return f"{kind} {uid}" + (f" ({name!r})" if name else "")


def _check_int(where: str, name: str, value: object, minimum: int | None = None) -> None:
    if not isinstance(value, int) or isinstance(value, bool):
        raise ValueError(f"{where}: {name} must be an integer, not {value!r}")
    if minimum is not None and value < minimum:
        raise ValueError(f"{where}: {name} must be at least {minimum}, not {value}")


def _check_optional_int(where: str, name: str, value: object) -> None:
    if value is not None:
        _check_int(where, name, value)


def _check_number(where: str, name: str, value: object, minimum: float | None = None) -> float:
    if not isinstance(value, int | float) or isinstance(value, bool) or not math.isfinite(value):
        raise ValueError(f"{where}: {name} must be a finite number, not {value!r}")
    if minimum is not None and value < minimum:
        raise ValueError(f"{where}: {name} must be at least {minimum}, not {value}")
    return float(value)


def _check_str(where: str, name: str, value: object) -> None:
    if not isinstance(value, str):
        raise ValueError(f"{where}: {name} must be a string, not {value!r}")


def _check_bool(where: str, name: str, value: object) -> None:
    if not isinstance(value, bool):
        raise ValueError(f"{where}: {name} must be True or False, not {value!r}")


def _check_datetime(where: str, name: str, value: object) -> None:
    if value is not None and not isinstance(value, dt.datetime):
        raise ValueError(f"{where}: {name} must be a datetime or None, not {value!r}")


def _check_format(where: str, name: str, value: object) -> None:
    if value not in DURATION_FORMATS:
        raise ValueError(
            f"{where}: {name} {value!r} is not an MSPDI duration format code ({sorted(DURATION_FORMATS)})"
        )


# ------------------------------------------------------------------------------------------------------- model


class ImportNote(NamedTuple):
    """One line of the import report: something read differently from the file, or not taken over."""

    level: NoteLevel
    message: str


class CalendarException(NamedTuple):
    """Dates `date_from` … `date_to` (inclusive) that are worked (`working`) or not, against the weekly pattern."""

    date_from: dt.date
    date_to: dt.date
    working: bool


@dataclass(frozen=True)
class Calendar:
    """A calendar: working weekdays (seven booleans, Monday first, as `pmo.engine.schedule.Calendar`) and exceptions.

    `base_calendar_uid` is None for a base calendar; a resource calendar names the base calendar it derives from.
    Weekdays a derived calendar does not define itself are taken from its base calendar when the file is read.
    """

    uid: int
    name: str
    base_calendar_uid: int | None = None
    working_weekdays: tuple[bool, ...] = (True, True, True, True, True, False, False)
    exceptions: tuple[CalendarException, ...] = ()

    def __post_init__(self) -> None:
        where = _where("calendar", self.uid, self.name if isinstance(self.name, str) else "")
        _check_int(where, "uid", self.uid)
        _check_str(where, "name", self.name)
        _check_optional_int(where, "base_calendar_uid", self.base_calendar_uid)
        if self.base_calendar_uid == self.uid:
            raise ValueError(f"{where}: a calendar cannot derive from itself")
        weekdays = tuple(self.working_weekdays)
        if len(weekdays) != 7 or not all(isinstance(day, bool) for day in weekdays):
            raise ValueError(f"{where}: working_weekdays must be seven booleans, Monday first")
        exceptions = []
        for item in self.exceptions:
            try:
                date_from, date_to, working = item
            except (TypeError, ValueError):
                raise ValueError(
                    f"{where}: an exception must be (date_from, date_to, working), not {item!r}"
                ) from None
            for value in (date_from, date_to):
                if not isinstance(value, dt.date) or isinstance(value, dt.datetime):
                    raise ValueError(f"{where}: exception dates must be dates, not {value!r}")
            if date_to < date_from:
                raise ValueError(f"{where}: exception ends ({date_to}) before it starts ({date_from})")
            _check_bool(where, "exception working", working)
            exceptions.append(CalendarException(date_from, date_to, working))
        object.__setattr__(self, "working_weekdays", weekdays)
        object.__setattr__(self, "exceptions", tuple(exceptions))


@dataclass(frozen=True)
class Task:
    """One task row of the schedule (the project summary task, UID 0, is not a Task: see `MspdiSchedule`).

    `duration_minutes` is working time unless `duration_format` is an elapsed format; `baseline_*` is baseline 0.
    `is_null` marks MS Project's blank rows (IsNull = 1): they are kept because MS Project counts them as tasks
    and they hold a row number (ID), but they have no name and take no part in the schedule.
    """

    uid: int
    id: int
    name: str
    wbs: str = ""
    outline_level: int = 1
    summary: bool = False
    milestone: bool = False
    start: dt.datetime | None = None
    finish: dt.datetime | None = None
    duration_minutes: float = 0.0
    duration_format: int = DEFAULT_FORMAT
    percent_complete: float = 0.0
    actual_start: dt.datetime | None = None
    actual_finish: dt.datetime | None = None
    constraint_type: str = "ASAP"
    constraint_date: dt.datetime | None = None
    calendar_uid: int | None = None
    baseline_start: dt.datetime | None = None
    baseline_finish: dt.datetime | None = None
    baseline_duration_minutes: float | None = None
    notes: str = ""
    is_null: bool = False

    def __post_init__(self) -> None:
        where = _where("task", self.uid, self.name if isinstance(self.name, str) else "")
        _check_int(where, "uid", self.uid, 0)
        _check_int(where, "id", self.id, 0)
        for name in ("name", "wbs", "notes"):
            _check_str(where, name, getattr(self, name))
        _check_int(where, "outline_level", self.outline_level, 0)
        for name in ("summary", "milestone", "is_null"):
            _check_bool(where, name, getattr(self, name))
        for name in ("start", "finish", "actual_start", "actual_finish", "constraint_date"):
            _check_datetime(where, name, getattr(self, name))
        for name in ("baseline_start", "baseline_finish"):
            _check_datetime(where, name, getattr(self, name))
        set_ = object.__setattr__
        set_(self, "duration_minutes", _check_number(where, "duration_minutes", self.duration_minutes, 0))
        _check_format(where, "duration_format", self.duration_format)
        percent = _check_number(where, "percent_complete", self.percent_complete, 0)
        if percent > 100:
            raise ValueError(f"{where}: percent_complete must be 0 … 100, not {percent}")
        set_(self, "percent_complete", percent)
        if self.constraint_type not in CONSTRAINT_TYPES:
            raise ValueError(f"{where}: constraint_type must be one of {', '.join(CONSTRAINT_TYPES)}")
        if self.constraint_type not in UNDATED_CONSTRAINTS and self.constraint_date is None:
            raise ValueError(f"{where}: constraint {self.constraint_type} needs a constraint_date")
        _check_optional_int(where, "calendar_uid", self.calendar_uid)
        if self.baseline_duration_minutes is not None:
            value = _check_number(where, "baseline_duration_minutes", self.baseline_duration_minutes, 0)
            set_(self, "baseline_duration_minutes", value)


@dataclass(frozen=True)
class Link:
    """A dependency: `type` FS/SS/FF/SF, lag in minutes (negative = lead) with its MSPDI display format.

    A percentage lag (`lag_format` 19/20/51/52) keeps the percentage in `lag_percent`; `lag_minutes` is then that share
    of the predecessor's duration, as read.
    """

    predecessor_uid: int
    successor_uid: int
    type: LinkType = "FS"
    lag_minutes: float = 0.0
    lag_format: int = DEFAULT_FORMAT
    lag_percent: float | None = None

    def __post_init__(self) -> None:
        where = f"link {self.predecessor_uid} → {self.successor_uid}"
        _check_int(where, "predecessor_uid", self.predecessor_uid, 0)
        _check_int(where, "successor_uid", self.successor_uid, 0)
        if self.predecessor_uid == self.successor_uid:
            raise ValueError(f"{where}: a task cannot be linked to itself")
        if self.type not in LINK_CODE_BY_TYPE:
            raise ValueError(f"{where}: type must be FS, SS, FF or SF, not {self.type!r}")
        object.__setattr__(self, "lag_minutes", _check_number(where, "lag_minutes", self.lag_minutes))
        _check_format(where, "lag_format", self.lag_format)
        if self.lag_format in PERCENT_FORMATS:
            if self.lag_percent is None:
                raise ValueError(f"{where}: a percentage lag format needs lag_percent")
            object.__setattr__(self, "lag_percent", _check_number(where, "lag_percent", self.lag_percent))
        elif self.lag_percent is not None:
            raise ValueError(f"{where}: lag_percent is only for percentage lag formats (19, 20, 51, 52)")


@dataclass(frozen=True)
class Resource:
    """A resource: `type` work/material/cost, `max_units` (1.0 = 100 %; None when the file gives none)."""

    uid: int
    name: str
    type: ResourceType = "work"
    max_units: float | None = 1.0
    calendar_uid: int | None = None

    def __post_init__(self) -> None:
        where = _where("resource", self.uid, self.name if isinstance(self.name, str) else "")
        _check_int(where, "uid", self.uid, 0)
        _check_str(where, "name", self.name)
        if self.type not in RESOURCE_CODE_BY_TYPE:
            raise ValueError(f"{where}: type must be 'work', 'material' or 'cost', not {self.type!r}")
        if self.max_units is not None:
            object.__setattr__(self, "max_units", _check_number(where, "max_units", self.max_units, 0))
        _check_optional_int(where, "calendar_uid", self.calendar_uid)


@dataclass(frozen=True)
class Assignment:
    """A resource on a task: `units` (1.0 = 100 %) and planned work in minutes."""

    task_uid: int
    resource_uid: int
    units: float = 1.0
    work_minutes: float = 0.0

    def __post_init__(self) -> None:
        where = f"assignment of resource {self.resource_uid} to task {self.task_uid}"
        _check_int(where, "task_uid", self.task_uid, 0)
        _check_int(where, "resource_uid", self.resource_uid, 0)
        object.__setattr__(self, "units", _check_number(where, "units", self.units, 0))
        object.__setattr__(self, "work_minutes", _check_number(where, "work_minutes", self.work_minutes, 0))


COUNT_KEYS = ("tasks", "resources", "assignments", "calendars", "links")


@dataclass(frozen=True)
class MspdiSchedule:
    """A whole MS Project schedule as read from (or to be written to) MSPDI.

    `name` and `start` come from the project (its summary task, UID 0, is not among `tasks`); `report` lists what was
    not taken over. `omitted` tallies, per count key (`tasks`, `resources`, `assignments`, `calendars`, `links`), the
    XML elements that were read but deliberately not turned into objects (the project summary task, MS Project's
    placeholder resource, inactive tasks, links to unknown tasks, …), each of them explained in `report`; so
    `counts()` gives the number of elements in the file. `minutes_per_day` / `minutes_per_week` / `days_per_month`
    convert working minutes to days, weeks and months as MS Project does for this project.
    """

    name: str
    start: dt.datetime | None
    calendars: tuple[Calendar, ...] = ()
    tasks: tuple[Task, ...] = ()
    resources: tuple[Resource, ...] = ()
    assignments: tuple[Assignment, ...] = ()
    links: tuple[Link, ...] = ()
    report: tuple[ImportNote, ...] = ()
    finish: dt.datetime | None = None
    calendar_uid: int | None = None
    minutes_per_day: int = 480
    minutes_per_week: int = 2400
    days_per_month: int = 20
    save_version: str = ""
    omitted: Mapping[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        where = f"schedule {self.name!r}"
        _check_str(where, "name", self.name)
        _check_datetime(where, "start", self.start)
        _check_datetime(where, "finish", self.finish)
        _check_optional_int(where, "calendar_uid", self.calendar_uid)
        for name in ("minutes_per_day", "minutes_per_week", "days_per_month"):
            _check_int(where, name, getattr(self, name), 1)
        _check_str(where, "save_version", self.save_version)
        set_ = object.__setattr__
        for name, kind in (
            ("calendars", Calendar),
            ("tasks", Task),
            ("resources", Resource),
            ("assignments", Assignment),
            ("links", Link),
            ("report", ImportNote),
        ):
            items = tuple(getattr(self, name))
            for item in items:
                if not isinstance(item, kind):
                    raise ValueError(f"{where}: {name} must hold {kind.__name__} objects, not {item!r}")
            set_(self, name, items)
        omitted = dict(self.omitted)
        for key, value in omitted.items():
            if key not in COUNT_KEYS:
                raise ValueError(f"{where}: omitted has an unknown key {key!r} (use {', '.join(COUNT_KEYS)})")
            _check_int(where, f"omitted[{key!r}]", value, 0)
        set_(self, "omitted", MappingProxyType(omitted))
        self._check_references(where)

    def _check_references(self, where: str) -> None:
        calendar_uids = _unique(where, "calendar", (c.uid for c in self.calendars))
        task_uids = _unique(where, "task", (t.uid for t in self.tasks))
        resource_uids = _unique(where, "resource", (r.uid for r in self.resources))

        def known_calendar(owner: str, uid: int | None) -> None:
            if uid is not None and uid not in calendar_uids:
                raise ValueError(f"{where}: {owner} refers to calendar {uid}, which is not in the schedule")

        known_calendar("the project", self.calendar_uid)
        for calendar in self.calendars:
            known_calendar(f"calendar {calendar.uid}", calendar.base_calendar_uid)
        for task in self.tasks:
            known_calendar(f"task {task.uid}", task.calendar_uid)
        for resource in self.resources:
            known_calendar(f"resource {resource.uid}", resource.calendar_uid)
        for link in self.links:
            for uid in (link.predecessor_uid, link.successor_uid):
                if uid not in task_uids:
                    raise ValueError(
                        f"{where}: link {link.predecessor_uid} → {link.successor_uid}: no task {uid}"
                    )
        for assignment in self.assignments:
            if assignment.task_uid not in task_uids:
                raise ValueError(
                    f"{where}: an assignment refers to task {assignment.task_uid}, which is not in the schedule"
                )
            if assignment.resource_uid not in resource_uids:
                raise ValueError(
                    f"{where}: an assignment refers to resource {assignment.resource_uid}, which is not in the schedule"
                )


def _unique(where: str, kind: str, uids: Iterable[int]) -> set[int]:
    seen: set[int] = set()
    for uid in uids:
        if uid in seen:
            raise ValueError(f"{where}: two {kind}s have UID {uid}")
        seen.add(uid)
    return seen
