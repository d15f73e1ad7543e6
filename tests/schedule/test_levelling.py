"""Levelling a project's plan: resources and assignments through the services, the plan levelled and explained,
the Gantt showing the wait, and bad input refused naming the item."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from pmo.schedule import services
from pmo.schedule.models import Assignment, Task

pytestmark = pytest.mark.django_db


@pytest.fixture
def plan(org):
    """Design, then Build and Test in parallel; Build and Test both need the one developer."""
    schedule = services.create_schedule(org.project, acting_user=org.admin, start=dt.date(2026, 3, 2))
    design = services.create_task(schedule, acting_user=org.pm, name="Design", duration=3)
    build = services.create_task(schedule, acting_user=org.pm, name="Build", duration=5)
    test = services.create_task(schedule, acting_user=org.pm, name="Test", duration=4)
    services.add_link(design, build, acting_user=org.pm)
    services.add_link(design, test, acting_user=org.pm)
    developer = services.add_resource(schedule, acting_user=org.pm, name="Developer", max_units=Decimal(1))
    services.assign(build, developer, acting_user=org.pm, units=Decimal(1))
    services.assign(test, developer, acting_user=org.pm, units=Decimal("0.5"))
    return {"schedule": schedule, "design": design, "build": build, "test": test, "developer": developer}


def test_levelling_makes_one_task_wait_and_says_why(org, plan):
    schedule = plan["schedule"]
    before = Task.objects.get(pk=plan["test"].pk).early_start
    result = services.level_schedule(schedule, acting_user=org.pm)
    assert result.makespan == 12 and result.unlevelled_makespan == 8
    build, test = Task.objects.get(pk=plan["build"].pk), Task.objects.get(pk=plan["test"].pk)
    waiting = test if test.levelling_delay else build
    other = build if waiting is test else test
    assert waiting.levelling_delay == other.duration
    assert waiting.levelled_from == before and waiting.early_start > before
    assert waiting.levelling_note == f"Waits for Developer, in use by {other}."
    schedule.refresh_from_db()
    assert schedule.levelling["delayed"] == 1 and schedule.levelling["working_days"] == 12
    assert schedule.history.first().history_change_reason == "Levelled"
    # levelled again with the exact solver: the same shortest plan, now proven
    result = services.level_schedule(schedule, acting_user=org.pm, exact=True, time_limit=5)
    assert result.makespan == 12 and result.optimal
    services.clear_levelling(schedule, acting_user=org.pm)
    assert not Task.objects.filter(schedule=schedule, levelling_delay__gt=0).exists()
    assert Task.objects.get(pk=plan["test"].pk).early_start == before


def test_enough_units_means_nobody_waits(org, plan):
    services.update_resource(
        plan["developer"], acting_user=org.pm, expected_version=1, max_units=Decimal("1.5")
    )
    result = services.level_schedule(plan["schedule"], acting_user=org.pm)
    assert result.waits == [] and result.makespan == 8


def test_a_task_needing_more_than_exists_is_refused_naming_it(org, plan):
    with pytest.raises(ValidationError, match=r"Build needs 2 of Developer, but only 1 exist"):
        services.assign(plan["build"], plan["developer"], acting_user=org.pm, units=Decimal(2))
    with pytest.raises(ValidationError, match=r"Build needs 1 of Developer, but only 0.5 exist"):
        services.update_resource(
            plan["developer"], acting_user=org.pm, expected_version=1, max_units=Decimal("0.5")
        )
    with pytest.raises(ValidationError, match="Tester: the maximum units cannot be negative"):
        services.add_resource(plan["schedule"], acting_user=org.pm, name="Tester", max_units=Decimal(-1))
    with pytest.raises(ValidationError, match="Build: give more than 0 units"):
        services.assign(plan["build"], plan["developer"], acting_user=org.pm, units=Decimal(0))
    assert Assignment.objects.get(task=plan["build"]).units == 1


def test_without_resources_there_is_nothing_to_level(org):
    schedule = services.create_schedule(org.project, acting_user=org.admin, start=dt.date(2026, 3, 2))
    services.create_task(schedule, acting_user=org.pm, name="Alone", duration=3)
    with pytest.raises(ValidationError, match="Add resources and assign them"):
        services.level_schedule(schedule, acting_user=org.pm)


def test_only_the_projects_managers_level_it(org, plan):
    with pytest.raises(PermissionDenied):
        services.level_schedule(plan["schedule"], acting_user=org.member)
    with pytest.raises(PermissionDenied):
        services.add_resource(plan["schedule"], acting_user=org.member, name="X")
    with pytest.raises(PermissionDenied):
        services.update_resource(plan["developer"], acting_user=org.member, expected_version=1, max_units=-1)


def test_levelling_page_and_gantt_show_the_wait(org, plan, client_for):
    client = client_for(org.pm)
    page = client.get(f"/projects/{org.project.pk}/schedule/levelling/").content.decode()
    assert "not levelled" in page and "▲ 4" in page  # the developer is asked 1.5 on the 4 days Test runs
    response = client.post(
        f"/projects/{org.project.pk}/schedule/levelling/run/",
        {"method": "exact", "time_limit": "5"},
        follow=True,
    )
    text = response.content.decode()
    assert (
        "Levelled: 1 task(s) wait for resources; the plan takes 12 working days (8 without levelling)" in text
    )
    assert "proven shortest" in text and "Waits for Developer, in use by" in text
    gantt = client.get(f"/projects/{org.project.pk}/schedule/").content.decode()
    assert gantt.count('<g class="wait">') == 1 and "Levelling delay: Waits for Developer" in gantt
    refused = client.post(
        f"/projects/{org.project.pk}/schedule/assignments/add/",
        {"task": plan["design"].pk, "resource": plan["developer"].pk, "units": "3"},
        follow=True,
    ).content.decode()
    assert "Design needs 3 of Developer, but only 1 exist." in refused


def test_the_exact_solver_refuses_plans_too_big_for_it(org, plan, monkeypatch):
    monkeypatch.setattr(services, "EXACT_LIMIT", 2)
    with pytest.raises(ValidationError, match="The exact solver takes plans of up to 2 tasks"):
        services.level_schedule(plan["schedule"], acting_user=org.pm, exact=True)
    assert services.level_schedule(plan["schedule"], acting_user=org.pm).makespan == 12
