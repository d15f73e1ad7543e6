"""MS Project XML (MSPDI): reading, refusing, reporting, writing and the round trip; no database needed.

Small inline documents test one feature each; the real files of ../shared/benchdata are read where they are (never
copied into the repository) and the tests that need them skip when that folder is absent.
"""

from __future__ import annotations

import ast
import csv
import datetime as dt
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

import pmo.interop
from pmo.interop.mspdi import (
    ELAPSED_FORMATS,
    NAMESPACE,
    Assignment,
    Calendar,
    CalendarException,
    Link,
    MspdiError,
    MspdiSchedule,
    Resource,
    Task,
    counts,
    format_duration,
    parse_duration,
    read_mspdi,
    write_mspdi,
)
from pmo.interop.mspdi_calendars import expand_recurrence

BENCHDATA = Path(__file__).resolve().parents[2].parent / "shared" / "benchdata"
MSPDI_DIR = BENCHDATA / "mspdi"
OTHER_DIR = BENCHDATA / "other_formats"
D = dt.date
T = dt.datetime

needs_benchdata = pytest.mark.skipif(
    not MSPDI_DIR.is_dir(),
    reason=f"benchmark data not found at {MSPDI_DIR} (../shared/benchdata beside the repo)",
)


def _manifest(folder: Path) -> list[dict[str, str]]:
    if not (folder / "manifest.csv").is_file():
        return []
    with (folder / "manifest.csv").open(newline="", encoding="utf-8") as file:
        return list(csv.DictReader(file))


# ------------------------------------------------------------------------------------------- inline documents

STANDARD = """<Calendar><UID>1</UID><Name>Standard</Name><IsBaseCalendar>1</IsBaseCalendar>
<BaseCalendarUID>-1</BaseCalendarUID><WeekDays>
<WeekDay><DayType>1</DayType><DayWorking>0</DayWorking></WeekDay>
<WeekDay><DayType>2</DayType><DayWorking>1</DayWorking></WeekDay>
<WeekDay><DayType>3</DayType><DayWorking>1</DayWorking></WeekDay>
<WeekDay><DayType>4</DayType><DayWorking>1</DayWorking></WeekDay>
<WeekDay><DayType>5</DayType><DayWorking>1</DayWorking></WeekDay>
<WeekDay><DayType>6</DayType><DayWorking>1</DayWorking></WeekDay>
<WeekDay><DayType>7</DayType><DayWorking>0</DayWorking></WeekDay>
</WeekDays></Calendar>"""


def doc(tasks: str = "", *, calendars: str = STANDARD, resources: str = "", assignments: str = "") -> str:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<Project xmlns="{NAMESPACE}"><SaveVersion>14</SaveVersion>'
        "<Name>demo.xml</Name><Title>Demo</Title><StartDate>2024-01-08T08:00:00</StartDate>"
        "<FinishDate>2024-02-09T17:00:00</FinishDate><CalendarUID>1</CalendarUID><MinutesPerDay>480</MinutesPerDay>"
        f"<Calendars>{calendars}</Calendars><Tasks><Task><UID>0</UID><ID>0</ID><Name>Demo project</Name>"
        f"<OutlineLevel>0</OutlineLevel><Summary>1</Summary></Task>{tasks}</Tasks>"
        f"<Resources>{resources}</Resources><Assignments>{assignments}</Assignments></Project>"
    )


def task(
    uid: int, name: str | None = None, *, duration: str = "PT8H0M0S", extra: str = "", links: str = ""
) -> str:
    return (
        f"<Task><UID>{uid}</UID><ID>{uid}</ID><Name>{name or f'Task {uid}'}</Name><WBS>{uid}</WBS>"
        f"<OutlineLevel>1</OutlineLevel><Start>2024-01-08T08:00:00</Start><Duration>{duration}</Duration>"
        f"<DurationFormat>7</DurationFormat><Milestone>0</Milestone><Summary>0</Summary>{extra}{links}</Task>"
    )


def link(
    predecessor: int, type_code: int | None = 1, lag: int = 0, lag_format: int = 7, extra: str = ""
) -> str:
    kind = f"<Type>{type_code}</Type>" if type_code is not None else ""
    return (
        f"<PredecessorLink><PredecessorUID>{predecessor}</PredecessorUID>{kind}{extra}"
        f"<LinkLag>{lag}</LinkLag><LagFormat>{lag_format}</LagFormat></PredecessorLink>"
    )


def messages(schedule: MspdiSchedule, level: str | None = None) -> str:
    return "\n".join(note.message for note in schedule.report if level in (None, note.level))


# ------------------------------------------------------------------------------------------------ links, lags


@pytest.mark.parametrize(("code", "kind"), [(0, "FF"), (1, "FS"), (2, "SF"), (3, "SS"), (None, "FS")])
def test_link_types(code, kind):
    schedule = read_mspdi(doc(task(1) + task(2, links=link(1, code))))
    assert schedule.links == (Link(1, 2, kind, 0.0, 7),)


@pytest.mark.parametrize(
    ("lag", "lag_format", "minutes"),
    [
        (4800, 7, 480.0),  # 1 day, tenths of a minute
        (-4800, 7, -480.0),  # a lead
        (24000, 9, 2400.0),  # 1 week
        (600, 5, 60.0),  # 1 hour
        (4805, 7, 480.5),
        (14400, 8, 1440.0),  # 1 elapsed day: calendar minutes
        (4800, 39, 480.0),  # estimated days
    ],
)
def test_lag_formats(lag, lag_format, minutes):
    schedule = read_mspdi(doc(task(1) + task(2, links=link(1, 1, lag, lag_format))))
    (read,) = schedule.links
    assert (read.lag_minutes, read.lag_format, read.lag_percent) == (minutes, lag_format, None)
    assert (lag_format in ELAPSED_FORMATS) == (lag_format == 8)
    assert "percentage" not in messages(schedule)


@pytest.mark.parametrize("lag_format", [19, 20])
def test_percentage_lags_are_converted_and_reported(lag_format):
    schedule = read_mspdi(doc(task(1, duration="PT16H0M0S") + task(2, links=link(1, 1, 50, lag_format))))
    assert schedule.links == (Link(1, 2, "FS", 480.0, lag_format, 50.0),)
    assert "percentage lags" in messages(schedule, "warning") and "50 % = 480 min" in messages(schedule)
    again = read_mspdi(write_mspdi(schedule))
    assert again.links == schedule.links


def test_links_not_taken_over_are_reported_and_counted():
    tasks = (
        task(1)
        + task(2, links=link(1) + link(99) + link(1, extra="<CrossProject>1</CrossProject>"))
        + task(3, extra="<Active>0</Active>", links=link(1))
        + task(4, links=link(3) + link(4) + link(1, 1) + link(1, 1))
    )
    schedule = read_mspdi(doc(tasks))
    assert [(x.predecessor_uid, x.successor_uid) for x in schedule.links] == [(1, 2), (1, 4)]
    text = messages(schedule, "warning")
    for expected in (
        "links to unknown tasks",
        "links to tasks in other projects",
        "inactive tasks are not taken over (1): 'Task 3' (UID 3)",
        "links of tasks that are not taken over",
        "links to tasks that are not taken over",
        "repeated links",
    ):
        assert expected in text
    assert counts(schedule) == {"tasks": 5, "resources": 0, "assignments": 0, "calendars": 1, "links": 8}


# -------------------------------------------------------------------------------------------------- durations


@pytest.mark.parametrize(
    ("text", "minutes"),
    [
        ("PT8H0M0S", 480),
        ("PT480H30M0S", 28830),
        ("PT0H0M0S", 0),
        ("-PT4H0M0S", -240),
        ("PT138H53M18S", 8333.3),
        ("PT7H30M0S", 450),
        ("PT1.5H", 90),
        ("P1DT2H", 1560),
        (" PT1H0M0S ", 60),
    ],
)
def test_parse_duration(text, minutes):
    assert parse_duration(text) == pytest.approx(minutes)


@pytest.mark.parametrize("text", ["", "P", "PT", "8 hours", "P1Y", "P1M", "PT8H0M0", "--PT1H"])
def test_parse_duration_refuses_what_it_cannot_read(text):
    with pytest.raises(ValueError, match="duration"):
        parse_duration(text)


@pytest.mark.parametrize("minutes", [0, 450, 28830, -240, 8333.3, 0.5])
def test_format_duration_round_trips(minutes):
    assert parse_duration(format_duration(minutes)) == pytest.approx(minutes)
    assert format_duration(450) == "PT7H30M0S"


def test_task_fields_elapsed_durations_and_reported_extras():
    extra = (
        "<DurationFormat>8</DurationFormat><PercentComplete>40</PercentComplete>"
        "<ActualStart>2024-01-08T08:00:00</ActualStart><ConstraintType>4</ConstraintType>"
        "<ConstraintDate>2024-01-10T08:00:00</ConstraintDate><CalendarUID>1</CalendarUID><Notes>Watch out</Notes>"
        "<Manual>1</Manual><FixedCost>250</FixedCost>"
        "<ExtendedAttribute><FieldID>188743731</FieldID><Value>x</Value></ExtendedAttribute>"
        "<Baseline><Number>0</Number><Start>2024-01-08T08:00:00</Start><Finish>2024-01-10T17:00:00</Finish>"
        "<Duration>PT24H0M0S</Duration></Baseline><Baseline><Number>1</Number></Baseline>"
    )
    summary = task(1, "Phase").replace("<Summary>0</Summary>", "<Summary>1</Summary>")
    child = task(2, "Build", duration="PT48H0M0S", extra=extra).replace("<OutlineLevel>1", "<OutlineLevel>2")
    child = child.replace("<DurationFormat>7</DurationFormat>", "").replace("<WBS>2</WBS>", "<WBS>1.1</WBS>")
    gate = task(3, "Gate", duration="PT0H0M0S").replace("<Milestone>0", "<Milestone>1")
    mso = task(
        4, extra="<ConstraintType>2</ConstraintType><ConstraintDate>2024-02-01T08:00:00</ConstraintDate>"
    )
    schedule = read_mspdi(doc(summary + child + gate + mso))
    assert (schedule.name, schedule.start, schedule.finish) == (
        "Demo project",
        T(2024, 1, 8, 8),
        T(2024, 2, 9, 17),
    )
    phase, build, milestone, _ = schedule.tasks
    assert phase.summary and not phase.milestone and phase.outline_level == 1
    assert milestone.milestone and milestone.duration_minutes == 0
    assert build == Task(
        uid=2, id=2, name="Build", wbs="1.1", outline_level=2, start=T(2024, 1, 8, 8), duration_minutes=2880.0,
        duration_format=8, percent_complete=40.0, actual_start=T(2024, 1, 8, 8), constraint_type="SNET",
        constraint_date=T(2024, 1, 10, 8), calendar_uid=1, baseline_start=T(2024, 1, 8, 8),
        baseline_finish=T(2024, 1, 10, 17), baseline_duration_minutes=1440.0, notes="Watch out",
    )  # fmt: skip
    assert build.duration_format in ELAPSED_FORMATS
    warnings, infos = messages(schedule, "warning"), messages(schedule, "info")
    assert "Must Start On 2024-02-01" in warnings and "manually scheduled" in warnings
    assert "costs of tasks" in infos and "custom field values" in infos and "baselines 1 … 10" in infos


def test_summary_flag_is_inferred_from_the_outline_when_absent():
    parent = task(1).replace("<Summary>0</Summary>", "")
    child = task(2).replace("<OutlineLevel>1", "<OutlineLevel>2").replace("<Summary>0</Summary>", "")
    schedule = read_mspdi(doc(parent + child))
    assert [t.summary for t in schedule.tasks] == [True, False]


def test_null_tasks_are_kept_as_placeholders_and_counted():
    null = "<Task><UID>2</UID><ID>2</ID><IsNull>1</IsNull><OutlineLevel>0</OutlineLevel></Task>"
    schedule = read_mspdi(doc(task(1) + null + task(3)))
    assert [(t.uid, t.name, t.is_null) for t in schedule.tasks] == [
        (1, "Task 1", False),
        (2, "", True),
        (3, "Task 3", False),
    ]
    assert counts(schedule)["tasks"] == 4  # the project summary task (UID 0) counts, as in the manifest
    assert "blank task rows" in messages(schedule, "info")


def test_resources_and_assignments():
    resources = (
        "<Resource><UID>0</UID><ID>0</ID><Type>1</Type></Resource>"
        "<Resource><UID>1</UID><ID>1</ID><Name>Ann</Name><Type>1</Type><MaxUnits>0.50</MaxUnits>"
        "<CalendarUID>2</CalendarUID><StandardRate>80</StandardRate></Resource>"
        "<Resource><UID>2</UID><ID>2</ID><Name>Concrete</Name><Type>0</Type></Resource>"
        "<Resource><UID>3</UID><ID>3</ID><Name>Travel</Name><Type>2</Type><IsCostResource>1</IsCostResource></Resource>"
    )
    calendars = (
        STANDARD + "<Calendar><UID>2</UID><Name>Ann</Name><IsBaseCalendar>0</IsBaseCalendar>"
        "<BaseCalendarUID>1</BaseCalendarUID></Calendar>"
    )
    assignments = (
        "<Assignment><UID>1</UID><TaskUID>1</TaskUID><ResourceUID>1</ResourceUID><Units>0.5</Units>"
        "<Work>PT4H0M0S</Work></Assignment>"
        "<Assignment><UID>2</UID><TaskUID>2</TaskUID><ResourceUID>-65535</ResourceUID><Work>PT8H0M0S</Work></Assignment>"
        "<Assignment><UID>3</UID><TaskUID>1</TaskUID><ResourceUID>7</ResourceUID></Assignment>"
    )
    schedule = read_mspdi(
        doc(task(1) + task(2), calendars=calendars, resources=resources, assignments=assignments)
    )
    assert schedule.resources == (
        Resource(1, "Ann", "work", 0.5, 2),
        Resource(2, "Concrete", "material", None, None),
        Resource(3, "Travel", "cost", None, None),
    )
    assert schedule.assignments == (Assignment(1, 1, 0.5, 240.0),)
    assert schedule.calendars[1] == Calendar(2, "Ann", 1, (True,) * 5 + (False, False))
    assert counts(schedule) == {"tasks": 3, "resources": 4, "assignments": 3, "calendars": 2, "links": 0}
    text = messages(schedule)
    assert "placeholder resource (UID 0)" in text and "unassigned" in text
    assert "assignments of unknown resources" in messages(schedule, "warning") and "rates and costs" in text


# -------------------------------------------------------------------------------------------------- calendars


def test_calendar_weekdays_and_old_style_exceptions():
    calendar = STANDARD.replace(
        "<WeekDay><DayType>7</DayType><DayWorking>0</DayWorking></WeekDay>",
        "<WeekDay><DayType>7</DayType><DayWorking>1</DayWorking></WeekDay>"
        "<WeekDay><DayType>0</DayType><DayWorking>0</DayWorking><TimePeriod><FromDate>2024-12-25T00:00:00</FromDate>"
        "<ToDate>2024-12-26T23:59:00</ToDate></TimePeriod></WeekDay>"
        "<WeekDay><DayType>0</DayType><DayWorking>0</DayWorking><TimePeriod><FromDate>2024-12-27T00:00:00</FromDate>"
        "<ToDate>2024-12-28T00:00:00</ToDate></TimePeriod></WeekDay>"
        "<WeekDay><DayType>0</DayType><DayWorking>1</DayWorking><TimePeriod><FromDate>2024-12-29T00:00:00</FromDate>"
        "<ToDate>2024-12-29T23:59:00</ToDate></TimePeriod></WeekDay>",
    )
    (read,) = read_mspdi(doc(calendars=calendar)).calendars
    assert read.working_weekdays == (True, True, True, True, True, True, False)  # Saturday worked
    assert read.exceptions == (
        CalendarException(
            D(2024, 12, 25), D(2024, 12, 27), False
        ),  # touching periods merged; midnight end excluded
        CalendarException(D(2024, 12, 29), D(2024, 12, 29), True),
    )


def test_calendar_exceptions_element_is_used_and_recurrences_expanded():
    exceptions = (
        "<Exceptions><Exception><EnteredByOccurrences>0</EnteredByOccurrences><TimePeriod>"
        "<FromDate>2024-05-09T00:00:00</FromDate><ToDate>2024-05-10T23:59:00</ToDate></TimePeriod><Occurrences>1"
        "</Occurrences><Name>Ascension</Name><Type>1</Type><DayWorking>0</DayWorking></Exception>"
        "<Exception><EnteredByOccurrences>1</EnteredByOccurrences><TimePeriod><FromDate>2024-01-01T00:00:00</FromDate>"
        "<ToDate>2024-01-29T23:59:00</ToDate></TimePeriod><Occurrences>3</Occurrences><Name>Fortnightly Monday"
        "</Name><Type>6</Type><Period>2</Period><DaysOfWeek>2</DaysOfWeek><DayWorking>0</DayWorking></Exception>"
        "</Exceptions>"
    )
    stale = (  # the WeekDay copy MS Project also writes is ignored when <Exceptions> is present
        "<WeekDay><DayType>0</DayType><DayWorking>0</DayWorking><TimePeriod><FromDate>2030-01-01T00:00:00</FromDate>"
        "<ToDate>2030-01-01T23:59:00</ToDate></TimePeriod></WeekDay></WeekDays>"
    )
    calendar = STANDARD.replace("</WeekDays>", stale).replace("</Calendar>", exceptions + "</Calendar>")
    schedule = read_mspdi(doc(calendars=calendar))
    assert schedule.calendars[0].exceptions == (
        CalendarException(D(2024, 1, 1), D(2024, 1, 1), False),
        CalendarException(D(2024, 1, 15), D(2024, 1, 15), False),
        CalendarException(D(2024, 1, 29), D(2024, 1, 29), False),
        CalendarException(D(2024, 5, 9), D(2024, 5, 10), False),
    )
    assert "'Fortnightly Monday'" in messages(schedule, "info")


@pytest.mark.parametrize(
    ("kind", "params", "first", "last", "expected"),
    [
        (7, {"period": 3, "occurrences": 4}, D(2000, 2, 1), D(2000, 2, 10), ["2000-02-01", "2000-02-04", "2000-02-07", "2000-02-10"]),
        (6, {"period": 7, "days_of_week": 1, "occurrences": 2}, D(2001, 1, 1), D(2001, 5, 1), ["2001-02-18", "2001-04-08"]),
        (4, {"period": 2, "month_day": 31}, D(2003, 1, 1), D(2003, 5, 31), ["2003-01-31", "2003-03-31", "2003-05-31"]),
        (5, {"period": 3, "month_item": 5, "month_position": 1}, D(2002, 1, 1), D(2002, 7, 31), ["2002-01-08", "2002-04-09", "2002-07-09"]),
        (5, {"month_item": 8, "month_position": 4}, D(2005, 1, 1), D(2005, 1, 31), ["2005-01-28"]),
        (3, {"month": 2, "month_item": 5, "month_position": 0}, D(2004, 1, 1), D(2005, 12, 31), ["2004-03-02", "2005-03-01"]),
        (2, {"month": 1, "month_day": 29}, D(2023, 1, 1), D(2024, 12, 31), ["2023-02-28", "2024-02-29"]),
    ],
)  # fmt: skip
def test_expand_recurrence(kind, params, first, last, expected):
    days = expand_recurrence(kind, first, last, **params)
    assert days is not None and [a.isoformat() for a, b in days] == expected and all(a == b for a, b in days)


def test_expand_recurrence_refuses_unknown_patterns():
    assert expand_recurrence(9, D(2024, 1, 1), D(2024, 2, 1)) is None
    assert expand_recurrence(5, D(2024, 1, 1), D(2024, 2, 1), month_item=1, month_position=0) is None


def _exception(name: str, first: str, last: str, pattern: str) -> str:
    return (
        f"<Exception><EnteredByOccurrences>0</EnteredByOccurrences><TimePeriod><FromDate>{first}T00:00:00</FromDate>"
        f"<ToDate>{last}T23:59:00</ToDate></TimePeriod><Name>{name}</Name>{pattern}<DayWorking>0</DayWorking></Exception>"
    )


def test_recurring_exceptions_are_capped_per_exception_and_per_file():
    every_other_day = "<Type>7</Type><Period>2</Period>"
    one = _exception("Long", "1900-01-01", "2099-12-31", every_other_day)  # 36,524 occurrences
    calendar = STANDARD.replace("</Calendar>", f"<Exceptions>{one}</Exceptions></Calendar>")
    schedule = read_mspdi(doc(calendars=calendar))
    assert len(schedule.calendars[0].exceptions) == 10_000
    last = D(1900, 1, 1) + dt.timedelta(days=2 * 9_999)
    assert f"are not taken over (1): 'Long' in 'Standard' (UID 1): after {last}" in messages(
        schedule, "warning"
    )
    many = "".join(_exception(f"E{i}", "1900-01-01", "2099-12-31", every_other_day) for i in range(25))
    calendar = STANDARD.replace("</Calendar>", f"<Exceptions>{many}</Exceptions></Calendar>")
    schedule = read_mspdi(doc(calendars=calendar))
    assert len(schedule.calendars[0].exceptions) == 10_000  # the same dates; 200,000 expanded in all
    assert "are not taken over (25)" in messages(schedule, "warning")
    weekly_to_the_end = _exception(
        "End", "9999-12-01", "9999-12-31", "<Type>6</Type><Period>1</Period><DaysOfWeek>2</DaysOfWeek>"
    )
    calendar = STANDARD.replace("</Calendar>", f"<Exceptions>{weekly_to_the_end}</Exceptions></Calendar>")
    assert len(read_mspdi(doc(calendars=calendar)).calendars[0].exceptions) == 4  # Mondays of December 9999


@needs_benchdata
@pytest.mark.parametrize("version", ["2007", "2010", "2013", "2016"])
def test_recurring_exceptions_expand_to_the_dates_ms_project_wrote(version):
    """MS Project writes recurring exceptions twice: as <Exceptions> rules and expanded as <WeekDay> entries."""
    path = (
        MSPDI_DIR
        / f"mpxj/generated/calendar-recurring-exceptions/calendar-recurring-exceptions-project{version}-mspdi.xml"
    )
    ns = f"{{{NAMESPACE}}}"
    written = set()
    for day in ET.parse(path).getroot().iter(ns + "WeekDay"):
        if day.findtext(ns + "DayType") == "0":
            first = D.fromisoformat(day.findtext(f"{ns}TimePeriod/{ns}FromDate")[:10])
            last = D.fromisoformat(day.findtext(f"{ns}TimePeriod/{ns}ToDate")[:10])
            written |= {first + dt.timedelta(days=n) for n in range((last - first).days + 1)}
    (calendar,) = read_mspdi(path).calendars
    expanded = {
        e.date_from + dt.timedelta(days=n)
        for e in calendar.exceptions
        for n in range((e.date_to - e.date_from).days + 1)
    }
    assert len(written) == 140 and expanded == written


# --------------------------------------------------------------------------------------------------- refusals

XXE = (
    '<?xml version="1.0"?>\n<!DOCTYPE Project [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
    f'<Project xmlns="{NAMESPACE}"><Name>&xxe;</Name></Project>'
)
BILLION_LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(
        f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10 if i > 1 else "&lol;" * 10}">'
        for i in range(1, 10)
    )
    + f']>\n<Project xmlns="{NAMESPACE}"><Name>&lol9;</Name></Project>'
)


def test_external_entity_is_refused():
    with pytest.raises(MspdiError, match="external entity"):
        read_mspdi(XXE.encode())


def test_entity_bomb_is_refused():
    with pytest.raises(MspdiError, match="billion laughs"):
        read_mspdi(BILLION_LAUGHS)


def test_external_dtd_is_refused():
    data = f'<?xml version="1.0"?><!DOCTYPE Project SYSTEM "http://example.com/x.dtd"><Project xmlns="{NAMESPACE}"/>'
    with pytest.raises(MspdiError, match="external DTD"):
        read_mspdi(data)


def test_size_limit(tmp_path):
    data = doc(task(1)).encode()
    with pytest.raises(MspdiError, match=r"the file is [\d,]+ bytes, more than the limit of 100 bytes"):
        read_mspdi(data, max_bytes=100)
    path = tmp_path / "plan.xml"
    path.write_bytes(data)
    with pytest.raises(MspdiError, match="more than the limit"):
        read_mspdi(path, max_bytes=len(data) - 1)
    assert len(read_mspdi(path, max_bytes=len(data)).tasks) == 1
    with pytest.raises(MspdiError, match=r"limit of 1\.0 MB"):
        read_mspdi(b" " * (1024 * 1024 + 1), max_bytes=1024 * 1024)
    with pytest.raises(ValueError, match="max_bytes"):
        read_mspdi(data, max_bytes=0)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"TASK;Design;5d\n", "plain text"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(100), r"binary Microsoft Project file \(.mpp\)"),
        (b"PK\x03\x04rest", "ZIP archive"),
        (b"<html><body>Login</body></html>", "HTML page"),
        (b'<Project xmlns="http://schemas.microsoft.com/developer/msbuild/2003"/>', "MSBuild"),
        (b'<Project xmlns="urn:other"><Tasks/></Project>', "namespace 'urn:other'"),
        (b"<schedule><task/></schedule>", "root element is <schedule>"),
        (b'<Project xmlns="http://schemas.microsoft.com/project"><Tasks>', "not well-formed XML"),
    ],
)
def test_non_mspdi_input_is_refused_with_a_clear_message(data, message):
    with pytest.raises(MspdiError, match=message):
        read_mspdi(data)


def test_a_file_name_passed_as_str_gets_a_hint():
    with pytest.raises(MspdiError, match=r"pass a pathlib\.Path"):
        read_mspdi("plan.xml")
    with pytest.raises(MspdiError, match="cannot read"):
        read_mspdi(Path("/nonexistent/plan.xml"))
    with pytest.raises(TypeError):
        read_mspdi(42)  # type: ignore[arg-type]


def test_mspdi_without_namespace_is_read_with_a_warning():
    schedule = read_mspdi(doc(task(1)).replace(f' xmlns="{NAMESPACE}"', ""))
    assert [t.name for t in schedule.tasks] == ["Task 1"]
    assert "no MSPDI namespace" in messages(schedule, "warning")


OTHER_FORMATS = {
    "GanttProject .gan XML": "GanttProject",
    "Primavera P6 XER": "Primavera P6 XER",
    "Primavera P6 XML (APIBusinessObjects)": "Primavera P6 XML",
    "MPX (MS Project 98 text exchange)": "MPX file",
    "GNOME Planner XML": "GNOME Planner",
}


@pytest.mark.skipif(not OTHER_DIR.is_dir(), reason=f"benchmark data not found at {OTHER_DIR}")
@pytest.mark.parametrize("row", _manifest(OTHER_DIR), ids=lambda row: row["file"])
def test_other_schedule_formats_are_refused_naming_the_format(row):
    with pytest.raises(MspdiError, match=OTHER_FORMATS[row["format"]]) as error:
        read_mspdi(OTHER_DIR / row["file"])
    assert "not MS Project XML" in str(error.value)


# ------------------------------------------------------------------------------------------------ validation


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: Task(1, 1, "A", percent_complete=150), "percent_complete"),
        (lambda: Task(1, 1, "A", constraint_type="SNET"), "needs a constraint_date"),
        (lambda: Task(1, 1, "A", constraint_type="SOON"), "constraint_type"),
        (lambda: Task(1, 1, "A", duration_minutes=-1), "duration_minutes"),
        (lambda: Task(1, 1, "A", duration_format=99), "duration format"),
        (lambda: Task(1, 1, "A", duration_minutes=float("inf")), "finite number"),
        (lambda: Task("1", 1, "A"), "uid must be an integer"),  # type: ignore[arg-type]
        (lambda: Link(1, 1), "itself"),
        (lambda: Link(1, 2, "XY"), "FS, SS, FF or SF"),  # type: ignore[arg-type]
        (lambda: Link(1, 2, lag_format=19), "lag_percent"),
        (lambda: Resource(1, "R", "human"), "'work', 'material' or 'cost'"),  # type: ignore[arg-type]
        (lambda: Assignment(1, 1, units=-1), "units"),
        (lambda: Calendar(1, "C", working_weekdays=(True,) * 6), "seven booleans"),
        (lambda: Calendar(1, "C", exceptions=[(D(2024, 1, 2), D(2024, 1, 1), False)]), "ends"),
        (lambda: MspdiSchedule("P", None, tasks=[Task(1, 1, "A")], links=[Link(1, 2)]), "no task 2"),
        (lambda: MspdiSchedule("P", None, tasks=[Task(1, 1, "A"), Task(1, 2, "B")]), "two tasks have UID 1"),
        (lambda: MspdiSchedule("P", None, tasks=[Task(1, 1, "A", calendar_uid=5)]), "calendar 5"),
        (lambda: MspdiSchedule("P", None, omitted={"widgets": 1}), "unknown key"),
    ],
)
def test_dataclasses_validate(make, message):
    with pytest.raises(ValueError, match=message):
        make()


# ------------------------------------------------------------------------------------------------- round trip


def _same_content(a: MspdiSchedule, b: MspdiSchedule) -> None:
    for name in ("tasks", "links", "calendars", "resources", "assignments", "name", "start", "finish"):
        assert getattr(a, name) == getattr(b, name), name


def test_round_trip_of_a_schedule_built_in_code():
    holidays = [(D(2024, 4, 1), D(2024, 4, 1), False), (D(2024, 4, 6), D(2024, 4, 6), True)]
    four_days = (True, True, True, True, False, False, False)
    tasks = [
        Task(1, 1, "Fase 1", wbs="1", summary=True, start=T(2024, 3, 4, 8), duration_minutes=4800),
        Task(2, 2, "Ontwerp", wbs="1.1", outline_level=2, duration_minutes=2400, duration_format=8, notes="Let op\nregel 2"),
        Task(3, 3, "", is_null=True, outline_level=0),
        Task(4, 4, "Go/no-go", wbs="1.2", outline_level=2, milestone=True, constraint_type="FNLT",
             constraint_date=T(2024, 4, 1, 17), baseline_start=T(2024, 3, 29, 17), baseline_duration_minutes=0),
        Task(5, 5, "Bouw", wbs="2", duration_minutes=8333.3, percent_complete=12.5, calendar_uid=2),
        Task(6, 6, "Oplevering", wbs="3", duration_minutes=960),
    ]  # fmt: skip
    links = [
        Link(2, 4, "FS", -480, 7),
        Link(2, 5, "SS", 1440, 8),
        Link(5, 6, "FF", 8333.3 * 50 / 100, 20, 50.0),  # a percentage lag: half the predecessor's duration
        Link(4, 6, "SF"),
    ]
    schedule = MspdiSchedule(
        name="Nieuwbouw <Noord> & co",
        start=T(2024, 3, 4, 8),
        finish=T(2024, 4, 30, 17),
        calendar_uid=1,
        calendars=[Calendar(1, "Standaard", exceptions=holidays), Calendar(2, "Piet", 1, four_days)],
        tasks=tasks,
        links=links,
        resources=[
            Resource(1, "Piet", "work", 0.8, 2),
            Resource(2, "Beton", "material", None),
            Resource(3, "Reis", "cost", None),
        ],
        assignments=[Assignment(2, 1, 0.8, 1920), Assignment(5, 2, 3, 0)],
    )
    data = write_mspdi(schedule)
    assert data.startswith(b'<?xml version="1.0" encoding="UTF-8"')
    root = ET.fromstring(data)
    assert root.tag == f"{{{NAMESPACE}}}Project" and root.findtext(f"{{{NAMESPACE}}}SaveVersion") == "14"
    again = read_mspdi(data)
    _same_content(schedule, again)
    assert again.calendar_uid == 1 and again.omitted == {"tasks": 1}  # the summary task the writer adds


def test_writer_drops_characters_xml_cannot_hold():
    schedule = MspdiSchedule("P\x00\x1f", None, tasks=[Task(1, 1, "A\x07B")])
    assert read_mspdi(write_mspdi(schedule)).tasks[0].name == "AB"


ROUND_TRIP_FILES = [
    "mpxj/legacy/sample1.xml",
    "mpxj/mspdinulltasks.xml",
    "mpxj/mspdiresource.xml",
    "mpxj/mspditimephased.xml",
    "mpxj/baselines.xml",
    "mpxj/generated/task-links/task-links-project2003-mspdi.xml",
    "mpxj/generated/task-links/task-links-project2019-mspdi.xml",
    "mpxj/generated/task-baselines/task-baselines-project2010-mspdi.xml",
    "mpxj/generated/calendar-recurring-exceptions/calendar-recurring-exceptions-project2016-mspdi.xml",
    "mpxj/generated/resource-misc/resource-misc-project2019-mspdi.xml",
    "ganttproject/holidays.xml",
]


@needs_benchdata
@pytest.mark.parametrize("name", ROUND_TRIP_FILES)
def test_round_trip_of_real_files(name):
    schedule = read_mspdi(MSPDI_DIR / name)
    again = read_mspdi(write_mspdi(schedule))
    _same_content(schedule, again)
    assert (again.calendar_uid, again.minutes_per_day) == (schedule.calendar_uid, schedule.minutes_per_day)
    assert not [note for note in again.report if note.level == "warning"]
    third = write_mspdi(again)
    assert third == write_mspdi(schedule)  # writing is stable


# ------------------------------------------------------------------------------------------- all real files


@needs_benchdata
def test_all_benchmark_files_read_and_counts_match_the_manifest():
    rows = _manifest(MSPDI_DIR)
    files = sorted(MSPDI_DIR.rglob("*.xml"))
    assert len(rows) == len(files) == 76
    matched, mismatches = 0, []
    for row in rows:
        schedule = read_mspdi(MSPDI_DIR / row["file"])  # never raises on these files
        got = counts(schedule)
        expected = {key: int(row[key]) for key in ("tasks", "resources", "assignments", "calendars")}
        if all(got[key] == value for key, value in expected.items()):
            matched += 1
        else:
            mismatches.append((row["file"], expected, got))
        assert all(note.level in {"info", "warning"} and note.message for note in schedule.report)
    assert matched >= 0.95 * len(rows), mismatches


@needs_benchdata
def test_a_real_file_in_detail():
    schedule = read_mspdi(MSPDI_DIR / "mpxj/generated/task-links/task-links-project2010-mspdi.xml")
    assert len(schedule.tasks) == 16 and schedule.minutes_per_day == 480
    assert [(x.type, x.lag_minutes, x.lag_format) for x in schedule.links] == [
        ("FS", 0.0, 7), ("FS", 480.0, 7), ("FS", 960.0, 7), ("FS", 2400.0, 9), ("FS", 4800.0, 9),
        ("SF", 960.0, 7), ("SS", 960.0, 7), ("FF", 960.0, 7),
    ]  # fmt: skip


# ----------------------------------------------------------------------------------------------- no Django


def test_interop_never_imports_django():
    package = Path(pmo.interop.__file__).parent
    for path in package.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
            names += [node.module] if isinstance(node, ast.ImportFrom) and node.module else []
            assert not [n for n in names if n.split(".")[0] in {"django", "rest_framework"}], path.name
    code = "import sys, pmo.interop.mspdi; print(any(m.startswith('django') for m in sys.modules))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"
