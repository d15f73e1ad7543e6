"""Demo reviews and audits: Rivierstad's "Projectgezondheidscheck", health checks of the running projects every
quarter (some improving, some declining), and audits with findings that are tracked as actions, some done."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.utils import timezone

from pmo.coe import services_reviews as services
from pmo.coe.models import Audit, HealthCheck, Questionnaire
from pmo.projects.lifecycle import Lifecycle
from pmo.projects.models import Project
from pmo.raid import services as raid_services
from pmo.raid.models import ActionStatus

NAME = "Projectgezondheidscheck"
DESCRIPTION = (
    "De kwartaalcheck van het PMO: twaalf vragen over planning, budget, risico's, stakeholders, team, scope en "
    "sturing. Antwoord van 1 (slecht) tot 5 (uitstekend); zwaardere vragen tellen meer mee."
)

#: text, area, weight, help text
QUESTIONS = (
    ("Ligt het project op koers ten opzichte van de basisplanning?", "planning", 2,
     "1 = mijlpalen ruim over tijd, 5 = alle mijlpalen gehaald."),
    ("Is de planning realistisch en door het team gedragen?", "planning", 1, ""),
    ("Blijven de kosten binnen het vastgestelde budget?", "budget", 2,
     "1 = overschrijding boven de tolerantie, 5 = ruim binnen budget."),
    ("Is de prognose tot het einde van het project betrouwbaar?", "budget", 1, ""),
    ("Zijn de belangrijkste risico's bekend en belegd bij een eigenaar?", "risks", 1.5, ""),
    ("Worden beheersmaatregelen ook echt uitgevoerd?", "risks", 1, ""),
    ("Is de opdrachtgever zichtbaar betrokken en neemt de stuurgroep tijdig besluiten?", "stakeholders", 1.5, ""),
    ("Weten de gebruikers en de lijnorganisatie wat er op hen afkomt?", "stakeholders", 1, ""),
    ("Is het team voldoende bemenst met de juiste kennis?", "team", 1.5, ""),
    ("Is de scope helder afgebakend en worden wijzigingen via wijzigingsverzoeken beslist?", "scope", 1, ""),
    ("Voldoen de opgeleverde producten aan de afgesproken kwaliteitseisen?", "quality", 1, ""),
    ("Wordt er volgens de projectaanpak gerapporteerd en verantwoord?", "governance", 1, ""),
)  # fmt: skip

#: days before today of the quarterly checks
CHECK_DAYS = (280, 190, 100, 14)

#: project index → title, scope, days from today it was planned, findings (description, severity, owner is the
#: project manager (pm) or the PMO officer (pmo), due in days from today, recommendation, done), close with
#: (opinion, conclusion) or leave open
AUDITS = (
    ("Projectbeheersing en verantwoording", "Planning, budgetbewaking en rapportage aan de stuurgroep.", -120,
     (("De risicolog is sinds drie maanden niet bijgewerkt.", "high", "pm", -60,
       "Bespreek de risicolog elke maand in het projectteam en leg eigenaren vast.", True),
      ("Voortgangsrapportages missen een prognose tot einde project.", "medium", "pmo", -30,
       "Neem de prognose op in het sjabloon van de voortgangsrapportage.", True),
      ("Besluiten van de stuurgroep worden niet altijd vastgelegd.", "low", "pm", 20,
       "Houd een besluitenlijst bij en stuur die mee met het verslag.", False)),
     ("needs_improvement", "De beheersing is op hoofdlijnen op orde; de risicosturing moet structureler.")),
    ("Aanbesteding en contractbeheer", "Rechtmatigheid van de aanbesteding en het beheer van het contract.", -90,
     (("Meerwerk is zonder wijzigingsverzoek opgedragen aan de leverancier.", "critical", "pm", -20,
       "Laat elk meerwerk via een wijzigingsverzoek lopen en leg het besluit vast.", True),
      ("Het contractdossier is onvolledig.", "medium", "pmo", 15,
       "Vul het dossier aan met de nota's van inlichtingen en de gunningsbrief.", False)),
     ("sufficient", "De aanbesteding is rechtmatig verlopen; het contractbeheer verdient aandacht.")),
    ("Informatiebeveiliging en privacy", "BIO-maatregelen, verwerkersovereenkomsten en DPIA.", -45,
     (("Er is geen DPIA uitgevoerd voor de verwerking van persoonsgegevens.", "critical", "pm", 10,
       "Voer de DPIA uit met de privacy officer vóór de livegang.", False),
      ("De verwerkersovereenkomst met de leverancier ontbreekt.", "high", "pmo", 25,
       "Sluit de verwerkersovereenkomst af via Juridische Zaken.", False),
      ("Autorisaties in de testomgeving zijn te ruim.", "medium", "pm", -5,
       "Beperk de rechten tot de testers en leg dit vast.", True)),
     None),
    ("Batenmanagement", "Zijn de baten meetbaar gemaakt en belegd bij de lijn?", -60,
     (("De baten hebben geen nulmeting.", "high", "pm", -10,
       "Leg de nulmeting vast vóór de volgende fase.", True),
      ("Batenhouders in de lijn zijn niet benoemd.", "medium", "pm", 30,
       "Benoem per baat een batenhouder in de stuurgroep.", False)),
     ("insufficient", "De baten zijn onvoldoende geborgd; zonder nulmeting is het resultaat niet aan te tonen.")),
    ("Kwaliteit van de oplevering", "Testaanpak, acceptatie en overdracht aan beheer.", -20,
     (("De acceptatiecriteria zijn niet met de gebruikers afgestemd.", "medium", "pm", 21,
       "Stel de acceptatiecriteria vast met een afvaardiging van de gebruikers.", False),
      ("Het testrapport ontbreekt voor de laatste release.", "low", "pmo", 14,
       "Lever het testrapport op bij elke release.", False)),
     None),
    ("Projectaanpak en fasering", "Volgt het project de Rivierstad Projectaanpak?", 30, (), None),
)  # fmt: skip


def _level(n: int, k: int, i: int) -> int:
    """A deterministic answer: each project has a base level and a direction (improving, declining, steady)."""
    base = (2.6, 3.4, 3.0, 3.8, 2.8, 3.2, 3.6)[n % 7]
    direction = (1, -1, 0, 1, -1, 1)[n % 6]
    wobble = (-1, 0, 0, 1, 0)[(i * 7 + n * 11 + k * 3) % 5]
    return max(1, min(5, round(base + direction * k * 0.35 + wobble)))


def _questionnaire(admin) -> tuple[Questionnaire, int]:
    found = Questionnaire.objects.filter(name=NAME).first()
    if found:
        return found, 0
    questionnaire = services.create_questionnaire(acting_user=admin, name=NAME, description=DESCRIPTION)
    for text, area, weight, help_text in QUESTIONS:
        services.add_question(
            questionnaire, acting_user=admin, text=text, area=area, weight=weight, help_text=help_text
        )
    return questionnaire, 1 + len(QUESTIONS)


def load_reviews(admin) -> int:
    """Create what is missing of the demo reviews and audits; returns how many objects were created."""
    users = {u.username: u for u in get_user_model().objects.filter(username__in=("coe", "pmo"))}
    coe, pmo = users.get("coe", admin), users.get("pmo", admin)
    today = timezone.localdate()
    questionnaire, created = _questionnaire(admin)
    questions = list(questionnaire.questions.all())
    running = list(
        Project.objects.filter(lifecycle__in=(Lifecycle.APPROVED, Lifecycle.ACTIVE, Lifecycle.CLOSING))
        .select_related("manager")
        .order_by("code")[:20]
    )
    for n, project in enumerate(running):
        if HealthCheck.objects.filter(project=project).exists():
            continue
        checks = CHECK_DAYS if project.lifecycle != Lifecycle.APPROVED else CHECK_DAYS[-2:]
        for k, days in enumerate(checks):
            services.record_health_check(
                project,
                questionnaire,
                acting_user=pmo,
                date=today - dt.timedelta(days=days),
                answers={q.pk: _level(n, k, i) for i, q in enumerate(questions)},
                notes="Kwartaalcheck met de projectleider." if k == len(checks) - 1 else "",
            )
            created += 1
    for n, (title, scope, planned, findings, closing) in enumerate(AUDITS):
        if n * 3 >= len(running):
            break
        project = running[n * 3]
        if Audit.objects.filter(project=project, title=title).exists():
            continue
        audit = services.create_audit(
            acting_user=coe,
            project=project,
            title=title,
            scope=scope,
            planned_on=today + dt.timedelta(days=planned),
            lead_auditor=coe,
        )
        created += 1
        for description, severity, owner, due, recommendation, done in findings:
            finding = services.add_finding(
                audit,
                acting_user=coe,
                description=description,
                severity=severity,
                owner=(project.manager or admin) if owner == "pm" else pmo,
                due=today + dt.timedelta(days=due),
                recommendation=recommendation,
            )
            created += 1
            if done:
                raid_services.update_item(finding.action, acting_user=admin, status=ActionStatus.DONE)
        if findings and closing is None:
            services.update_audit(audit, acting_user=coe, performed_on=today + dt.timedelta(days=planned + 7))
        if closing is not None:
            opinion, conclusion = closing
            services.close_audit(
                audit,
                acting_user=coe,
                opinion=opinion,
                conclusion=conclusion,
                performed_on=today + dt.timedelta(days=planned + 7),
            )
    return created
