"""Load the demo organisation (Gemeente Rivierstad) through the services, idempotently.

Every object is looked up by its natural key (username, portfolio name, programme code, objective code,
project code; a membership or objective link by its unique fields) and created only when it is missing, so a
second run adds nothing. Every write except creating the users themselves goes through the services, acting as
the `admin` superuser, so the history shows who did what and each project's lifecycle shows a realistic path.
"""

from __future__ import annotations

from collections import Counter
from decimal import Decimal
from typing import Any, TextIO

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import translation

from pmo.core.roles import OrgRole
from pmo.projects.models import (
    Portfolio,
    Programme,
    ProgrammeMembership,
    ProgrammeRole,
    Project,
    ProjectMembership,
    ProjectRole,
)
from pmo.projects.services import (
    add_programme_member,
    add_project_member,
    create_portfolio,
    create_programme,
    create_project,
    transition_project,
)
from pmo.strategy.models import DriverWeighting, ProjectObjective, StrategicObjective
from pmo.strategy.services import create_objective, link_project, weigh_by_comparison

from . import data
from .benefits import load_benefits
from .costs import load_costs
from .documents import load_documents
from .knowledge import load_knowledge
from .lessons import load_lessons
from .methods import load_methods
from .raid import load_raid
from .reports import load_reports
from .resources import load_levelled_plan, load_resources
from .reviews import load_reviews
from .scenarios import load_scenarios
from .schedules import load_schedules

#: The keys of the counts `load_demo` returns, in the order the command prints them.
COUNT_KEYS = (
    "users",
    "portfolios",
    "objectives",
    "programmes",
    "programme_members",
    "projects",
    "transitions",
    "project_members",
    "objective_links",
    "schedule_tasks",
    "raid_items",
    "cost_months",
    "status_reports",
    "demand_months",
    "assignments",
    "scenarios",
    "benefits",
    "methods",
    "reviews",
    "knowledge",
    "documents",
    "lessons",
)


def load_demo(stdout: TextIO | None = None) -> dict[str, int]:
    """Create what is missing of the demo organisation; returns how many objects of each kind it created."""
    created: Counter[str] = Counter({key: 0 for key in COUNT_KEYS})

    def say(message: str) -> None:
        if stdout is not None:
            stdout.write(message + "\n")

    # The demo organisation is Dutch: the lifecycle notes the services write into the history are Dutch too.
    with translation.override("nl"), transaction.atomic():
        users = _load_users(created)
        admin = users["admin"]
        say(f"users: {created['users']} created")

        portfolio = Portfolio.objects.filter(name=data.PORTFOLIO["name"]).first()
        if portfolio is None:
            portfolio = create_portfolio(
                acting_user=admin,
                name=data.PORTFOLIO["name"],
                description=data.PORTFOLIO["description"],
                owner=users[data.PORTFOLIO["owner"]],
            )
            created["portfolios"] += 1

        objectives = _load_objectives(portfolio, admin, created)
        say(f"objectives: {created['objectives']} created")
        if not DriverWeighting.objects.filter(portfolio=portfolio).exists():
            judgements = {
                (objectives[a].pk, objectives[b].pk): v for (a, b), v in data.DRIVER_JUDGEMENTS.items()
            }
            weigh_by_comparison(portfolio, judgements, acting_user=users[data.PORTFOLIO["owner"]])
            say("driver weights: set by pairwise comparison")
        programmes = _load_programmes(portfolio, users, admin, created)
        say(f"programmes: {created['programmes']} created")
        _load_projects(portfolio, programmes, objectives, users, admin, created)
        say(f"projects: {created['projects']} created")
        created["schedule_tasks"] += load_schedules(admin)
        say(f"schedule tasks: {created['schedule_tasks']} created")
        created["raid_items"] += load_raid(admin)
        say(f"RAID items: {created['raid_items']} created")
        created["cost_months"] += load_costs(admin)
        say(f"cost months: {created['cost_months']} created")
        created["status_reports"] += load_reports(admin)
        say(f"status reports: {created['status_reports']} created")
        created["demand_months"] += load_resources(admin)
        say(f"resource demand: {created['demand_months']} months created")
        created["assignments"] += load_levelled_plan(admin)
        say(f"assignments: {created['assignments']} created (and the plan levelled)")
        created["methods"] += load_methods(admin)
        say(f"methods: {created['methods']} created, the running projects follow them")
        created["documents"] += load_documents(admin)
        say(f"documents: {created['documents']} templates, versions and project documents created")
        created["reviews"] += load_reviews(admin)
        say(f"reviews: {created['reviews']} created (questionnaire, health checks, audits and findings)")
        created["knowledge"] += load_knowledge(admin)
        say(f"training, knowledge base, maturity: {created['knowledge']} created")
        created["lessons"] += load_lessons(admin)
        say(f"lessons learned: {created['lessons']} recorded")
        created["benefits"] += load_benefits(admin)
        say(f"benefits: {created['benefits']} created, with changes, plans and measurements")
        created["scenarios"] += load_scenarios(admin)
        say(f"scenarios: {created['scenarios']} created and optimised")
    return dict(created)


def _load_users(created: Counter[str]) -> dict[str, Any]:
    User = get_user_model()
    # the role groups come from a data migration; a flushed test database may have lost them
    groups = {role: Group.objects.get_or_create(name=role)[0] for role in OrgRole.values}
    users = {user.username: user for user in User.objects.filter(username__in=_all_usernames())}

    def make(username, first_name, last_name, job_title, department, roles, *, password, superuser=False):
        if username in users:
            return
        fields = {
            "first_name": first_name,
            "last_name": last_name,
            "email": f"{username}@{data.EMAIL_DOMAIN}",
            "job_title": job_title,
            "department": department,
        }
        # Without a password (None) create_user gives the user an unusable one, as set_unusable_password()
        # would, without a second save (and a second history row): these people never sign in.
        if superuser:
            user = User.objects.create_superuser(username, password=password, **fields)
        else:
            user = User.objects.create_user(username, password=password, **fields)
        for name in roles:
            user.groups.add(groups[name])
        users[username] = user
        created["users"] += 1

    for spec in data.DEMO_USERS:
        make(
            spec["username"],
            spec["first_name"],
            spec["last_name"],
            spec["job_title"],
            spec["department"],
            spec["groups"],
            password=data.DEMO_PASSWORD,
            superuser=spec.get("superuser", False),
        )
    for username, first_name, last_name, job_title, department, role in data.PEOPLE:
        make(username, first_name, last_name, job_title, department, [role], password=None)

    admin = users["admin"]
    if not (admin.is_active and admin.is_superuser):
        raise RuntimeError("A user 'admin' exists but is not an active superuser: the demo cannot be loaded.")
    return users


def _all_usernames() -> list[str]:
    return [spec["username"] for spec in data.DEMO_USERS] + [person[0] for person in data.PEOPLE]


def _load_objectives(portfolio, admin, created: Counter[str]) -> dict[str, StrategicObjective]:
    objectives = {obj.code: obj for obj in StrategicObjective.objects.filter(portfolio=portfolio)}
    for spec in data.OBJECTIVES:
        if spec["code"] in objectives:
            continue
        objectives[spec["code"]] = create_objective(
            acting_user=admin,
            portfolio=portfolio,
            code=spec["code"],
            title=spec["title"],
            description=spec["description"],
            parent=objectives[spec["parent"]] if spec.get("parent") else None,
        )
        created["objectives"] += 1
    return objectives


def _load_programmes(portfolio, users, admin, created: Counter[str]) -> dict[str, Programme]:
    programmes = {
        programme.code: programme
        for programme in Programme.objects.filter(code__in=[spec["code"] for spec in data.PROGRAMMES])
    }
    for spec in data.PROGRAMMES:
        programme = programmes.get(spec["code"])
        if programme is None:
            programme = programmes[spec["code"]] = create_programme(
                acting_user=admin,
                portfolio=portfolio,
                code=spec["code"],
                name=spec["name"],
                description=spec["description"],
                manager=users[spec["manager"]],
                sponsor=users[spec["sponsor"]],
            )
            created["programmes"] += 1
        for username in spec["pmo_officers"]:
            user = users[username]
            role = ProgrammeRole.PMO_OFFICER
            if not ProgrammeMembership.objects.filter(programme=programme, user=user, role=role).exists():
                add_programme_member(programme, acting_user=admin, user=user, role=role)
                created["programme_members"] += 1
    return programmes


def _link(project, spec, objectives, admin, created: Counter[str]) -> None:
    for code, contribution in spec["objectives"].items():
        objective = objectives[code]
        if not ProjectObjective.objects.filter(project=project, objective=objective).exists():
            link_project(project, objective, acting_user=admin, contribution=contribution)
            created["objective_links"] += 1


def _load_projects(portfolio, programmes, objectives, users, admin, created: Counter[str]) -> None:
    existing = {
        project.code: project
        for project in Project.objects.filter(code__in=[spec["code"] for spec in data.PROJECTS])
    }
    for spec in data.PROJECTS:
        project = existing.get(spec["code"])
        if project is None:
            project = create_project(
                acting_user=admin,
                code=spec["code"],
                name=spec["name"],
                description=spec["description"],
                portfolio=portfolio,
                programme=programmes[spec["programme"]] if spec["programme"] else None,
                sponsor=users[spec["sponsor"]],
                manager=users[spec["manager"]],
                planned_start=spec["start"],
                planned_finish=spec["finish"],
                budget=Decimal(spec["budget"]),
            )
            created["projects"] += 1
            _link(project, spec, objectives, admin, created)
            # Only a new project walks its lifecycle: an existing one keeps the state it has reached since.
            # It is linked to its objectives first: an unaligned project cannot be approved.
            for step in spec.get("path", data.DEFAULT_PATHS[spec["state"]]):
                state, reason = step if isinstance(step, tuple) else (step, data.TRANSITION_REASONS[step])
                project = transition_project(project, acting_user=admin, to=state, reason=reason)
                created["transitions"] += 1
            if project.lifecycle != spec["state"]:
                raise ValueError(f"{spec['code']}: path ends in {project.lifecycle}, not {spec['state']}")

        _link(project, spec, objectives, admin, created)  # an existing project gets back a link it lost
        for username in spec["team"]:
            user = users[username]
            role = ProjectRole.TEAM_MEMBER
            if not ProjectMembership.objects.filter(project=project, user=user, role=role).exists():
                add_project_member(project, acting_user=admin, user=user, role=role)
                created["project_members"] += 1
