"""Turning a parsed MSPDI document into an `MspdiSchedule`.

Every `Task`, `Resource`, `Assignment`, `Calendar` and `PredecessorLink` element either becomes an object or is
tallied in `MspdiSchedule.omitted` and explained in the report (`mspdi_notes`): nothing is dropped silently.
Values that cannot be read are left empty with a warning rather than failing the whole import; only a task without
a usable UID (nothing could refer to it) fails it.
"""

from __future__ import annotations

from dataclasses import replace
from xml.etree.ElementTree import Element

from .mspdi_calendars import Budget, read_calendar, resolve_weekdays
from .mspdi_fields import FieldReader, Fields, Repeated, element_fields, nonzero
from .mspdi_model import (
    CONSTRAINT_NAMES,
    CONSTRAINT_TYPES,
    ENGINE_CONSTRAINTS,
    LINK_TYPE_BY_CODE,
    PERCENT_FORMATS,
    RESOURCE_TYPE_BY_CODE,
    UNDATED_CONSTRAINTS,
    Assignment,
    Calendar,
    Link,
    LinkType,
    MspdiSchedule,
    Resource,
    ResourceType,
    Task,
)
from .mspdi_notes import Notes

UNASSIGNED_RESOURCE_UID = -65535  # MS Project's "no resource" in Assignment/ResourceUID

_TASK_COSTS = ("Cost", "FixedCost", "ActualCost", "RemainingCost", "OvertimeCost", "BCWS", "BCWP", "ACWP")
_RESOURCE_COSTS = ("StandardRate", "OvertimeRate", "CostPerUse", "Cost", "ActualCost")
_ASSIGNMENT_COSTS = ("Cost", "ActualCost", "RemainingCost", "BudgetCost")


def build_schedule(root: Element, ns: str, notes: Notes) -> MspdiSchedule:
    """The schedule in the MSPDI `<Project>` element `root`, whose tags carry the namespace prefix `ns`."""
    return _Builder(ns, notes).schedule(root)


class _Builder(FieldReader):
    def __init__(self, ns: str, notes: Notes) -> None:
        super().__init__(ns, notes)
        self.skipped_tasks: dict[int, str] = {}  # UID → why the task is not taken over

    # ------------------------------------------------------------------------------------------ the file

    def schedule(self, root: Element) -> MspdiSchedule:
        project: Fields = {}
        containers: dict[str, Element] = {}
        for child in root:
            tag = child.tag[self.plen :]
            if len(child):
                containers[tag] = child
            else:
                project[tag] = (child.text or "").strip()
        calendars = self._calendars(containers.get("Calendars"))
        tasks, summary, task_links = self._tasks(containers.get("Tasks"))
        links = self._links(tasks, task_links)
        resources = self._resources(containers.get("Resources"))
        assignments = self._assignments(containers.get("Assignments"), tasks, resources)
        definitions = containers.get("ExtendedAttributes")
        for item in definitions.iterfind(self.ns + "ExtendedAttribute") if definitions is not None else ():
            name = item.findtext(self.ns + "Alias") or item.findtext(self.ns + "FieldName") or "?"
            self.note("custom-definitions", name.strip())
        if project.get("ScheduleFromStart") == "0":
            self.note("from-finish")
        label, summary = "the project", summary or {}
        return MspdiSchedule(
            name=summary.get("Name") or project.get("Title") or project.get("Name") or "",
            start=self._date(project, "StartDate", label) or self._date(summary, "Start", label),
            calendars=tuple(calendars),
            tasks=tuple(tasks.values()),
            resources=tuple(resources.values()),
            assignments=tuple(assignments),
            links=tuple(links),
            report=self.notes.notes(),
            finish=self._date(project, "FinishDate", label) or self._date(summary, "Finish", label),
            calendar_uid=self._calendar_ref(project, label),
            minutes_per_day=max(self._int(project, "MinutesPerDay", 480, label) or 480, 1),
            minutes_per_week=max(self._int(project, "MinutesPerWeek", 2400, label) or 2400, 1),
            days_per_month=max(self._int(project, "DaysPerMonth", 20, label) or 20, 1),
            save_version=project.get("SaveVersion", ""),
            omitted=dict(self.omitted),
        )

    def _calendars(self, container: Element | None) -> list[Calendar]:
        raw = {}
        budget = Budget()
        for _, elem in self._children(container, "Calendar", "calendars"):
            calendar = read_calendar(elem, self.ns, self.note, budget)
            if calendar.uid in raw:
                self._omit("calendars", "dup-calendar", f"UID {calendar.uid}")
            else:
                raw[calendar.uid] = calendar
        for calendar in raw.values():
            if calendar.base_uid is not None and (
                calendar.base_uid not in raw or calendar.base_uid == calendar.uid
            ):
                self.note("bad-base", f"{calendar.name!r} (UID {calendar.uid}): base {calendar.base_uid}")
                calendar.base_uid = None
        weekdays = resolve_weekdays(raw, self.note)
        self.calendar_uids = set(raw)
        return [
            Calendar(c.uid, c.name, c.base_uid, weekdays[c.uid], tuple(c.exceptions)) for c in raw.values()
        ]

    # ------------------------------------------------------------------------------------------ tasks

    def _tasks(
        self, container: Element | None
    ) -> tuple[dict[int, Task], Fields | None, list[tuple[Task, list]]]:
        tasks: dict[int, Task] = {}
        summary: Fields | None = None
        task_links: list[tuple[Task, list[Element]]] = []
        undecided: set[int] = set()  # tasks without a <Summary> element: decided from the outline afterwards
        for position, elem in self._children(container, "Task", "tasks"):
            fields, repeated = element_fields(elem, self.plen)
            uid = self._int(fields, "UID", None, f"task #{position + 1}")
            if uid is None or uid < 0:
                raise ValueError(
                    f"task #{position + 1} in <Tasks> has no valid <UID> ({fields.get('UID', '')!r})"
                )
            name = fields.get("Name", "")
            label = f"{name!r} (UID {uid})" if name else f"UID {uid}"
            links = repeated.get("PredecessorLink", [])
            if uid == 0:  # the project summary task: read as the schedule's name, start and finish
                summary, reason = fields, "the project summary task"
                self.omitted["tasks"] += 1
            elif uid in tasks or uid in self.skipped_tasks:
                reason = "a duplicate UID"
                self._omit("tasks", "dup-task", label)
            elif fields.get("Active") == "0":
                reason = "inactive"
                self._omit("tasks", "inactive", label)
            elif fields.get("ExternalTask") == "1":
                reason = "an external task"
                self._omit("tasks", "external", label)
            else:
                reason = ""
            if reason:
                if uid not in tasks:
                    self.skipped_tasks.setdefault(uid, reason)
                if links:
                    self.omitted["links"] += len(links)
                    self.note("links-of-skipped", f"{label}: {len(links)}")
                continue
            if fields.get("IsNull") == "1":
                # Blank rows are kept (documented in pmo.interop.mspdi): MS Project counts them and numbers them.
                self.note("null", f"ID {fields.get('ID', '?')}")
                task = Task(
                    uid=uid,
                    id=self._int(fields, "ID", position, label) or 0,
                    name="",
                    outline_level=max(self._int(fields, "OutlineLevel", 0, label) or 0, 0),
                    is_null=True,
                )
            else:
                task = self._task(uid, name, label, position, fields, repeated)
                if "Summary" not in fields:
                    undecided.add(uid)
            tasks[uid] = task
            task_links.append((task, links))
        if undecided:
            rows = [task for task in tasks.values() if not task.is_null]
            for index, task in enumerate(rows):
                if task.uid in undecided:
                    after = rows[index + 1] if index + 1 < len(rows) else None
                    is_summary = after is not None and after.outline_level > task.outline_level
                    tasks[task.uid] = replace(
                        task, summary=is_summary, milestone=task.milestone and not is_summary
                    )
        return tasks, summary, task_links

    def _task(
        self, uid: int, name: str, label: str, position: int, fields: Fields, repeated: Repeated
    ) -> Task:
        duration = self._duration(fields, "Duration", label) or 0.0
        if duration < 0:
            self.note("negative-duration", label)
            duration = 0.0
        percent = self._float(fields, "PercentComplete", 0.0, label)
        if not 0 <= percent <= 100:
            self.note("bad-percent", f"{label}: {percent:g}")
            percent = min(max(percent, 0.0), 100.0)
        code = self._int(fields, "ConstraintType", 0, label)
        if code is None or not 0 <= code < len(CONSTRAINT_TYPES):
            self.note("bad-constraint", f"{label}: {code}")
            code = 0
        constraint = CONSTRAINT_TYPES[code]
        constraint_date = self._date(fields, "ConstraintDate", label)
        if constraint not in UNDATED_CONSTRAINTS and constraint_date is None:
            self.note("undated-constraint", f"{label}: {constraint}")
            constraint = "ASAP"
        if constraint not in ENGINE_CONSTRAINTS:
            when = f" {constraint_date:%Y-%m-%d %H:%M}" if constraint_date else ""
            self.note("constraint-unsupported", f"{label}: {CONSTRAINT_NAMES[constraint]}{when}")
        baseline_start = baseline_finish = baseline_duration = None
        for baseline in repeated.get("Baseline", []):
            base, _ = element_fields(baseline, self.plen)
            if base.get("Number", "0") != "0":
                self.note("baselines-other", f"{label}: baseline {base.get('Number')}")
                continue
            baseline_start = self._date(base, "Start", label)
            baseline_finish = self._date(base, "Finish", label)
            baseline_duration = self._duration(base, "Duration", label)
            if baseline_duration is not None and baseline_duration < 0:
                baseline_duration = None
            if nonzero(base, ("Cost", "BCWS", "BCWP")) or base.get("Work", "PT0H0M0S") not in {
                "",
                "PT0H0M0S",
            }:
                self.note("baseline-cost", label)
        self._task_extras(label, fields, repeated)
        summary = fields.get("Summary") == "1"
        milestone = fields["Milestone"] == "1" if "Milestone" in fields else (duration == 0 and not summary)
        return Task(
            uid=uid,
            id=self._int(fields, "ID", position, label) or 0,
            name=name,
            wbs=fields.get("WBS", ""),
            outline_level=max(self._int(fields, "OutlineLevel", 1, label) or 0, 0),
            summary=summary,
            milestone=milestone,
            start=self._date(fields, "Start", label),
            finish=self._date(fields, "Finish", label),
            duration_minutes=duration,
            duration_format=self._format(fields, "DurationFormat", label),
            percent_complete=percent,
            actual_start=self._date(fields, "ActualStart", label),
            actual_finish=self._date(fields, "ActualFinish", label),
            constraint_type=constraint,
            constraint_date=constraint_date,
            calendar_uid=self._calendar_ref(fields, label),
            baseline_start=baseline_start,
            baseline_finish=baseline_finish,
            baseline_duration_minutes=baseline_duration,
            notes=fields.get("Notes", ""),
        )

    def _task_extras(self, label: str, fields: Fields, repeated: Repeated) -> None:
        """Report what the platform does not keep of a task."""
        note = self.note
        if fields.get("Manual") == "1":
            note("manual", label)
        if fields.get("IsSubproject") == "1":
            note("subproject", f"{label}: {fields.get('SubprojectName', '')}")
        if fields.get("Recurring") == "1":
            note("recurring", label)
        if fields.get("Deadline"):
            note("deadline", f"{label}: {fields['Deadline']}")
        if fields.get("Priority", "500") not in {"500", ""}:
            note("priority", f"{label}: {fields['Priority']}")
        if fields.get("LevelingDelay", "0") not in {"0", "0.0", ""}:
            note("leveling-delay", label)
        if fields.get("Hyperlink") or fields.get("HyperlinkAddress"):
            note("hyperlink", label)
        if nonzero(fields, _TASK_COSTS):
            note("cost-tasks", label)
        self._extras("tasks", repeated, label)

    # ------------------------------------------------------------------------------------------ links

    def _links(self, tasks: dict[int, Task], task_links: list[tuple[Task, list[Element]]]) -> list[Link]:
        links: list[Link] = []
        seen: set[tuple[int, int]] = set()
        for successor, elements in task_links:
            for elem in elements:
                link = self._link(tasks, successor, elem, seen)
                if link is None:
                    self.omitted["links"] += 1
                else:
                    links.append(link)
                    seen.add((link.predecessor_uid, link.successor_uid))
        return links

    def _link(
        self, tasks: dict[int, Task], successor: Task, elem: Element, seen: set[tuple[int, int]]
    ) -> Link | None:
        fields, _ = element_fields(elem, self.plen)
        label = f"{successor.name!r} (UID {successor.uid})"
        uid = self._int(fields, "PredecessorUID", None, label)
        if fields.get("CrossProject") == "1":
            self.note("link-external", f"{fields.get('CrossProjectName') or 'another project'} → {label}")
            return None
        if uid is None:
            self.note("link-bad", label)
            return None
        if uid in self.skipped_tasks:
            self.note("link-skipped", f"UID {uid} ({self.skipped_tasks[uid]}) → {label}")
            return None
        predecessor = tasks.get(uid)
        if predecessor is None:
            self.note("link-unknown", f"UID {uid} → {label}")
            return None
        if uid == successor.uid or (uid, successor.uid) in seen:
            self.note("link-dup", f"UID {uid} → {label}")
            return None
        code = self._int(fields, "Type", 1, label)
        kind: LinkType | None = LINK_TYPE_BY_CODE.get(code if code is not None else 1)  # type: ignore[assignment]
        if kind is None:
            self.note("link-type", f"UID {uid} → {label}: {code}")
            kind = "FS"
        lag_format = self._format(fields, "LagFormat", label)
        lag = self._float(fields, "LinkLag", 0.0, label)
        if lag_format in PERCENT_FORMATS:  # LinkLag is then the percentage of the predecessor's duration
            lag_minutes = predecessor.duration_minutes * lag / 100
            self.note(
                "lag-percent", f"{predecessor.name!r} → {successor.name!r}: {lag:g} % = {lag_minutes:g} min"
            )
            return Link(uid, successor.uid, kind, lag_minutes, lag_format, lag)
        return Link(uid, successor.uid, kind, lag / 10, lag_format)  # LinkLag is in tenths of a minute

    # ------------------------------------------------------------------------------------------ resources

    def _resources(self, container: Element | None) -> dict[int, Resource]:
        resources: dict[int, Resource] = {}
        for position, elem in self._children(container, "Resource", "resources"):
            fields, repeated = element_fields(elem, self.plen)
            uid = self._int(fields, "UID", None, f"resource #{position + 1}")
            name = fields.get("Name", "")
            label = f"{name!r} (UID {uid})" if name else f"UID {uid}"
            if uid is None or uid < 0:
                self._omit("resources", "bad-resource", f"#{position + 1}")
            elif uid == 0:
                self._omit("resources", "placeholder-resource")
            elif uid in resources:
                self._omit("resources", "dup-resource", label)
            elif fields.get("IsNull") == "1":
                self._omit("resources", "null-resource", label)
            else:
                resources[uid] = self._resource(uid, name, label, fields, repeated)
        return resources

    def _resource(self, uid: int, name: str, label: str, fields: Fields, repeated: Repeated) -> Resource:
        note = self.note
        code = self._int(fields, "Type", 1, label)
        kind: ResourceType | None = RESOURCE_TYPE_BY_CODE.get(code if code is not None else 1)  # type: ignore[assignment]
        if fields.get("IsCostResource") == "1":
            kind = "cost"
        if kind is None:
            note("resource-type", f"{label}: {code}")
            kind = "work"
        max_units: float | None = self._float(fields, "MaxUnits", -1.0, label)
        if max_units is not None and max_units < 0:
            max_units = None
        if fields.get("IsInactive") == "1":
            note("resource-inactive", label)
        if fields.get("IsGeneric") == "1":
            note("resource-generic", label)
        if any(fields.get(tag) for tag in ("Initials", "Group", "EmailAddress", "Notes", "Code")):
            note("resource-details", label)
        if any(len(periods) for periods in repeated.get("AvailabilityPeriods", [])):
            note("resource-availability", label)
        rates = [element_fields(rate, self.plen)[0] for table in repeated.get("Rates", []) for rate in table]
        if nonzero(fields, _RESOURCE_COSTS) or any(nonzero(rate, _RESOURCE_COSTS) for rate in rates):
            note("cost-resources", label)
        self._extras("resources", repeated, label)
        return Resource(uid, name, kind, max_units, self._calendar_ref(fields, label))

    # ------------------------------------------------------------------------------------------ assignments

    def _assignments(
        self, container: Element | None, tasks: dict[int, Task], resources: dict[int, Resource]
    ) -> list[Assignment]:
        assignments = []
        for position, elem in self._children(container, "Assignment", "assignments"):
            fields, repeated = element_fields(elem, self.plen)
            label = f"assignment #{position + 1}"
            task_uid = self._int(fields, "TaskUID", None, label)
            resource_uid = self._int(fields, "ResourceUID", None, label)
            task = tasks.get(task_uid) if task_uid is not None else None
            if task is not None:
                label = f"{task.name!r} (UID {task.uid}) / resource {resource_uid}"
            if resource_uid == UNASSIGNED_RESOURCE_UID:
                self._omit("assignments", "unassigned")
            elif task_uid is None or resource_uid is None:
                self._omit("assignments", "bad-assignment", label)
            elif task_uid in self.skipped_tasks:
                self._omit(
                    "assignments",
                    "assignment-skipped-task",
                    f"task UID {task_uid} ({self.skipped_tasks[task_uid]})",
                )
            elif task is None:
                self._omit("assignments", "assignment-unknown-task", f"task UID {task_uid}")
            elif resource_uid not in resources:
                self._omit("assignments", "assignment-unknown-resource", label)
            else:
                units = self._float(fields, "Units", 1.0, label)
                work = self._duration(fields, "Work", label) or 0.0
                if units < 0 or work < 0:
                    self.note("assignment-negative", label)
                if nonzero(fields, _ASSIGNMENT_COSTS):
                    self.note("cost-assignments", label)
                if fields.get("Notes"):
                    self.note("assignment-notes", label)
                self._extras("assignments", repeated, label)
                assignments.append(Assignment(task_uid, resource_uid, max(units, 0.0), max(work, 0.0)))
        return assignments
