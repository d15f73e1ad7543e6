"""Lessons learned: tokens and stemming, BM25 ranking with tag, phase and category boosts, similar lessons."""

from __future__ import annotations

import random
from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pmo.engine.lessons import SYNONYM_WEIGHT, Hit, Index, Lesson, precision_at, split_compound, stem, tokens

LESSONS = (
    Lesson(
        1,
        "De Europese aanbesteding voor het nieuwe zaaksysteem duurde zes maanden langer dan gepland. "
        "Oorzaak: de eisen waren niet vooraf afgestemd met inkoop. Aanbeveling: betrek inkoop vanaf de "
        "initiatiefase en plan aanbestedingen ruim in.",
        tags=("inkoop", "aanbesteding", "planning"),
        category="Inkoop",
        phase="Initiatie",
        title="Aanbesteding duurde te lang",
    ),
    Lesson(
        2,
        "Belangrijke stakeholders van de afdeling Vergunningen werden pas tijdens de acceptatietest "
        "betrokken. Hun wensen leidden tot veel wijzigingen. Aanbeveling: maak bij de start een "
        "stakeholderanalyse en organiseer vroeg een klankbordgroep.",
        tags=("stakeholdermanagement", "communicatie"),
        category="Governance",
        phase="Initiatie",
        title="Stakeholders te laat betrokken",
    ),
    Lesson(
        3,
        "De testomgeving werd drie weken te laat opgeleverd door de leverancier, waardoor het testen "
        "uitliep. Aanbeveling: leg de oplevering van de testomgeving contractueel vast en plan testen pas na"
        " een bevestigde datum.",
        tags=("testen", "leverancier"),
        category="Techniek",
        phase="Uitvoering",
        title="Testomgeving niet op tijd beschikbaar",
    ),
    Lesson(
        4,
        "Doordat meerwerk zonder wijzigingsprocedure werd geaccepteerd, groeide de scope ongemerkt met "
        "dertig procent. Aanbeveling: voer een change board in en beoordeel elk verzoek op de gevolgen voor "
        "planning en budget.",
        tags=("scope", "wijzigingsbeheer", "budget"),
        category="Beheersing",
        phase="Uitvoering",
        title="Scope creep door meerwerk",
    ),
    Lesson(
        5,
        "The migration of historical case data from the legacy system was underestimated: data quality "
        "issues took twice the planned effort. Recommendation: run a trial migration early and budget for "
        "data cleansing.",
        tags=("data", "migratie"),
        category="Techniek",
        phase="Uitvoering",
        title="Data migration underestimated",
    ),
    Lesson(
        6,
        "Eindgebruikers en andere stakeholders werden te laat betrokken bij het ontwerp; de wensen van de "
        "afdeling kwamen pas bij de acceptatietest boven. Aanbeveling: organiseer vroeg een klankbordgroep "
        "met stakeholders.",
        tags=("stakeholdermanagement",),
        category="Governance",
        phase="Ontwerp",
        title="Gebruikers te laat betrokken bij het ontwerp",
    ),
    Lesson(
        7,
        "Wekelijkse afstemming met de leverancier over planning en risico's zorgde voor een voorspelbare "
        "oplevering.",
        tags=("leverancier", "samenwerking"),
        category="Inkoop",
        phase="Uitvoering",
        title="Goede samenwerking met de leverancier",
    ),
    Lesson(
        8,
        "De business case werd na de startfase niet meer bijgewerkt, waardoor de baten uit beeld raakten. "
        "Aanbeveling: herijk de business case bij elke fase-overgang.",
        tags=("business case", "baten"),
        category="Governance",
        phase="Besluitvorming",
        title="Business case niet geactualiseerd",
    ),
    Lesson(
        9,
        "Key users moesten naast hun dagelijkse werk testen; de acceptatietest liep daardoor vier weken uit."
        " Aanbeveling: maak vooraf capaciteitsafspraken met de lijnmanagers.",
        tags=("capaciteit", "testen"),
        category="Resources",
        phase="Uitvoering",
        title="Onvoldoende capaciteit van key users",
    ),
    Lesson(
        10,
        "The risk register was filled at the kick-off and never reviewed, so the supplier's delay came as a "
        "surprise. Recommendation: review risks in every steering committee meeting.",
        tags=("risicomanagement",),
        category="Beheersing",
        phase="Uitvoering",
        title="Risk register not maintained",
    ),
    Lesson(
        11,
        "De overdracht aan de beheerorganisatie was niet voorbereid; na livegang ontbrak documentatie. "
        "Aanbeveling: neem de overdracht en de acceptatiecriteria van beheer op in de planning.",
        tags=("overdracht", "beheer"),
        category="Governance",
        phase="Afsluiting",
        title="Nazorg en overdracht aan beheer",
    ),
    Lesson(
        12,
        "Een bezwaarprocedure van een afgewezen inschrijver vertraagde de gunning met twee maanden.",
        tags=("inkoop", "juridisch"),
        category="Inkoop",
        phase="Uitvoering",
        title="Gunning vertraagd door bezwaar",
    ),
)
INDEX = Index(LESSONS)


def ids(hits: list[Hit]) -> list:
    return [hit.id for hit in hits]


# --- tokens -------------------------------------------------------------------------------------------------


def test_tokens_fold_accents_and_case():
    assert tokens("Coördinatie") == tokens("coordinatie") == ["coordinati"]
    assert tokens("IDEEËN") == tokens("ideeen")
    assert tokens("cafe\u0301") == tokens("café")  # a decomposed accent too


def test_tokens_drop_stop_words_and_short_tokens():
    assert tokens("De aanbesteding van het project is niet op tijd") == ["aanbested", "project", "tijd"]
    assert tokens("The migration of the data was not tested") == ["migration", "data", "test"]
    assert tokens("a b c x") == []
    assert tokens("") == []


def test_tokens_split_on_everything_but_letters_and_digits():
    assert tokens("data-migratie/test_omgeving, IT; risico's") == [
        "data",
        "migrati",
        "test",
        "omgev",
        "it",
        "risico",
    ]


def test_tokens_with_a_digit_are_kept_as_they_are():
    assert tokens("Sprint 2024 b2b") == ["sprint", "2024", "b2b"]


@pytest.mark.parametrize(
    "forms",
    [
        ("aanbestedingen", "aanbesteding"),
        ("stakeholders", "stakeholder"),
        ("testing", "tests", "tested", "testen", "test"),
        ("planning", "plannen", "planned", "plans", "plan"),
        ("mogelijkheden", "mogelijkheid"),
        ("fasen", "fases", "fase"),
        ("processen", "proces", "processes", "process"),
        ("taken", "taak"),
        ("prijzen", "prijs"),
        ("brieven", "brief"),
        ("activities", "activity"),
        ("delayed", "delays", "delay"),
        ("budgetten", "budget"),
        ("systemen", "systeem"),
        ("migraties", "migratie"),
        ("organisaties", "organisatie"),
        ("underestimated", "underestimate"),
    ],
)
def test_forms_of_a_word_meet(forms):
    assert len({tuple(tokens(form)) for form in forms}) == 1
    assert len(tokens(forms[0])) == 1


def test_the_stemmer_leaves_protected_endings_and_short_stems():
    assert tokens("status analysis gebied") == ["status", "analysis", "gebied"]
    assert tokens("gebieden") == ["gebied"]  # -en goes, the -ed before it stays
    assert tokens("open eis eisen") == ["open", "eis", "eis"]  # no stem shorter than three letters


# --- search -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "best"),
    [
        ("aanbestedingen duren te lang", 1),
        ("testomgeving niet beschikbaar", 3),
        ("data migration", 5),
        ("scope creep door meerwerk", 4),
        ("business case bijwerken", 8),
        ("overdracht naar beheer", 11),
        ("risk register review", 10),
    ],
)
def test_the_obviously_relevant_lesson_comes_first(query, best):
    assert INDEX.search(query)[0].id == best


def test_both_lessons_about_late_stakeholders_come_first():
    assert set(ids(INDEX.search("stakeholders te laat betrokken"))[:2]) == {2, 6}


def test_the_matched_words_and_tags_are_reported():
    hit = INDEX.search("aanbestedingen en inkoop", tags=["Planning"])[0]
    assert hit.id == 1
    assert hit.matched == ("aanbestedingen", "inkoop", "planning")
    # lesson 12 is only tagged inkoop: the word matched a tag, not the text
    assert next(h for h in INDEX.search("inkoop") if h.id == 12).matched == ("inkoop",)


def test_a_query_word_that_is_a_tag_counts_as_a_tag_hit():
    plain = Index([Lesson("a", "vertraging bij de oplevering"), Lesson("b", "vertraging bij de oplevering")])
    tagged = Index(
        [
            Lesson("a", "vertraging bij de oplevering"),
            Lesson("b", "vertraging bij de oplevering", tags=("leverancier",)),
        ]
    )
    assert ids(plain.search("vertraging leverancier")) == ["a", "b"]  # a tie: id order
    hits = tagged.search("vertraging leverancier")
    assert ids(hits) == ["b", "a"]
    assert hits[0].matched == ("vertraging", "leverancier")
    assert hits[0].score == pytest.approx(hits[1].score + 2.0)  # the tag weight, the lesson's only tag


def test_a_multi_word_tag_matches_consecutive_query_words():
    index = Index([Lesson("a", "scope groeide"), Lesson("b", "scope groeide", tags=("Scope creep",))])
    assert ids(index.search("scope creep")) == ["b", "a"]
    assert index.search("scope creep")[0].matched == ("scope", "scope creep")
    assert ids(index.search("creep scope")) == ["a", "b"]  # not consecutive in that order: no tag hit


def test_a_given_tag_reorders_equally_relevant_lessons():
    index = Index(
        [
            Lesson(1, "aanbesteding liep uit", tags=("planning",)),
            Lesson(2, "aanbesteding liep uit", tags=("testen",)),
            Lesson(3, "aanbesteding liep uit", tags=("testen", "planning", "capaciteit", "budget")),
        ]
    )
    assert ids(index.search("aanbesteding")) == [1, 2, 3]
    assert ids(index.search("aanbesteding", tags=["Test"])) == [2, 3, 1]  # tags compare by their tokens
    hits = index.search("aanbesteding", tags=["testen"])
    assert hits[0].score - hits[2].score == pytest.approx(2.0)
    assert hits[1].score - hits[2].score == pytest.approx(2.0 / 2)  # four tags: the boost shrinks by sqrt(4)


def test_a_given_tag_reorders_the_register():
    # four lessons mention the acceptance test; the one about testing itself comes first (the compound's part
    # "test" meets its tag "testen"); two are tagged stakeholdermanagement, and that tag lifts them
    plain = {"expand": False, "feedback": False}
    assert ids(INDEX.search("acceptatietest", **plain)) == [9, 2, 6, 3]
    assert ids(INDEX.search("acceptatietest", tags=["stakeholdermanagement"], **plain)) == [6, 9, 2, 3]


def test_the_phase_bonus_is_case_and_accent_insensitive():
    index = Index(
        [Lesson(1, "testen liep uit", phase="Initiatie"), Lesson(2, "testen liep uit", phase="Uitvoering")]
    )
    assert ids(index.search("testen")) == [1, 2]
    hits = index.search("testen", phase="  UITVOERING ")
    assert ids(hits) == [2, 1]
    assert hits[0].score == pytest.approx(hits[1].score + 1.0)
    assert hits[0].matched == ("testen",)  # the phase is not listed


def test_a_phase_alone_recommends_the_lessons_of_that_phase():
    assert ids(INDEX.search("", phase="initiatie")) == [1, 2]
    assert ids(INDEX.search("", phase="Ontwerp")) == [6]
    assert INDEX.search("", phase="nergens") == []


def test_the_category_bonus():
    lessons = [Lesson(1, "budget overschreden"), Lesson(2, "budget overschreden", category="Financiën")]
    hits = Index(lessons).search("budget", category="financien")
    assert ids(hits) == [2, 1]
    assert hits[0].score == pytest.approx(hits[1].score + 1.0)
    assert ids(Index(lessons).search("", category="FINANCIËN")) == [2]
    assert ids(Index(lessons, category_bonus=0).search("budget", category="financien")) == [1, 2]


def test_a_title_counts_twice():
    index = Index([Lesson("a", "budget planning plan"), Lesson("b", "planning", title="budget")])
    assert ids(index.search("budget")) == ["b", "a"]


def test_nothing_to_look_for_gives_nothing():
    assert INDEX.search("") == []
    assert INDEX.search("   ") == []
    assert INDEX.search("de het een van the of") == []
    assert INDEX.search("onbekendwoord xyzzy") == []
    assert INDEX.search("", tags=["bestaat niet"]) == []


def test_the_limit_is_respected():
    assert len(INDEX.search("aanbeveling", limit=3)) == 3
    # every lesson with a recommendation (without feedback, which may add lessons like them)
    assert len(INDEX.search("aanbeveling", limit=100, feedback=False)) == 8
    with pytest.raises(ValueError, match="limit"):
        INDEX.search("aanbeveling", limit=0)


def test_the_ranking_does_not_depend_on_the_order_of_the_lessons():
    shuffled = list(LESSONS)
    random.Random(7).shuffle(shuffled)
    other = Index(shuffled)
    for query in ("aanbeveling", "testen leverancier", "stakeholders", "planning"):
        assert INDEX.search(query, limit=20) == other.search(query, limit=20) == INDEX.search(query, limit=20)


def test_an_empty_index_finds_nothing():
    index = Index([])
    assert len(index) == 0
    assert index.search("aanbesteding", tags=["inkoop"], phase="initiatie") == []


def test_len():
    assert len(INDEX) == 12


# --- similar ------------------------------------------------------------------------------------------------


def test_similar_finds_the_near_duplicate_and_excludes_itself():
    hits = INDEX.similar(2)
    assert hits[0].id == 6
    assert 2 not in ids(hits)
    assert "stakeholdermanagement" in hits[0].matched
    assert INDEX.similar(6)[0].id == 2


def test_similar_respects_the_limit():
    assert len(INDEX.similar(1, limit=2)) == 2
    assert all(hit.id != 1 for hit in INDEX.similar(1, limit=20))


def test_similar_to_an_unknown_lesson_is_a_key_error():
    with pytest.raises(KeyError, match="no lesson 99"):
        INDEX.similar(99)


# --- bad input ----------------------------------------------------------------------------------------------


def test_bad_lessons_are_refused():
    with pytest.raises(ValueError, match="single string"):
        Lesson(1, "tekst", tags="inkoop")
    with pytest.raises(ValueError, match="text must be a string"):
        Lesson(1, None)
    with pytest.raises(ValueError, match="appears twice"):
        Index([Lesson(1, "a"), Lesson(1, "b")])
    with pytest.raises(ValueError, match="mutually comparable"):
        Index([Lesson(1, "a"), Lesson("twee", "b")])
    with pytest.raises(ValueError, match="expected Lesson"):
        Index(["een les"])
    with pytest.raises(ValueError, match="tag weight"):
        Index(LESSONS, tag_weight=-1)


def test_lesson_tags_become_a_tuple():
    assert Lesson(1, "tekst", tags=["a", "b"]).tags == ("a", "b")


# --- precision ----------------------------------------------------------------------------------------------


def test_precision_at_k():
    assert precision_at(2, [1, 2, 3], {2}) == 0.5
    assert precision_at(3, [1, 2, 3], {1, 2, 3, 4}) == 1.0
    assert precision_at(4, [1], [1]) == 0.25  # missing places are misses
    with pytest.raises(ValueError, match="k must"):
        precision_at(0, [1], [1])


# --- properties ---------------------------------------------------------------------------------------------

WORDS = sorted({word for lesson in LESSONS for word in (lesson.title + " " + lesson.text).lower().split()})
TAGS = sorted({tag for lesson in LESSONS for tag in lesson.tags})
PHASES = sorted({lesson.phase for lesson in LESSONS})


@settings(max_examples=150, deadline=None)
@given(
    words=st.lists(st.sampled_from([*WORDS, "xyzzy", "de"]), max_size=8),
    tags=st.lists(st.sampled_from(TAGS), max_size=3),
    phase=st.sampled_from(["", *PHASES]),
    limit=st.integers(1, 15),
)
def test_hits_are_best_first_positive_and_within_the_limit(words, tags, phase, limit):
    hits = INDEX.search(" ".join(words), tags=tags, phase=phase, limit=limit)
    assert len(hits) <= limit
    assert len(set(ids(hits))) == len(hits)
    assert all(hit.score > 0 for hit in hits)
    for before, after in pairwise(hits):
        assert before.score > after.score or (before.score == after.score and before.id < after.id)
    assert INDEX.search(" ".join(words), tags=tags, phase=phase, limit=limit + 5)[: len(hits)] == hits


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=60))
def test_tokens_are_at_least_two_characters(text):
    assert all(len(token) >= 2 for token in tokens(text))
    assert tokens(text) == tokens(text)


def test_a_thesaurus_synonym_finds_a_lesson_in_other_words_at_a_lower_weight():
    index = Index([Lesson(1, "De aannemer leverde te laat"), Lesson(2, "Het budget was op")])
    direct = index.search("aannemer", feedback=False)
    hits = index.search("leverancier", feedback=False)
    assert ids(hits) == [1] and hits[0].matched == ("leverancier",)
    assert hits[0].score == pytest.approx(SYNONYM_WEIGHT * direct[0].score)
    assert index.search("leverancier", expand=False) == []
    # English and Dutch meet
    assert ids(index.search("supplier")) == [1]


def test_dutch_compounds_split_into_known_parts():
    assert split_compound("inkooptraject") == (stem("inkoop"), "traject")
    assert split_compound(stem("planningsoverleg")) == ("plan", "overleg")  # with a linking s
    assert split_compound(stem("aanbesteding")) == ()
    assert split_compound("zonnepaneel") == ()  # parts that are not in the lexicon
    assert tokens("Wijkbewoners, kennisoverdracht") == [
        "wijkbewoner",
        "kennisoverdracht",
        "kennis",
        "overdracht",
    ]
    index = Index([Lesson(1, "De overdracht van kennis aan de beheerders"), Lesson(2, "Budget op")])
    assert ids(index.search("kennisoverdracht", expand=False)) == [1]


def test_feedback_finds_a_lesson_that_says_it_in_other_words():
    index = Index(
        [
            Lesson(1, "Het datacenter viel uit; de noodstroom en de back-up werkten niet."),
            Lesson(2, "Zonder noodstroom en zonder geteste back-up lag alles stil."),
            Lesson(3, "Het budget was op."),
        ]
    )
    assert ids(index.search("datacenter", feedback=False)) == [1]
    hits = index.search("datacenter")
    assert ids(hits) == [1, 2]  # lesson 2 shares the first hit's telling words
    assert hits[1].score < hits[0].score and hits[1].matched == ()
