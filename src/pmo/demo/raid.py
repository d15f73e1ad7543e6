"""Demo RAID logs: risks, issues and actions for the active projects of Gemeente Rivierstad, some escalated to
their programme, some actions overdue. Built through the RAID services; skipped for projects that have risks."""

from __future__ import annotations

import datetime as dt
import itertools
import random
from decimal import Decimal

from django.contrib.auth import get_user_model

from pmo.projects.lifecycle import Lifecycle
from pmo.projects.models import Project
from pmo.raid import services
from pmo.raid.models import Action, Assumption, ChangeRequest, Decision, Dependency, Issue, Risk

RISKS = [
    ("Leverancier kan niet op tijd leveren", "krappe markt voor ICT-leveranciers", "levering loopt vertraging op",
     "livegang schuift op", "supplier", 3, 4, 250_000),
    ("Onvoldoende capaciteit bij informatiebeheer", "vacatures worden niet ingevuld", "werk blijft liggen",
     "mijlpalen worden niet gehaald", "organisational", 4, 3, 80_000),
    ("Bezwaar tegen vergunning", "omwonenden zijn niet betrokken", "er komen zienswijzen en bezwaren",
     "uitvoering schuift maanden op", "legal", 3, 5, 400_000),
    ("Koppeling met landelijke voorziening faalt", "nieuwe versie van de standaard", "gegevensuitwisseling werkt niet",
     "dienstverlening valt uit", "technical", 2, 4, 120_000),
    ("Prijsstijging bouwmaterialen", "inflatie en schaarste", "inschrijvingen liggen boven de raming",
     "budget is ontoereikend", "financial", 4, 4, 600_000),
    ("Wisseling van portefeuillehouder", "gemeenteraadsverkiezingen", "nieuwe prioriteiten",
     "project wordt herzien", "external", 2, 3, None),
    ("Draagvlak bij medewerkers ontbreekt", "verandering wordt als opgelegd ervaren", "nieuwe werkwijze wordt niet gebruikt",
     "baten blijven uit", "organisational", 3, 3, None),
]  # fmt: skip
ISSUES = [
    ("Testomgeving is niet beschikbaar", "problem", "3_high", 4),
    ("Aanbesteding moet opnieuw", "problem", "4_critical", 5),
    ("Stuurgroep vraagt extra scenario", "request", "2_medium", 2),
    ("Zorgen over privacy-impact", "concern", "3_high", 3),
]
ACTIONS = [
    "Tweede leverancier polsen",
    "Capaciteitsplanning bijwerken",
    "Bewonersavond organiseren",
    "DPIA laten uitvoeren",
    "Raming actualiseren",
    "Stuurgroep informeren",
]


#: Proposals that build on another project's result (the optimiser starts them after it, and chooses them only with it).
PROPOSAL_DEPENDENCIES = (("DD-13", "DD-04"), ("ET-09", "ET-06"), ("OR-07", "OR-03"), ("VG-04", "VG-03"))


#: High-impact risks already seen in proposals (they lower the risk-adjusted value): code, title, probability, impact.
PROPOSAL_RISKS = (
    ("DD-07", "Chatbot voldoet niet aan de AVG", 3, 4),
    ("WR-06", "Bezwaarprocedures houden de transformatie op", 4, 4),
    ("OR-06", "Sensoren in containers blijken onbetrouwbaar", 2, 4),
    ("ET-11", "Warmtepompen passen niet in de oude sporthallen", 3, 5),
)


def load_raid(admin, today: dt.date | None = None) -> int:
    """Create the demo RAID items that are missing; returns how many were made."""
    today = today or dt.date.today()
    people = list(get_user_model().objects.filter(is_active=True, is_superuser=False).order_by("pk"))
    made = 0
    for project in (
        Project.objects.filter(lifecycle=Lifecycle.ACTIVE).select_related("programme").order_by("code")
    ):
        if Risk.objects.filter(project=project).exists():
            continue
        rng = random.Random(project.code)
        owner = project.manager or rng.choice(people)
        risks = []
        for title, cause, event, effect, category, p, i, cost in rng.sample(RISKS, k=rng.randint(3, 5)):
            risks.append(
                services.log_item(
                    Risk, acting_user=admin, project=project, title=title, cause=cause, event=event, effect=effect,
                    category=category, probability=max(1, min(5, p + rng.randint(-1, 1))),
                    impact=max(1, min(5, i + rng.randint(-1, 1))), owner=owner,
                    cost_impact=Decimal(cost) if cost else None, response_strategy="reduce",
                    proximity=today + dt.timedelta(days=rng.randint(20, 300)),
                )
            )  # fmt: skip
        top = max(risks, key=lambda r: r.score)
        if project.programme_id and top.score >= 12:
            services.escalate(top, acting_user=admin, reason="Raakt meerdere projecten van het programma")
        title, kind, priority, severity = rng.choice(ISSUES)
        issue = services.log_item(
            Issue, acting_user=admin, project=project, title=title, type=kind, priority=priority,
            severity=severity, owner=owner, due=today + dt.timedelta(days=rng.randint(-10, 30)),
        )  # fmt: skip
        for k, title in enumerate(rng.sample(ACTIONS, k=3)):
            services.log_item(
                Action, acting_user=admin, project=project, title=title, owner=rng.choice([owner, *people[:5]]),
                due=today + dt.timedelta(days=rng.randint(-20, 40)), risk=risks[k % len(risks)] if k < 2 else None,
                issue=issue if k == 2 else None, status=rng.choice(["open", "open", "in_progress", "done"]),
            )  # fmt: skip
        services.log_item(
            Assumption, acting_user=admin, project=project, title="Budget voor 2027 blijft gelijk", owner=owner,
            if_wrong="Fasering van de realisatie moet worden herzien.", check_by=today + dt.timedelta(days=60),
        )  # fmt: skip
        services.log_item(
            Decision, acting_user=admin, project=project, title="Start realisatiefase", status="decided",
            decided_by="Stuurgroep", decided_on=project.planned_start or today, owner=owner,
            rationale="Business case en projectplan vastgesteld.",
        )  # fmt: skip
        services.log_item(
            ChangeRequest, acting_user=admin, project=project, title="Extra koppeling met het zaaksysteem",
            owner=owner, cost_impact=Decimal(rng.choice([15000, 40000, 85000])), time_impact=rng.choice([5, 10, 20]),
            scope_impact="Koppeling erbij; geen andere functionaliteit vervalt.", status="review",
        )  # fmt: skip
        made += len(risks) + 7
    projects = list(
        Project.objects.filter(lifecycle=Lifecycle.ACTIVE, programme__isnull=False).order_by("code")
    )
    if not Dependency.objects.exists():
        for first, second in itertools.pairwise(projects):
            if first.programme_id == second.programme_id:
                services.log_item(
                    Dependency, acting_user=admin, project=second, title=f"Oplevering van {first.code} nodig",
                    depends_on=first, needed_by=(second.planned_start or today) + dt.timedelta(days=180),
                    owner=second.manager,
                )  # fmt: skip
                made += 1
        for code, title, probability, impact in PROPOSAL_RISKS:
            project = Project.objects.get(code=code)
            services.log_item(
                Risk, acting_user=admin, project=project, title=title, probability=probability, impact=impact,
                owner=project.manager, response_strategy="reduce",
            )  # fmt: skip
            made += 1
        codes = [c for pair in PROPOSAL_DEPENDENCIES for c in pair]
        by_code = {p.code: p for p in Project.objects.filter(code__in=codes)}
        for code, needs in PROPOSAL_DEPENDENCIES:
            project, first = by_code[code], by_code[needs]
            services.log_item(
                Dependency, acting_user=admin, project=project, title=f"Resultaat van {needs} nodig",
                depends_on=first, needed_by=project.planned_start or today, owner=project.manager,
            )  # fmt: skip
            made += 1
    return made
