"""A status report in a real browser: the project manager writes and submits it, the PMO officer approves it."""

from __future__ import annotations

import datetime as dt

import pytest
from playwright.sync_api import expect

from pmo.progress.models import ReportStatus, StatusReport

from .conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_submit_and_approve_a_status_report(page, org, browser, live_server):
    log_in(page, "pm")
    page.goto(f"/projects/{org.project.pk}/reports/")
    page.get_by_role("button", name="+ New status report").click()
    # the edit form: amber without an explanation is refused, then explained
    page.locator("input[name=cost][value=amber]").check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Explain why this is not green.")).to_be_visible()
    page.locator("textarea[name=cost_note]").fill("Prijsstijging hardware")
    page.locator("textarea[name=accomplishments]").fill("Aanbesteding gegund")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("cell", name="Prijsstijging hardware").first).to_be_visible()
    page.get_by_role("button", name="Submit for review").click()
    expect(page.locator(".messages")).to_contain_text("submitted for review")
    report = StatusReport.objects.get()
    assert report.status == ReportStatus.SUBMITTED and report.cost == "amber"
    assert report.period == (dt.date.today().replace(day=1) - dt.timedelta(days=1)).replace(day=1)

    reviewer = browser.new_page(base_url=live_server.url, locale="en-GB")
    log_in(reviewer, "pmo")
    reviewer.goto(f"/reports/status/{report.pk}/")
    reviewer.get_by_label("Comment").fill("Helder, dank je")
    reviewer.get_by_role("button", name="✓ Approve").click()
    expect(reviewer.locator(".messages")).to_contain_text("approved")
    report.refresh_from_db()
    assert report.status == ReportStatus.APPROVED and report.reviewed_by == org.pmo_officer
    reviewer.close()
