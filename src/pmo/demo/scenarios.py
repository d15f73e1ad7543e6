"""Demo scenarios: the portfolio board's two what-ifs for the coming three years, optimised while the demo loads."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from pmo.engine import capacity as months_math
from pmo.portfolio import optimise
from pmo.portfolio.models import Scenario
from pmo.portfolio.services import create_scenario
from pmo.projects.models import Portfolio

from . import data

SCENARIOS = (
    {
        "name": "Begroting 2027–2029",
        "description": "Het jaarbudget uit de meerjarenbegroting en de mensen die er nu zijn.",
        "annual_budget": Decimal("6000000"),
        "capacity_factor": Decimal("1.00"),
        "forced_out": [],
    },
    {
        "name": "Extra ontwikkelcapaciteit, geen chatbot",
        "description": (
            "Tien procent meer capaciteit door inhuur, een miljoen per jaar meer, en de chatbot (DD-07) valt af "
            "zolang de basis van de website niet op orde is."
        ),
        "annual_budget": Decimal("7000000"),
        "capacity_factor": Decimal("1.10"),
        "forced_out": ["DD-07"],
    },
    {
        "name": "Financiële baten, risico meegewogen",
        "description": (
            "Wat levert het meeste geld op? Alleen de financiële baten op de batenkaart tellen, contant gemaakt "
            "tegen 4 procent en vermenigvuldigd met de kans dat geen groot risico optreedt. Minstens een vijfde "
            "van het geld gaat naar klimaat (SD2)."
        ),
        "annual_budget": Decimal("6000000"),
        "capacity_factor": Decimal("1.00"),
        "forced_out": [],
        "value_basis": "risk",
        "discount_rate": Decimal("4.0"),
        "balance": [{"group": "objective:SD2", "measure": "cost", "min": 20, "max": None}],
    },
)


def load_scenarios(admin, today: dt.date | None = None) -> int:
    """Create and optimise the demo scenarios that do not exist yet; returns how many were created."""
    portfolio = Portfolio.objects.get(name=data.PORTFOLIO["name"])
    first = months_math.add_months(today or dt.date.today(), 1)
    created = 0
    for spec in SCENARIOS:
        if Scenario.objects.filter(portfolio=portfolio, name=spec["name"]).exists():
            continue
        scenario = create_scenario(
            acting_user=admin, portfolio=portfolio, first_month=first, horizon=36, time_limit=4, **spec
        )
        optimise.execute(scenario.pk)  # at once, not through the worker: the demo is ready when it has loaded
        created += 1
    return created
