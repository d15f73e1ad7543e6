"""Demo benefits: what Rivierstad expects from its change, how the projects lead to it (the benefit map), the plan per
month and what has been measured so far. One benefit is deliberately incomplete, so the checks have work to do."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model

from pmo.engine.capacity import add_months, month_start
from pmo.projects.models import Portfolio, Project
from pmo.strategy import services
from pmo.strategy.models import Benefit, Change, StrategicObjective

from . import data

#: code, kind, title, owner, from (projects or changes)
CHANGES = (
    ("W01", "enabling", "Producten online aan te vragen met DigiD en eHerkenning", "pm", ["DD-01", "DD-04"]),
    ("W02", "business", "Inwoners kiezen eerst het digitale kanaal", "portfolio", ["W01"]),
    ("W03", "enabling", "KCC-medewerkers getraind, kennisbank in gebruik", "pm", ["DD-03"]),
    ("W04", "business", "Vragen worden in één keer goed beantwoord", "pmo", ["W03"]),
    ("W05", "enabling", "Medewerkers werken volgens de Omgevingswet", "pm", ["WR-01"]),
    ("W06", "business", "Vergunningen zaakgericht en digitaal behandeld", "pmo", ["W05", "WR-05"]),
    ("W07", "enabling", "Licenties gesaneerd, oude werkplek uitgezet", "pmo", ["BV-03"]),
)

#: Each benefit: measure, unit, baseline, target, kind; enabled by (projects, changes); serves (objectives); the plan
#: moves from the baseline to the target between `ramp` months (relative to this month); measured until last month,
#: as the plan times the factors (oldest first).
BENEFITS = (
    {
        "code": "B01",
        "title": "Minder telefoontjes naar het klantcontactcentrum",
        "kind": "non_financial",
        "owner": "portfolio",
        "measure": "Telefoongesprekken per maand",
        "unit": "gesprekken",
        "baseline": 18000,
        "target": 12000,
        "from": ["W02", "W04"],
        "serves": ["SD1.1"],
        "ramp": (-10, 14),
        "measured": (1.01, 0.99, 1.02, 1.04, 1.03, 1.05, 1.04, 1.06),
    },
    {
        "code": "B02",
        "title": "Lagere kosten van telefonie en balie",
        "kind": "cashable",
        "owner": "portfolio",
        "measure": "Besparing per maand",
        "unit": "EUR",
        "baseline": 0,
        "target": 45000,
        "from": ["W02"],
        "serves": ["SD6"],
        "ramp": (-6, 18),
        "measured": (0.8, 0.9, 0.85, 0.9, 0.95),
    },
    {
        "code": "B03",
        "title": "Hogere klanttevredenheid",
        "kind": "non_financial",
        "owner": "exec",
        "measure": "Rapportcijfer klanttevredenheidsonderzoek",
        "unit": "cijfer",
        "baseline": 6.8,
        "target": 7.6,
        "from": ["W04"],
        "serves": ["SD1"],
        "ramp": (-9, 15),
        "measured": (1.0, 1.0, 0.99, 1.0, 1.01, 1.0),
    },
    {
        "code": "B04",
        "title": "Lagere energierekening gemeentelijk vastgoed",
        "kind": "cashable",
        "owner": "pmo",
        "measure": "Besparing op energiekosten per maand",
        "unit": "EUR",
        "baseline": 0,
        "target": 38000,
        "from": ["ET-04", "ET-05"],
        "serves": ["SD2.2", "SD6"],
        "ramp": (-8, 20),
        "measured": (1.1, 1.05, 0.95, 1.0, 0.9, 0.92),
    },
    {
        "code": "B05",
        "title": "Minder CO₂-uitstoot van gemeentelijk vastgoed",
        "kind": "non_financial",
        "owner": "pmo",
        "measure": "CO₂-uitstoot",
        "unit": "ton per maand",
        "baseline": 410,
        "target": 250,
        "from": ["ET-04", "ET-05"],
        "serves": ["SD2.2"],
        "ramp": (-8, 20),
        "measured": (1.0, 1.01, 1.02, 1.01, 1.03),
    },
    {
        "code": "B06",
        "title": "Snellere vergunningverlening",
        "kind": "non_financial",
        "owner": "pm",
        "measure": "Gemiddelde doorlooptijd omgevingsvergunning",
        "unit": "dagen",
        "baseline": 56,
        "target": 35,
        "from": ["W06"],
        "serves": ["SD3"],
        "ramp": (-4, 16),
        "measured": (1.02, 1.04, 1.03),
    },
    {
        "code": "B07",
        "title": "Minder licentiekosten door de nieuwe werkplek",
        "kind": "cashable",
        "owner": "pmo",
        "measure": "Besparing op licenties per maand",
        "unit": "EUR",
        "baseline": 0,
        "target": 22000,
        "from": ["W07"],
        "serves": ["SD6"],
        "ramp": (-3, 9),
        "measured": (1.2, 1.0),
    },
    {
        "code": "B08",
        "title": "Vermeden vervanging van het eigen rekencentrum",
        "kind": "financial",
        "owner": "portfolio",
        "measure": "Vermeden investering en beheer per maand",
        "unit": "EUR",
        "baseline": 0,
        "target": 30000,
        "from": ["BV-07"],
        "serves": ["SD6"],
        "ramp": (10, 28),
        "measured": (),
    },
    {
        "code": "B11",
        "title": "Lagere energiekosten sporthallen",
        "kind": "cashable",
        "owner": "pmo",
        "measure": "Besparing op energie per maand",
        "unit": "EUR",
        "baseline": 0,
        "target": 9000,
        "from": ["ET-11"],
        "serves": ["SD2.2", "SD6"],
        "ramp": (30, 36),
        "measured": (),
    },
    {
        "code": "B12",
        "title": "Lagere kosten afvalinzameling",
        "kind": "cashable",
        "owner": "portfolio",
        "measure": "Besparing op inzamelrondes per maand",
        "unit": "EUR",
        "baseline": 0,
        "target": 16000,
        "from": ["OR-06"],
        "serves": ["SD6"],
        "ramp": (14, 24),
        "measured": (),
    },
    {
        "code": "B13",
        "title": "Hogere parkeeropbrengst centrum",
        "kind": "cashable",
        "owner": "exec",
        "measure": "Extra parkeeropbrengst per maand",
        "unit": "EUR",
        "baseline": 0,
        "target": 12000,
        "from": ["OR-03"],
        "serves": ["SD4"],
        "ramp": (12, 18),
        "measured": (),
    },
    {
        "code": "B14",
        "title": "Huurinkomsten getransformeerde kantoren",
        "kind": "cashable",
        "owner": "portfolio",
        "measure": "Huurinkomsten per maand",
        "unit": "EUR",
        "baseline": 0,
        "target": 35000,
        "from": ["WR-06"],
        "serves": ["SD3"],
        "ramp": (26, 34),
        "measured": (),
    },
    {
        "code": "B15",
        "title": "Minder klantcontact door de chatbot",
        "kind": "financial",
        "owner": "portfolio",
        "measure": "Vermeden uren klantcontact per maand",
        "unit": "EUR",
        "baseline": 0,
        "target": 14000,
        "from": ["DD-07"],
        "serves": ["SD1.1"],
        "ramp": (12, 20),
        "measured": (),
    },
    {
        "code": "B09",
        "title": "Minder inwoners met problematische schulden",
        "kind": "non_financial",
        "owner": None,
        "measure": "Huishoudens met betalingsachterstanden in beeld",
        "unit": "huishoudens",
        "baseline": 0,
        "target": None,
        "from": ["SO-03"],
        "serves": [],
        "ramp": None,
        "measured": (),
    },
    {
        "code": "B10",
        "title": "Minder woninginbraken",
        "kind": "non_financial",
        "owner": "exec",
        "measure": "Woninginbraken per maand",
        "unit": "inbraken",
        "baseline": 42,
        "target": 30,
        "from": ["VG-03"],
        "serves": ["SD4"],
        "ramp": (-6, 18),
        "measured": (0.98, 1.05, 0.96, 1.02, 0.99, 1.04),
    },
)


def _plan(spec: dict, this_month: dt.date) -> dict[dt.date, float]:
    """From the baseline to the target in a straight line between the ramp's months, then steady for a year."""
    first, last = spec["ramp"]
    plan = {}
    for offset in range(first, last + 13):
        share = min(1.0, (offset - first) / (last - first))
        value = spec["baseline"] + share * (spec["target"] - spec["baseline"])
        plan[add_months(this_month, offset)] = round(value, 1)
    return plan


def load_benefits(admin, today: dt.date | None = None) -> int:
    """Create the demo's changes and benefits with their links, plans and measurements, unless they exist;
    returns how many benefits were created."""
    portfolio = Portfolio.objects.get(name=data.PORTFOLIO["name"])
    if Benefit.objects.filter(portfolio=portfolio).exists():
        return 0
    this_month = month_start(today or dt.date.today())
    people = {
        u.username: u
        for u in get_user_model().objects.filter(username__in=[u["username"] for u in data.DEMO_USERS])
    }
    projects = {p.code: p for p in Project.objects.filter(portfolio=portfolio)}
    objectives = {o.code: o for o in StrategicObjective.objects.filter(portfolio=portfolio)}
    changes: dict[str, Change] = {}
    for code, kind, title, owner, sources in CHANGES:
        changes[code] = services.create_change(
            acting_user=admin, portfolio=portfolio, code=code, title=title, kind=kind, owner=people[owner]
        )
        for source in sources:
            services.link_benefit_map(
                projects.get(source) or changes[source], changes[code], acting_user=admin
            )
    for spec in BENEFITS:
        benefit = services.create_benefit(
            acting_user=admin,
            portfolio=portfolio,
            code=spec["code"],
            title=spec["title"],
            kind=spec["kind"],
            owner=people.get(spec["owner"]),
            measure=spec["measure"],
            unit=spec["unit"],
            baseline=spec["baseline"],
            target=spec["target"],
        )
        for source in spec["from"]:
            services.link_benefit_map(projects.get(source) or changes[source], benefit, acting_user=admin)
        for objective in spec["serves"]:
            services.link_benefit_map(benefit, objectives[objective], acting_user=admin)
        if spec["ramp"] is None:
            continue
        plan = _plan(spec, this_month)
        services.set_benefit_plan(benefit, plan, acting_user=admin)
        measured = spec["measured"]
        for n, factor in enumerate(measured):
            month = add_months(this_month, n - len(measured))
            services.record_measurement(
                benefit, period=month, value=round(plan[month] * factor, 1), acting_user=admin
            )
    return len(BENEFITS)
