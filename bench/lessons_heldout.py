"""Held-out labelled query set for bench/lessons.py: 15 searches in the demo lessons-learned register
(`pmo.demo.lessons_data.LESSONS`), written separately from the tuning of the lessons search and never used to tune
it. It checks whether scores on `bench/lessons_queries.py` generalise to queries the search was not tuned on.

Same format and variable name as `bench/lessons_queries.py` (`QUERIES`, also exported as `HELDOUT`): `query` (what
a project manager would type; mostly Dutch, a few English), `tags` (tags the user picked, or []), `phase` (a phase
name of the demo methods, or "") and `relevant` (keys of every lesson a PMO expert would want to see, judged on
content, not on shared words; 4 to 10, in no particular order). The queries differ from the tuning set and often use
other words than the lessons (synonyms, colloquial phrasing, other word forms, English).
"""

from __future__ import annotations

QUERIES: list[dict] = [
    {
        "query": "contractafspraken met leverancier",
        "tags": [],
        "phase": "",
        "relevant": [
            "geen-exitclausule",
            "verwerkersovereenkomst-chatbot",
            "gunning-laagste-prijs",
            "release-leverancier-steeds-uitgesteld",
            "licentieprijs-na-introductiejaar",
            "aannemer-levert-te-laat",
        ],
    },
    {
        "query": "leverancier selecteren",
        "tags": ["aanbesteding"],
        "phase": "",
        "relevant": [
            "gunning-laagste-prijs",
            "kort-geding-na-gunning",
            "marktconsultatie-wmo",
            "verwerkersovereenkomst-chatbot",
            "inkoopadviseur-vanaf-verkenning",
            "afsprakenmodule-regio-meegekocht",
            "aannemer-levert-te-laat",
        ],
    },
    {
        "query": "samenwerking met externe partners",
        "tags": [],
        "phase": "",
        "relevant": [
            "woningcorporatie-laat-aangehaakt",
            "vaste-contactpersoon-ketenpartners",
            "stuurgroep-dertien-leden",
            "effectmeting-valpreventie",
            "bouwteam-marktplein",
            "afsprakenmodule-regio-meegekocht",
            "marktconsultatie-wmo",
        ],
    },
    {
        "query": "unrealistic business case",
        "tags": [],
        "phase": "",
        "relevant": [
            "business-case-chatbot-te-optimistisch",
            "woningcorporatie-laat-aangehaakt",
            "gate-zonder-business-case",
            "licentieprijs-na-introductiejaar",
            "btw-niet-compensabel",
            "levensduurkosten-led-verlichting",
        ],
    },
    {
        "query": "voortgang eerlijk rapporteren",
        "tags": [],
        "phase": "",
        "relevant": [
            "rapportage-te-lang-groen",
            "maandelijkse-prognose-controller",
            "risicolog-niet-bijgehouden",
            "rolling-wave-planning",
            "beslisnotitie-met-opties",
            "toleranties-gedelegeerd",
        ],
    },
    {
        "query": "planning veel te krap",
        "tags": [],
        "phase": "",
        "relevant": [
            "datamigratie-onderschat",
            "planning-leverancier-zonder-buffer",
            "vergunningprocedure-onderschat",
            "raadsbesluit-niet-in-planning",
            "aanbesteding-te-laat-gestart",
            "terugplannen-vanaf-vaste-livegang",
            "rolling-wave-planning",
        ],
    },
    {
        "query": "kleine stappen live brengen",
        "tags": [],
        "phase": "",
        "relevant": [
            "mvp-strak-afgebakend",
            "testautomatisering-e-loket",
            "terugplannen-vanaf-vaste-livegang",
            "parkeerlijst-voor-wensen",
        ],
    },
    {
        "query": "testing with real users",
        "tags": [],
        "phase": "",
        "relevant": [
            "brieven-getest-met-inwoners",
            "alleen-online-afspraak-maken",
            "toegankelijkheid-achteraf",
            "acceptatietest-in-zomervakantie",
            "open-sprintreviews-chatbot",
            "archief-metadata-kwijt",
        ],
    },
    {
        "query": "weerstand bij medewerkers",
        "tags": [],
        "phase": "",
        "relevant": [
            "ondernemingsraad-te-laat",
            "ondernemingsraad-vroeg-betrokken",
            "medewerkers-niet-meegenomen-kennisbank",
            "migratie-alleen-via-intranet",
            "schaduwadministratie-naast-zaaksysteem",
            "open-sprintreviews-chatbot",
            "key-users-als-vraagbaak",
        ],
    },
    {
        "query": "unclear roles and mandate",
        "tags": [],
        "phase": "",
        "relevant": [
            "twee-opdrachtgevers",
            "opdrachtgever-zonder-mandaat",
            "product-owner-overruled-door-afdelingshoofd",
            "toleranties-gedelegeerd",
            "startgesprek-met-opdrachtgever",
            "stuurgroep-dertien-leden",
            "pilot-zonder-eigenaar-gestrand",
        ],
    },
    {
        "query": "vervuilde gegevens",
        "tags": [],
        "phase": "",
        "relevant": [
            "datakwaliteit-dashboard",
            "datamigratie-onderschat",
            "contracten-opgeschoond-voor-overzetting",
            "archief-metadata-kwijt",
            "schaduwadministratie-naast-zaaksysteem",
            "gunning-laagste-prijs",
        ],
    },
    {
        "query": "project netjes afsluiten",
        "tags": [],
        "phase": "Afsluiting",
        "relevant": [
            "geen-batenhouder",
            "subsidie-terugbetalen",
            "beheerkosten-niet-begroot",
            "oude-servers-bleven-draaien",
            "batenreview-niet-gepland",
            "onderhoud-wadis-niet-belegd",
            "acceptatiecriteria-met-beheer",
            "nazorg-team-parkeervergunning",
        ],
    },
    {
        "query": "kennis vastleggen",
        "tags": [],
        "phase": "",
        "relevant": [
            "sleutelpersoon-uitgevallen",
            "inhuur-zonder-kennisoverdracht",
            "enige-beheerder-oud-systeem-met-pensioen",
            "duobezetting-kritieke-rollen",
            "beheer-pas-bij-livegang-betrokken",
            "nazorg-team-parkeervergunning",
        ],
    },
    {
        "query": "potje voor tegenvallers",
        "tags": [],
        "phase": "",
        "relevant": [
            "onvoorzien-op-bij-renovatie",
            "risicoreserve-onderbouwd",
            "bodemverontreiniging-flexwoningen",
            "maandelijkse-prognose-controller",
        ],
    },
    {
        "query": "belanghebbenden pas laat aangehaakt",
        "tags": [],
        "phase": "",
        "relevant": [
            "woningcorporatie-laat-aangehaakt",
            "participatie-na-locatiekeuze",
            "ondernemingsraad-te-laat",
            "flexwoningen-buurt-via-krant",
            "bewonersbrief-te-laat",
            "beheer-pas-bij-livegang-betrokken",
            "onderhoud-wadis-niet-belegd",
            "medewerkers-niet-meegenomen-kennisbank",
        ],
    },
]

#: Alias, so that callers can import the held-out set under a distinct name.
HELDOUT = QUERIES
