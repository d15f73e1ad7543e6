"""A scenario in a real browser: the portfolio manager creates and runs it, sees the frontier and the roadmap, freezes
and approves it, and the project's planned dates change with the decision in its history."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from pmo.portfolio.models import Scenario
from pmo.projects.models import Project
from tests.portfolio.conftest import plan, staff  # noqa: F401  (fixtures)

from .conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_run_a_scenario_see_frontier_and_roadmap_and_approve_it(page, org, plan, tmp_path):  # noqa: F811
    log_in(page, "portfolio")
    page.goto("/portfolio/scenarios/")
    page.get_by_role("link", name="+ New scenario").click()
    page.get_by_label("Portfolio").select_option(label="Gemeente Test")
    page.get_by_label("Name").fill("Rivierstad 2027")
    page.get_by_label("First month").fill("2027-01-01")
    page.get_by_label("Horizon (months)").fill("24")
    page.get_by_label("Budget per year").fill("400000")
    page.get_by_label("Time limit (seconds)").fill("4")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Not optimised yet")).to_be_visible()
    page.get_by_role("button", name="Run").click()
    expect(page.locator("#progress")).to_be_visible()
    call_command("worker", batch=True)  # the background worker, as `pmo worker` runs it
    frontier = page.get_by_role("img", name="Budget per year")
    expect(frontier).to_be_visible(timeout=15000)  # the page refreshes itself
    expect(page.get_by_role("img", name="Capacity")).to_be_visible()  # and the frontier over the people
    expect(page.locator("svg.chart.roadmap rect.bar.chosen")).to_have_count(1)
    expect(page.locator("#chosen")).to_contain_text("P-1")
    page.screenshot(path=tmp_path / "scenario.png", full_page=True)

    before = Project.objects.get(code="P-1").planned_start
    page.get_by_role("button", name="❄ Freeze").click()
    page.get_by_role("button", name="✓ Approve: make this the plan").click()
    expect(page.locator(".messages")).to_contain_text("the planned starts have changed")
    project = Project.objects.get(code="P-1")
    assert project.planned_start != before and project.planned_start.year >= 2027
    assert Scenario.objects.get().approved_by == org.portfolio_manager
    page.goto(f"/projects/{project.pk}/history/")
    expect(page.get_by_text("Scenario “Rivierstad 2027” approved").first).to_be_visible()
