"""The REST API: token auth, visibility, validation with reasons, lifecycle, optimistic locking, OpenAPI."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.urls import reverse

from pmo.projects.lifecycle import Lifecycle
from pmo.projects.models import Project
from tests.conftest import align

pytestmark = pytest.mark.django_db

PROJECTS = "/api/projects/"


def test_token_command_prints_a_token_that_authenticates(org, capsys, api_for):
    call_command("token", "member")
    key = capsys.readouterr().out.strip()
    from rest_framework.test import APIClient

    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert client.get(PROJECTS).json()["count"] == 1
    client.credentials(HTTP_AUTHORIZATION="Token wrong")
    assert client.get(PROJECTS).status_code == 401


def test_token_command_names_an_unknown_user(org):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="There is no user 'nobody'"):
        call_command("token", "nobody")


def test_lists_are_restricted_paginated_and_filterable(org, api_for):
    assert api_for(org.member).get(PROJECTS).json()["count"] == 1
    body = api_for(org.executive).get(PROJECTS, {"page_size": 1}).json()
    assert body["count"] == 2 and len(body["results"]) == 1 and body["next"]
    filtered = api_for(org.executive).get(PROJECTS, {"programme": org.other_programme.pk}).json()
    assert [p["code"] for p in filtered["results"]] == ["P-2"]
    searched = api_for(org.executive).get(PROJECTS, {"search": "loket"}).json()
    assert [p["code"] for p in searched["results"]] == ["P-1"]
    ordered = api_for(org.executive).get(PROJECTS, {"ordering": "-code"}).json()
    assert [p["code"] for p in ordered["results"]] == ["P-2", "P-1"]


def test_member_gets_404_for_another_project(org, api_for):
    assert api_for(org.member).get(f"{PROJECTS}{org.other_project.pk}/").status_code == 404


def test_create_project_and_duplicate_code_gives_400_with_the_reason(org, api_for):
    client = api_for(org.portfolio_manager)
    payload = {"code": "API-1", "name": "Via API", "programme": org.programme.pk, "budget": "1000.00"}
    created = client.post(PROJECTS, payload, format="json")
    assert created.status_code == 201, created.json()
    assert created.json()["lifecycle"] == "proposal" and created.json()["portfolio"] == org.portfolio.pk
    before = Project.objects.count()
    duplicate = client.post(PROJECTS, {**payload, "name": "Nog een"}, format="json")
    assert duplicate.status_code == 400
    assert duplicate.json() == {"code": ["A project with this code already exists."]}
    assert Project.objects.count() == before


def test_api_refuses_writes_the_user_may_not_do(org, api_for):
    assert api_for(org.executive).post(PROJECTS, {"code": "X", "name": "X"}, format="json").status_code == 403
    url = f"{PROJECTS}{org.project.pk}/"
    assert api_for(org.member).patch(url, {"name": "X"}, format="json").status_code == 403
    assert api_for(org.executive).patch(url, {"name": "X"}, format="json").status_code == 403
    assert Project.objects.get(pk=org.project.pk).name == "Nieuw e-loket"


def test_forbidden_transition_gives_400_with_the_reason(org, api_for):
    url = f"{PROJECTS}{org.project.pk}/"
    response = api_for(org.admin).patch(url, {"lifecycle": "closed"}, format="json")
    assert response.status_code == 400
    assert response.json()["lifecycle"][0].startswith("A project cannot go from Proposal to Closed.")
    response = api_for(org.admin).post(url + "transition/", {"to": "active"}, format="json")
    assert response.status_code == 400
    assert "Allowed next states: Approved, Rejected, On hold, Cancelled." in response.json()["lifecycle"][0]
    assert Project.objects.get(pk=org.project.pk).lifecycle == Lifecycle.PROPOSAL


def test_allowed_transition_through_patch_and_action(org, api_for):
    align(org)
    url = f"{PROJECTS}{org.project.pk}/"
    client = api_for(org.portfolio_manager)
    assert client.patch(url, {"lifecycle": "approved"}, format="json").json()["lifecycle"] == "approved"
    body = client.post(url + "transition/", {"to": "active", "reason": "Start"}, format="json").json()
    assert body["lifecycle"] == "active" and "closing" in body["allowed_transitions"]


def test_stale_version_gives_409(org, api_for):
    url = f"{PROJECTS}{org.project.pk}/"
    client = api_for(org.pm)
    version = client.get(url).json()["version"]
    assert client.patch(url, {"name": "Eerste", "version": version}, format="json").status_code == 200
    stale = client.patch(url, {"name": "Tweede", "version": version}, format="json")
    assert stale.status_code == 409
    assert stale.json()["current_version"] == version + 1
    assert stale.json()["changed"] == [{"field": "name", "label": "Name", "value": "Eerste"}]
    assert Project.objects.get(pk=org.project.pk).name == "Eerste"


def test_team_membership_through_the_api(org, api_for):
    client = api_for(org.pm)
    added = client.post(
        "/api/project-memberships/",
        {"project": org.project.pk, "user": org.outsider.pk, "role": "team_member"},
        format="json",
    )
    assert added.status_code == 201
    assert api_for(org.outsider).get(PROJECTS).json()["count"] == 1  # now they see it
    again = client.post(
        "/api/project-memberships/",
        {"project": org.project.pk, "user": org.outsider.pk, "role": "team_member"},
        format="json",
    )
    assert again.status_code == 400 and "already has this role" in str(again.json())
    foreign = api_for(org.pm).post(
        "/api/project-memberships/",
        {"project": org.other_project.pk, "user": org.pm.pk, "role": "team_member"},
        format="json",
    )
    assert foreign.status_code == 400  # a project they cannot see does not exist for them
    assert client.delete(f"/api/project-memberships/{added.json()['id']}/").status_code == 204


def test_objectives_and_contributions(org, api_for):
    client = api_for(org.portfolio_manager)
    child = client.post(
        "/api/objectives/",
        {"portfolio": org.portfolio.pk, "code": "SD1.1", "title": "Alles online", "parent": org.objective.pk},
        format="json",
    )
    assert child.status_code == 201, child.json()
    cycle = client.patch(
        f"/api/objectives/{org.objective.pk}/",
        {"parent": child.json()["id"], "version": org.objective.version},
        format="json",
    )
    assert cycle.status_code == 400 and "own ancestor" in str(cycle.json())
    link = api_for(org.pm).post(
        "/api/project-objectives/",
        {"project": org.project.pk, "objective": org.objective.pk, "contribution": "high"},
        format="json",
    )
    assert link.status_code == 201


def test_openapi_schema_is_valid(org, client_for, tmp_path):
    response = client_for(None).get(reverse("schema"), {"format": "json"})
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    assert "/api/projects/{id}/transition/" in schema["paths"]
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(tmp_path / "schema.yml"))


def test_programme_office_through_the_api(org, api_for):
    payload = {"programme": org.other_programme.pk, "user": org.outsider.pk, "role": "pmo_officer"}
    assert (
        api_for(org.pmo_officer).post("/api/programme-memberships/", payload, format="json").status_code
        == 403
    )
    added = api_for(org.portfolio_manager).post("/api/programme-memberships/", payload, format="json")
    assert added.status_code == 201
    assert [p["code"] for p in api_for(org.outsider).get(PROJECTS).json()["results"]] == ["P-2"]


def test_a_change_without_the_version_it_is_based_on_is_refused(org, api_for):
    url = f"{PROJECTS}{org.project.pk}/"
    response = api_for(org.pm).patch(url, {"name": "Zonder versie"}, format="json")
    assert response.status_code == 400 and "version" in response.json()
    assert Project.objects.get(pk=org.project.pk).name == "Nieuw e-loket"


def test_a_failed_state_change_leaves_the_details_unchanged(org, api_for):
    url = f"{PROJECTS}{org.project.pk}/"
    response = api_for(org.pm).patch(
        url, {"name": "Half", "lifecycle": "approved", "version": org.project.version}, format="json"
    )
    assert response.status_code == 403
    assert Project.objects.get(pk=org.project.pk).name == "Nieuw e-loket"


def test_hidden_objects_cannot_be_used_or_probed(org, api_for):
    client = api_for(org.pm)
    url = f"{PROJECTS}{org.project.pk}/"
    moved = client.patch(
        url, {"programme": org.other_programme.pk, "version": org.project.version}, format="json"
    )
    assert moved.status_code == 400
    hidden = client.get(PROJECTS, {"programme": org.other_programme.pk})
    missing = client.get(PROJECTS, {"programme": 999999})
    assert hidden.status_code == missing.status_code == 400
