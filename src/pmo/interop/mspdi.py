"""Microsoft Project XML (MSPDI) import and export: the public entry points.

    from pmo.interop.mspdi import read_mspdi, write_mspdi, counts, MspdiError

    schedule = read_mspdi(Path("plan.xml"))     # or bytes, or the XML text as str; MspdiError when refused
    schedule.tasks, schedule.links, schedule.calendars, schedule.resources, schedule.assignments
    for note in schedule.report: print(note.level, note.message)   # everything not taken over
    data = write_mspdi(schedule)                 # UTF-8 MSPDI bytes that MS Project opens

A pure library (no Django): `pmo.projects` / `pmo.schedule` adapters turn the dataclasses into rows. The model is
in `mspdi_model`, reading in `mspdi_read` (+ `mspdi_calendars`, `mspdi_sniff`), writing in `mspdi_write`.

Placeholder rows (documented choice). The manifest of the benchmark files counts the raw child elements of
`<Tasks>`, `<Resources>`, `<Assignments>` and `<Calendars>`, including MS Project's own placeholders. Here:

* blank task rows (`IsNull` = 1) are kept as `Task(is_null=True, name="")`: MS Project counts them as tasks and they
  hold a row number (ID); adapters skip them;
* the project summary task (UID 0) becomes the schedule's `name` / `start` / `finish`, MS Project's placeholder
  resource (UID 0) and its "unassigned" assignments (ResourceUID -65535) are not objects; they, and whatever is not
  taken over (inactive and external tasks, links to unknown tasks, …), are tallied in `MspdiSchedule.omitted` and
  explained in `MspdiSchedule.report`, so `counts()` still gives the file's element counts.
"""

from __future__ import annotations

from .mspdi_model import (
    CONSTRAINT_TYPES,
    DURATION_FORMATS,
    ELAPSED_FORMATS,
    NAMESPACE,
    PERCENT_FORMATS,
    Assignment,
    Calendar,
    CalendarException,
    ImportNote,
    Link,
    MspdiSchedule,
    Resource,
    Task,
    format_duration,
    parse_duration,
)
from .mspdi_read import DEFAULT_MAX_BYTES, MspdiError, read_mspdi
from .mspdi_write import write_mspdi

__all__ = [
    "CONSTRAINT_TYPES",
    "DEFAULT_MAX_BYTES",
    "DURATION_FORMATS",
    "ELAPSED_FORMATS",
    "NAMESPACE",
    "PERCENT_FORMATS",
    "Assignment",
    "Calendar",
    "CalendarException",
    "ImportNote",
    "Link",
    "MspdiError",
    "MspdiSchedule",
    "Resource",
    "Task",
    "counts",
    "format_duration",
    "parse_duration",
    "read_mspdi",
    "write_mspdi",
]


def counts(schedule: MspdiSchedule) -> dict[str, int]:
    """Element counts as the benchmark manifest makes them: `tasks`, `resources`, `assignments`, `calendars`, `links`.

    Each is the number of objects in the schedule plus the elements of that kind read but not turned into objects
    (`schedule.omitted`): for a file just read, the number of `Task`, `Resource`, `Assignment`, `Calendar` and
    `PredecessorLink` elements in it (the project summary task and placeholder resource included).
    """
    sizes = {
        "tasks": len(schedule.tasks),
        "resources": len(schedule.resources),
        "assignments": len(schedule.assignments),
        "calendars": len(schedule.calendars),
        "links": len(schedule.links),
    }
    return {key: value + schedule.omitted.get(key, 0) for key, value in sizes.items()}
