"""The demo organisation: Gemeente Rivierstad, a fictional Dutch municipality, and its change portfolio.

Pure data, no Django: `pmo.demo.loader` turns it into objects through the services. People are referred to by
username, programmes by code, objectives by code. All names, organisations and e-mail addresses are fictional.
"""

from __future__ import annotations

from datetime import date

EMAIL_DOMAIN = "rivierstad.example"

DEMO_PASSWORD = "demo"

# --- people -------------------------------------------------------------------------------------------------

#: The demo logins (password `demo`). `groups` are organisation role names (pmo.core.roles.OrgRole values);
#: `role` is how the `pmo demo` command describes the login.
DEMO_USERS: list[dict] = [
    {
        "username": "admin",
        "first_name": "Anouk",
        "last_name": "Mulder",
        "job_title": "Functioneel beheerder PMO-platform",
        "department": "Informatievoorziening",
        "superuser": True,
        "groups": [],
        "role": "administrator (superuser)",
    },
    {
        "username": "portfolio",
        "first_name": "Marieke",
        "last_name": "van Dijk",
        "job_title": "Portfoliomanager",
        "department": "Concernstaf",
        "groups": ["portfolio_manager"],
        "role": "portfolio manager",
    },
    {
        "username": "pmo",
        "first_name": "Sander",
        "last_name": "Bakker",
        "job_title": "PMO-adviseur",
        "department": "PMO",
        "groups": ["pmo_officer"],
        "role": "PMO officer (programmes PRG-DD, PRG-BV)",
    },
    {
        "username": "pm",
        "first_name": "Yasmina",
        "last_name": "El Amrani",
        "job_title": "Projectleider",
        "department": "Informatievoorziening",
        "groups": ["member"],
        "role": "project manager (5 projects)",
    },
    {
        "username": "coe",
        "first_name": "Peter",
        "last_name": "Hendriks",
        "job_title": "Lead Centre of Excellence projectmatig werken",
        "department": "PMO",
        "groups": ["coe_lead"],
        "role": "CoE lead",
    },
    {
        "username": "exec",
        "first_name": "Karin",
        "last_name": "Verhoeven",
        "job_title": "Gemeentesecretaris",
        "department": "Directie",
        "groups": ["executive"],
        "role": "executive (read-only)",
    },
    {
        "username": "member",
        "first_name": "Daan",
        "last_name": "Jansen",
        "job_title": "Beleidsadviseur wonen",
        "department": "Ruimte",
        "groups": ["member"],
        "role": "team member (2 projects)",
    },
]

#: Everyone else: they do not sign in (unusable password) but sponsor, lead and staff the projects.
#: (username, first name, last name, job title, department, organisation role)
PEOPLE: list[tuple[str, str, str, str, str, str]] = [
    ("m.post", "Mirjam", "Post", "Burgemeester", "Bestuur", "executive"),
    (
        "j.vandenberg",
        "Joost",
        "van den Berg",
        "Wethouder Financiën en Dienstverlening",
        "Bestuur",
        "executive",
    ),
    ("h.bos", "Hans", "Bos", "Wethouder Duurzaamheid en Wonen", "Bestuur", "executive"),
    ("a.vermeulen", "Annelies", "Vermeulen", "Wethouder Sociaal Domein", "Bestuur", "executive"),
    ("i.deboer", "Ingrid", "de Boer", "Directeur Ruimte", "Ruimte", "member"),
    ("w.brouwer", "Wim", "Brouwer", "Directeur Sociaal Domein", "Sociaal Domein", "member"),
    ("m.peters", "Marco", "Peters", "Directeur Bedrijfsvoering", "Bedrijfsvoering", "member"),
    ("k.vanleeuwen", "Kees", "van Leeuwen", "Afdelingshoofd Publiekszaken", "Publiekszaken", "member"),
    ("g.prins", "Gerrit", "Prins", "Concerncontroller", "Financiën", "portfolio_manager"),
    ("f.yilmaz", "Fatma", "Yilmaz", "Programmamanager Digitale Dienstverlening", "Publiekszaken", "member"),
    ("e.meijer", "Esther", "Meijer", "Programmamanager Energietransitie", "Ruimte", "member"),
    ("f.mol", "Frank", "Mol", "Programmamanager Wonen en Ruimte", "Ruimte", "member"),
    ("c.bosman", "Carla", "Bosman", "Programmamanager Sociaal Domein", "Sociaal Domein", "member"),
    ("l.visser", "Lotte", "Visser", "Informatiemanager", "Informatievoorziening", "member"),
    ("b.devries", "Bram", "de Vries", "Projectleider", "Informatievoorziening", "member"),
    ("b.vos", "Bas", "Vos", "Projectleider", "Publiekszaken", "member"),
    ("r.smit", "Ruud", "Smit", "Projectleider", "Ruimte", "member"),
    ("t.vanderlinden", "Tim", "van der Linden", "Projectleider", "Ruimte", "member"),
    ("r.vanwijk", "Rob", "van Wijk", "Projectleider", "Openbare Ruimte", "member"),
    ("s.dekker", "Sanne", "Dekker", "Projectleider", "Sociaal Domein", "member"),
    ("e.schouten", "Erik", "Schouten", "Projectleider", "Bedrijfsvoering", "member"),
    ("n.jacobs", "Niels", "Jacobs", "Projectleider", "Financiën", "member"),
    ("t.willems", "Thomas", "Willems", "Informatiearchitect", "Informatievoorziening", "member"),
    ("s.groot", "Sven", "Groot", "Chief Information Security Officer", "Informatievoorziening", "member"),
    ("p.ramdin", "Priya", "Ramdin", "Functionaris gegevensbescherming", "Informatievoorziening", "member"),
    ("r.maas", "Roos", "Maas", "Data-analist", "Informatievoorziening", "member"),
    ("f.koster", "Femke", "Koster", "Teamleider Burgerzaken", "Publiekszaken", "member"),
    ("m.bouzid", "Mohamed", "Bouzid", "Beleidsadviseur energie", "Ruimte", "member"),
    ("a.demir", "Aylin", "Demir", "Beleidsadviseur ruimtelijke ordening", "Ruimte", "member"),
    ("n.hoekstra", "Noor", "Hoekstra", "Beleidsadviseur jeugd", "Sociaal Domein", "member"),
    ("h.aydin", "Hatice", "Aydin", "Klantmanager Werk en Inkomen", "Sociaal Domein", "member"),
    ("j.kuipers", "Jeroen", "Kuipers", "Adviseur openbare orde en veiligheid", "Veiligheid", "member"),
    ("l.kok", "Linda", "Kok", "Financieel adviseur", "Financiën", "member"),
    ("i.huisman", "Ilse", "Huisman", "HR-adviseur", "HRM", "member"),
    ("e.dijkstra", "Eva", "Dijkstra", "Communicatieadviseur", "Communicatie", "member"),
    ("d.hermans", "Dennis", "Hermans", "Projectondersteuner", "PMO", "pmo_officer"),
]

# --- portfolio, objectives, programmes ----------------------------------------------------------------------

PORTFOLIO = {
    "name": "Veranderportfolio Gemeente Rivierstad 2026–2029",
    "description": (
        "Alle projecten en programma's waarmee Gemeente Rivierstad het coalitieakkoord 2026–2030 "
        "“Samen sterker aan de rivier” uitvoert. De portfolioboard (gemeentesecretaris, directeuren en "
        "concerncontroller) weegt elk kwartaal nieuwe voorstellen tegen de strategische doelen, het "
        "beschikbare budget en de capaciteit van de organisatie."
    ),
    "owner": "portfolio",
}

#: The portfolio board's pairwise comparison of the drivers (top-level objectives): how much more important the
#: first is than the second on Saaty's scale. Housing and climate weigh most; the judgements are consistent
#: (consistency ratio well below 0.10).
DRIVER_JUDGEMENTS: dict[tuple[str, str], float] = {
    ("SD1", "SD2"): 1,
    ("SD1", "SD3"): 1 / 2,
    ("SD1", "SD4"): 2,
    ("SD1", "SD5"): 1,
    ("SD1", "SD6"): 2,
    ("SD2", "SD3"): 1,
    ("SD2", "SD4"): 2,
    ("SD2", "SD5"): 2,
    ("SD2", "SD6"): 3,
    ("SD3", "SD4"): 2,
    ("SD3", "SD5"): 2,
    ("SD3", "SD6"): 3,
    ("SD4", "SD5"): 1,
    ("SD4", "SD6"): 2,
    ("SD5", "SD6"): 2,
}

#: Strategic objectives; a sub-objective names its `parent`. Parents come before their children.
OBJECTIVES: list[dict] = [
    {
        "code": "SD1",
        "title": "Dienstverlening digitaal en dichtbij",
        "description": (
            "Inwoners en ondernemers regelen hun zaken met de gemeente digitaal, eenvoudig en op elk moment. "
            "Wie dat niet kan of wil, krijgt persoonlijke hulp aan de balie, aan de telefoon of thuis."
        ),
    },
    {
        "code": "SD2",
        "title": "Klimaatneutraal Rivierstad in 2040",
        "description": (
            "De gemeente versnelt de energietransitie: minder CO₂-uitstoot, meer duurzame opwek en wijken "
            "die stap voor stap van het aardgas af gaan, betaalbaar voor iedereen."
        ),
    },
    {
        "code": "SD3",
        "title": "Voldoende betaalbare woningen",
        "description": (
            "Iedere inwoner vindt een passende en betaalbare woning. De gemeente versnelt de woningbouw en "
            "houdt de wijken leefbaar en groen."
        ),
    },
    {
        "code": "SD4",
        "title": "Veilige en leefbare wijken",
        "description": (
            "Inwoners voelen zich veilig in hun straat en buurt. De gemeente pakt ondermijning aan en werkt "
            "samen met politie, woningcorporaties en bewoners aan een schone en hele openbare ruimte."
        ),
    },
    {
        "code": "SD5",
        "title": "Iedereen doet mee",
        "description": (
            "Inwoners krijgen tijdig de ondersteuning die ze nodig hebben om mee te doen: werk, inkomen, "
            "zorg en jeugdhulp, zo dicht mogelijk bij huis en zonder onnodige bureaucratie."
        ),
    },
    {
        "code": "SD6",
        "title": "Bedrijfsvoering op orde",
        "description": (
            "Een financieel gezonde, wendbare en informatieveilige organisatie met goed werkgeverschap, die "
            "haar processen en gegevens op orde heeft."
        ),
    },
    {
        "code": "SD1.1",
        "parent": "SD1",
        "title": "80% van de producten volledig online in 2027",
        "description": (
            "Vier op de vijf gemeentelijke producten en diensten zijn in 2027 volledig digitaal aan te "
            "vragen, met DigiD of eHerkenning en met statusinformatie in MijnRivierstad."
        ),
    },
    {
        "code": "SD2.1",
        "parent": "SD2",
        "title": "Drie wijken aardgasvrij in 2030",
        "description": (
            "Volgens de Transitievisie Warmte gaan de Waterwijk, Rivierkwartier en Hoge Weide als eerste van "
            "het aardgas af, samen met bewoners en woningcorporaties."
        ),
    },
    {
        "code": "SD2.2",
        "parent": "SD2",
        "title": "Gemeentelijk vastgoed energieneutraal in 2030",
        "description": (
            "Het stadskantoor, de sporthallen, scholen en andere gemeentelijke gebouwen wekken in 2030 "
            "evenveel energie op als ze verbruiken."
        ),
    },
    {
        "code": "SD3.1",
        "parent": "SD3",
        "title": "1.200 nieuwe woningen in 2029, waarvan 30% sociale huur",
        "description": (
            "Tussen 2026 en 2029 worden 1.200 woningen opgeleverd, waarvan minstens 30% sociale huur en 40% "
            "betaalbare huur of koop."
        ),
    },
    {
        "code": "SD5.1",
        "parent": "SD5",
        "title": "Jeugdhulp tijdig en dichtbij",
        "description": (
            "Geen wachtlijsten langer dan acht weken; lichte ondersteuning via de wijkteams en het "
            "onderwijs, zodat minder kinderen specialistische jeugdhulp nodig hebben."
        ),
    },
    {
        "code": "SD6.1",
        "parent": "SD6",
        "title": "Informatieveiligheid en privacy volgens de BIO",
        "description": (
            "De gemeente voldoet aantoonbaar aan de Baseline Informatiebeveiliging Overheid en de AVG, "
            "verantwoord via ENSIA."
        ),
    },
]

PROGRAMMES: list[dict] = [
    {
        "code": "PRG-DD",
        "name": "Digitale Dienstverlening",
        "description": (
            "Vernieuwt de digitale dienstverlening aan inwoners en ondernemers: nieuw e-loket, zaakgericht "
            "werken, MijnRivierstad en een klantcontactcentrum dat vragen in één keer goed beantwoordt."
        ),
        "manager": "f.yilmaz",
        "sponsor": "k.vanleeuwen",
        "pmo_officers": ["pmo"],
    },
    {
        "code": "PRG-ET",
        "name": "Energietransitie",
        "description": (
            "Voert de Transitievisie Warmte en de Regionale Energiestrategie uit: aardgasvrije wijken, "
            "duurzame opwek, isolatie van woningen en verduurzaming van het gemeentelijk vastgoed."
        ),
        "manager": "e.meijer",
        "sponsor": "i.deboer",
        "pmo_officers": ["d.hermans"],
    },
    {
        "code": "PRG-WR",
        "name": "Wonen en Ruimte",
        "description": (
            "Versnelt de woningbouw met de woondeal 2026–2029 en brengt de Omgevingswet in de praktijk: "
            "omgevingsvisie, omgevingsplan en snellere vergunningverlening."
        ),
        "manager": "f.mol",
        "sponsor": "i.deboer",
        "pmo_officers": [],
    },
    {
        "code": "PRG-SO",
        "name": "Sociaal Domein",
        "description": (
            "Brengt zorg, werk, inkomen en jeugdhulp dichter bij inwoners: sterke wijkteams, preventie en "
            "grip op de kosten van Wmo en jeugdhulp."
        ),
        "manager": "c.bosman",
        "sponsor": "w.brouwer",
        "pmo_officers": ["d.hermans"],
    },
    {
        "code": "PRG-BV",
        "name": "Bedrijfsvoering",
        "description": (
            "Zorgt dat de eigen organisatie op orde is: informatieveiligheid, een moderne werkplek, een "
            "nieuw financieel systeem en strategische personeelsplanning."
        ),
        "manager": "l.visser",
        "sponsor": "m.peters",
        "pmo_officers": ["pmo"],
    },
]

# --- projects -----------------------------------------------------------------------------------------------

#: Why a project moved into a state (the history shows it next to the transition).
TRANSITION_REASONS: dict[str, str] = {
    "approved": "Besluit portfolioboard: business case goedgekeurd en budget toegekend.",
    "active": "Projectplan vastgesteld door de opdrachtgever; het project is gestart.",
    "closing": "Resultaten opgeleverd; overdracht aan de lijnorganisatie en decharge in voorbereiding.",
    "closed": "Decharge verleend door de opdrachtgever; eindrapport en geleerde lessen vastgelegd.",
    "on_hold": "Tijdelijk stilgelegd in afwachting van bestuurlijke besluitvorming en capaciteit.",
    "cancelled": "Gestopt door de portfolioboard: de business case is niet langer sluitend.",
    "rejected": "Afgewezen door de portfolioboard: te weinig bijdrage aan de strategische doelen.",
    "proposal": "Heroverwogen en opnieuw als voorstel ingediend.",
}

#: The usual way into each lifecycle state, starting from a new proposal. A project's own `path` (a list of
#: states or (state, reason) pairs) overrides it.
DEFAULT_PATHS: dict[str, list[str]] = {
    "proposal": [],
    "approved": ["approved"],
    "active": ["approved", "active"],
    "closing": ["approved", "active", "closing"],
    "closed": ["approved", "active", "closing", "closed"],
    "on_hold": ["approved", "active", "on_hold"],
    "cancelled": ["approved", "active", "cancelled"],
    "rejected": ["rejected"],
}

PROJECTS: list[dict] = [
    # --- Digitale Dienstverlening --------------------------------------------------------------------------
    {
        "code": "DD-01",
        "name": "Nieuw e-loket en formulierenplatform",
        "description": (
            "Vervangt het verouderde e-loket door een nieuw formulierenplatform op basis van Common Ground. "
            "Inwoners vullen minder gegevens in doordat bekende gegevens uit de basisregistraties worden "
            "opgehaald."
        ),
        "programme": "PRG-DD",
        "sponsor": "k.vanleeuwen",
        "manager": "b.devries",
        "start": date(2024, 9, 1),
        "finish": date(2026, 3, 31),
        "budget": 1_250_000,
        "state": "closed",
        "objectives": {"SD1": "high", "SD1.1": "high"},
        "team": ["t.willems", "f.koster", "e.dijkstra"],
    },
    {
        "code": "DD-02",
        "name": "Zaakgericht werken in het sociaal domein",
        "description": (
            "Brengt alle aanvragen voor Wmo, jeugd en participatie onder in het zaaksysteem, zodat elke "
            "medewerker de status van een aanvraag kan zien en inwoners die status online volgen."
        ),
        "programme": "PRG-DD",
        "sponsor": "w.brouwer",
        "manager": "pm",
        "start": date(2025, 4, 1),
        "finish": date(2027, 6, 30),
        "budget": 980_000,
        "state": "active",
        "objectives": {"SD1": "medium", "SD5": "medium", "SD6": "low"},
        "team": ["t.willems", "h.aydin"],
    },
    {
        "code": "DD-03",
        "name": "Klantcontactcentrum: vraag in één keer goed",
        "description": (
            "Richt het klantcontactcentrum zo in dat 80% van de vragen bij het eerste contact wordt "
            "beantwoord, met een kennisbank, terugbelafspraken en chat via de website."
        ),
        "programme": "PRG-DD",
        "sponsor": "k.vanleeuwen",
        "manager": "b.vos",
        "start": date(2025, 1, 15),
        "finish": date(2026, 12, 31),
        "budget": 640_000,
        "state": "closing",
        "objectives": {"SD1": "high"},
        "team": ["f.koster", "r.maas"],
    },
    {
        "code": "DD-04",
        "name": "MijnRivierstad: persoonlijke online omgeving",
        "description": (
            "Bouwt de persoonlijke omgeving waarin inwoners en ondernemers hun lopende zaken, berichten, "
            "belastingaanslagen en afspraken zien, gekoppeld aan de Berichtenbox en MijnOverheid."
        ),
        "programme": "PRG-DD",
        "sponsor": "k.vanleeuwen",
        "manager": "b.devries",
        "start": date(2025, 9, 1),
        "finish": date(2027, 12, 31),
        "budget": 1_450_000,
        "state": "active",
        "objectives": {"SD1": "high", "SD1.1": "high"},
        "team": ["t.willems", "e.dijkstra", "p.ramdin"],
    },
    {
        "code": "DD-05",
        "name": "Digitaal afspraken maken bij Burgerzaken",
        "description": (
            "Nieuw afsprakensysteem voor paspoorten, rijbewijzen en aangiften, met herinneringen per sms en "
            "e-mail, zodat minder afspraken verloren gaan."
        ),
        "programme": "PRG-DD",
        "sponsor": "k.vanleeuwen",
        "manager": "pm",
        "start": date(2024, 6, 1),
        "finish": date(2025, 6, 30),
        "budget": 185_000,
        "state": "closed",
        "objectives": {"SD1": "medium", "SD1.1": "medium"},
        "team": ["f.koster"],
    },
    {
        "code": "DD-06",
        "name": "Digitale toegankelijkheid website en apps",
        "description": (
            "Maakt de website, formulieren en apps van de gemeente toegankelijk volgens WCAG 2.2 niveau AA, "
            "met een actuele toegankelijkheidsverklaring."
        ),
        "programme": "PRG-DD",
        "sponsor": "k.vanleeuwen",
        "manager": "b.vos",
        "start": date(2026, 2, 1),
        "finish": date(2027, 3, 31),
        "budget": 210_000,
        "state": "active",
        "objectives": {"SD1": "medium"},
        "team": ["e.dijkstra"],
    },
    {
        "code": "DD-07",
        "name": "Chatbot voor veelgestelde vragen",
        "description": (
            "Verkent een chatbot op de website die eenvoudige vragen over afval, parkeren en belastingen "
            "beantwoordt en doorverwijst naar een medewerker als dat nodig is."
        ),
        "programme": "PRG-DD",
        "sponsor": "k.vanleeuwen",
        "manager": "b.vos",
        "start": date(2027, 3, 1),
        "finish": date(2027, 12, 31),
        "budget": 95_000,
        "state": "proposal",
        "objectives": {"SD1": "low"},
        "team": [],
    },
    {
        "code": "DD-08",
        "name": "Datagedreven werken: dashboard dienstverlening",
        "description": (
            "Een dashboard met wachttijden, doorlooptijden en klanttevredenheid per kanaal, zodat teams "
            "hun dienstverlening op feiten kunnen bijsturen."
        ),
        "programme": "PRG-DD",
        "sponsor": "k.vanleeuwen",
        "manager": "l.visser",
        "start": date(2026, 10, 1),
        "finish": date(2027, 9, 30),
        "budget": 160_000,
        "state": "approved",
        "objectives": {"SD1": "medium", "SD6": "low"},
        "team": ["r.maas"],
    },
    {
        "code": "DD-09",
        "name": "Digitaal ondernemersloket",
        "description": (
            "Eén digitaal loket voor ondernemers voor vergunningen, evenementen en terrassen, met "
            "eHerkenning en één aanspreekpunt."
        ),
        "programme": "PRG-DD",
        "sponsor": "j.vandenberg",
        "manager": "b.devries",
        "start": date(2025, 3, 1),
        "finish": date(2026, 9, 30),
        "budget": 420_000,
        "state": "on_hold",
        "path": [
            "approved",
            "active",
            (
                "on_hold",
                "Stilgelegd: leverancier van het vergunningensysteem gaat over op een nieuw platform; "
                "hervatting na de migratie.",
            ),
        ],
        "objectives": {"SD1": "medium", "SD1.1": "medium"},
        "team": ["t.willems"],
    },
    {
        "code": "DD-10",
        "name": "Archief digitaal: vervanging papieren archief",
        "description": (
            "Digitaliseert de bouwdossiers en het archief van Burgerzaken en vervangt het papier volgens de "
            "Archiefwet, zodat dossiers direct online beschikbaar zijn."
        ),
        "programme": "PRG-DD",
        "sponsor": "m.peters",
        "manager": "n.jacobs",
        "start": date(2025, 6, 1),
        "finish": date(2027, 12, 31),
        "budget": 760_000,
        "state": "active",
        "objectives": {"SD1": "medium", "SD6": "medium"},
        "team": ["p.ramdin", "f.koster"],
    },
    {
        "code": "DD-11",
        "name": "Digitale parkeervergunning",
        "description": (
            "Inwoners en bedrijven vragen hun parkeervergunning en bezoekersparkeren volledig online aan, "
            "gekoppeld aan het kenteken en zonder papieren vergunning achter de voorruit."
        ),
        "programme": "PRG-DD",
        "sponsor": "k.vanleeuwen",
        "manager": "b.devries",
        "start": date(2027, 4, 1),
        "finish": date(2028, 3, 31),
        "budget": 310_000,
        "state": "proposal",
        "objectives": {"SD1.1": "high", "SD1": "medium"},
        "team": [],
    },
    {
        "code": "DD-12",
        "name": "Brieven in begrijpelijke taal",
        "description": (
            "Herschrijft de 250 meest verstuurde brieven en e-mails op taalniveau B1 en test ze met inwoners, "
            "zodat minder mensen hoeven te bellen om een brief te begrijpen."
        ),
        "programme": "PRG-DD",
        "sponsor": "k.vanleeuwen",
        "manager": "b.vos",
        "start": date(2027, 9, 1),
        "finish": date(2028, 2, 29),
        "budget": 85_000,
        "state": "proposal",
        "objectives": {"SD1": "medium", "SD5": "low"},
        "team": [],
    },
    {
        "code": "DD-13",
        "name": "Proactieve dienstverlening bij levensgebeurtenissen",
        "description": (
            "Informeert inwoners uit zichzelf over regelingen waar ze recht op hebben bij een verhuizing, "
            "geboorte of overlijden, op basis van wijzigingen in de Basisregistratie Personen."
        ),
        "programme": "PRG-DD",
        "sponsor": "w.brouwer",
        "manager": "l.visser",
        "start": date(2028, 1, 1),
        "finish": date(2029, 6, 30),
        "budget": 540_000,
        "state": "proposal",
        "objectives": {"SD1": "high", "SD5": "medium", "SD6.1": "low"},
        "team": [],
    },
    # --- Energietransitie ----------------------------------------------------------------------------------
    {
        "code": "ET-01",
        "name": "Warmtenet Waterwijk",
        "description": (
            "Legt samen met de woningcorporatie een warmtenet aan in de Waterwijk, gevoed door restwarmte "
            "van de waterzuivering. Eerste fase: 650 woningen van het aardgas af."
        ),
        "programme": "PRG-ET",
        "sponsor": "h.bos",
        "manager": "r.smit",
        "start": date(2025, 1, 1),
        "finish": date(2028, 12, 31),
        "budget": 4_200_000,
        "state": "active",
        "objectives": {"SD2": "high", "SD2.1": "high"},
        "team": ["m.bouzid", "e.dijkstra", "l.kok"],
    },
    {
        "code": "ET-02",
        "name": "Aardgasvrij Rivierkwartier: wijkuitvoeringsplan",
        "description": (
            "Stelt met bewoners het wijkuitvoeringsplan voor het Rivierkwartier op: welk alternatief voor "
            "aardgas, in welke volgorde en met welke ondersteuning voor eigenaar-bewoners."
        ),
        "programme": "PRG-ET",
        "sponsor": "h.bos",
        "manager": "t.vanderlinden",
        "start": date(2026, 1, 1),
        "finish": date(2027, 6, 30),
        "budget": 380_000,
        "state": "active",
        "objectives": {"SD2": "medium", "SD2.1": "high"},
        "team": ["m.bouzid"],
    },
    {
        "code": "ET-03",
        "name": "Isolatieoffensief koopwoningen",
        "description": (
            "Subsidie en gratis energieadvies voor eigenaar-bewoners met lage inkomens, zodat 2.000 "
            "koopwoningen beter geïsoleerd worden en de energierekening daalt."
        ),
        "programme": "PRG-ET",
        "sponsor": "h.bos",
        "manager": "r.smit",
        "start": date(2025, 5, 1),
        "finish": date(2027, 12, 31),
        "budget": 2_100_000,
        "state": "active",
        "objectives": {"SD2": "high", "SD3": "low", "SD5": "low"},
        "team": ["m.bouzid", "member"],
    },
    {
        "code": "ET-04",
        "name": "Zonnepanelen op gemeentelijk vastgoed",
        "description": (
            "Plaatst zonnepanelen op het stadskantoor, de gemeentewerf, vier sporthallen en twaalf scholen. "
            "Samen goed voor ruim 2 GWh duurzame stroom per jaar."
        ),
        "programme": "PRG-ET",
        "sponsor": "m.peters",
        "manager": "t.vanderlinden",
        "start": date(2024, 3, 1),
        "finish": date(2025, 10, 31),
        "budget": 1_150_000,
        "state": "closed",
        "objectives": {"SD2": "medium", "SD2.2": "high"},
        "team": ["m.bouzid", "l.kok"],
    },
    {
        "code": "ET-05",
        "name": "Verduurzaming stadskantoor",
        "description": (
            "Vervangt de gasketels van het stadskantoor door warmtepompen, brengt LED-verlichting aan en "
            "isoleert de gevel, zodat het gebouw in 2028 energieneutraal is."
        ),
        "programme": "PRG-ET",
        "sponsor": "m.peters",
        "manager": "e.schouten",
        "start": date(2026, 4, 1),
        "finish": date(2028, 6, 30),
        "budget": 3_400_000,
        "state": "active",
        "objectives": {"SD2.2": "high", "SD6": "low"},
        "team": ["l.kok"],
    },
    {
        "code": "ET-06",
        "name": "Windpark Hoge Weide: participatietraject",
        "description": (
            "Onderzoekt met omwonenden of en onder welke voorwaarden drie windturbines bij Hoge Weide kunnen "
            "komen, met financiële participatie voor inwoners."
        ),
        "programme": "PRG-ET",
        "sponsor": "h.bos",
        "manager": "r.smit",
        "start": date(2025, 2, 1),
        "finish": date(2026, 12, 31),
        "budget": 290_000,
        "state": "on_hold",
        "path": [
            "approved",
            "active",
            (
                "on_hold",
                "Stilgelegd na uitspraak van de Raad van State over windturbinenormen; wachten op "
                "nieuwe landelijke normen.",
            ),
        ],
        "objectives": {"SD2": "medium"},
        "team": ["m.bouzid", "e.dijkstra"],
    },
    {
        "code": "ET-07",
        "name": "Laadpalen in de openbare ruimte",
        "description": (
            "Plaatst 300 openbare laadpunten voor elektrische auto's via een concessie, verdeeld over alle "
            "wijken op basis van de laadbehoefte."
        ),
        "programme": "PRG-ET",
        "sponsor": "h.bos",
        "manager": "r.vanwijk",
        "start": date(2027, 1, 1),
        "finish": date(2028, 12, 31),
        "budget": 450_000,
        "state": "approved",
        "objectives": {"SD2": "medium"},
        "team": ["m.bouzid"],
    },
    {
        "code": "ET-08",
        "name": "Energiecoaches voor huurders",
        "description": (
            "Getrainde vrijwillige energiecoaches helpen huurders met energiebesparing thuis. Het project "
            "werd gestopt toen de corporaties een eigen regeling startten."
        ),
        "programme": "PRG-ET",
        "sponsor": "a.vermeulen",
        "manager": "s.dekker",
        "start": date(2024, 9, 1),
        "finish": date(2025, 12, 31),
        "budget": 120_000,
        "state": "cancelled",
        "path": [
            "approved",
            "active",
            (
                "cancelled",
                "Gestopt: de woningcorporaties bieden hun huurders sinds 2025 zelf energiecoaches aan; "
                "dubbel aanbod is niet nodig.",
            ),
        ],
        "objectives": {"SD2": "low", "SD5": "low"},
        "team": ["m.bouzid"],
    },
    {
        "code": "ET-09",
        "name": "Buurtbatterijen Hoge Weide",
        "description": (
            "Plaatst drie buurtbatterijen die overdag zonnestroom van de daken opslaan, zodat het net minder "
            "vol raakt en meer bewoners zonnepanelen kunnen aansluiten."
        ),
        "programme": "PRG-ET",
        "sponsor": "h.bos",
        "manager": "r.smit",
        "start": date(2027, 6, 1),
        "finish": date(2028, 9, 30),
        "budget": 780_000,
        "state": "proposal",
        "objectives": {"SD2": "high"},
        "team": [],
    },
    {
        "code": "ET-10",
        "name": "Energiefixers bij inwoners thuis",
        "description": (
            "Energiefixers komen gratis langs bij inwoners met een laag inkomen voor tochtstrips, radiatorfolie "
            "en advies over de energierekening."
        ),
        "programme": "PRG-ET",
        "sponsor": "a.vermeulen",
        "manager": "s.dekker",
        "start": date(2027, 1, 1),
        "finish": date(2027, 10, 31),
        "budget": 160_000,
        "state": "proposal",
        "objectives": {"SD2": "medium", "SD5": "medium"},
        "team": [],
    },
    {
        "code": "ET-11",
        "name": "Warmtepompen in sporthallen",
        "description": (
            "Vervangt de gasketels in drie gemeentelijke sporthallen door warmtepompen en isoleert de daken, "
            "als volgende stap naar energieneutraal gemeentelijk vastgoed."
        ),
        "programme": "PRG-ET",
        "sponsor": "m.peters",
        "manager": "e.schouten",
        "start": date(2028, 3, 1),
        "finish": date(2029, 6, 30),
        "budget": 1_350_000,
        "state": "proposal",
        "objectives": {"SD2.2": "high", "SD2": "medium"},
        "team": [],
    },
    # --- Wonen en Ruimte -----------------------------------------------------------------------------------
    {
        "code": "WR-01",
        "name": "Omgevingsplan Rivierstad",
        "description": (
            "Zet de tijdelijke delen van het omgevingsplan om in één samenhangend omgevingsplan voor de hele "
            "gemeente, met eenvoudige en digitaal raadpleegbare regels."
        ),
        "programme": "PRG-WR",
        "sponsor": "i.deboer",
        "manager": "t.vanderlinden",
        "start": date(2024, 4, 1),
        "finish": date(2028, 12, 31),
        "budget": 1_800_000,
        "state": "active",
        "objectives": {"SD3": "medium", "SD4": "low"},
        "team": ["a.demir", "t.willems"],
    },
    {
        "code": "WR-02",
        "name": "Woningbouwlocatie Rivieroever",
        "description": (
            "Ontwikkelt het voormalige haventerrein tot een woonwijk met 450 woningen, waarvan 35% sociale "
            "huur, en een nieuw rivierpark."
        ),
        "programme": "PRG-WR",
        "sponsor": "h.bos",
        "manager": "r.smit",
        "start": date(2025, 1, 1),
        "finish": date(2029, 6, 30),
        "budget": 4_500_000,
        "state": "active",
        "objectives": {"SD3": "high", "SD3.1": "high", "SD2": "low"},
        "team": ["a.demir", "member", "l.kok"],
    },
    {
        "code": "WR-03",
        "name": "Flexwoningen De Kade",
        "description": (
            "Realiseert 120 flexwoningen voor starters, statushouders en spoedzoekers op een tijdelijke "
            "locatie aan De Kade, voor minimaal vijftien jaar."
        ),
        "programme": "PRG-WR",
        "sponsor": "h.bos",
        "manager": "t.vanderlinden",
        "start": date(2024, 6, 1),
        "finish": date(2026, 9, 30),
        "budget": 2_600_000,
        "state": "closing",
        "objectives": {"SD3": "high", "SD3.1": "medium", "SD5": "low"},
        "team": ["a.demir"],
    },
    {
        "code": "WR-04",
        "name": "Omgevingsvisie 2040",
        "description": (
            "Stelt de omgevingsvisie Rivierstad 2040 op, met keuzes over wonen, werken, groen, energie en "
            "mobiliteit, in gesprek met inwoners, bedrijven en de gemeenteraad."
        ),
        "programme": "PRG-WR",
        "sponsor": "i.deboer",
        "manager": "f.mol",
        "start": date(2024, 1, 15),
        "finish": date(2025, 11, 30),
        "budget": 340_000,
        "state": "closed",
        "objectives": {"SD3": "medium", "SD2": "medium", "SD4": "low"},
        "team": ["a.demir", "e.dijkstra"],
    },
    {
        "code": "WR-05",
        "name": "Versnelling vergunningverlening",
        "description": (
            "Verkort de doorlooptijd van omgevingsvergunningen voor woningbouw van 14 naar 8 weken met "
            "vooroverleg, een omgevingstafel en digitale dossiers."
        ),
        "programme": "PRG-WR",
        "sponsor": "i.deboer",
        "manager": "r.smit",
        "start": date(2025, 10, 1),
        "finish": date(2027, 3, 31),
        "budget": 520_000,
        "state": "active",
        "path": [
            "approved",
            "active",
            ("on_hold", "Gepauzeerd tot het nieuwe vergunningensysteem beschikbaar is."),
            ("active", "Vergunningensysteem live; project hervat."),
        ],
        "objectives": {"SD3": "medium", "SD3.1": "medium", "SD1": "low"},
        "team": ["a.demir", "t.willems"],
    },
    {
        "code": "WR-06",
        "name": "Transformatie kantoren Stationsgebied",
        "description": (
            "Onderzoekt met eigenaren hoe vier leegstaande kantoorpanden in het Stationsgebied kunnen "
            "worden omgebouwd tot circa 200 woningen."
        ),
        "programme": "PRG-WR",
        "sponsor": "h.bos",
        "manager": "t.vanderlinden",
        "start": date(2027, 1, 1),
        "finish": date(2029, 12, 31),
        "budget": 650_000,
        "state": "proposal",
        "objectives": {"SD3": "high", "SD3.1": "medium"},
        "team": [],
    },
    {
        "code": "WR-07",
        "name": "Woonwagenlocatie De Brink",
        "description": (
            "Vernieuwt en breidt de woonwagenlocatie De Brink uit met acht standplaatsen, in overleg met de "
            "bewoners en volgens het landelijke beleidskader."
        ),
        "programme": "PRG-WR",
        "sponsor": "h.bos",
        "manager": "r.smit",
        "start": date(2026, 11, 1),
        "finish": date(2028, 6, 30),
        "budget": 890_000,
        "state": "approved",
        "objectives": {"SD3": "medium", "SD4": "low"},
        "team": ["a.demir"],
    },
    {
        "code": "WR-08",
        "name": "Kabelbaan over de rivier",
        "description": (
            "Voorstel uit de raad voor een kabelbaan tussen het centrum en de Rivieroever als toeristische "
            "trekpleister en verbinding voor fietsers."
        ),
        "programme": "PRG-WR",
        "sponsor": "i.deboer",
        "manager": "r.vanwijk",
        "start": date(2027, 4, 1),
        "finish": date(2029, 12, 31),
        "budget": 3_900_000,
        "state": "rejected",
        "objectives": {"SD3": "low"},
        "team": [],
    },
    {
        "code": "WR-09",
        "name": "Woningsplitsen en optoppen",
        "description": (
            "Helpt eigenaren met een vast aanspreekpunt, heldere regels in het omgevingsplan en een kleine "
            "subsidie om grote woningen te splitsen of er een woonlaag bovenop te bouwen."
        ),
        "programme": "PRG-WR",
        "sponsor": "i.deboer",
        "manager": "f.mol",
        "start": date(2027, 5, 1),
        "finish": date(2028, 4, 30),
        "budget": 240_000,
        "state": "proposal",
        "objectives": {"SD3": "medium", "SD3.1": "low"},
        "team": [],
    },
    {
        "code": "WR-10",
        "name": "Knarrenhof Hoge Weide",
        "description": (
            "Ontwikkelt met een bewonerscollectief een hofje met 36 levensloopbestendige woningen voor "
            "senioren, zodat eengezinswoningen in de wijk vrijkomen voor gezinnen."
        ),
        "programme": "PRG-WR",
        "sponsor": "h.bos",
        "manager": "t.vanderlinden",
        "start": date(2027, 10, 1),
        "finish": date(2029, 3, 31),
        "budget": 1_150_000,
        "state": "proposal",
        "objectives": {"SD3": "high", "SD3.1": "high", "SD5": "low"},
        "team": [],
    },
    # --- Sociaal Domein ------------------------------------------------------------------------------------
    {
        "code": "SO-01",
        "name": "Wijkteams 2.0",
        "description": (
            "Richt de wijkteams opnieuw in, zodat inwoners één vast aanspreekpunt hebben voor zorg, werk, "
            "inkomen en opvoeding, met ruimte voor maatwerk."
        ),
        "programme": "PRG-SO",
        "sponsor": "w.brouwer",
        "manager": "s.dekker",
        "start": date(2025, 1, 1),
        "finish": date(2027, 6, 30),
        "budget": 1_350_000,
        "state": "active",
        "objectives": {"SD5": "high", "SD5.1": "medium"},
        "team": ["n.hoekstra", "h.aydin"],
    },
    {
        "code": "SO-02",
        "name": "Jeugdhulp in en om de school",
        "description": (
            "Plaatst jeugdhulpverleners op alle basisscholen en het voortgezet onderwijs, zodat kinderen "
            "sneller en lichter geholpen worden."
        ),
        "programme": "PRG-SO",
        "sponsor": "a.vermeulen",
        "manager": "s.dekker",
        "start": date(2025, 8, 15),
        "finish": date(2027, 7, 31),
        "budget": 1_100_000,
        "state": "active",
        "objectives": {"SD5.1": "high", "SD5": "medium"},
        "team": ["n.hoekstra"],
    },
    {
        "code": "SO-03",
        "name": "Schuldhulpverlening: vroegsignalering",
        "description": (
            "Signaleert betalingsachterstanden bij huur, energie en zorgverzekering vroeg en biedt inwoners "
            "binnen twee weken hulp aan, voordat schulden oplopen."
        ),
        "programme": "PRG-SO",
        "sponsor": "w.brouwer",
        "manager": "c.bosman",
        "start": date(2024, 2, 1),
        "finish": date(2025, 9, 30),
        "budget": 260_000,
        "state": "closed",
        "objectives": {"SD5": "high"},
        "team": ["h.aydin", "r.maas", "p.ramdin"],
    },
    {
        "code": "SO-04",
        "name": "Nieuwe inkoop Wmo-begeleiding",
        "description": (
            "Besteedt de Wmo-begeleiding opnieuw aan met resultaatgerichte contracten, minder aanbieders en "
            "minder administratieve lasten."
        ),
        "programme": "PRG-SO",
        "sponsor": "w.brouwer",
        "manager": "c.bosman",
        "start": date(2025, 3, 1),
        "finish": date(2026, 12, 31),
        "budget": 310_000,
        "state": "closing",
        "objectives": {"SD5": "medium", "SD6": "medium"},
        "team": ["l.kok"],
    },
    {
        "code": "SO-05",
        "name": "Participatiebanen: werkgeversservicepunt",
        "description": (
            "Versterkt het werkgeversservicepunt zodat 150 inwoners met een afstand tot de arbeidsmarkt per "
            "jaar aan betaald werk worden geholpen."
        ),
        "programme": "PRG-SO",
        "sponsor": "a.vermeulen",
        "manager": "s.dekker",
        "start": date(2026, 1, 1),
        "finish": date(2028, 12, 31),
        "budget": 720_000,
        "state": "active",
        "objectives": {"SD5": "high"},
        "team": ["h.aydin"],
    },
    {
        "code": "SO-06",
        "name": "Mantelzorgondersteuning digitaal",
        "description": (
            "Een online platform waar mantelzorgers elkaar vinden, respijtzorg aanvragen en de "
            "mantelzorgwaardering regelen."
        ),
        "programme": "PRG-SO",
        "sponsor": "a.vermeulen",
        "manager": "b.vos",
        "start": date(2027, 1, 1),
        "finish": date(2027, 12, 31),
        "budget": 140_000,
        "state": "proposal",
        "objectives": {"SD5": "medium", "SD1": "low"},
        "team": [],
    },
    {
        "code": "SO-07",
        "name": "Preventieakkoord gezonde jeugd",
        "description": (
            "Voert met scholen, sportclubs en de GGD het lokale preventieakkoord uit: minder overgewicht, "
            "alcohol- en rookgebruik onder jongeren."
        ),
        "programme": "PRG-SO",
        "sponsor": "a.vermeulen",
        "manager": "s.dekker",
        "start": date(2026, 3, 1),
        "finish": date(2028, 12, 31),
        "budget": 480_000,
        "state": "active",
        "objectives": {"SD5.1": "medium", "SD5": "medium", "SD4": "low"},
        "team": ["n.hoekstra", "e.dijkstra"],
    },
    {
        "code": "SO-08",
        "name": "Basisbaan voor bijstandsgerechtigden",
        "description": (
            "Pilot met basisbanen in de openbare ruimte en de zorg. Het voorstel werd heroverwogen na de "
            "landelijke wijziging van de Participatiewet."
        ),
        "programme": "PRG-SO",
        "sponsor": "w.brouwer",
        "manager": "c.bosman",
        "start": date(2027, 1, 1),
        "finish": date(2028, 12, 31),
        "budget": 1_600_000,
        "state": "on_hold",
        "path": [
            (
                "on_hold",
                "Aangehouden tot de wijziging van de Participatiewet en de rijksbijdrage duidelijk zijn.",
            ),
        ],
        "objectives": {"SD5": "high"},
        "team": ["h.aydin"],
    },
    {
        "code": "SO-09",
        "name": "Jongerenloket werk en inkomen",
        "description": (
            "Eén loket in het centrum waar jongeren van 16 tot 27 jaar terechtkunnen met vragen over werk, "
            "studie, schulden en inkomen, samen met het UWV en het ROC."
        ),
        "programme": "PRG-SO",
        "sponsor": "w.brouwer",
        "manager": "c.bosman",
        "start": date(2027, 2, 1),
        "finish": date(2028, 1, 31),
        "budget": 420_000,
        "state": "proposal",
        "objectives": {"SD5": "high", "SD5.1": "low"},
        "team": [],
    },
    {
        "code": "SO-10",
        "name": "Valpreventie voor thuiswonende ouderen",
        "description": (
            "Beweegcursussen en huisbezoeken die vallen bij thuiswonende 75-plussers voorkomen, samen met "
            "fysiotherapeuten, de thuiszorg en de wijkteams."
        ),
        "programme": "PRG-SO",
        "sponsor": "a.vermeulen",
        "manager": "s.dekker",
        "start": date(2028, 1, 1),
        "finish": date(2028, 9, 30),
        "budget": 110_000,
        "state": "proposal",
        "objectives": {"SD5": "low"},
        "team": [],
    },
    # --- Bedrijfsvoering -----------------------------------------------------------------------------------
    {
        "code": "BV-01",
        "name": "Informatiebeveiliging op BIO-niveau",
        "description": (
            "Sluit de bevindingen uit de ENSIA-audit en de BIO-nulmeting: netwerksegmentatie, "
            "multifactorauthenticatie overal en een getest incidentresponsplan."
        ),
        "programme": "PRG-BV",
        "sponsor": "m.peters",
        "manager": "pm",
        "start": date(2025, 1, 1),
        "finish": date(2026, 12, 31),
        "budget": 860_000,
        "state": "active",
        "objectives": {"SD6": "high", "SD6.1": "high"},
        "team": ["s.groot", "p.ramdin", "t.willems"],
    },
    {
        "code": "BV-02",
        "name": "Nieuw financieel systeem",
        "description": (
            "Vervangt het financiële pakket door een cloudoplossing met e-facturatie, digitale "
            "budgetbewaking voor budgethouders en koppelingen met het zaaksysteem."
        ),
        "programme": "PRG-BV",
        "sponsor": "g.prins",
        "manager": "n.jacobs",
        "start": date(2025, 9, 1),
        "finish": date(2027, 4, 30),
        "budget": 1_950_000,
        "state": "active",
        "objectives": {"SD6": "high"},
        "team": ["l.kok", "t.willems"],
    },
    {
        "code": "BV-03",
        "name": "Moderne digitale werkplek (M365)",
        "description": (
            "Migreert alle medewerkers naar een moderne digitale werkplek met Microsoft 365, inclusief "
            "training, adoptie en afspraken over veilig samenwerken met externe partijen."
        ),
        "programme": "PRG-BV",
        "sponsor": "m.peters",
        "manager": "pm",
        "start": date(2024, 5, 1),
        "finish": date(2025, 12, 31),
        "budget": 1_300_000,
        "state": "closed",
        "path": [
            "approved",
            "active",
            ("closing", "Migratie afgerond; nazorg en adoptie lopen."),
            ("active", "Heropend: migratie van de gedeelde mailboxen bleek niet volledig."),
            "closing",
            "closed",
        ],
        "objectives": {"SD6": "medium", "SD6.1": "medium"},
        "team": ["s.groot", "i.huisman"],
    },
    {
        "code": "BV-04",
        "name": "Strategische personeelsplanning",
        "description": (
            "Brengt in beeld welke mensen en vaardigheden de organisatie de komende vijf jaar nodig heeft, "
            "met een aanpak voor krapteberoepen zoals vergunningverleners en ICT-specialisten."
        ),
        "programme": "PRG-BV",
        "sponsor": "m.peters",
        "manager": "e.schouten",
        "start": date(2026, 5, 1),
        "finish": date(2027, 6, 30),
        "budget": 180_000,
        "state": "active",
        "objectives": {"SD6": "medium"},
        "team": ["i.huisman"],
    },
    {
        "code": "BV-05",
        "name": "Datagovernance en gegevensmanagement",
        "description": (
            "Legt eigenaarschap, kwaliteitsregels en een register van gegevens vast, als basis voor "
            "datagedreven werken en de verantwoording over privacy."
        ),
        "programme": "PRG-BV",
        "sponsor": "m.peters",
        "manager": "pm",
        "start": date(2027, 1, 1),
        "finish": date(2028, 3, 31),
        "budget": 230_000,
        "state": "approved",
        "objectives": {"SD6": "medium", "SD6.1": "medium", "SD1": "low"},
        "team": ["r.maas", "p.ramdin"],
    },
    {
        "code": "BV-06",
        "name": "Eigen rekencentrum vernieuwen",
        "description": (
            "Voorstel om de eigen serverruimte te vervangen door nieuwe hardware. Afgewezen ten gunste van "
            "de overstap naar een gedeeld overheidsdatacenter."
        ),
        "programme": "PRG-BV",
        "sponsor": "m.peters",
        "manager": "e.schouten",
        "start": date(2026, 6, 1),
        "finish": date(2027, 6, 30),
        "budget": 1_050_000,
        "state": "rejected",
        "objectives": {"SD6": "low"},
        "team": [],
    },
    {
        "code": "BV-07",
        "name": "Overstap naar een overheidsdatacenter",
        "description": (
            "Verhuist de servers uit de eigen serverruimte naar een gedeeld overheidsdatacenter, met nieuwe "
            "afspraken over back-up, uitwijk en beheer."
        ),
        "programme": "PRG-BV",
        "sponsor": "m.peters",
        "manager": "e.schouten",
        "start": date(2027, 3, 1),
        "finish": date(2028, 6, 30),
        "budget": 1_450_000,
        "state": "proposal",
        "objectives": {"SD6": "high", "SD6.1": "medium"},
        "team": [],
    },
    {
        "code": "BV-08",
        "name": "Digitaal contractbeheer",
        "description": (
            "Eén contractregister en een digitaal inkoopproces, zodat de gemeente tijdig aanbesteedt en "
            "contracten niet meer stilzwijgend worden verlengd."
        ),
        "programme": "PRG-BV",
        "sponsor": "g.prins",
        "manager": "n.jacobs",
        "start": date(2027, 9, 1),
        "finish": date(2028, 4, 30),
        "budget": 195_000,
        "state": "proposal",
        "objectives": {"SD6": "medium"},
        "team": [],
    },
    # --- Zelfstandige projecten (geen programma) -----------------------------------------------------------
    {
        "code": "VG-01",
        "name": "Aanpak ondermijning bedrijventerreinen",
        "description": (
            "Integrale controles met politie, belastingdienst en RIEC op de bedrijventerreinen, met een "
            "keurmerk veilig ondernemen en een meldpunt voor ondernemers."
        ),
        "programme": None,
        "sponsor": "m.post",
        "manager": "j.kuipers",
        "start": date(2025, 4, 1),
        "finish": date(2027, 3, 31),
        "budget": 540_000,
        "state": "active",
        "objectives": {"SD4": "high"},
        "team": ["r.maas"],
    },
    {
        "code": "VG-02",
        "name": "Cameratoezicht uitgaansgebied",
        "description": (
            "Vervangt de analoge camera's in het uitgaansgebied door digitale camera's met live-uitkijk in "
            "de meldkamer, binnen de kaders van de AVG en het cameraprotocol."
        ),
        "programme": None,
        "sponsor": "m.post",
        "manager": "j.kuipers",
        "start": date(2026, 2, 1),
        "finish": date(2026, 11, 30),
        "budget": 310_000,
        "state": "closing",
        "objectives": {"SD4": "high", "SD6.1": "low"},
        "team": ["p.ramdin", "s.groot"],
    },
    {
        "code": "VG-03",
        "name": "Buurtpreventie en wijkschouw",
        "description": (
            "Ondersteunt bewonersgroepen voor buurtpreventie en organiseert wijkschouwen met politie, "
            "woningcorporaties en handhaving in vijf wijken."
        ),
        "programme": None,
        "sponsor": "m.post",
        "manager": "j.kuipers",
        "start": date(2027, 4, 1),
        "finish": date(2027, 11, 30),
        "budget": 70_000,
        "state": "proposal",
        "objectives": {"SD4": "medium"},
        "team": [],
    },
    {
        "code": "VG-04",
        "name": "Aanpak woonoverlast en malafide verhuur",
        "description": (
            "Pakt met corporaties en brandweer overbewoning, illegale verhuur en woonoverlast aan, met een "
            "verhuurvergunning in twee wijken waar de problemen het grootst zijn."
        ),
        "programme": None,
        "sponsor": "m.post",
        "manager": "j.kuipers",
        "start": date(2028, 1, 1),
        "finish": date(2029, 3, 31),
        "budget": 460_000,
        "state": "proposal",
        "objectives": {"SD4": "high", "SD3": "low"},
        "team": [],
    },
    {
        "code": "OR-01",
        "name": "Herinrichting Marktplein",
        "description": (
            "Maakt het Marktplein autoluw, groener en klimaatbestendig, met meer ruimte voor de markt, "
            "terrassen en evenementen."
        ),
        "programme": None,
        "sponsor": "i.deboer",
        "manager": "r.vanwijk",
        "start": date(2026, 9, 1),
        "finish": date(2028, 5, 31),
        "budget": 2_750_000,
        "state": "approved",
        "objectives": {"SD4": "medium", "SD2": "low"},
        "team": ["e.dijkstra", "a.demir"],
    },
    {
        "code": "OR-02",
        "name": "Slimme openbare verlichting (LED)",
        "description": (
            "Vervangt 6.500 lichtmasten door dimbare LED-verlichting; bespaart 60% energie en verbetert de "
            "sociale veiligheid op fietsroutes."
        ),
        "programme": None,
        "sponsor": "i.deboer",
        "manager": "r.vanwijk",
        "start": date(2024, 4, 1),
        "finish": date(2026, 12, 31),
        "budget": 1_700_000,
        "state": "active",
        "objectives": {"SD2": "medium", "SD4": "medium"},
        "team": ["m.bouzid"],
    },
    {
        "code": "OR-03",
        "name": "Blauwe zone: parkeren in het centrum",
        "description": (
            "Voorstel voor een blauwe zone met parkeerschijf in de schil rond het centrum, als alternatief "
            "voor uitbreiding van betaald parkeren."
        ),
        "programme": None,
        "sponsor": "j.vandenberg",
        "manager": "r.vanwijk",
        "start": date(2027, 2, 1),
        "finish": date(2027, 10, 31),
        "budget": 60_000,
        "state": "proposal",
        "objectives": {"SD4": "low"},
        "team": [],
    },
    {
        "code": "OR-04",
        "name": "Klimaatadaptatie: hittestress en wateroverlast",
        "description": (
            "Stresstest-maatregelen: tegels eruit, groen erin, waterpleinen in drie wijken en een "
            "subsidieregeling voor groene daken."
        ),
        "programme": None,
        "sponsor": "h.bos",
        "manager": "t.vanderlinden",
        "start": date(2027, 3, 1),
        "finish": date(2029, 12, 31),
        "budget": 2_300_000,
        "state": "proposal",
        "objectives": {"SD2": "medium", "SD4": "medium"},
        "team": [],
    },
    {
        "code": "OR-05",
        "name": "Gemeentelijke evenementenapp",
        "description": (
            "Een eigen app voor evenementen en uitgaan in Rivierstad. Gestopt in de voorstelfase omdat de "
            "regionale uitagenda hetzelfde biedt."
        ),
        "programme": None,
        "sponsor": "j.vandenberg",
        "manager": "b.vos",
        "start": date(2025, 6, 1),
        "finish": date(2026, 3, 31),
        "budget": 40_000,
        "state": "cancelled",
        "path": [
            ("on_hold", "Aangehouden: eerst nagaan of de regionale uitagenda voldoet."),
            ("cancelled", "Gestopt: de regionale uitagenda biedt dezelfde functies zonder eigen beheer."),
        ],
        "objectives": {"SD1": "low"},
        "team": [],
    },
    {
        "code": "OR-06",
        "name": "Slimme afvalinzameling met sensoren",
        "description": (
            "Voorziet 400 ondergrondse containers van vulgraadsensoren, zodat de inzamelwagen alleen volle "
            "containers leegt en er minder afval naast de containers staat."
        ),
        "programme": None,
        "sponsor": "i.deboer",
        "manager": "r.vanwijk",
        "start": date(2027, 5, 1),
        "finish": date(2027, 12, 31),
        "budget": 230_000,
        "state": "proposal",
        "objectives": {"SD4": "medium", "SD2": "low"},
        "team": [],
    },
    {
        "code": "OR-07",
        "name": "Veilige schoolroutes",
        "description": (
            "Maakt de routes naar twaalf basisscholen veiliger met schoolzones, betere oversteekplaatsen en "
            "minder haal- en brengverkeer voor de schoolpoort."
        ),
        "programme": None,
        "sponsor": "j.vandenberg",
        "manager": "b.vos",
        "start": date(2028, 2, 1),
        "finish": date(2029, 1, 31),
        "budget": 620_000,
        "state": "proposal",
        "objectives": {"SD4": "high", "SD5": "low"},
        "team": [],
    },
]
