"""The import report: every kind of thing that is not taken over, or is read differently, has one message here.

A report holds one `ImportNote` per kind that occurred, with the number of cases and the first few of them, e.g.
"inactive tasks are not taken over (2): 'Design' (UID 4); 'Build' (UID 5)". Warnings come before infos.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from .mspdi_model import NAMESPACE, ImportNote, NoteLevel

MAX_ITEMS_SHOWN = 5

_W: NoteLevel = "warning"
_I: NoteLevel = "info"
MESSAGES: Mapping[str, tuple[NoteLevel, str]] = MappingProxyType(
    {
        # the file
        "no-namespace": (
            _W,
            f"the file has no MSPDI namespace ({NAMESPACE}); it was read as MSPDI all the same",
        ),
        "from-finish": (
            _W,
            "the project is scheduled back from its finish date in MS Project; it is read as is",
        ),
        "unknown-element": (_W, "unknown elements, skipped"),
        "bad-value": (_W, "unreadable values, left empty"),
        "bad-format": (_W, "unknown duration formats, read as days"),
        "bad-calendar-ref": (_W, "references to unknown calendars, left out"),
        "custom-definitions": (_I, "custom field definitions are not taken over"),
        # calendars
        "dup-calendar": (_W, "calendars with a duplicate UID, skipped"),
        "bad-base": (_W, "calendars derived from unknown calendars, read as base calendars"),
        "calendar-cycle": (_W, "calendars that derive from each other in a cycle"),
        "calendar-bad-exception": (_W, "calendar exceptions without a readable period, skipped"),
        "calendar-recurrence-unknown": (
            _W,
            "calendar exceptions with a recurrence pattern that is not understood, read as one block of dates",
        ),
        "calendar-recurrence-truncated": (
            _W,
            "recurring calendar exceptions with too many occurrences, cut off: later occurrences are not taken over",
        ),
        "calendar-workweeks": (_W, "alternative work weeks (WorkWeeks) are not taken over"),
        "calendar-recurring": (_I, "recurring calendar exceptions, expanded into their dates"),
        "calendar-hours": (
            _I,
            "working hours within the day are not taken over (calendars keep working days and exception dates)",
        ),
        # tasks
        "dup-task": (_W, "tasks with a duplicate UID, skipped"),
        "inactive": (_W, "inactive tasks are not taken over"),
        "external": (_W, "external tasks (placeholders of other projects' tasks) are not taken over"),
        "links-of-skipped": (_W, "links of tasks that are not taken over, skipped"),
        "negative-duration": (_W, "negative durations, read as 0"),
        "bad-percent": (_W, "percent complete outside 0 … 100, clamped"),
        "bad-constraint": (_W, "unknown constraint types, read as As Soon As Possible"),
        "undated-constraint": (_W, "constraints without a date, read as As Soon As Possible"),
        "constraint-unsupported": (
            _W,
            "constraints the platform's scheduler does not apply (it applies As Soon As Possible, Start No Earlier "
            "Than and Finish No Later Than); kept on the task",
        ),
        "manual": (
            _W,
            "manually scheduled tasks: their dates are read, but the platform schedules them automatically",
        ),
        "subproject": (
            _W,
            "inserted subprojects: only the placeholder task is read; export the subproject itself too",
        ),
        "leveling-delay": (_W, "levelling delays are not taken over"),
        "null": (_I, "blank task rows (null tasks), kept as empty placeholders"),
        "baselines-other": (_I, "baselines 1 … 10 are not taken over (baseline 0 is)"),
        "baseline-cost": (_I, "baseline work and cost are not taken over (baseline dates and duration are)"),
        "recurring": (_I, "recurring tasks are read as summary tasks with their occurrences"),
        "deadline": (_I, "deadlines are not taken over"),
        "priority": (_I, "task priorities (used by MS Project's levelling) are not taken over"),
        "hyperlink": (_I, "hyperlinks are not taken over"),
        "cost-tasks": (
            _I,
            "costs of tasks (cost, fixed cost, actual cost, earned-value figures) are not taken over",
        ),
        "custom-tasks": (
            _I,
            "custom field values (ExtendedAttribute, OutlineCode) of tasks are not taken over",
        ),
        "timephased-tasks": (_I, "timephased data of tasks is not taken over"),
        # links
        "link-external": (_W, "links to tasks in other projects are not taken over"),
        "link-bad": (_W, "links without a predecessor, skipped"),
        "link-skipped": (_W, "links to tasks that are not taken over, skipped"),
        "link-unknown": (_W, "links to unknown tasks, skipped"),
        "link-dup": (_W, "links of a task to itself or repeated links, skipped"),
        "link-type": (_W, "links of an unknown type, read as finish-to-start"),
        "lag-percent": (
            _W,
            "percentage lags: converted to minutes of the predecessor's duration as read (the platform keeps the "
            "lag fixed when that duration changes)",
        ),
        # resources
        "bad-resource": (_W, "resources without a valid UID, skipped"),
        "dup-resource": (_W, "resources with a duplicate UID, skipped"),
        "resource-type": (_W, "resources of an unknown type, read as work resources"),
        "resource-availability": (_W, "resource availability periods are not taken over (max units is)"),
        "placeholder-resource": (_I, "MS Project's internal placeholder resource (UID 0) is not taken over"),
        "null-resource": (_I, "blank resource rows (null resources) are not taken over"),
        "resource-inactive": (_I, "inactive resources are read as ordinary resources"),
        "resource-generic": (_I, "generic resources are read as ordinary resources"),
        "resource-details": (
            _I,
            "resource details (initials, group, e-mail, code, notes) are not taken over",
        ),
        "cost-resources": (_I, "resource rates and costs are not taken over"),
        "custom-resources": (
            _I,
            "custom field values (ExtendedAttribute, OutlineCode) of resources are not taken over",
        ),
        "timephased-resources": (_I, "timephased data of resources is not taken over"),
        # assignments
        "bad-assignment": (_W, "assignments without a task or resource UID, skipped"),
        "assignment-skipped-task": (_W, "assignments to tasks that are not taken over, skipped"),
        "assignment-unknown-task": (_W, "assignments to unknown tasks, skipped"),
        "assignment-unknown-resource": (_W, "assignments of unknown resources, skipped"),
        "assignment-negative": (_W, "negative assignment units or work, read as 0"),
        "unassigned": (
            _I,
            "MS Project's 'unassigned' entries of tasks without resources (ResourceUID -65535) are not taken over",
        ),
        "cost-assignments": (_I, "costs of assignments are not taken over"),
        "assignment-notes": (_I, "assignment notes are not taken over"),
        "custom-assignments": (
            _I,
            "custom field values (ExtendedAttribute, OutlineCode) of assignments are not taken over",
        ),
        "timephased-assignments": (
            _I,
            "timephased data of assignments (work per day, splits) is not taken over",
        ),
    }
)


class Notes:
    """Collects report entries by kind (a key of `MESSAGES`) while a file is read."""

    def __init__(self) -> None:
        self._items: dict[str, list[str]] = {}

    def add(self, key: str, item: str = "") -> None:
        """Record one case of `key`; `item` names it (a task, a link …), or is empty for a file-wide note."""
        if key not in MESSAGES:
            raise KeyError(f"no report message for {key!r}")
        items = self._items.setdefault(key, [])
        if item:
            items.append(item)

    def notes(self) -> tuple[ImportNote, ...]:
        """The report: one note per kind, warnings first."""
        result = []
        for key, items in self._items.items():
            level, message = MESSAGES[key]
            if items:
                shown = "; ".join(items[:MAX_ITEMS_SHOWN])
                more = f"; and {len(items) - MAX_ITEMS_SHOWN} more" if len(items) > MAX_ITEMS_SHOWN else ""
                message = f"{message} ({len(items)}): {shown}{more}"
            result.append(ImportNote(level, message))
        return tuple(sorted(result, key=lambda note: note.level != "warning"))
