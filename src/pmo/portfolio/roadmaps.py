"""What the roadmaps show: projects as bars in swimlanes (by programme or by the objective they serve first), their
milestones, and the dependencies between them — for the plan as it stands and for a scenario's plan."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _

from pmo.engine import capacity as months_math
from pmo.projects.lifecycle import OPEN_STATES
from pmo.projects.models import Project
from pmo.raid.models import Dependency, DependencyStatus
from pmo.schedule.models import Task
from pmo.strategy.models import ProjectObjective, StrategicObjective
from pmo.strategy.priorities import top_level

from .charts import roadmap
from .models import Scenario


def _months(first: dt.date, later: dt.date) -> int:
    return (later.year - first.year) * 12 + later.month - first.month


def _shifted(day: dt.date, months: int) -> dt.date:
    """The same day of the month, `months` later (the last day where the month is shorter)."""
    if not months:
        return day
    month = months_math.add_months(day, months)
    last = (months_math.add_months(month, 1) - dt.timedelta(days=1)).day
    return month.replace(day=min(day.day, last))


def _drawing(items: list[dict], by: str, first: dt.date, months: int) -> dict:
    """The roadmap of `items` (pk, code, name, start, finish, kind, and `shift`: how many months the scenario moves
    the project from its planned dates): lanes, milestones moved with their project, dependencies among them."""
    projects = {
        p.pk: p for p in Project.objects.filter(pk__in=[i["pk"] for i in items]).select_related("programme")
    }
    for item in items:
        item["url"] = projects[item["pk"]].get_absolute_url()
    shift = {i["pk"]: i.get("shift", 0) for i in items}
    milestones: dict[int, list[tuple[dt.date, str]]] = {}
    for project_id, day, name in Task.objects.filter(
        schedule__project__in=projects, milestone=True, early_finish__isnull=False
    ).values_list("schedule__project_id", "early_finish", "name"):
        milestones.setdefault(project_id, []).append((_shifted(day, shift[project_id]), name))
    links = list(
        Dependency.objects.filter(project__in=projects, depends_on__in=projects)
        .exclude(status=DependencyStatus.MET)
        .values_list("depends_on_id", "project_id", "title")
    )
    return roadmap(_lanes(items, projects, by), first, months, milestones=milestones, links=links)


def _lanes(items: list[dict], projects: dict[int, Project], by: str) -> dict[str, list[dict]]:
    lanes: dict[str, list[dict]] = {}
    if by == "objective":
        top = {}  # objective pk → its top-level objective (the driver)
        for portfolio_id in {p.portfolio_id for p in projects.values()}:
            top.update(top_level(portfolio_id))
        names = {
            o.pk: f"{o.code} {o.title}" for o in StrategicObjective.objects.filter(pk__in=set(top.values()))
        }
        first_objective = {}
        links = ProjectObjective.objects.filter(project__in=projects.values())
        for project_id, objective_id in links.values_list("project_id", "objective_id"):
            first_objective.setdefault(project_id, names[top[objective_id]])
        for item in items:
            lanes.setdefault(first_objective.get(item["pk"], _("No objective")), []).append(item)
    else:
        for item in items:
            programme = projects[item["pk"]].programme
            lanes.setdefault(str(programme) if programme else _("No programme"), []).append(item)
    return dict(sorted(lanes.items()))


def scenario_roadmap(scenario: Scenario, by: str = "programme") -> dict | None:
    """The scenario's plan: running projects and the proposals it chose, in the months it chose."""
    result = scenario.result or {}
    if not result.get("projects"):
        return None
    first = dt.date.fromisoformat(result["months"][0])
    planned = dict(
        Project.objects.filter(pk__in=[r["pk"] for r in result["projects"]]).values_list(
            "pk", "planned_start"
        )
    )
    items = []
    for row in result["projects"]:
        if row["start"] is None:
            continue
        start = months_math.add_months(first, row["start"])
        finish = months_math.add_months(start, row["duration"]) - dt.timedelta(days=1)
        was = planned.get(row["pk"])
        items.append(
            {
                "pk": row["pk"],
                "code": row["code"],
                "name": row["name"],
                "start": start,
                "finish": finish,
                "kind": "running" if row["running"] else "chosen",
                "shift": _months(was, start) if was and not row["running"] else 0,
            }
        )
    return _drawing(items, by, first, len(result["months"]))


def plan_roadmap(user, by: str = "programme") -> dict | None:
    """The plan as it stands: the open projects `user` sees, with their planned dates."""
    projects = (
        Project.objects.visible_to(user)
        .filter(lifecycle__in=OPEN_STATES, planned_start__isnull=False, planned_finish__isnull=False)
        .order_by("planned_start")
    )
    items = [
        {
            "pk": p.pk,
            "code": p.code,
            "name": p.name,
            "start": p.planned_start,
            "finish": p.planned_finish,
            "kind": "plan" if p.lifecycle != "proposal" else "proposal",
        }
        for p in projects
    ]
    if not items:
        return None
    first = months_math.month_start(min(i["start"] for i in items))
    last = max(i["finish"] for i in items)
    return _drawing(items, by, first, min(_months(first, last) + 1, 120))
