"""Benefits in a real browser: the portfolio manager plans a benefit by pasting lines, its owner records a
measurement, and on the benefit map pointing at a project lights up its chain to the objective."""

from __future__ import annotations

import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from pmo.engine.capacity import add_months
from pmo.strategy import services
from pmo.strategy.models import BenefitValue, ChangeKind, ValueKind

from .conftest import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_plan_measure_and_follow_the_chain_on_the_map(page, org, tmp_path):
    benefit = services.create_benefit(
        acting_user=org.admin,
        portfolio=org.portfolio,
        code="B1",
        title="Kortere wachttijd",
        kind="non_financial",
        owner=org.portfolio_manager,
        measure="Wachttijd",
        unit="dagen",
        baseline=10,
        target=4,
    )
    change = services.create_change(
        acting_user=org.admin,
        portfolio=org.portfolio,
        code="W1",
        title="Online afspraken",
        kind=ChangeKind.BUSINESS,
    )
    services.link_benefit_map(org.project, change, acting_user=org.admin)
    services.link_benefit_map(change, benefit, acting_user=org.admin)
    services.link_benefit_map(benefit, org.objective, acting_user=org.admin)
    unrelated = services.create_benefit(
        acting_user=org.admin, portfolio=org.portfolio, code="B2", title="Los", target=1
    )
    services.link_benefit_map(org.other_project, unrelated, acting_user=org.admin)
    this_month = timezone.localdate().replace(day=1)
    last_month = add_months(this_month, -1)

    log_in(page, "portfolio")
    page.goto(f"/strategy/benefits/{benefit.pk}/")
    page.get_by_role("link", name="Plan", exact=True).click()
    page.get_by_label("Planned value per month").fill(
        f"{last_month:%Y-%m}\t8\n{this_month:%m/%Y}\t7\n{add_months(this_month, 1):%Y-%m}\t6"
    )
    page.get_by_role("button", name="Save plan").click()
    expect(page.locator(".messages")).to_contain_text("Plan of B1 saved.")
    expect(page.locator("#benefit-chart polyline.pv")).to_have_count(1)

    page.get_by_label("Month", exact=True).fill(f"{last_month:%Y-%m}")
    page.get_by_label("Measured value").fill("9")
    page.get_by_label("Measured value").press("Enter")
    expect(page.locator(".messages")).to_contain_text(f"Measurement for {last_month:%m/%Y} recorded.")
    expect(page.locator("#benefit-progress")).to_have_text("17 %")  # 1 of the 6 days gained
    expect(page.locator("#realisation")).to_contain_text("50 %")  # 1 of the 2 planned days that month
    assert BenefitValue.objects.filter(benefit=benefit, kind=ValueKind.ACTUAL).get().value == 9
    page.screenshot(path=tmp_path / "benefit.png", full_page=True)

    page.goto("/strategy/benefits/map/")
    project = page.locator(f"#node-project-{org.project.pk}")
    project.focus()  # by keyboard: the chain lights up, the rest fades
    for lit in (
        f"#node-change-{change.pk}",
        f"#node-benefit-{benefit.pk}",
        f"#node-objective-{org.objective.pk}",
    ):
        expect(page.locator(lit)).to_have_class(_has("lit"))
    expect(page.locator(f"#node-benefit-{unrelated.pk}")).not_to_have_class(_has("lit"))
    expect(page.locator(".edge.lit")).to_have_count(3)
    page.screenshot(path=tmp_path / "map.png", full_page=True)
    page.keyboard.press("Enter")  # the item is a link to its page
    expect(page).to_have_url(re.compile(rf"{org.project.get_absolute_url()}$"))


def _has(name: str):
    return re.compile(rf"(^|\s){name}(\s|$)")
