"""The lessons-learned register: full-text search through the database's index, suggestions for a project, its
phase and its risks, and "was this useful?"."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from pmo.coe import lessons
from pmo.coe.models import Context, Lesson, LessonFeedback
from pmo.coe.services_lessons import delete_lesson, give_feedback, record_lesson, update_lesson
from pmo.raid import services as raid_services
from pmo.raid.models import Risk

LESSONS = [
    dict(
        title="Aanbesteding liep maanden uit",
        what_happened="De Europese aanbesteding voor het zaaksysteem duurde vijf maanden langer dan gepland.",
        cause="Inkoop werd pas na het projectplan betrokken.",
        recommendation="Betrek inkoop al in de initiatiefase en plan de aanbesteding als eigen mijlpaal.",
        category="procurement",
        phase="Initiatie",
        tags="inkoop, leverancier",
    ),
    dict(
        title="Datamigratie onderschat",
        what_happened="De migratie van de oude klantgegevens kostte drie keer zoveel tijd.",
        cause="De kwaliteit van de brondata was niet onderzocht.",
        recommendation="Doe vooraf een proefmigratie en meet de datakwaliteit.",
        category="technology",
        phase="Uitvoering",
        tags="datamigratie, testen",
        kind="negative",
    ),
    dict(
        title="Wekelijkse demo hield de opdrachtgever betrokken",
        what_happened="Elke vrijdag liet het team werkende software zien aan de opdrachtgever.",
        recommendation="Plan vanaf de eerste sprint een vaste demo met de opdrachtgever.",
        category="stakeholders",
        tags="opdrachtgever, agile",
        kind="positive",
    ),
]


@pytest.fixture
def register(org):
    return [record_lesson(acting_user=org.coe, **fields) for fields in LESSONS]


def titles(found) -> list[str]:
    return [f.lesson.title for f in found]


def test_search_finds_other_word_forms_and_ranks_the_best_match_first(register):
    # "aanbestedingen" (plural) meets "aanbesteding"; "leveranciers" meets the tag "leverancier"
    found = lessons.search("aanbestedingen vertraagd door leveranciers")
    assert titles(found)[0] == "Aanbesteding liep maanden uit"
    assert "aanbestedingen" in found[0].matched
    assert titles(lessons.search("proefmigratie")) == ["Datamigratie onderschat"]
    assert lessons.search("zonnepanelen") == []


def test_a_tag_alone_finds_the_lessons_that_carry_it(register):
    assert titles(lessons.search("", tags=["agile"])) == ["Wekelijkse demo hield de opdrachtgever betrokken"]


def test_the_index_follows_edits_and_deletes(org, register):
    migration = register[1]
    update_lesson(
        migration,
        acting_user=org.coe,
        expected_version=migration.version,
        recommendation="Reserveer tijd voor het opschonen van adressen.",
    )
    assert titles(lessons.search("proefmigratie")) == []
    assert titles(lessons.search("adressen opschonen")) == ["Datamigratie onderschat"]
    delete_lesson(Lesson.objects.get(pk=migration.pk), acting_user=org.coe)
    assert lessons.search("adressen opschonen") == []


def test_rebuild_restores_a_lost_index(register):
    Lesson.objects.update(search_terms="")
    assert lessons.rebuild() == 3
    assert titles(lessons.search("aanbesteding")) == ["Aanbesteding liep maanden uit"]


def test_a_lesson_without_its_essentials_is_refused_and_nothing_saved(org, register):
    with pytest.raises(ValidationError) as refused:
        record_lesson(
            acting_user=org.coe, title="  ", what_happened="x", recommendation="y", category="scope"
        )
    assert "title" in refused.value.message_dict
    with pytest.raises(ValidationError) as refused:
        record_lesson(
            acting_user=org.coe, title="t", what_happened="x", recommendation="y", category="weather"
        )
    assert "category" in refused.value.message_dict
    assert Lesson.objects.count() == 3


def test_who_may_record_lessons(org):
    fields = dict(title="t", what_happened="x", recommendation="y", category="scope")
    with pytest.raises(PermissionDenied):
        record_lesson(acting_user=org.member, **fields)  # the organisation's register: CoE and PMO
    with pytest.raises(PermissionDenied):
        record_lesson(acting_user=org.pm, project=org.other_project, **fields)
    lesson = record_lesson(acting_user=org.pm, project=org.project, **fields)
    assert lesson.recorded_by == org.pm and lesson.tags == ""


def test_tags_are_tidied(org):
    lesson = record_lesson(
        acting_user=org.coe, title="t", what_happened="x", recommendation="y", category="scope",
        tags=" Inkoop,, scope  creep ,inkoop",
    )  # fmt: skip
    assert lesson.tags == "inkoop, scope creep"


def test_suggestions_leave_out_the_projects_own_lessons_and_the_ones_found_not_useful(org, register):
    org.project.description = "Nieuw zaaksysteem aanbesteden en de klantgegevens migreren"
    own = record_lesson(
        acting_user=org.pm, project=org.project, title="Zaaksysteem aanbesteden ging goed",
        what_happened="x", recommendation="y", category="procurement",
    )  # fmt: skip
    suggested = titles(lessons.for_project(org.project))
    assert set(suggested[:2]) == {"Aanbesteding liep maanden uit", "Datamigratie onderschat"}
    assert own.title not in suggested

    give_feedback(
        register[0], acting_user=org.member, useful=False, context=Context.PROJECT, project=org.project
    )
    assert "Aanbesteding liep maanden uit" not in titles(lessons.for_project(org.project))
    # someone else found it useful: it comes back
    give_feedback(register[0], acting_user=org.pm, useful=True, context=Context.PROJECT, project=org.project)
    assert "Aanbesteding liep maanden uit" in titles(lessons.for_project(org.project))
    # answering again changes the answer, it does not add one
    give_feedback(register[0], acting_user=org.pm, useful=False, context=Context.PROJECT, project=org.project)
    assert LessonFeedback.objects.filter(user=org.pm).get().useful is False


def test_feedback_needs_a_project_the_user_sees(org, register):
    with pytest.raises(PermissionDenied):
        give_feedback(
            register[0],
            acting_user=org.member,
            useful=True,
            context=Context.PROJECT,
            project=org.other_project,
        )
    with pytest.raises(ValidationError):
        give_feedback(
            register[0], acting_user=org.member, useful=True, context="weather", project=org.project
        )
    assert not LessonFeedback.objects.exists()


def test_a_phase_prefers_the_lessons_of_that_phase(org, register, following):
    assert titles(lessons.for_phase(org.project, "Uitvoering"))[0] == "Datamigratie onderschat"


def test_a_logged_risk_shows_lessons_about_the_same_trouble(client, org, register):
    risk = raid_services.log_item(
        Risk, acting_user=org.pm, project=org.project, title="Aanbesteding kan vertragen",
        cause="Weinig inschrijvers", probability=3, impact=4,
    )  # fmt: skip
    assert titles(lessons.for_risk(risk))[0] == "Aanbesteding liep maanden uit"
    client.force_login(org.member)
    page = client.get(reverse("raid:risk_detail", args=[risk.pk])).content.decode()
    assert 'id="risk-lessons"' in page and "Aanbesteding liep maanden uit" in page
    assert "Was this useful?" in page or "Was dit nuttig?" in page


def test_the_lessons_tab_and_feedback_through_the_page(client, org, register, following):
    org.project.description = "De aanbesteding van het nieuwe zaaksysteem"
    org.project.save()
    client.force_login(org.member)
    url = reverse("coe:project_lessons", args=[org.project.pk])
    page = client.get(url).content.decode()
    assert "Aanbesteding liep maanden uit" in page
    response = client.post(
        reverse("coe:lesson_feedback", args=[register[0].pk]),
        {"useful": "no", "context": "project", "key": "", "project": org.project.pk, "next": url},
    )
    assert response.status_code == 302 and response["Location"] == url
    feedback = LessonFeedback.objects.get()
    assert (feedback.user, feedback.useful, feedback.project) == (org.member, False, org.project)
    # an outside address in `next` is not followed
    response = client.post(
        reverse("coe:lesson_feedback", args=[register[0].pk]),
        {"useful": "yes", "context": "project", "project": org.project.pk, "next": "https://evil.example/"},
    )
    assert response["Location"] == register[0].get_absolute_url()


def test_the_register_page_searches_filters_and_records(client, org, register):
    client.force_login(org.member)
    page = client.get(reverse("coe:lesson_list"), {"q": "leveranciers"}).content.decode()
    assert "Aanbesteding liep maanden uit" in page and "Datamigratie onderschat" not in page
    page = client.get(reverse("coe:lesson_list"), {"kind": "positive"}).content.decode()
    assert "Wekelijkse demo" in page and "Datamigratie onderschat" not in page
    client.force_login(org.pm)
    response = client.post(
        reverse("coe:lesson_create") + f"?project={org.project.pk}",
        {"title": "", "what_happened": "x", "recommendation": "y", "category": "scope", "kind": "negative",
         "recorded_on": "2026-11-01", "project": org.project.pk},
    )  # fmt: skip
    assert response.status_code == 200 and Lesson.objects.count() == 3
    response = client.post(
        reverse("coe:lesson_create") + f"?project={org.project.pk}",
        {"title": "Scope bevriezen", "what_happened": "x", "recommendation": "y", "category": "scope",
         "kind": "negative", "recorded_on": "2026-11-01", "project": org.project.pk, "tags": "scope"},
    )  # fmt: skip
    lesson = Lesson.objects.get(title="Scope bevriezen")
    assert response.status_code == 302 and lesson.project == org.project
    assert titles(lessons.search("scope bevriezen"))[0] == "Scope bevriezen"


def test_common_terms_only_rank_in_a_large_register():
    counts = {"project": 40_000, "aanbested": 900, "leverancier": 12_000}
    assert lessons._telling(["project", "aanbested", "leverancier"], counts, 100_000) == ["aanbested"]
    assert lessons._telling(["project"], counts, 100_000) == ["project"]  # all common: the rarest stays
    # a register smaller than the candidates ranked keeps every term
    assert lessons._telling(["project", "aanbested"], {"project": 90, "aanbested": 3}, 108) == [
        "project",
        "aanbested",
    ]


def test_a_new_project_sees_lessons_of_projects_like_it_on_its_overview(client, org, register):
    from pmo.projects.services import create_project

    project = create_project(
        acting_user=org.admin, code="P-9", name="Aanbesteding nieuw zaaksysteem", portfolio=org.portfolio,
        manager=org.pm,
    )  # fmt: skip
    client.force_login(org.pm)
    page = client.get(project.get_absolute_url()).content.decode()
    assert 'id="project-lessons"' in page and "Aanbesteding liep maanden uit" in page


def test_the_method_tab_suggests_the_lessons_of_the_phase_entered(client, org, register, following):
    from pmo.coe import services

    services.update_deliverable(
        org.project, following.method_version.phases.get(name="Initiatie").deliverables.get(name="Business case"),
        acting_user=org.pm, status="approved",
    )  # fmt: skip
    services.decide_gate(org.project, acting_user=org.admin, decision="go")
    client.force_login(org.member)
    page = client.get(reverse("coe:project_method", args=[org.project.pk])).content.decode()
    section = page[page.index('id="phase-lessons"') :]
    assert "Uitvoering" in section[:300] and "Datamigratie onderschat" in section


def test_a_lesson_names_its_project_only_to_who_may_see_that_project(client, org):
    lesson = record_lesson(
        acting_user=org.admin, project=org.other_project, title="Aanbesteding van de woningbouw",
        what_happened="De aanbesteding liep uit.", recommendation="Plan ruimer.", category="procurement",
    )  # fmt: skip
    client.force_login(org.member)  # not on P-2
    for url in (
        reverse("coe:lesson_list"),
        lesson.get_absolute_url(),
        reverse("coe:lesson_list") + "?q=aanbesteding",
    ):
        page = client.get(url).content.decode()
        assert "Aanbesteding van de woningbouw" in page and org.other_project.code not in page, url
    assert client.get(reverse("lesson-detail", args=[lesson.pk])).json()["project"] is None
    client.force_login(org.admin)
    assert org.other_project.code in client.get(lesson.get_absolute_url()).content.decode()
    assert client.get(reverse("lesson-detail", args=[lesson.pk])).json()["project"] == org.other_project.pk
