"""The demo portfolio's capacity heat map in a real browser: over-allocated months stand out, in colour and in
words, and a what-if changes the picture."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from pmo.demo.loader import load_demo
from pmo.resources.models import ResourceRole

from .conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_demo_heatmap_highlights_overallocated_months(page, tmp_path):
    load_demo()
    log_in(page, "portfolio")
    page.get_by_role("link", name="Capacity").click()
    expect(page.get_by_role("heading", name="Capacity and demand per role")).to_be_visible()
    heat = page.locator("table.heat.capacity")
    rows = heat.locator("tbody tr")
    assert rows.count() == ResourceRole.objects.count() == 8
    over = heat.locator("td.cap-over")
    free = heat.locator("td.cap-free")
    assert over.count() >= 5 and free.count() >= 20
    expect(over.first).to_contain_text("▲")  # not colour alone
    over_colour = over.first.evaluate("el => getComputedStyle(el).backgroundColor")
    free_colour = free.first.evaluate("el => getComputedStyle(el).backgroundColor")
    assert over_colour != free_colour
    expect(page.locator(".cap-legend")).to_contain_text("over-allocated")
    expect(page.get_by_role("heading", name="Worst over-allocations")).to_be_visible()
    shot = tmp_path / "capacity-heatmap.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 30_000

    # what if two more developers came, for the whole year?
    before = over.count()
    page.locator("select[name=wi_role]").select_option(label="Ontwikkelaar")
    page.locator("input[name=wi_fte]").fill("2")
    page.get_by_role("button", name="Show").click()
    expect(page.get_by_role("status")).to_contain_text("2 FTE of Ontwikkelaar")
    assert page.locator("table.heat.capacity td.cap-over").count() < before
