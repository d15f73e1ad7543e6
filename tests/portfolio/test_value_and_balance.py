"""What a scenario maximises — the strategic score, the net present value of the benefits a proposal enables, or that
value adjusted for its high-impact risks — and the balance rules that keep the mix."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from pmo.engine.portfolio import BalanceRule, explain, solve, violations
from pmo.portfolio import optimise
from pmo.portfolio import services as portfolio_services
from pmo.portfolio.selection import Settings, build
from pmo.portfolio.views_scenarios import reason_text
from pmo.raid import services as raid_services
from pmo.raid.adapters import chances
from pmo.raid.models import Risk, ScaleLevel
from pmo.strategy import services as strategy_services

pytestmark = pytest.mark.django_db

START = dt.date(2026, 1, 1)


@pytest.fixture
def saving(org, plan):
    """A cashable benefit of P-1: 1,000 a month for a year from May 2027, baseline 0."""
    benefit = strategy_services.create_benefit(
        acting_user=org.admin, portfolio=org.portfolio, code="B1", title="Besparing", target=1000
    )
    strategy_services.set_benefit_plan(
        benefit,
        {dt.date(2027, 5 + k, 1) if k < 8 else dt.date(2028, k - 7, 1): 1000 for k in range(12)},
        acting_user=org.admin,
    )
    strategy_services.link_benefit_map(org.project, benefit, acting_user=org.admin)
    return benefit


def test_benefits_become_a_stream_from_the_finish_and_a_shared_one_is_split(org, plan, saving):
    selection = build(org.portfolio, Settings(first_month=START, horizon=36, value_basis="benefits"))
    proposal = {c.id: c for c in selection.problem.candidates}["P-1"]
    assert proposal.value == 0 and proposal.benefits == pytest.approx((1000.0,) * 12)
    assert selection.problem.discount_rate == pytest.approx(0.04)
    strategy_services.link_benefit_map(plan, saving, acting_user=org.admin)  # the running P-3 shares it
    selection = build(org.portfolio, Settings(first_month=START, horizon=36, value_basis="benefits"))
    by_id = {c.id: c for c in selection.problem.candidates}
    assert by_id["P-1"].benefits == pytest.approx((500.0,) * 12)
    assert by_id["P-3"].benefits == pytest.approx((500.0,) * 12)
    score = build(org.portfolio, Settings(first_month=START, horizon=36))
    assert {c.id: c for c in score.problem.candidates}["P-1"].benefits == ()


def test_risk_adjusted_value_counts_open_high_impact_risks(org, plan, saving):
    # the scale comes from a data migration; a transactional test elsewhere may have flushed it
    ScaleLevel.objects.get_or_create(
        kind="probability",
        level=3,
        defaults={"label_en": "Possible", "label_nl": "Mogelijk", "probability": 40},
    )
    raid_services.log_item(
        Risk,
        acting_user=org.admin,
        project=org.project,
        title="Leverancier failliet",
        probability=3,
        impact=5,
    )
    raid_services.log_item(
        Risk, acting_user=org.admin, project=org.project, title="Kleine vertraging", probability=5, impact=2
    )
    selection = build(org.portfolio, Settings(first_month=START, horizon=36, value_basis="risk"))
    proposal = {c.id: c for c in selection.problem.candidates}["P-1"]
    assert proposal.success == pytest.approx(1 - chances()[3] / 100)  # the low-impact risk does not count
    result = solve(selection.problem, time_limit=5)
    month = 1 / 12
    expected = sum(
        1000 * proposal.success / (1.04 ** ((result.starts["P-1"] + 12 + k) * month)) for k in range(12)
    )
    assert result.value == pytest.approx(expected, rel=1e-6)


def test_a_balance_rule_keeps_a_programme_out_and_says_so(org, plan):
    rule = {"group": "programme:PRG-A", "measure": "count", "min": None, "max": 0}
    selection = build(org.portfolio, Settings(first_month=START, horizon=24, balance=(rule,)))
    assert selection.problem.balance == (BalanceRule("programme:PRG-A", "count", None, 0.0),)
    proposal = {c.id: c for c in selection.problem.candidates}["P-1"]
    assert "programme:PRG-A" in proposal.groups and "objective:SD1" in proposal.groups
    result = solve(selection.problem, time_limit=5)
    assert "P-1" not in result.starts and violations(selection.problem, result.starts) == []
    (reason,) = explain(selection.problem, result.starts)["P-1"]
    text = reason_text({"kind": reason.kind, "about": reason.about, "months": list(reason.months)}, START)
    assert text == "balance rule: programme PRG-A ≤ 0% of the number of projects"


def test_balance_rules_are_checked_when_saved(org, plan):
    def make(*rules):
        return portfolio_services.create_scenario(
            acting_user=org.portfolio_manager,
            portfolio=org.portfolio,
            name="Mix",
            first_month=dt.date(2027, 1, 1),
            balance=list(rules),
        )

    with pytest.raises(ValidationError) as caught:
        make(
            {"group": "programme:NOPE", "measure": "cost", "min": 10, "max": None},
            {"group": "objective:SD1", "measure": "cost", "min": 60, "max": 40},
            {"group": "objective:SD1", "measure": "cost", "min": None, "max": None},
            {"group": "objective:SD1", "measure": "cost", "min": None, "max": 140},
        )
    assert caught.value.message_dict["balance"] == [
        "Balance rule 1: programme:NOPE is not a programme or objective of this portfolio.",
        "Balance rule 2: the minimum share exceeds the maximum.",
        "Balance rule 3: give a minimum or a maximum share.",
        "Balance rule 4: a share lies between 0 and 100 %.",
    ]
    scenario = make({"group": "objective:SD1", "measure": "cost", "min": 20, "max": None})
    assert scenario.balance[0]["min"] == 20


def test_scenario_form_saves_value_basis_and_balance_rows(org, plan, saving, client_for):
    client = client_for(org.portfolio_manager)
    form = client.get(reverse("portfolio:scenario_create")).content.decode()
    assert 'id="balance-rules"' in form and "Programme PRG-A Digitaal" in form
    response = client.post(
        reverse("portfolio:scenario_create"),
        {
            "portfolio": org.portfolio.pk,
            "name": "Baten",
            "first_month": "2026-01-01",
            "horizon": 36,
            "annual_budget": "400000",
            "capacity_factor": "1.00",
            "budget_period": 12,
            "value_basis": "benefits",
            "discount_rate": "3.5",
            "time_limit": 4,
            "rule_0_group": "objective:SD1",
            "rule_0_measure": "cost",
            "rule_0_min": "10",
            "rule_0_max": "",
            "rule_1_group": "",
            "rule_1_measure": "cost",
            "rule_2_group": "",
            "rule_2_measure": "cost",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    scenario = org.portfolio.scenarios.get(name="Baten")
    assert scenario.balance == [{"group": "objective:SD1", "measure": "cost", "min": 10.0, "max": None}]
    assert scenario.discount_rate == Decimal("3.5")
    optimise.execute(scenario.pk)
    scenario.refresh_from_db()
    assert scenario.result["basis"] == "benefits"
    assert scenario.result["value"] > 10000  # twelve months of 1,000, discounted
    rows = {r["code"]: r for r in scenario.result["projects"]}
    assert rows["P-1"]["value"] == pytest.approx(12000)
    page = client.get(reverse("portfolio:scenario_detail", args=[scenario.pk])).content.decode()
    assert "Net present value of the financial benefits" in page and "€" in page


def test_copy_a_frozen_scenario_to_try_something_else(org, plan, client_for):
    scenario = portfolio_services.create_scenario(
        acting_user=org.portfolio_manager,
        portfolio=org.portfolio,
        name="Basis",
        first_month=dt.date(2027, 1, 1),
        annual_budget=Decimal("400000"),
        value_basis="benefits",
        balance=[{"group": "objective:SD1", "measure": "count", "min": None, "max": 80}],
        time_limit=4,
    )
    optimise.execute(scenario.pk)
    scenario.refresh_from_db()
    portfolio_services.freeze_scenario(scenario, acting_user=org.portfolio_manager)
    response = client_for(org.portfolio_manager).post(reverse("portfolio:scenario_copy", args=[scenario.pk]))
    copy = org.portfolio.scenarios.exclude(pk=scenario.pk).get()
    assert response["Location"] == reverse("portfolio:scenario_edit", args=[copy.pk])
    assert copy.name == "Basis (copy)" and not copy.frozen and copy.result is None and copy.status == "draft"
    assert (copy.annual_budget, copy.value_basis, copy.balance) == (
        scenario.annual_budget,
        "benefits",
        scenario.balance,
    )
    assert copy.history.first().history_change_reason == "Copied from “Basis”"
    page = client_for(org.portfolio_manager).get(reverse("portfolio:scenario_detail", args=[scenario.pk]))
    assert "objective SD1 ≤ 80% of the number of projects" in page.content.decode()


def test_budget_per_quarter_and_the_capacity_frontier(org, plan):
    quarterly = build(
        org.portfolio, Settings(first_month=START, horizon=24, annual_budget=400000, budget_period=3)
    )
    budgets = quarterly.problem.budgets
    assert [(b.first, b.last) for b in budgets] == [(k, k + 2) for k in range(0, 24, 3)]
    assert {b.limit for b in budgets} == {100000} and budgets[0].name == "01/2026–03/2026"
    monthly = build(
        org.portfolio, Settings(first_month=START, horizon=24, annual_budget=120000, budget_period=1)
    )
    assert len(monthly.problem.budgets) == 24 and monthly.problem.budgets[0].name == "01/2026"
    # the frontier's problems keep the period and scale the people
    assert len(quarterly.at_budget(800000).budgets) == 8
    assert quarterly.at_capacity(0.5).capacity["Developer"] == pytest.approx(
        tuple(v / 2 for v in quarterly.capacity["Developer"])
    )
    with pytest.raises(ValueError, match="per year, per quarter or per month"):
        Settings(first_month=START, budget_period=6)

    scenario = portfolio_services.create_scenario(
        acting_user=org.portfolio_manager,
        portfolio=org.portfolio,
        name="Per kwartaal",
        first_month=dt.date(2026, 1, 1),
        horizon=24,
        annual_budget=Decimal("400000"),
        budget_period=3,
        time_limit=4,
    )
    optimise.execute(scenario.pk)
    scenario.refresh_from_db()
    assert [p["level"] for p in scenario.result["capacity_frontier"]] == [0.8, 0.9, 1.0, 1.1, 1.2]
    values = [p["value"] for p in scenario.result["capacity_frontier"]]
    assert values[2] == scenario.result["value"] and values == sorted(values)  # more people never hurt
