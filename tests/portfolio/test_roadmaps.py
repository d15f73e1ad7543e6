"""Roadmaps: bars in swimlanes, with the projects' milestones (moved along when a scenario moves the project) and the
open dependencies between them as arrows."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from pmo.portfolio import optimise, roadmaps
from pmo.portfolio import services as portfolio_services
from pmo.projects import services as project_services
from pmo.raid import services as raid_services
from pmo.raid.models import Dependency
from pmo.schedule import services as schedule_services
from pmo.strategy import services as strategy_services

pytestmark = pytest.mark.django_db


@pytest.fixture
def linked(org, plan):
    """P-1 (a proposal for 2026) has a milestone; P-4 builds on it."""
    schedule = schedule_services.create_schedule(
        org.project, acting_user=org.admin, start=dt.date(2026, 1, 5)
    )
    work = schedule_services.create_task(schedule, acting_user=org.admin, name="Bouwen", duration=40)
    live = schedule_services.create_task(
        schedule, acting_user=org.admin, name="Livegang", duration=0, milestone=True
    )
    schedule_services.add_link(work, live, acting_user=org.admin)
    follow_up = project_services.create_project(
        acting_user=org.admin,
        code="P-4",
        name="Vervolg",
        portfolio=org.portfolio,
        planned_start=dt.date(2027, 1, 1),
        planned_finish=dt.date(2027, 3, 31),
        budget=Decimal("30000"),
    )
    strategy_services.link_project(follow_up, org.objective, acting_user=org.admin, contribution="low")
    raid_services.log_item(
        Dependency, acting_user=org.admin, project=follow_up, title="Loket nodig", depends_on=org.project
    )
    live.refresh_from_db()
    return live


def test_plan_roadmap_draws_milestones_and_dependencies(org, linked, client_for):
    road = roadmaps.plan_roadmap(org.admin)
    (mark,) = road["milestones"]
    assert (mark["code"], mark["name"], mark["date"]) == ("P-1", "Livegang", linked.early_finish)
    (arrow,) = road["arrows"]
    assert arrow["title"] == "P-1 → P-4: Loket nodig" and not arrow["late"]
    bars = {b.code: b for lane in road["lanes"] for b in lane["bars"]}
    assert arrow["path"].startswith(f"M{bars['P-1'].x + bars['P-1'].width:.1f},")
    assert arrow["path"].endswith(f"H{bars['P-4'].x - 1:.1f}")
    html = client_for(org.portfolio_manager).get(reverse("portfolio:roadmap")).content.decode()
    assert 'class="milestone"' in html and 'class="dependency"' in html and "P-1 → P-4: Loket nodig" in html
    # the team member sees P-1 and its milestone, but not P-4 (nobody put them on it), so no arrow to it
    html = client_for(org.member).get(reverse("portfolio:roadmap")).content.decode()
    assert 'class="milestone"' in html and "P-1 → P-4" not in html


def test_scenario_roadmap_moves_milestones_with_their_project(org, linked):
    scenario = portfolio_services.create_scenario(
        acting_user=org.portfolio_manager,
        portfolio=org.portfolio,
        name="Later",
        first_month=dt.date(2026, 4, 1),
        horizon=24,
        time_limit=4,
    )
    optimise.execute(scenario.pk)
    scenario.refresh_from_db()
    starts = {row["code"]: row["start"] for row in scenario.result["projects"]}
    assert starts["P-1"] is not None and starts["P-4"] >= starts["P-1"] + 12
    road = roadmaps.scenario_roadmap(scenario)
    (mark,) = road["milestones"]
    moved = starts["P-1"] + 3  # the plan starts in April 2026; P-1 was planned for January
    month = (linked.early_finish.month - 1 + moved) % 12 + 1
    year = linked.early_finish.year + (linked.early_finish.month - 1 + moved) // 12
    assert mark["date"] == linked.early_finish.replace(year=year, month=month)
    assert len(road["arrows"]) == 1
