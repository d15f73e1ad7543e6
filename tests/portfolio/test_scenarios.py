"""Scenarios: created with checked settings, optimised by the real background worker, compared, frozen and approved
(the plan's dates change, with the scenario named in the history)."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.urls import reverse

from pmo.portfolio import services
from pmo.portfolio.models import Scenario, ScenarioStatus
from pmo.projects.models import Project

FIRST = dt.date(2027, 1, 1)


def make(org, **fields) -> Scenario:
    defaults = {
        "portfolio": org.portfolio,
        "name": "Basis",
        "first_month": FIRST,
        "horizon": 24,
        "annual_budget": Decimal("400000"),
        "time_limit": 4,
    }
    return services.create_scenario(acting_user=org.portfolio_manager, **{**defaults, **fields})


@pytest.mark.django_db
def test_settings_are_checked_and_only_the_portfolio_office_makes_scenarios(org, plan):
    with pytest.raises(PermissionDenied):
        services.create_scenario(acting_user=org.pm, portfolio=org.portfolio, name="X", first_month=FIRST)
    with pytest.raises(ValidationError, match="Not a project of this portfolio: NOPE"):
        make(org, forced_in=["NOPE"])
    with pytest.raises(ValidationError, match="Forced in and out at once: P-1"):
        make(org, forced_in=["P-1"], forced_out=["P-1"])
    scenario = make(org, first_month=dt.date(2027, 1, 15))
    assert scenario.first_month == FIRST  # a plan starts at the start of a month
    assert not Scenario.objects.visible_to(org.pm).exists()  # scenarios weigh every proposal: overseers only
    assert Scenario.objects.visible_to(org.executive).count() == 1


@pytest.mark.django_db(transaction=True)  # the worker commits and closes its connection, as in production
def test_run_in_the_worker_freeze_approve_and_the_plan_moves(org, plan, client_for):
    scenario = make(org)
    services.run_scenario(scenario, acting_user=org.portfolio_manager)
    scenario.refresh_from_db()
    assert scenario.status == ScenarioStatus.QUEUED
    call_command("worker", batch=True)
    scenario.refresh_from_db()
    assert scenario.status == ScenarioStatus.DONE, scenario.error
    result = scenario.result
    rows = {row["code"]: row for row in result["projects"]}
    assert "P-3" not in rows  # it ends (June 2026) before the plan starts
    assert rows["P-1"]["start"] is not None  # the proposal fits in the budget
    assert result["value"] >= result["greedy"]["value"]
    assert [p["level"] for p in result["frontier"]] == [0.6, 0.8, 1.0, 1.2, 1.4]
    assert result["months"][0] == "2027-01-01" and len(result["months"]) == 24

    page = client_for(org.portfolio_manager).get(reverse("portfolio:scenario_detail", args=[scenario.pk]))
    html = page.content.decode()
    assert 'class="chart frontier"' in html and 'class="chart roadmap"' in html
    assert page.context["rows"]["in"][0]["code"] == "P-1"

    with pytest.raises(ValidationError, match="Freeze the optimised scenario before approving it"):
        services.approve_scenario(scenario, acting_user=org.portfolio_manager)
    services.freeze_scenario(scenario, acting_user=org.portfolio_manager)
    scenario.refresh_from_db()
    with pytest.raises(ValidationError, match="is frozen"):
        services.update_scenario(scenario, acting_user=org.portfolio_manager, name="Anders")
    with pytest.raises(ValidationError, match="is frozen"):
        services.run_scenario(scenario, acting_user=org.portfolio_manager)

    moved = services.approve_scenario(scenario, acting_user=org.portfolio_manager)
    project = Project.objects.get(code="P-1")
    start = dt.date(2027, 1, 1).replace(
        year=2027 + (rows["P-1"]["start"] // 12), month=rows["P-1"]["start"] % 12 + 1
    )
    assert [p.code for p in moved] == ["P-1"]
    assert project.planned_start == start
    assert (project.planned_finish - project.planned_start).days in range(360, 367)  # a year, as before
    assert project.history.first().history_change_reason == "Scenario “Basis” approved"
    assert Project.objects.get(code="P-3").planned_start == dt.date(
        2025, 7, 1
    )  # running work keeps its dates
    scenario.refresh_from_db()
    assert scenario.approved_by == org.portfolio_manager
    assert scenario.history.first().history_change_reason == "Approved: 1 projects rescheduled"
    with pytest.raises(ValidationError, match="already been approved"):
        services.approve_scenario(scenario, acting_user=org.portfolio_manager)
    dutch = client_for(org.portfolio_manager).get(
        reverse("portfolio:scenario_detail", args=[scenario.pk]), HTTP_ACCEPT_LANGUAGE="nl"
    )
    drawing = dutch.content.decode()
    assert "Efficiënte grens" in drawing
    assert not re.search(
        r' (x|y|cx|cy|width|height)="[^"]*,', drawing
    )  # SVG numbers never get a decimal comma


@pytest.mark.django_db(transaction=True)
def test_compare_two_scenarios_and_forced_out(org, plan, client_for):
    left = make(org, name="Ruim")
    right = make(org, name="Zonder P-1", forced_out=["P-1"])
    for scenario in (left, right):
        services.run_scenario(scenario, acting_user=org.portfolio_manager)
    call_command("worker", batch=True)
    right.refresh_from_db()
    out = {row["code"]: row for row in right.result["projects"]}["P-1"]
    assert out["start"] is None and [r["kind"] for r in out["reasons"]] == ["forced"]
    page = client_for(org.executive).get(reverse("portfolio:scenario_compare"), {"a": left.pk, "b": right.pk})
    assert page.status_code == 200
    assert [(d["code"], d["change"]) for d in page.context["diff"]] == [("P-1", "out")]
    assert "forced out" in client_for(org.executive).get(right.get_absolute_url()).content.decode()


@pytest.mark.django_db
def test_changing_the_settings_clears_the_result_and_pages_render(org, plan, client_for):
    scenario = make(org)
    Scenario.objects.filter(pk=scenario.pk).update(
        status=ScenarioStatus.DONE, result={"months": [], "projects": []}
    )
    scenario.refresh_from_db()
    scenario = services.update_scenario(
        scenario,
        acting_user=org.portfolio_manager,
        expected_version=scenario.version,
        annual_budget=Decimal("1"),
    )
    assert scenario.result is None and scenario.status == ScenarioStatus.DRAFT
    client = client_for(org.portfolio_manager)
    listing = client.get(reverse("portfolio:scenario_list"))
    assert [s.name for s in listing.context["object_list"]] == ["Basis"]
    road = client.get(reverse("portfolio:roadmap"), {"by": "objective"})
    assert road.status_code == 200
    lanes = {lane["name"]: [b.code for b in lane["bars"]] for lane in road.context["road"]["lanes"]}
    assert lanes == {"SD1 Dienstverlening digitaal": ["P-3", "P-1"]}
    created = client.post(
        reverse("portfolio:scenario_create"),
        {
            "portfolio": org.portfolio.pk,
            "name": "Nieuw",
            "first_month": "2027-01-01",
            "horizon": 36,
            "capacity_factor": "1.0",
            "budget_period": 12,
            "value_basis": "score",
            "discount_rate": "4",
            "time_limit": 20,
            "forced_in": ["P-1"],
            "forced_out": ["P-1"],
        },
    )
    assert "Forced in and out at once: P-1" in created.content.decode()
    assert client_for(org.pm).get(reverse("portfolio:scenario_list")).context["object_list"].count() == 0
