"""Writing an `MspdiSchedule` as an MS Project XML (MSPDI) document that MS Project 2007 and later open.

Elements follow the order of Microsoft's MSPDI schema. The project summary task (UID 0) is written from the
schedule's name, start and finish. Calendars get all seven weekdays (working days with 08:00–12:00 and 13:00–17:00)
and their exceptions in both forms MS Project writes: `WeekDay` entries with `DayType` 0 and an `Exceptions` list.
"""

from __future__ import annotations

import datetime as dt
import re
from xml.etree.ElementTree import Element, SubElement, indent, tostring

from .mspdi_model import (
    CONSTRAINT_TYPES,
    LINK_CODE_BY_TYPE,
    NAMESPACE,
    PERCENT_FORMATS,
    RESOURCE_CODE_BY_TYPE,
    Calendar,
    Link,
    MspdiSchedule,
    Task,
    format_duration,
)

SAVE_VERSION = "14"  # Project 2010 – 2019
WORKING_TIMES = (("08:00:00", "12:00:00"), ("13:00:00", "17:00:00"))
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _text(value: str) -> str:
    return _NOT_XML.sub("", value)


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def _when(value: dt.datetime) -> str:
    return value.strftime("%Y-%m-%dT%H:%M:%S")


def _add(parent: Element, tag: str, value: object) -> Element:
    child = SubElement(parent, tag)
    if isinstance(value, bool):
        child.text = "1" if value else "0"
    elif isinstance(value, dt.datetime):
        child.text = _when(value)
    elif isinstance(value, float):
        child.text = _number(value)
    else:
        child.text = _text(str(value))
    return child


def write_mspdi(schedule: MspdiSchedule) -> bytes:
    """The schedule as a UTF-8 MSPDI document (bytes, with the XML declaration)."""
    root = Element("Project", {"xmlns": NAMESPACE})
    _add(root, "SaveVersion", SAVE_VERSION)
    _add(root, "Name", schedule.name)
    _add(root, "Title", schedule.name)
    _add(root, "ScheduleFromStart", True)
    if schedule.start is not None:
        _add(root, "StartDate", schedule.start)
    if schedule.finish is not None:
        _add(root, "FinishDate", schedule.finish)
    if schedule.calendar_uid is not None:
        _add(root, "CalendarUID", schedule.calendar_uid)
    _add(root, "MinutesPerDay", schedule.minutes_per_day)
    _add(root, "MinutesPerWeek", schedule.minutes_per_week)
    _add(root, "DaysPerMonth", schedule.days_per_month)
    calendars = SubElement(root, "Calendars")
    for calendar in schedule.calendars:
        _calendar(calendars, calendar)
    tasks = SubElement(root, "Tasks")
    _summary_task(tasks, schedule)
    predecessors: dict[int, list[Link]] = {}
    for link in schedule.links:
        predecessors.setdefault(link.successor_uid, []).append(link)
    for task in schedule.tasks:
        _task(tasks, task, predecessors.get(task.uid, []))
    resources = SubElement(root, "Resources")
    for index, resource in enumerate(schedule.resources, start=1):
        elem = SubElement(resources, "Resource")
        _add(elem, "UID", resource.uid)
        _add(elem, "ID", index)
        _add(elem, "Name", resource.name)
        _add(elem, "Type", RESOURCE_CODE_BY_TYPE[resource.type])
        _add(elem, "IsNull", False)
        if resource.max_units is not None:
            _add(elem, "MaxUnits", resource.max_units)
        if resource.calendar_uid is not None:
            _add(elem, "CalendarUID", resource.calendar_uid)
        _add(elem, "IsCostResource", resource.type == "cost")
    assignments = SubElement(root, "Assignments")
    for index, assignment in enumerate(schedule.assignments, start=1):
        elem = SubElement(assignments, "Assignment")
        _add(elem, "UID", index)
        _add(elem, "TaskUID", assignment.task_uid)
        _add(elem, "ResourceUID", assignment.resource_uid)
        _add(elem, "Units", assignment.units)
        _add(elem, "Work", format_duration(assignment.work_minutes))
    indent(root, space="  ")
    return (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        + tostring(root, encoding="unicode").encode()
    )


def _working_times(parent: Element) -> None:
    times = SubElement(parent, "WorkingTimes")
    for start, finish in WORKING_TIMES:
        period = SubElement(times, "WorkingTime")
        _add(period, "FromTime", start)
        _add(period, "ToTime", finish)


def _period(parent: Element, first: dt.date, last: dt.date) -> None:
    period = SubElement(parent, "TimePeriod")
    _add(period, "FromDate", dt.datetime.combine(first, dt.time(0)))
    _add(period, "ToDate", dt.datetime.combine(last, dt.time(23, 59)))


def _calendar(parent: Element, calendar: Calendar) -> None:
    elem = SubElement(parent, "Calendar")
    _add(elem, "UID", calendar.uid)
    _add(elem, "Name", calendar.name)
    _add(elem, "IsBaseCalendar", calendar.base_calendar_uid is None)
    _add(elem, "BaseCalendarUID", -1 if calendar.base_calendar_uid is None else calendar.base_calendar_uid)
    weekdays = SubElement(elem, "WeekDays")
    for day_type in range(1, 8):  # 1 = Sunday … 7 = Saturday
        working = calendar.working_weekdays[(day_type - 2) % 7]
        day = SubElement(weekdays, "WeekDay")
        _add(day, "DayType", day_type)
        _add(day, "DayWorking", working)
        if working:
            _working_times(day)
    for first, last, working in calendar.exceptions:
        day = SubElement(weekdays, "WeekDay")
        _add(day, "DayType", 0)
        _add(day, "DayWorking", working)
        _period(day, first, last)
        if working:
            _working_times(day)
    if calendar.exceptions:
        exceptions = SubElement(elem, "Exceptions")
        for number, (first, last, working) in enumerate(calendar.exceptions, start=1):
            exception = SubElement(exceptions, "Exception")
            _add(exception, "EnteredByOccurrences", False)
            _period(exception, first, last)
            _add(exception, "Occurrences", (last - first).days + 1)
            _add(exception, "Name", f"Exception {number}")
            _add(exception, "Type", 1)  # daily, every day of the period
            _add(exception, "DayWorking", working)
            if working:
                _working_times(exception)


def _summary_task(parent: Element, schedule: MspdiSchedule) -> None:
    elem = SubElement(parent, "Task")
    _add(elem, "UID", 0)
    _add(elem, "ID", 0)
    _add(elem, "Name", schedule.name)
    _add(elem, "IsNull", False)
    _add(elem, "WBS", "0")
    _add(elem, "OutlineNumber", "0")
    _add(elem, "OutlineLevel", 0)
    if schedule.start is not None:
        _add(elem, "Start", schedule.start)
    if schedule.finish is not None:
        _add(elem, "Finish", schedule.finish)
    _add(elem, "Summary", True)


def _task(parent: Element, task: Task, links: list[Link]) -> None:
    elem = SubElement(parent, "Task")
    _add(elem, "UID", task.uid)
    _add(elem, "ID", task.id)
    if task.is_null:
        _add(elem, "IsNull", True)
        _add(elem, "OutlineLevel", task.outline_level)
        return
    _add(elem, "Name", task.name)
    _add(elem, "Active", True)
    _add(elem, "Manual", False)
    _add(elem, "IsNull", False)
    _add(elem, "WBS", task.wbs)
    _add(elem, "OutlineLevel", task.outline_level)
    if task.start is not None:
        _add(elem, "Start", task.start)
    if task.finish is not None:
        _add(elem, "Finish", task.finish)
    _add(elem, "Duration", format_duration(task.duration_minutes))
    _add(elem, "DurationFormat", task.duration_format)
    _add(elem, "Milestone", task.milestone)
    _add(elem, "Summary", task.summary)
    _add(elem, "PercentComplete", task.percent_complete)
    if task.actual_start is not None:
        _add(elem, "ActualStart", task.actual_start)
    if task.actual_finish is not None:
        _add(elem, "ActualFinish", task.actual_finish)
    _add(elem, "ConstraintType", CONSTRAINT_TYPES.index(task.constraint_type))
    _add(elem, "CalendarUID", -1 if task.calendar_uid is None else task.calendar_uid)
    if task.constraint_date is not None:
        _add(elem, "ConstraintDate", task.constraint_date)
    if task.notes:
        _add(elem, "Notes", task.notes)
    for link in links:
        item = SubElement(elem, "PredecessorLink")
        _add(item, "PredecessorUID", link.predecessor_uid)
        _add(item, "Type", LINK_CODE_BY_TYPE[link.type])
        _add(item, "CrossProject", False)
        if link.lag_format in PERCENT_FORMATS and link.lag_percent is not None:
            _add(item, "LinkLag", round(link.lag_percent))
        else:
            _add(item, "LinkLag", round(link.lag_minutes * 10))  # tenths of a minute
        _add(item, "LagFormat", link.lag_format)
    if (
        task.baseline_start is not None
        or task.baseline_finish is not None
        or task.baseline_duration_minutes is not None
    ):
        baseline = SubElement(elem, "Baseline")
        _add(baseline, "Number", 0)
        if task.baseline_start is not None:
            _add(baseline, "Start", task.baseline_start)
        if task.baseline_finish is not None:
            _add(baseline, "Finish", task.baseline_finish)
        if task.baseline_duration_minutes is not None:
            _add(baseline, "Duration", format_duration(task.baseline_duration_minutes))
