"""The resource pages: heat map with what-if, over-allocation naming only visible projects, the Excel export, the
project's resource plan, people and a team member's own allocations."""

from __future__ import annotations

import io
from decimal import Decimal

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from pmo.projects.lifecycle import Lifecycle
from pmo.projects.services import transition_project
from pmo.resources import services
from pmo.resources.models import Demand

from .conftest import ask, month

pytestmark = pytest.mark.django_db

WINDOW = {"from": "2026-03", "months": "3"}


@pytest.fixture
def busy(org, staff):
    """P-1 asks 2 developers in March–May 2026, where 1.5 FTE exist (Daan 1.0, Eva 0.5), and Eva by name."""
    ask(
        org.project,
        org.pm,
        role=staff["developer"],
        first=month(2026, 3),
        last=month(2026, 5),
        amount=2,
    )
    ask(
        org.project,
        org.pm,
        role=None,
        person=staff["eva"],
        first=month(2026, 3),
        last=month(2026, 3),
        amount=Decimal("0.4"),
    )
    return staff


def test_heatmap_marks_overallocated_months_and_names_the_project(org, busy, client_for):
    page = client_for(org.portfolio_manager).get("/resources/", WINDOW).content.decode()
    assert page.count('<td class="cap cap-over"') == 3  # developers, March to May (tentative demand counts)
    assert "▲" in page and "P-1" in page
    committed = (
        client_for(org.portfolio_manager).get("/resources/", {**WINDOW, "tentative": "0"}).content.decode()
    )
    assert '<td class="cap cap-over"' not in committed  # P-1 is a proposal: its demand is tentative


def test_what_if_shows_the_effect(org, busy, client_for):
    role = busy["developer"].pk
    query = {**WINDOW, "wi_role": role, "wi_fte": "1", "wi_from": "2026-03", "wi_to": "2026-04"}
    page = client_for(org.portfolio_manager).get("/resources/", query).content.decode()
    assert page.count('<td class="cap cap-over"') == 1  # only May is left short
    assert "over-allocated role-months 3 → 1" in page
    bad = client_for(org.portfolio_manager).get("/resources/", {**query, "wi_fte": "veel"}).content.decode()
    assert "Give the what-if as a number of FTE" in bad


def test_projects_a_user_cannot_see_are_counted_not_named(org, busy, client_for):
    page = client_for(org.outsider).get("/resources/over-allocation/", WINDOW).content.decode()
    assert "P-1" not in page and "1 project you cannot see" in page
    assert "P-1" in client_for(org.member).get("/resources/over-allocation/", WINDOW).content.decode()


def test_heatmap_queries_do_not_grow_with_the_people(org, busy, client_for):
    client = client_for(org.portfolio_manager)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/resources/", WINDOW).status_code == 200
        return len(queries)

    count()  # the first request of a session reads a little more
    before = count()
    for k in range(12):
        person = services.create_person(acting_user=org.admin, name=f"Architect {k}", role=busy["architect"])
        services.add_leave(person, acting_user=org.admin, start=month(2026, 4), end=month(2026, 4))
    assert count() == before


def test_export_is_a_workbook_with_role_person_and_overallocation_sheets(org, busy, client_for):
    odd = services.create_role(acting_user=org.admin, name="=HYPERLINK(1)")
    services.create_person(acting_user=org.admin, name="Odd", role=odd)
    response = client_for(org.portfolio_manager).get("/resources/export/", WINDOW)
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Per role", "Per person", "Over-allocation"]
    rows = list(book["Per role"].iter_rows(min_row=2, values_only=True))
    developer_march = next(r for r in rows if r[0] == "Developer" and r[1] == "2026-03")
    assert developer_march[3] == pytest.approx(2.4) and developer_march[4] < 0
    assert any(r[0] == "=HYPERLINK(1)" for r in rows)  # text, not a formula
    assert book["Per role"]["A2"].data_type == "s"
    over = list(book["Over-allocation"].iter_rows(min_row=2, values_only=True))
    assert len(over) == 3 and all("P-1" in r[5] for r in over)


def test_project_plan_shows_demand_and_refuses_months_outside_the_project(org, busy, client_for):
    client = client_for(org.pm)
    page = client.get(f"/projects/{org.project.pk}/resources/", WINDOW).content.decode()
    assert "Developer" in page and "2.00?" in page  # tentative: a question mark, in italics
    response = client.post(
        f"/projects/{org.project.pk}/resources/set/",
        {"role": busy["architect"].pk, "first": "2026-12", "last": "2027-01", "amount": "1", "unit": "fte"},
        follow=True,
    )
    assert (
        "Demand for Architect in January 2027 lies outside the project&#x27;s dates"
        in response.content.decode()
    )
    assert not Demand.objects.filter(role=busy["architect"]).exists()
    response = client.post(
        f"/projects/{org.project.pk}/resources/set/",
        {
            "role": busy["architect"].pk,
            "first": "2026-11",
            "last": "2026-12",
            "amount": "0.3",
            "unit": "fte",
            "commitment": "committed",
        },
        follow=True,
    )
    assert "Resource plan saved: 2 month(s) with demand." in response.content.decode()
    assert set(Demand.objects.filter(role=busy["architect"]).values_list("commitment", flat=True)) == {
        "committed"
    }


def test_demand_of_closed_projects_does_not_count(org, busy, client_for):
    transition_project(org.project, acting_user=org.admin, to=Lifecycle.REJECTED, reason="Geen budget")
    page = client_for(org.portfolio_manager).get("/resources/", WINDOW).content.decode()
    assert '<td class="cap cap-over"' not in page


def test_people_pages_and_own_allocations(org, busy, client_for):
    services.add_leave(
        busy["daan"],
        acting_user=org.admin,
        start=month(2026, 3),
        end=month(2026, 3),
        description="Verhuizing",
    )
    eva = client_for(org.member).get(f"/resources/people/{busy['eva'].pk}/", WINDOW).content.decode()
    assert "P-1" in eva and "0.40" in eva
    daan_seen_by_outsider = (
        client_for(org.outsider).get(f"/resources/people/{busy['daan'].pk}/").content.decode()
    )
    assert "Verhuizing" not in daan_seen_by_outsider  # the reason for leave is for the PMO and the person
    assert "Verhuizing" in client_for(org.member).get("/my/allocations/", WINDOW).content.decode()
    assert "You are not in the resource plan" in client_for(org.pm).get("/my/allocations/").content.decode()
    people = client_for(org.member).get("/resources/people-load/", {**WINDOW, "over": "1"}).content.decode()
    assert "Eva" not in people  # 0.4 of 0.5: not over-allocated
    listing = client_for(org.member).get("/resources/people/", {"q": "Eva"}).content.decode()
    assert "Eva" in listing and "Daan" not in listing


def test_person_form_shows_the_refusal(org, staff, client_for):
    response = client_for(org.pmo_officer).post(
        "/resources/people/new/",
        {"name": "Ines", "role": staff["developer"].pk, "fte": "-0.5", "run_the_business": "0"},
    )
    assert response.status_code == 200
    assert "Ines: FTE cannot be negative (-0.5)." in response.content.decode()
