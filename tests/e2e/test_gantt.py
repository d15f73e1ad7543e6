"""The Gantt chart of a demo project in a real browser: the critical path stands out."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from pmo.demo.loader import load_demo
from pmo.projects.models import Project

from .conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_demo_gantt_shows_the_critical_path(page, tmp_path):
    load_demo()
    project = Project.objects.get(code="DD-02")  # managed by the demo login `pm`
    log_in(page, "pm")
    page.goto(f"/projects/{project.pk}/schedule/")
    gantt = page.locator("svg.gantt")
    expect(gantt).to_be_visible()
    critical_bars = gantt.locator("rect.bar.critical")
    assert critical_bars.count() >= 3
    expect(gantt.locator(".links.critical path").first).to_be_attached()
    fill = critical_bars.first.evaluate("el => getComputedStyle(el).fill")
    normal = gantt.locator("rect.bar:not(.critical)").first.evaluate("el => getComputedStyle(el).fill")
    assert fill != normal  # the critical path is drawn in its own colour …
    expect(page.locator(".gantt-legend")).to_contain_text("Critical path")  # … and named in the legend
    expect(page.get_by_role("cell", name="Critical").first).to_be_visible()  # … and in words in the table
    shot = tmp_path / "gantt.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 20_000


def test_a_duration_edited_in_the_table_moves_the_successors(page, org):
    import datetime as dt

    from pmo.schedule import services
    from pmo.schedule.models import Task

    schedule = services.create_schedule(org.project, acting_user=org.admin, start=dt.date(2026, 4, 1))
    first = services.create_task(schedule, acting_user=org.admin, name="Ontwerp", duration=3)
    second = services.create_task(schedule, acting_user=org.admin, name="Bouw", duration=5)
    services.add_link(first, second, acting_user=org.admin)
    before = Task.objects.get(pk=second.pk).early_start
    log_in(page, "pm")
    page.goto(f"/projects/{org.project.pk}/schedule/")
    box = page.get_by_label("Duration of Ontwerp")
    box.fill("8")
    box.press("Tab")  # change → saved → the page reloads with the new dates
    expect(page.locator(".messages")).to_contain_text("Task Ontwerp saved.")
    assert Task.objects.get(pk=second.pk).early_start > before
    expect(page.get_by_label("Duration of Ontwerp")).to_have_value("8")
