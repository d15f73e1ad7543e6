"""Log in, create a project with the keyboard, switch to Dutch: in a real Chromium."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from pmo.projects.models import Project

from .conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_login_and_logout(org, page):
    page.goto("/")
    expect(page).to_have_url("/accounts/login/?next=/")
    log_in(page, "member", "wrong")
    expect(page.get_by_role("alert")).to_contain_text("didn't match")
    log_in(page, "member")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Good to see you")
    expect(page.get_by_role("cell", name="Nieuw e-loket")).to_be_visible()
    page.get_by_role("button", name="Log out").click()
    expect(page).to_have_url("/accounts/login/")


def test_create_a_project_with_the_keyboard(org, page):
    log_in(page, "pmo")
    page.get_by_role("link", name="New project").first.click()
    page.get_by_label("Code").fill("E2E-1")
    page.keyboard.press("Tab")
    page.keyboard.type("Digitale balie")
    page.get_by_label("Programme").select_option(label="PRG-A Digitaal")
    page.get_by_label("Project manager").select_option(label="Pm")
    page.get_by_label("Planned start").fill("2027-01-01")
    page.get_by_label("Planned finish").fill("2027-12-31")
    page.get_by_label("Budget").fill("480000")
    page.get_by_label("Budget").press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Digitale balie")
    expect(page.locator(".messages")).to_contain_text("created as a proposal")
    expect(page.locator("dl.facts")).to_contain_text("€\u00a0480,000")
    project = Project.objects.get(code="E2E-1")
    assert project.programme == org.programme and project.manager == org.pm

    # the same code again is refused, with the reason beside the field
    page.goto("/projects/new/")
    page.get_by_label("Code").fill("E2E-1")
    page.get_by_label("Name").fill("Dubbel")
    page.get_by_role("button", name="Create project").click()
    expect(page.locator(".field.has-error")).to_contain_text("A project with this code already exists.")
    assert Project.objects.filter(code="E2E-1").count() == 1


def test_switch_to_dutch(org, page):
    log_in(page, "pm")
    expect(page.get_by_role("link", name="My work")).to_be_visible()
    page.get_by_role("button", name="NL", exact=True).click()
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    expect(page.get_by_role("link", name="Mijn werk")).to_be_visible()
    expect(page.get_by_role("button", name="Afmelden")).to_be_visible()
    page.goto("/projects/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Projecten")
    page.get_by_role("button", name="EN", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Projects")
