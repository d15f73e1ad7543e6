"""Status reports: RAG with explanations, facts filled in, submit → approve or send back, late reports."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from pmo.progress import services
from pmo.progress.models import ReportStatus, StatusReport
from pmo.raid import services as raid
from pmo.raid.models import Risk

pytestmark = pytest.mark.django_db
LAST_MONTH = (dt.date.today().replace(day=1) - dt.timedelta(days=1)).replace(day=1)


def _report(org, **fields):
    return services.create_report(org.project, acting_user=org.pm, period=LAST_MONTH, **fields)


def test_not_green_needs_an_explanation_naming_the_aspect(org):
    with pytest.raises(ValidationError) as error:
        _report(org, cost="amber", schedule="red", schedule_note="Vergunning later")
    assert set(error.value.message_dict) == {"cost_note"}
    assert "Explain why this is not green." in error.value.message_dict["cost_note"]
    assert not StatusReport.objects.exists()
    report = _report(org, cost="amber", cost_note="Prijsstijging")
    assert report.period == LAST_MONTH and report.status == ReportStatus.DRAFT


def test_facts_are_filled_in_and_the_status_carries_over(org):
    raid.log_item(
        Risk, acting_user=org.pm, project=org.project, title="Leverancier failliet", probability=4, impact=4
    )
    first = services.create_report(
        org.project,
        acting_user=org.pm,
        period=LAST_MONTH - dt.timedelta(days=40),
        risks="amber",
        risks_note="Leverancier",
    )
    assert first.facts["raid"]["open_risks"] == 1
    assert first.facts["raid"]["top_risks"][0]["title"] == "Leverancier failliet"
    second = _report(org)
    assert (second.risks, second.risks_note) == ("amber", "Leverancier")
    with pytest.raises(ValidationError, match="already has a status report"):
        _report(org)
    with pytest.raises(ValidationError, match="has not started"):
        services.create_report(
            org.project, acting_user=org.pm, period=dt.date.today() + dt.timedelta(days=40)
        )


def test_submit_approve_and_send_back(org):
    report = _report(org)
    with pytest.raises(PermissionDenied):
        services.submit(report, acting_user=org.member)
    report = services.submit(report, acting_user=org.pm, expected_version=report.version)
    assert report.status == ReportStatus.SUBMITTED and report.submitted_by == org.pm
    with pytest.raises(ValidationError, match="no longer be changed"):
        services.update_report(report, acting_user=org.pm, accomplishments="later toegevoegd")
    with pytest.raises(PermissionDenied):
        services.approve(report, acting_user=org.pm)  # the PMO reviews
    with pytest.raises(ValidationError, match="Say what must change"):
        services.send_back(report, acting_user=org.pmo_officer, comment="")
    report = services.send_back(report, acting_user=org.pmo_officer, comment="Kosten toelichten")
    assert report.status == ReportStatus.RETURNED and report.reviewed_by == org.pmo_officer
    report = services.update_report(
        report, acting_user=org.pm, expected_version=report.version, accomplishments="Kosten toegelicht"
    )
    report = services.submit(report, acting_user=org.pm, expected_version=report.version)
    report = services.approve(report, acting_user=org.pmo_officer, expected_version=report.version)
    assert report.status == ReportStatus.APPROVED
    assert [h.history_change_reason for h in report.history.order_by("history_id")][-1] == "Approved"
    # four eyes: a PMO officer who wrote and submitted a report does not approve it too
    own = services.create_report(
        org.project, acting_user=org.pmo_officer, period=LAST_MONTH - dt.timedelta(days=40)
    )
    own = services.submit(own, acting_user=org.pmo_officer)
    with pytest.raises(PermissionDenied, match="Someone else"):
        services.approve(own, acting_user=org.pmo_officer)


def test_late_reports(org):
    from pmo.projects.lifecycle import Lifecycle

    org.project.lifecycle = Lifecycle.ACTIVE
    org.project.save()
    today = dt.date.today().replace(day=20)
    projects = [org.project]
    assert services.late_reports(projects, today) == [
        (org.project, LAST_MONTH if dt.date.today().day else None)
    ]
    assert services.late_reports(projects, today.replace(day=5)) == []  # not due yet
    report = _report(org)
    services.submit(report, acting_user=org.pm)
    assert services.late_reports(projects, today) == []


def test_the_pages(org, client_for):
    pm = client_for(org.pm)
    response = pm.post(
        reverse("progress:report_create", args=[org.project.pk]), {"period": LAST_MONTH.strftime("%Y-%m")}
    )
    report = StatusReport.objects.get()
    assert response["Location"] == reverse("progress:report_edit", args=[report.pk])
    edit = pm.post(
        reverse("progress:report_edit", args=[report.pk]),
        {"version": report.version, "overall": "amber", "overall_note": "", "schedule": "green", "cost": "green",
         "scope": "green", "risks": "green", "resources": "green"},
    )  # fmt: skip
    assert edit.status_code == 200 and "Explain why this is not green." in edit.content.decode()
    page = client_for(org.member).get(report.get_absolute_url())
    assert page.status_code == 200 and "Submit for review" not in page.content.decode()
    assert client_for(org.member).get(reverse("progress:report_edit", args=[report.pk])).status_code == 403
    tab = client_for(org.member).get(reverse("progress:project_reports", args=[org.project.pk]))
    assert LAST_MONTH.strftime("%B %Y") in tab.content.decode()
