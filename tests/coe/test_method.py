"""The method and the gate: a gate is refused while a mandatory deliverable is missing and no waiver exists — in the
service, the page and the API — and compliance is the share of mandatory deliverables approved or waived."""

from __future__ import annotations

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from pmo.coe import compliance, services
from pmo.coe.models import DeliverableType, GateDecision, Need, ProjectMethod, VersionStatus

pytestmark = pytest.mark.django_db


def _type(name: str) -> DeliverableType:
    return DeliverableType.objects.get(name=name)


def test_a_gate_is_refused_while_a_mandatory_deliverable_is_missing(org, following):
    with pytest.raises(ValidationError) as refused:
        services.decide_gate(org.project, acting_user=org.portfolio_manager, decision="go")
    assert refused.value.messages == [
        "P-1 cannot pass “Go voor uitvoering”: mandatory deliverables are missing: Business case. Approve them or "
        "record a waiver."
    ]
    assert not GateDecision.objects.exists()
    # a draft is not enough; the optional risk log does not matter
    services.update_deliverable(org.project, _type("Business case"), acting_user=org.pm, status="draft")
    with pytest.raises(ValidationError, match="Business case"):
        services.decide_gate(org.project, acting_user=org.portfolio_manager, decision="go")
    # a no-go is always possible, and keeps the project where it is
    services.decide_gate(
        org.project, acting_user=org.portfolio_manager, decision="no_go", notes="Eerst de BC"
    )
    assert ProjectMethod.objects.get().phase.name == "Initiatie"
    services.update_deliverable(
        org.project,
        _type("Business case"),
        acting_user=org.pm,
        status="approved",
        link="https://intranet.example.nl/bc",
    )
    record = services.decide_gate(org.project, acting_user=org.portfolio_manager, decision="go")
    method = ProjectMethod.objects.get()
    assert method.phase.name == "Uitvoering" and record.phase.name == "Initiatie"
    assert method.history.first().history_change_reason == "Go voor uitvoering: Go"


def test_a_waiver_lets_the_project_pass_and_says_who_and_why(org, following):
    kind = _type("Business case")
    with pytest.raises(PermissionDenied):
        services.grant_waiver(org.project, kind, acting_user=org.pm, reason="Klein project")
    with pytest.raises(ValidationError, match="Say why"):
        services.grant_waiver(org.project, kind, acting_user=org.coe, reason="  ")
    with pytest.raises(ValidationError, match="not mandatory"):
        services.grant_waiver(org.project, _type("Risicolog"), acting_user=org.coe, reason="x")
    waiver = services.grant_waiver(org.project, kind, acting_user=org.coe, reason="Herhaling van vorig jaar")
    assert (waiver.granted_by, waiver.reason) == (org.coe, "Herhaling van vorig jaar")
    rows = compliance.rows_for(ProjectMethod.objects.get())
    assert [(r.type.name, r.status) for r in rows] == [("Business case", "waived"), ("Risicolog", "missing")]
    assert compliance.score(rows) == 1.0
    services.decide_gate(
        org.project,
        acting_user=org.portfolio_manager,
        decision="conditions",
        conditions="Risicolog binnen 4 weken",
    )
    method = ProjectMethod.objects.get()
    assert method.phase.name == "Uitvoering"
    # in the next phase the test report is mandatory and missing: half of the mandatory ones are satisfied
    assert compliance.score(compliance.rows_for(method)) == 0.5
    services.update_deliverable(org.project, _type("Testrapport"), acting_user=org.pm, status="approved")
    services.decide_gate(org.project, acting_user=org.portfolio_manager, decision="go")
    assert ProjectMethod.objects.get().finished
    with pytest.raises(ValidationError, match="passed every gate"):
        services.decide_gate(org.project, acting_user=org.portfolio_manager, decision="go")


def test_gate_decisions_are_checked(org, following):
    with pytest.raises(ValidationError, match="Write down the conditions"):
        services.decide_gate(org.project, acting_user=org.portfolio_manager, decision="conditions")
    with pytest.raises(PermissionDenied):
        services.decide_gate(org.project, acting_user=org.member, decision="no_go")
    with pytest.raises(ValidationError, match="follows no method"):
        services.decide_gate(org.other_project, acting_user=org.portfolio_manager, decision="no_go")


def test_published_versions_stay_and_projects_move_only_when_migrated(org, method, following):
    with pytest.raises(ValidationError, match="is published and stays as it is"):
        services.add_phase(method, acting_user=org.coe, name="Nazorg", gate="Einde")
    draft = services.new_version(method.method, acting_user=org.coe)
    assert draft.number == 2 and draft.status == VersionStatus.DRAFT
    assert [p.name for p in draft.phases.all()] == ["Initiatie", "Uitvoering"]
    assert draft.phases.get(position=1).deliverables.count() == 2  # copied, not shared
    with pytest.raises(ValidationError, match="already has a draft"):
        services.new_version(method.method, acting_user=org.coe)
    services.add_phase(draft, acting_user=org.coe, name="Nazorg", gate="Einde")
    draft = services.publish_version(draft, acting_user=org.coe)
    assert method.method.current == draft
    assert ProjectMethod.objects.get().method_version == method  # still on v1
    moved = services.migrate_project(org.project, draft, acting_user=org.pm)
    assert (
        moved.method_version == draft
        and moved.phase.name == "Initiatie"
        and moved.phase.method_version == draft
    )
    with pytest.raises(ValidationError, match="already follows a method"):
        services.follow_method(org.project, draft, size="small", acting_user=org.pm)
    with pytest.raises(PermissionDenied):
        services.create_method(acting_user=org.pm, name="Eigen aanpak")


def test_the_size_decides_what_is_mandatory(org, method):
    services.follow_method(org.other_project, method, size="small", acting_user=org.admin)
    rows = compliance.rows_for(ProjectMethod.objects.get(project=org.other_project))
    assert [(r.type.name, r.need) for r in rows] == [("Business case", Need.OPTIONAL)]  # risk log: not needed
    assert compliance.score(rows) is None  # nothing mandatory yet
    services.decide_gate(
        org.other_project, acting_user=org.admin, decision="go"
    )  # nothing blocks a small one


def test_the_page_and_the_api_refuse_the_gate_too(org, following, client_for, api_for):
    client = client_for(org.portfolio_manager)
    page = client.get(reverse("coe:project_method", args=[org.project.pk])).content.decode()
    assert 'id="gate-blocked"' in page and "Business case" in page
    response = client.post(
        reverse("coe:gate_decide", args=[org.project.pk]),
        {"decision": "go", "q_0": "yes", "q_1": "yes"},
        follow=True,
    )
    assert "cannot pass “Go voor uitvoering”" in response.content.decode()
    assert not GateDecision.objects.exists()

    api = api_for(org.portfolio_manager)
    method = ProjectMethod.objects.get()
    answer = api.post(reverse("projectmethod-gate", args=[method.pk]), {"decision": "go"}, format="json")
    assert answer.status_code == 400
    assert "mandatory deliverables are missing: Business case" in str(answer.json())
    services.grant_waiver(org.project, _type("Business case"), acting_user=org.coe, reason="Bestaand plan")
    answer = api.post(reverse("projectmethod-gate", args=[method.pk]), {"decision": "go"}, format="json")
    assert answer.status_code == 201 and answer.json()["decision"] == "go"
    listed = api.get(reverse("projectmethod-list")).json()["results"]
    assert listed[0]["phase_name"] == "Uitvoering" and listed[0]["compliance"] == 0.5
    assert api_for(org.outsider).get(reverse("projectmethod-list")).json()["count"] == 0


def test_compliance_overview_pools_projects(org, method, following, client_for):
    services.follow_method(org.other_project, method, size="large", acting_user=org.admin)
    services.update_deliverable(
        org.other_project, _type("Business case"), acting_user=org.admin, status="approved"
    )
    page = client_for(org.portfolio_manager).get(reverse("coe:compliance"))
    rows = {p.code: value for p, _m, value in page.context["rows"]}
    assert rows == {"P-1": 0.0, "P-2": 0.5}
    assert page.context["total"] == 0.25


def test_a_gate_review_keeps_answers_and_reviewers_and_turns_conditions_into_actions(
    org, following, client_for
):
    from pmo.raid.models import Action

    services.update_deliverable(org.project, _type("Business case"), acting_user=org.pm, status="approved")
    with pytest.raises(ValidationError, match="gate's own questions"):
        services.decide_gate(
            org.project, acting_user=org.coe, decision="go", answers={"Is het weer goed?": "yes"}
        )
    with pytest.raises(ValidationError, match="gate's own questions"):
        services.decide_gate(
            org.project,
            acting_user=org.coe,
            decision="go",
            answers={"Is de business case sluitend?": "maybe"},
        )
    client = client_for(org.coe)  # the CoE lead is not on the project's team, and still records the review
    page = client.get(reverse("coe:project_method", args=[org.project.pk])).content.decode()
    assert "Is de business case sluitend?" in page and "Zijn de risico&#x27;s bekend?" in page
    response = client.post(
        reverse("coe:gate_decide", args=[org.project.pk]),
        {
            "q_0": "yes",
            "q_1": "no",
            "reviewers": [org.executive.pk, org.pmo_officer.pk],
            "decision": "conditions",
            "conditions": "Risicolog bijwerken\nPlanning herijken met de leverancier",
            "notes": "Stuurgroep 12 maart",
        },
        follow=True,
    )
    assert "Go voor uitvoering: Go with conditions." in response.content.decode()
    record = GateDecision.objects.get()
    assert record.answers == {"Is de business case sluitend?": "yes", "Zijn de risico's bekend?": "no"}
    assert set(record.reviewers.all()) == {org.executive, org.pmo_officer}
    actions = list(record.actions.order_by("pk"))
    assert [a.title for a in actions] == ["Risicolog bijwerken", "Planning herijken met de leverancier"]
    assert all(a.owner == org.pm and a.project == org.project and a.due for a in actions)
    assert Action.objects.filter(project=org.project).count() == 2
    page = client.get(reverse("coe:project_method", args=[org.project.pk])).content.decode()
    assert "Planning herijken met de leverancier" in page and "reviewed by" in page
