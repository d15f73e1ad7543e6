"""Reading training records and the glossary: who holds which role, the competency matrix, a person's training,
the glossary terms a text uses; and the maturity charts (numbers formatted for SVG, never localised)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet

from pmo.projects.lifecycle import Lifecycle
from pmo.projects.models import Project, ProjectMembership, ProjectRole

from .models import (
    Completion,
    Course,
    GlossaryTerm,
    MaturityAssessment,
    Perspective,
    RequiredRole,
    RoleRequirement,
)

DONE, EXPIRED, MISSING = "done", "expired", "missing"
#: Projects whose people no longer count for the roles they held in them.
ENDED = (Lifecycle.CLOSED, Lifecycle.CANCELLED, Lifecycle.REJECTED)


def glossary_for(text: str | None = None) -> list[GlossaryTerm]:
    """The glossary terms `text` uses (as a whole word, in Dutch or English, any case); every term for None."""
    terms = list(GlossaryTerm.objects.all())
    if text is None:
        return terms
    lowered = text.lower()

    def used(word: str) -> bool:
        return bool(word) and re.search(rf"(?<!\w){re.escape(word.lower())}(?!\w)", lowered) is not None

    return [t for t in terms if used(t.term) or used(t.english)]


def holders(roles: list[str]) -> dict[str, set[int]]:
    """For each role key (RequiredRole), the ids of the active people holding it — organisation roles through
    their group, project roles through a project that has not ended (membership, or as its manager or sponsor)."""
    found: dict[str, set[int]] = {role: set() for role in roles}
    org = {r.split(":", 1)[1]: r for r in roles if r.startswith("org:")}
    if org:
        users = get_user_model().objects.filter(is_active=True, groups__name__in=org)
        for pk, group in users.values_list("pk", "groups__name"):
            found[org[group]].add(pk)
    project = {r.split(":", 1)[1]: r for r in roles if r.startswith("project:")}
    if project:
        live = ~Q(project__lifecycle__in=ENDED) & Q(user__is_active=True)
        for pk, role in ProjectMembership.objects.filter(live, role__in=project).values_list(
            "user_id", "role"
        ):
            found[project[role]].add(pk)
        running = Project.objects.exclude(lifecycle__in=ENDED)
        for role, column in ((ProjectRole.PROJECT_MANAGER, "manager"), (ProjectRole.SPONSOR, "sponsor")):
            if role in project:
                ids = running.filter(**{f"{column}__is_active": True}).values_list(column, flat=True)
                found[project[role]].update(ids)
    return found


def status_of(completions: list[Completion], today: dt.date) -> tuple[str, Completion | None]:
    """The state of one person's training for one course: the latest completion decides."""
    if not completions:
        return MISSING, None
    latest = max(completions, key=lambda c: c.completed_on)
    if latest.valid_until is not None and latest.valid_until < today:
        return EXPIRED, latest
    return DONE, latest


@dataclass
class Cell:
    course: Course
    required: bool
    status: str = ""
    completion: Completion | None = None


@dataclass
class PersonRow:
    person: object
    roles: list[str]
    cells: list[Cell] = field(default_factory=list)

    @property
    def required(self) -> int:
        return sum(1 for c in self.cells if c.required)

    @property
    def done(self) -> int:
        return sum(1 for c in self.cells if c.required and c.status == DONE)

    @property
    def percent(self) -> int | None:
        return round(100 * self.done / self.required) if self.required else None


@dataclass
class RoleSummary:
    role: str
    label: str
    people: int
    required: int
    done: int

    @property
    def percent(self) -> int | None:
        return round(100 * self.done / self.required) if self.required else None


@dataclass
class Matrix:
    courses: list[Course]
    rows: list[PersonRow]
    roles: list[RoleSummary]


def competency_matrix(today: dt.date, *, role: str = "", department: str = "", sort: str = "name") -> Matrix:
    """People holding a role that requires training × the courses required, each cell done / expired / missing
    (or not required for that person), with the share compliant per person and per role. A fixed number of queries."""
    requirements = list(RoleRequirement.objects.select_related("course").order_by("course__code"))
    if role:
        requirements = [r for r in requirements if r.role == role]
    by_role: dict[str, list[Course]] = {}
    for req in requirements:
        by_role.setdefault(req.role, []).append(req.course)
    held = holders(list(by_role))
    people_roles: dict[int, list[str]] = {}
    for key, ids in held.items():
        for pk in ids:
            people_roles.setdefault(pk, []).append(key)
    people = get_user_model().objects.filter(pk__in=people_roles)
    if department:
        people = people.filter(department=department)
    people = list(people)
    courses = sorted({c.pk: c for cs in by_role.values() for c in cs}.values(), key=lambda c: c.code)
    completions: dict[tuple[int, int], list[Completion]] = {}
    for c in Completion.objects.filter(user__in=[p.pk for p in people], course__in=[c.pk for c in courses]):
        completions.setdefault((c.user_id, c.course_id), []).append(c)
    status: dict[tuple[int, int], tuple[str, Completion | None]] = {}
    rows = []
    order = list(RequiredRole.values)
    for person in people:
        keys = sorted(people_roles[person.pk], key=order.index)
        needed = {c.pk for key in keys for c in by_role[key]}
        row = PersonRow(person, [RequiredRole(k).label for k in keys])
        for course in courses:
            required = course.pk in needed
            cell = Cell(course, required)
            state, completion = status.setdefault(
                (person.pk, course.pk), status_of(completions.get((person.pk, course.pk), []), today)
            )
            if required or completion is not None:
                cell.status, cell.completion = state, completion
            row.cells.append(cell)
        rows.append(row)
    in_view = {p.pk for p in people}
    summaries = []
    for key in sorted(by_role, key=order.index):
        members = held[key] & in_view
        pairs = [(pk, c.pk) for pk in members for c in by_role[key]]
        summaries.append(
            RoleSummary(
                key,
                RequiredRole(key).label,
                len(members),
                len(pairs),
                sum(1 for pair in pairs if status[pair][0] == DONE),
            )
        )
    reverse = sort.startswith("-")
    key = sort.lstrip("-")
    if key == "percent":
        rows.sort(key=lambda r: (r.percent is None, r.percent or 0, str(r.person)), reverse=reverse)
    elif key == "department":
        rows.sort(key=lambda r: (r.person.department.lower(), str(r.person).lower()), reverse=reverse)
    else:
        rows.sort(key=lambda r: str(r.person).lower(), reverse=reverse)
    return Matrix(courses, rows, summaries)


def training_of(user, today: dt.date) -> tuple[list[tuple[Course, str, Completion | None, list[str]]], list]:
    """A person's required courses (with their state and the roles asking for them) and everything they did."""
    keys = [key for key, ids in holders(list(RequiredRole.values)).items() if user.pk in ids]
    completions = list(
        Completion.objects.filter(user=user).select_related("course").order_by("-completed_on")
    )
    required: dict[int, tuple[Course, list[str]]] = {}
    for req in (
        RoleRequirement.objects.filter(role__in=keys).select_related("course").order_by("course__code")
    ):
        required.setdefault(req.course_id, (req.course, []))[1].append(str(req.get_role_display()))
    rows = []
    for course, roles in required.values():
        state, completion = status_of([c for c in completions if c.course_id == course.pk], today)
        rows.append((course, state, completion, roles))
    return rows, completions


def departments() -> list[str]:
    return list(
        get_user_model()
        .objects.exclude(department="")
        .order_by("department")
        .values_list("department", flat=True)
        .distinct()
    )


# -- maturity charts ------------------------------------------------------------------------------------------------


def _n(value: float) -> str:
    """A coordinate for SVG: always a dot as decimal separator, whatever the language."""
    return f"{value:.1f}"


def latest_assessment(assessments: QuerySet | None = None) -> MaturityAssessment | None:
    qs = MaturityAssessment.objects.all() if assessments is None else assessments
    return qs.order_by("-assessed_on", "-pk").first()


def bars_chart(assessment: MaturityAssessment) -> dict:
    """Horizontal bars: the current level and the target of every perspective (levels 0–5 on the x axis)."""
    scores = {s.perspective: s for s in assessment.scores.all()}
    left, width, row_h, top = 200.0, 360.0, 34.0, 24.0
    unit = width / 5
    rows = []
    for i, (key, label) in enumerate(Perspective.choices):
        score = scores.get(key)
        y = top + i * row_h
        level = score.level if score else 0
        target = score.target_level if score else None
        rows.append(
            {
                "key": key,
                "label": label,
                "level": level,
                "target": target,
                "y": _n(y),
                "text_y": _n(y + 15),
                "width": _n(level * unit),
                "value_x": _n(left + level * unit + 6),
                "target_x": _n(left + target * unit) if target else None,
                "target_y2": _n(y + 22),
            }
        )
    return {
        "width": _n(left + width + 60),
        "height": _n(top + len(rows) * row_h + 10),
        "left": _n(left),
        "rows": rows,
        "grid": [{"x": _n(left + k * unit), "label": k} for k in range(6)],
        "grid_bottom": _n(top + len(rows) * row_h),
    }


def history_chart(assessments: list[MaturityAssessment]) -> dict | None:
    """One line per perspective over the assessments (oldest left), levels 1–5."""
    if not assessments:
        return None
    ordered = sorted(assessments, key=lambda a: (a.assessed_on, a.pk))
    left, right, top, height = 40.0, 40.0, 16.0, 200.0
    step = 520.0 / max(len(ordered) - 1, 1)

    def x(i: int) -> float:
        return left + (i * step if len(ordered) > 1 else 260.0)

    def y(level: float) -> float:
        return top + height - (level - 1) / 4 * height

    lines = []
    for n, (key, label) in enumerate(Perspective.choices):
        points = []
        shift = (n - 3) * 2.0  # lines with the same levels stay apart
        for i, a in enumerate(ordered):
            score = next((s for s in a.scores.all() if s.perspective == key), None)
            if score is not None:
                points.append((x(i), y(score.level) + shift, score.level))
        lines.append(
            {
                "key": key,
                "label": label,
                "series": n + 1,
                "points": " ".join(f"{_n(px)},{_n(py)}" for px, py, _l in points),
                "dots": [{"x": _n(px), "y": _n(py), "level": lv} for px, py, lv in points],
            }
        )
    return {
        "width": _n(left + 520.0 + right + 10),
        "height": _n(top + height + 30),
        "lines": lines,
        "columns": [{"x": _n(x(i)), "label": f"{a.assessed_on:%Y-%m-%d}"} for i, a in enumerate(ordered)],
        "levels": [{"y": _n(y(k)), "label": k} for k in range(1, 6)],
        "left": _n(left),
        "right": _n(left + 520.0),
        "label_y": _n(top + height + 20),
    }
