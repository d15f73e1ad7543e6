"""Project pages as a user meets them: lists that sort, filter and page; forms that refuse bad input."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from pmo.projects import services
from pmo.projects.lifecycle import Lifecycle
from pmo.projects.models import Project
from tests.conftest import align

pytestmark = pytest.mark.django_db


def _make_projects(org, count: int, start: int = 100) -> None:
    for n in range(start, start + count):
        services.create_project(
            acting_user=org.admin,
            code=f"Q-{n}",
            name=f"Project {n}",
            portfolio=org.portfolio,
            programme=org.programme if n % 2 else None,
            manager=org.pm,
            budget=Decimal(n * 1000),
        )


def _queries(client, url: str) -> int:
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200
    return len(context.captured_queries)


@pytest.mark.parametrize("who", ["portfolio_manager", "pm"])
def test_project_list_query_count_does_not_grow_with_rows(org, client_for, who):
    client = client_for(getattr(org, who))
    url = reverse("projects:project_list") + "?page_size=ignored"
    _make_projects(org, 8)
    small = _queries(client, url)
    _make_projects(org, 190, start=1000)
    assert Project.objects.count() == 200
    assert _queries(client, url) == small


def test_project_list_sorts_filters_searches_and_pages(org, client_for):
    align(org)
    _make_projects(org, 30)
    client = client_for(org.portfolio_manager)
    url = reverse("projects:project_list")
    page = client.get(url, {"sort": "-budget"})
    codes = [p.code for p in page.context["object_list"]]
    assert codes[:2] == ["P-1", "Q-129"] and len(codes) == 25
    assert page.context["paginator"].count == 32
    assert [p.code for p in client.get(url, {"sort": "-budget", "page": 2}).context["object_list"]][
        -1
    ] == "P-2"
    assert [p.code for p in client.get(url, {"q": "loket"}).context["object_list"]] == ["P-1"]
    in_programme = client.get(url, {"programme": org.programme.pk}).context["paginator"].count
    assert in_programme == 1 + 15
    assert client.get(url, {"programme": "none"}).context["paginator"].count == 15
    services.transition_project(org.project, acting_user=org.admin, to=Lifecycle.APPROVED)
    assert [p.code for p in client.get(url, {"state": "approved"}).context["object_list"]] == ["P-1"]
    assert client.get(url, {"sort": "nonsense"}).status_code == 200


def test_member_lists_only_their_projects(org, client_for):
    page = client_for(org.member).get(reverse("projects:project_list"))
    assert [p.code for p in page.context["object_list"]] == ["P-1"]


def test_empty_state_names_the_reason(org, client_for):
    page = client_for(org.portfolio_manager).get(reverse("projects:project_list"), {"q": "zzz"})
    assert "No project matches these filters." in page.content.decode()


def _form_data(org, **overrides) -> dict:
    data = {
        "code": "NEW-1",
        "name": "Nieuw project",
        "description": "",
        "portfolio": org.portfolio.pk,
        "programme": org.programme.pk,
        "manager": org.pm.pk,
        "sponsor": "",
        "planned_start": "2027-01-01",
        "planned_finish": "2027-06-30",
        "budget": "125000",
    }
    data.update(overrides)
    return data


def test_create_project_through_the_form(org, client_for):
    response = client_for(org.pmo_officer).post(reverse("projects:project_create"), _form_data(org))
    project = Project.objects.get(code="NEW-1")
    assert response.status_code == 302 and response["Location"] == project.get_absolute_url()
    assert project.lifecycle == Lifecycle.PROPOSAL
    assert project.history.latest().history_user == org.pmo_officer


def test_duplicate_code_in_the_form_is_a_field_error_and_nothing_is_saved(org, client_for):
    before = Project.objects.count()
    response = client_for(org.admin).post(reverse("projects:project_create"), _form_data(org, code="P-1"))
    assert response.status_code == 200
    assert response.context["form"].errors["code"] == ["A project with this code already exists."]
    assert Project.objects.count() == before


def test_finish_before_start_is_a_form_error(org, client_for):
    response = client_for(org.admin).post(
        reverse("projects:project_create"), _form_data(org, planned_finish="2026-01-01")
    )
    assert (
        "The planned finish cannot be before the planned start."
        in response.context["form"].non_field_errors()
    )


def test_stale_edit_form_is_refused_with_a_conflict(org, client_for):
    url = reverse("projects:project_edit", args=[org.project.pk])
    stale = org.project.version
    services.update_project(org.project, acting_user=org.pm, name="Intussen gewijzigd")
    response = client_for(org.pm).post(url, _form_data(org, code="P-1", name="Mijn wijziging", version=stale))
    assert response.status_code == 200
    assert "in the meantime" in " ".join(response.context["form"].non_field_errors())
    assert Project.objects.get(pk=org.project.pk).name == "Intussen gewijzigd"


def test_forbidden_transition_in_the_page_is_refused_with_a_message(org, client_for):
    client = client_for(org.admin)
    response = client.post(
        reverse("projects:project_transition", args=[org.project.pk]), {"to": Lifecycle.CLOSED}, follow=True
    )
    assert "A project cannot go from Proposal to Closed." in response.content.decode()
    assert Project.objects.get(pk=org.project.pk).lifecycle == Lifecycle.PROPOSAL


def test_transition_form_moves_the_project_and_history_shows_it(org, client_for):
    align(org)
    client = client_for(org.portfolio_manager)
    client.post(
        reverse("projects:project_transition", args=[org.project.pk]),
        {"to": Lifecycle.APPROVED, "reason": "Stuurgroep 12 maart", "version": org.project.version},
    )
    assert Project.objects.get(pk=org.project.pk).lifecycle == Lifecycle.APPROVED
    history = client.get(reverse("projects:project_history", args=[org.project.pk])).content.decode()
    assert "Proposal → Approved" in history and "Stuurgroep 12 maart" in history


def test_history_tab_shows_old_and_new_values(org, client_for):
    services.update_project(org.project, acting_user=org.pm, name="Digitaal loket 2.0")
    page = (
        client_for(org.member)
        .get(reverse("projects:project_history", args=[org.project.pk]))
        .content.decode()
    )
    assert "Nieuw e-loket" in page and "Digitaal loket 2.0" in page and "Pm" in page


def test_search_finds_visible_projects_and_programmes_only(org, client_for):
    page = client_for(org.member).get(reverse("search"), {"q": "P"})
    found = {
        hit.pk for searchable, hits in page.context["groups"] if searchable.key == "projects" for hit in hits
    }
    assert found == {org.project.pk}
    htmx = client_for(org.admin).get(reverse("search"), {"q": "Woning"}, headers={"HX-Request": "true"})
    assert "P-2 Woningbouw" in htmx.content.decode() and "<html" not in htmx.content.decode()


def test_home_sends_portfolio_managers_to_the_dashboard(org, client_for):
    response = client_for(org.portfolio_manager).get(reverse("home"))
    assert response.status_code == 302 and response["Location"] == org.portfolio.get_absolute_url()
    page = client_for(org.pm).get(reverse("home"))
    assert [p.code for p in page.context["my_projects"]] == ["P-1"]


def test_money_is_written_in_the_users_language(org, client_for):
    services.update_project(org.project, acting_user=org.admin, budget=Decimal("1234567.89"))
    url = reverse("projects:project_detail", args=[org.project.pk])
    assert (
        "€\u00a01,234,568" in client_for(org.pm).get(url, headers={"Accept-Language": "en"}).content.decode()
    )
    assert (
        "€\u00a01.234.568" in client_for(org.pm).get(url, headers={"Accept-Language": "nl"}).content.decode()
    )


def test_project_history_includes_team_and_strategy_changes(org, client_for):
    from pmo.strategy import services as strategy_services

    services.add_project_member(org.project, acting_user=org.pm, user=org.outsider, role="team_member")
    strategy_services.link_project(org.project, org.objective, acting_user=org.pm, contribution="high")
    page = client_for(org.member).get(reverse("projects:project_history", args=[org.project.pk]))
    rows = page.context["history"]
    assert rows[0].subject == "SD1 Dienstverlening digitaal (Strong)" and rows[0].action == "Added"
    assert rows[1].subject == "Outsider — Team member" and rows[1].who == "Pm"
    assert [r.when for r in rows] == sorted((r.when for r in rows), reverse=True)


def test_error_pages_say_what_happened(org, client_for):
    missing = client_for(org.member).get("/projects/999999/")
    assert missing.status_code == 404 and "This page does not exist" in missing.content.decode()
    forbidden = client_for(org.member).get(reverse("projects:project_create"))
    assert forbidden.status_code == 403 and "You have no access to this page" in forbidden.content.decode()


def test_counts_and_totals_only_include_visible_projects(org, client_for):
    services.create_project(
        acting_user=org.admin, code="P-3", name="Geheim", programme=org.programme, budget=Decimal("9999999")
    )
    from pmo.strategy import services as strategy_services

    strategy_services.link_project(
        org.other_project, org.objective, acting_user=org.admin, contribution="low"
    )
    client = client_for(org.member)
    programmes = client.get(reverse("projects:programme_list"), {"sort": "-projects"}).context["object_list"]
    assert [(p.code, p.n_projects, p.budget) for p in programmes] == [("PRG-A", 1, Decimal("250000.00"))]
    dashboard = client.get(reverse("projects:portfolio_detail", args=[org.portfolio.pk])).context
    assert [(p.code, p.budget) for p, _ in dashboard["programmes"]] == [("PRG-A", Decimal("250000.00"))]
    assert [o.n_projects for o in dashboard["objectives"]] == [0]
    objectives = client.get(reverse("strategy:objective_list"), {"sort": "projects"}).context["object_list"]
    assert [o.n_projects for o in objectives] == [0]


@pytest.mark.parametrize("value", ["²", "99999999999999999999999", "-1", "abc", ""])
def test_odd_ids_in_the_query_string_are_ignored_not_errors(org, client_for, value):
    client = client_for(org.admin)
    for name in ("programme", "manager"):
        assert client.get(reverse("projects:project_list"), {name: value}).status_code == 200
    assert client.get(reverse("projects:project_create"), {"programme": value}).status_code == 200


def test_my_projects_include_the_programme_office(org, client_for):
    page = client_for(org.pmo_officer).get(reverse("projects:project_list"), {"mine": 1})
    assert [p.code for p in page.context["object_list"]] == ["P-1"]


def test_an_edit_form_without_its_version_is_refused(org, client_for):
    response = client_for(org.pm).post(
        reverse("projects:project_edit", args=[org.project.pk]),
        _form_data(org, code="P-1", name="Zonder versie"),
    )
    assert response.status_code == 200 and "This form is out of date" in response.content.decode()
    assert Project.objects.get(pk=org.project.pk).name == "Nieuw e-loket"


def test_history_tab_query_count_does_not_grow_with_changes(org, client_for):
    client = client_for(org.pm)
    url = reverse("projects:project_history", args=[org.project.pk])
    services.update_project(org.project, acting_user=org.admin, manager=org.outsider)
    few = _queries(client_for(org.admin), url)
    for person in (org.pm, org.outsider, org.pm, org.outsider, org.pm):
        services.update_project(org.project, acting_user=org.admin, manager=person, sponsor=person)
    assert _queries(client_for(org.admin), url) == few
    assert "Outsider" in client.get(url).content.decode()
