"""The RAID log in a real browser: a risk logged through the form appears in the heat map and its cell leads to it."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from pmo.raid.models import Risk

from .conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_log_a_risk_and_find_it_in_the_heat_map(page, org):
    log_in(page, "pm")
    page.goto(f"/projects/{org.project.pk}/raid/")
    expect(page.get_by_text("No open risks")).to_be_visible()
    page.get_by_role("link", name="+ Log a risk").click()
    page.get_by_label("Title").fill("Datamigratie loopt uit")
    page.get_by_label("Event").fill("de migratie van de oude zaken duurt langer")
    page.locator("#id_probability").select_option("4")
    page.locator("#id_impact").select_option("5")
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".messages, [role=status]").first).to_contain_text("logged")
    risk = Risk.objects.get(title="Datamigratie loopt uit")
    assert (risk.probability, risk.impact, risk.score) == (4, 5, 20)
    page.goto(f"/projects/{org.project.pk}/raid/")
    cell = page.get_by_role("link", name="1 risks with probability 4 and impact 5")
    expect(cell).to_be_visible()
    cell.click()
    expect(page.get_by_role("link", name="Datamigratie loopt uit")).to_be_visible()
    expect(page.get_by_text("20 · Very high")).to_be_visible()
