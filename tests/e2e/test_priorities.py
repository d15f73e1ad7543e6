"""Weighing the drivers in a real browser, by keyboard: the portfolio manager answers the pairwise questions, sees the
weights and the consistency ratio, and the ranking follows."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from pmo.strategy import services
from pmo.strategy.models import StrategicObjective

from .conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_weigh_drivers_pairwise_and_see_the_ranking(page, org, tmp_path):
    sd2 = services.create_objective(acting_user=org.admin, portfolio=org.portfolio, code="SD2", title="Wonen")
    services.link_project(org.project, org.objective, acting_user=org.admin, contribution="high")
    services.link_project(org.other_project, sd2, acting_user=org.admin, contribution="high")
    log_in(page, "portfolio")
    page.goto("/strategy/priorities/")
    expect(page.get_by_text("No weights set: every driver counts equally.")).to_be_visible()
    page.get_by_role("link", name="Set weights").click()
    question = page.get_by_label("SD1 compared with SD2")
    question.focus()
    question.select_option("1/5")  # housing matters strongly more than digital services
    question.press("Tab")
    page.keyboard.press("Enter")  # the focus is on "Calculate weights"
    expect(page.locator(".messages")).to_contain_text("Weights calculated; consistency ratio 0.00.")
    weights = page.locator("#driver-weights")
    expect(weights).to_contain_text("16.7 %")
    expect(weights).to_contain_text("83.3 %")
    rows = page.locator("#ranking tbody tr")
    expect(rows.first).to_contain_text("P-2")
    expect(rows.nth(1)).to_contain_text("P-1")
    assert StrategicObjective.objects.get(code="SD2").weight == pytest.approx(5 / 6)
    page.screenshot(path=tmp_path / "priorities.png", full_page=True)
