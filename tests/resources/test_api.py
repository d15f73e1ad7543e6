"""The resources API: the directory through the services (PMO only), demand only where the project is visible."""

from __future__ import annotations

import pytest

from pmo.resources.models import Person

from .conftest import ask, month

pytestmark = pytest.mark.django_db


def test_people_are_kept_by_the_pmo_through_the_services(org, staff, api_for):
    role = staff["developer"].pk
    assert (
        api_for(org.member).post("/api/people/", {"name": "Ines", "role": role}, format="json").status_code
        == 403
    )
    refused = api_for(org.pmo_officer).post(
        "/api/people/", {"name": "Ines", "role": role, "fte": "-0.5"}, format="json"
    )
    assert refused.status_code == 400 and "Ines: FTE cannot be negative" in refused.json()["fte"][0]
    made = api_for(org.pmo_officer).post(
        "/api/people/", {"name": "Ines", "role": role, "fte": "0.8"}, format="json"
    )
    assert made.status_code == 201
    ines = Person.objects.get(name="Ines")
    assert ines.history.first().history_user == org.pmo_officer
    stale = api_for(org.pmo_officer).patch(
        f"/api/people/{ines.pk}/", {"team": "Web", "version": 0}, format="json"
    )
    assert stale.status_code == 409
    listing = api_for(org.member).get("/api/people/", {"role": role}).json()
    assert {p["name"] for p in listing["results"]} == {"Daan", "Eva", "Ines"}


def test_demand_is_listed_only_for_visible_projects(org, staff, api_for):
    ask(org.project, org.pm, staff["developer"], month(2026, 3), month(2026, 4), 1)
    mine = (
        api_for(org.member)
        .get("/api/demand/", {"project": org.project.pk, "month_from": "2026-04-01"})
        .json()
    )
    assert [(d["month"], d["fte"], d["commitment"]) for d in mine["results"]] == [
        ("2026-04-01", "1.00", "tentative")
    ]
    assert api_for(org.outsider).get("/api/demand/").json()["count"] == 0
