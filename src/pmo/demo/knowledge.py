"""Demo training, knowledge base and maturity for Rivierstad: courses with what each role requires and who did them
(some certificates expired, some courses missing), knowledge-base articles with guide pages for the phases of the
demo methods, a glossary, and three yearly maturity self-assessments with an improvement plan."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.utils import timezone

from pmo.coe import services_knowledge as services
from pmo.coe.models import (
    Article,
    Completion,
    Course,
    GlossaryTerm,
    ImprovementAction,
    MaturityAssessment,
    Method,
    Perspective,
    RoleRequirement,
)
from pmo.core.roles import OrgRole
from pmo.projects.models import Project, ProjectMembership

#: code, title, provider, hours, description, roles that require it
COURSES = (
    ("PW-BAS", "Projectmatig werken basis", "Rivierstad Academie", 8,
     "Eendaagse introductie: fasen, beslismomenten, rollen en de projectaanpak van Rivierstad.",
     ("project:team_member", "project:project_manager", "org:pmo_officer")),
    ("P2-F", "PRINCE2 Foundation", "Extern (AXELOS-geaccrediteerd)", 24,
     "Driedaagse training met examen; het certificaat is drie jaar geldig.", ("project:project_manager",)),
    ("P2-P", "PRINCE2 Practitioner", "Extern (AXELOS-geaccrediteerd)", 24,
     "Vervolg op Foundation: de methode toepassen op een casus.", ()),
    ("SCRUM", "Agile Scrum", "Rivierstad Academie", 16,
     "Scrum in de praktijk: product owner, sprints, backlog en review.", ()),
    ("RISK", "Risicomanagement", "Rivierstad Academie", 6,
     "Risico's identificeren, kwantificeren en beheersen; de risicolog en de risicoscan.",
     ("project:project_manager", "org:pmo_officer")),
    ("BATEN", "Batenmanagement", "Rivierstad Academie", 6,
     "Baten benoemen, meten en beleggen bij de lijn; de batenkaart.", ("org:portfolio_manager", "project:sponsor")),
    ("OPDR", "Goed opdrachtgeverschap", "Rivierstad Academie", 4,
     "Voor opdrachtgevers: sturen op de business case en de beslismomenten.", ("project:sponsor",)),
    ("P3O", "Portfolio-, programma- en projectondersteuning (P3O)", "Extern", 16,
     "De rol van het PMO in portfolio, programma's en projecten.", ("org:pmo_officer", "org:coe_lead")),
    ("MSP", "Managing Successful Programmes", "Extern (AXELOS-geaccrediteerd)", 24,
     "Programmamanagement volgens MSP.", ()),
)  # fmt: skip

#: username, course code, completed (days ago), valid for (days; None: no expiry), certificate note
COMPLETIONS = (
    ("pm", "PW-BAS", 900, None, ""),
    ("pm", "P2-F", 1400, 1095, "Certificaat 2022-P2F-0417 (verlopen)"),
    ("pm", "SCRUM", 300, None, ""),
    ("member", "PW-BAS", 200, None, ""),
    ("pmo", "PW-BAS", 1200, None, ""),
    ("pmo", "RISK", 500, None, ""),
    ("pmo", "P3O", 700, 1095, "Certificaat P3O-F 88123"),
    ("coe", "P3O", 400, 1095, "Certificaat P3O-P 90211"),
    ("coe", "P2-F", 1000, 1095, "Certificaat 2023-P2F-1102"),
    ("coe", "P2-P", 800, 1095, "Certificaat 2024-P2P-0311"),
    ("portfolio", "BATEN", 350, None, ""),
    ("b.devries", "PW-BAS", 1500, None, ""),
    ("b.devries", "P2-F", 600, 1095, "Certificaat 2025-P2F-0099"),
    ("b.devries", "RISK", 250, None, ""),
    ("f.yilmaz", "MSP", 800, 1095, ""),
    ("f.yilmaz", "SCRUM", 120, None, ""),
    ("i.deboer", "OPDR", 1300, 730, "Verlopen: opnieuw inplannen"),
    ("k.vanleeuwen", "OPDR", 150, 730, ""),
    ("w.brouwer", "BATEN", 90, None, ""),
)

#: slug, title, tags, (method name, phase name) or None, body
ARTICLES = (
    ("business-case-schrijven", "Een business case schrijven", "business case, initiatie, financiën",
     ("Rivierstad Projectaanpak", "Initiatie"),
     "# Een business case schrijven\n\nDe business case beantwoordt één vraag: **is het project de investering "
     "waard?**\n\n## Inhoud\n\n1. Aanleiding en probleem\n2. Opties (altijd ook *niets doen*)\n3. Kosten en baten "
     "per optie\n4. Risico's\n5. Advies\n\n| Onderdeel | Wie levert aan |\n|---|---|\n| Kosten | Financiën |\n"
     "| Baten | Opdrachtgever |\n| Risico's | Projectleider |\n\nZie ook [het sjabloon op intranet]"
     "(https://intranet.rivierstad.nl/pmo/sjablonen)."),
    ("gids-verkenning", "Gids: de verkenningsfase", "fasering, verkenning",
     ("Rivierstad Projectaanpak", "Verkenning"),
     "# De verkenningsfase\n\nIn de verkenning maken we het **probleem** helder en zoeken we een opdrachtgever.\n\n"
     "- Schrijf een projectvoorstel van maximaal twee pagina's\n- Maak een globale business case (bij middel en "
     "groot)\n- Vraag het PMO om een intake\n\nHet beslismoment is *Go voor initiatie*."),
    ("gids-initiatie", "Gids: de initiatiefase", "fasering, initiatie, pid",
     ("Rivierstad Projectaanpak", "Initiatie"),
     "# De initiatiefase\n\nNu plannen we het project: het **projectinitiatiedocument (PID)** legt vast wat, "
     "wanneer, door wie en voor hoeveel.\n\n## Checklist\n\n- Business case sluitend\n- Planning met mijlpalen\n"
     "- Risicolog gevuld (groot: verplicht)\n- Communicatieplan (groot)\n"),
    ("gids-uitvoering", "Gids: de uitvoeringsfase", "fasering, uitvoering, voortgang",
     ("Rivierstad Projectaanpak", "Uitvoering"),
     "# De uitvoeringsfase\n\nElke maand een **voortgangsrapportage** met RAG-status. Producten worden getest "
     "en formeel geaccepteerd.\n\n> Tip: meld afwijkingen buiten de toleranties direct aan de opdrachtgever."),
    ("gids-afsluiting", "Gids: de afsluitingsfase", "fasering, afsluiting, baten, lessons learned",
     ("Rivierstad Projectaanpak", "Afsluiting"),
     "# De afsluitingsfase\n\n- Schrijf het eindrapport\n- Leg de **lessons learned** vast in het register\n"
     "- Draag de baten over aan de lijn (batenoverdracht, sinds versie 2 verplicht)\n\nDaarna volgt decharge."),
    ("gids-discovery", "Gids: discovery", "agile, discovery, gebruikers",
     ("Rivierstad Agile", "Discovery"),
     "# Discovery\n\nOnderzoek eerst de **gebruikersbehoefte**: interviews, observatie, data.\n\n"
     "| Activiteit | Duur |\n|---|---|\n| Interviews | 2 weken |\n| Analyse | 1 week |\n"),
    ("gids-alpha-beta", "Gids: van alpha naar beta", "agile, alpha, beta, prototype",
     ("Rivierstad Agile", "Alpha"),
     "# Van alpha naar beta\n\nIn alpha testen we **prototypes** met echte inwoners. In beta bouwen we de dienst "
     "en toetsen we toegankelijkheid (WCAG) en beveiliging (BIO)."),
    ("gids-live", "Gids: live en overdracht aan beheer", "agile, live, beheer",
     ("Rivierstad Agile", "Live"),
     "# Live\n\nMaak beheerafspraken met de lijn en leg lessons learned vast. Een dienst is pas af als "
     "hij **beheerd** wordt."),
    ("risicomanagement-in-projecten", "Risicomanagement in projecten", "risico, risicolog",
     None,
     "# Risicomanagement\n\nEen risico is een onzekere gebeurtenis met effect op de doelen.\n\n## Stappen\n\n"
     "1. Identificeren\n2. Kans en impact schatten (5×5)\n3. Maatregel en eigenaar\n4. Maandelijks herzien\n\n"
     "Gebruik de risicoscan in het PMO-platform."),
    ("baten-meten", "Baten meten en beleggen", "baten, batenkaart, business case",
     None,
     "# Baten meten\n\nEen baat is een **meetbare verbetering**. Leg per baat vast: indicator, nulmeting, "
     "doelwaarde en eigenaar in de lijn.\n\n- Meet ook na afsluiting van het project\n- Koppel baten aan de "
     "strategische doelstellingen"),
    ("rollen-in-projecten", "Rollen in projecten", "rollen, opdrachtgever, projectleider",
     None,
     "# Rollen\n\n| Rol | Verantwoordelijk voor |\n|---|---|\n| Opdrachtgever | Business case, beslismomenten |\n"
     "| Projectleider | Dagelijkse leiding, rapportage |\n| PMO | Ondersteuning, kwaliteit, portfolio-overzicht |\n"
     "| Teamlid | Producten opleveren |\n"),
    ("voortgangsrapportage-tips", "Tips voor een goede voortgangsrapportage", "voortgang, rapportage, rag",
     None,
     "# Voortgangsrapportage\n\nSchrijf voor de stuurgroep: **kort**, eerlijk en met een advies. Een RAG-status "
     "is nooit alleen een kleur: licht altijd toe."),
    ("concept-hybride-werken", "Hybride werken (concept)", "agile, hybride", None,
     "# Hybride werken\n\nDeze pagina is nog in bewerking."),
)  # fmt: skip

#: term, english, definition (Markdown)
GLOSSARY = (
    ("Aanname", "Assumption", "Iets wat we voor waar aannemen zonder bewijs; leg het vast in de RAID-log."),
    ("Afhankelijkheid", "Dependency", "Een relatie tussen projecten of taken: de een wacht op de ander."),
    ("Baat", "Benefit", "Een **meetbare** verbetering die het project oplevert, gemeten in de lijn."),
    ("Batenkaart", "Benefit map", "Plaat die laat zien hoe projecten via veranderingen bijdragen aan baten."),
    ("Basisplanning", "Baseline", "De vastgestelde planning waartegen we de voortgang meten."),
    ("Beslismoment", "Gate", "Moment aan het eind van een fase waarop de stuurgroep go of no-go zegt."),
    ("Business case", "Business case", "De onderbouwing waarom het project de investering waard is."),
    ("Decharge", "Discharge", "Formele ontheffing van de projectleider na de afsluiting."),
    ("Fase", "Phase", "Deel van een project dat eindigt met een beslismoment."),
    ("Issue", "Issue", "Een probleem dat nu speelt en opgelost moet worden (anders dan een risico)."),
    (
        "Kritiek pad",
        "Critical path",
        "De reeks taken zonder speling: vertraging daarop vertraagt het project.",
    ),
    (
        "Lessons learned",
        "Lessons learned",
        "Geleerde lessen die we vastleggen zodat volgende projecten ervan leren.",
    ),
    ("Mijlpaal", "Milestone", "Een belangrijk moment in de planning, zonder duur."),
    (
        "Opdrachtgever",
        "Sponsor",
        "Degene die het project wil, de business case bezit en de beslissingen neemt.",
    ),
    ("PID", "Project initiation document", "Projectinitiatiedocument: het plan van aanpak van het project."),
    ("PMO", "Project management office", "Het bureau dat portfolio, programma's en projecten ondersteunt."),
    ("Portfolio", "Portfolio", "Alle projecten en programma's van de organisatie, samen gestuurd."),
    ("Product owner", "Product owner", "Bij agile werken: bepaalt de volgorde van de backlog."),
    ("Programma", "Programme", "Samenhangende projecten die samen een doel realiseren."),
    ("Projectleider", "Project manager", "Leidt het project dagelijks binnen de afgesproken toleranties."),
    (
        "RAG-status",
        "RAG status",
        "Rood, oranje of groen: hoe het project ervoor staat, altijd met toelichting.",
    ),
    ("Risico", "Risk", "Een onzekere gebeurtenis die, als ze optreedt, effect heeft op de doelen."),
    ("Speling", "Float", "Hoeveel een taak kan uitlopen zonder het einde van het project te raken."),
    ("Stuurgroep", "Steering committee", "Het gremium dat het project stuurt en de beslismomenten neemt."),
    ("Volwassenheid", "Maturity", "Hoe goed de organisatie projectmatig werken beheerst (niveau 1 tot 5)."),
    (
        "Wijzigingsverzoek",
        "Change request",
        "Een verzoek om scope, tijd of geld van het project te veranderen.",
    ),
)

P = Perspective
#: date, notes, {perspective: (level, target, evidence)}
ASSESSMENTS = (
    (dt.date(2024, 3, 15), "Nulmeting met het MT en de projectleiders.", {
        P.GOVERNANCE: (2, 3, "Projectaanpak bestaat, wordt wisselend gevolgd."),
        P.CONTROL: (2, 3, "Voortgangsrapportages per project, geen vast format."),
        P.BENEFITS: (1, 2, "Baten worden zelden benoemd of gemeten."),
        P.RISK: (2, 3, "Risicologs bij grote projecten."),
        P.STAKEHOLDERS: (2, 3, "Communicatieplannen bij een deel van de projecten."),
        P.FINANCE: (2, 3, "Budgetbewaking per project via Financiën."),
        P.RESOURCES: (1, 2, "Geen overzicht van capaciteit over projecten heen."),
    }),
    (dt.date(2025, 3, 14), "Jaarlijkse meting; PMO-platform in gebruik genomen.", {
        P.GOVERNANCE: (3, 3, "Projectaanpak vastgesteld en door het CoE bewaakt."),
        P.CONTROL: (2, 3, "Format voortgangsrapportage ingevoerd."),
        P.BENEFITS: (2, 3, "Business cases met baten; meting nog beperkt."),
        P.RISK: (3, 3, "Risicolog verplicht bij middel en groot."),
        P.STAKEHOLDERS: (2, 3, "Stakeholderanalyse in het PID."),
        P.FINANCE: (2, 3, "Kosten per maand in het platform."),
        P.RESOURCES: (2, 3, "Capaciteitsplanning voor de programma's."),
    }),
    (dt.date(2026, 3, 13), "Derde meting: duidelijke groei, batenmanagement blijft achter.", {
        P.GOVERNANCE: (3, 4, "Beslismomenten consequent met stuurgroep."),
        P.CONTROL: (3, 4, "Maandelijkse rapportages met RAG en earned value."),
        P.BENEFITS: (2, 3, "Batenkaart per programma; meting na afsluiting ontbreekt."),
        P.RISK: (3, 4, "Portfoliobrede risicoscan."),
        P.STAKEHOLDERS: (3, 3, "Communicatieplan standaard bij groot."),
        P.FINANCE: (3, 4, "Prognoses per kwartaal, verschillen verklaard."),
        P.RESOURCES: (3, 4, "Capaciteitsheatmap en nivellering over projecten heen."),
    }),
)  # fmt: skip

#: perspective, description, owner, due (days from today), status, target level
ACTIONS = (
    (P.BENEFITS, "Batenprofielen verplicht stellen voor alle grote projecten", "coe", 60, "in_progress", 3),
    (P.BENEFITS, "Baten meten tot een jaar na afsluiting, eigenaar in de lijn", "portfolio", 150, "open", 3),
    (P.RISK, "Kwartaalreview van de portfoliorisico's in het MT", "portfolio", -20, "open", 4),
    (P.CONTROL, "Earned value voor alle projecten boven € 500.000", "pmo", 90, "in_progress", 4),
    (P.RESOURCES, "Capaciteitsplanning per team koppelen aan de roadmap", "pmo", 120, "open", 4),
    (P.GOVERNANCE, "Opdrachtgeverstraining voor alle directeuren", "coe", -60, "done", 4),
    (P.FINANCE, "Prognose-afwijkingen > 10% toelichten in de rapportage", "portfolio", 30, "open", 4),
)


def _users() -> dict:
    return {u.username: u for u in get_user_model().objects.all()}


def _training(admin, users) -> int:
    created = 0
    today = timezone.localdate()
    courses = {c.code: c for c in Course.objects.all()}
    for code, title, provider, hours, description, roles in COURSES:
        if code not in courses:
            courses[code] = services.create_course(
                acting_user=admin,
                code=code,
                title=title,
                provider=provider,
                hours=hours,
                description=description,
            )
            created += 1
        for role in roles:
            if not RoleRequirement.objects.filter(course=courses[code], role=role).exists():
                services.add_requirement(courses[code], role, acting_user=admin)
                created += 1
    for username, code, days_ago, valid_days, note in COMPLETIONS:
        user = users.get(username)
        if user is None:
            continue
        completed_on = today - dt.timedelta(days=days_ago)
        if Completion.objects.filter(course=courses[code], user=user).exists():
            continue
        services.record_completion(
            courses[code],
            user,
            acting_user=admin,
            completed_on=completed_on,
            valid_until=completed_on + dt.timedelta(days=valid_days) if valid_days else None,
            certificate=note,
        )
        created += 1
    created += _more_completions(admin, courses, today)
    return created


def _more_completions(admin, courses, today: dt.date) -> int:
    """The rest of the staff: most did the basics, about half of the project managers hold PRINCE2 (a few of
    those expired), a third did risk management; the others are missing."""
    named = {username for username, *_rest in COMPLETIONS}
    staff = set(ProjectMembership.objects.values_list("user_id", flat=True))
    managers = set(Project.objects.exclude(manager=None).values_list("manager_id", flat=True))
    people = (
        get_user_model()
        .objects.filter(pk__in=staff | managers)
        .exclude(username__in=named)
        .exclude(groups__name=OrgRole.EXECUTIVE)
        .order_by("username")
    )
    created = 0
    for n, user in enumerate(people):
        plan = []
        if n % 4 != 3:
            plan.append(("PW-BAS", 200 + 37 * n, None))
        if user.pk in managers and n % 2 == 0:
            plan.append(("P2-F", 400 + 90 * n, 1095))
        if user.pk in managers and n % 3 == 0:
            plan.append(("RISK", 100 + 20 * n, None))
        for code, days_ago, valid_days in plan:
            if Completion.objects.filter(course=courses[code], user=user).exists():
                continue
            completed_on = today - dt.timedelta(days=days_ago)
            services.record_completion(
                courses[code],
                user,
                acting_user=admin,
                completed_on=completed_on,
                valid_until=completed_on + dt.timedelta(days=valid_days) if valid_days else None,
            )
            created += 1
    return created


def _knowledge(coe) -> int:
    created = 0
    methods = {m.name: m for m in Method.objects.all()}
    existing = set(Article.objects.values_list("slug", flat=True))
    for slug, title, tags, guide, body in ARTICLES:
        if slug in existing:
            continue
        method = phase = None
        if guide is not None and guide[0] in methods:
            method = methods[guide[0]]
            version = method.current
            phase = version.phases.filter(name=guide[1]).first() if version else None
        status = "draft" if "concept" in slug else "published"
        services.create_article(
            acting_user=coe,
            title=title,
            slug=slug,
            tags=tags,
            body=body,
            method=method,
            phase=phase,
            status=status,
        )
        created += 1
    terms = {t.lower() for t in GlossaryTerm.objects.values_list("term", flat=True)}
    for term, english, definition in GLOSSARY:
        if term.lower() not in terms:
            services.create_term(acting_user=coe, term=term, english=english, definition=definition)
            created += 1
    return created


def _maturity(coe, users) -> int:
    created = 0
    today = timezone.localdate()
    latest = None
    for when, notes, scores in ASSESSMENTS:
        when = min(when, today)
        found = MaturityAssessment.objects.filter(assessed_on=when, scope="Organisatie").first()
        if found is None:
            found = services.create_assessment(
                acting_user=coe,
                assessed_on=when,
                scope="Organisatie",
                notes=notes,
                scores=[
                    {"perspective": key, "level": level, "target_level": target, "evidence": evidence}
                    for key, (level, target, evidence) in scores.items()
                ],
            )
            created += 1
        latest = found
    descriptions = set(ImprovementAction.objects.values_list("description", flat=True))
    for perspective, description, owner, due, status, target in ACTIONS:
        if description in descriptions:
            continue
        services.create_action(
            acting_user=coe,
            perspective=perspective,
            description=description,
            owner=users.get(owner),
            due_on=today + dt.timedelta(days=due),
            status=status,
            target_level=target,
            assessment=latest,
        )
        created += 1
    return created


def load_knowledge(admin) -> int:
    """Create what is missing of the demo training, knowledge base and maturity; returns how many objects
    (courses, requirements, completions, articles, terms, assessments, actions) it created."""
    users = _users()
    coe = users.get("coe") or admin
    return _training(admin, users) + _knowledge(coe) + _maturity(coe, users)
