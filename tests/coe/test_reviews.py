"""Reviews and audits: questionnaires, health checks (score, bad answers refused), the Reviews tab and overview,
audits whose findings become RAID actions, and closing an audit."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from pmo.coe import services_reviews as services
from pmo.coe.models import Audit, AuditStatus, Finding, HealthAnswer, HealthCheck, Question, Questionnaire
from pmo.projects import services as project_services
from pmo.raid import services as raid_services
from pmo.raid.models import Action, ActionStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def questionnaire(org):
    """Three questions on 1–5: Planning (weight 2), Budget (weight 1), Team (weight 1)."""
    q = services.create_questionnaire(acting_user=org.coe, name="Gezondheidscheck")
    services.add_question(
        q, acting_user=org.coe, text="Ligt de planning op koers?", area="planning", weight=2
    )
    services.add_question(
        q, acting_user=org.coe, text="Blijft het project binnen budget?", area="budget", weight=1
    )
    services.add_question(q, acting_user=org.coe, text="Is het team compleet?", area="team", weight=1)
    return q


def _answers(questionnaire, *values):
    return {q.pk: v for q, v in zip(questionnaire.questions.order_by("position"), values, strict=True)}


def _counts():
    return HealthCheck.objects.count(), HealthAnswer.objects.count()


# -- scoring ---------------------------------------------------------------------------------------------------


def test_weighted_score_and_rounding():
    assert services.weighted_score([(2, 5), (1, 1), (1, 3)], 1, 5) == Decimal("62.5")
    assert services.weighted_score([(1, 1)], 1, 5) == Decimal("0.0")
    assert services.weighted_score([(1, 5)], 1, 5) == Decimal("100.0")
    assert services.weighted_score([(1, 2), (1, 2), (1, 3)], 1, 5) == Decimal("33.3")  # 33.33… → one decimal
    assert services.weighted_score([], 1, 5) is None


def test_health_check_stores_score_and_area_scores(org, questionnaire):
    check = services.record_health_check(
        org.project,
        questionnaire,
        acting_user=org.pm,
        answers=_answers(questionnaire, 5, "1", 3),
        comments={questionnaire.questions.get(position=2).pk: "Overschrijding door aanbesteding"},
        date=dt.date(2026, 2, 1),
    )
    check.refresh_from_db()
    assert check.score == Decimal("62.5")  # (2×1 + 1×0 + 1×0.5) / 4
    assert check.performed_by == org.pm
    assert dict(services.area_scores(check)) == {
        "Planning": Decimal("100.0"),
        "Budget": Decimal("0.0"),
        "Team": Decimal("50.0"),
    }
    assert check.answers.get(question__position=2).comment == "Overschrijding door aanbesteding"


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ((7, 3, 3), "Question 1 “Ligt de planning op koers?”: 7 lies outside the scale 1–5."),
        ((0, 3, 3), "Question 1 “Ligt de planning op koers?”: 0 lies outside the scale 1–5."),
        (
            (3, "veel", 3),
            "Question 2 “Blijft het project binnen budget?”: “veel” is not a whole number from 1 to 5.",
        ),
        (
            (3, "2.5", 3),
            "Question 2 “Blijft het project binnen budget?”: “2.5” is not a whole number from 1 to 5.",
        ),
        ((3, 3, None), "Question 3 “Is het team compleet?” has no answer."),
        ((3, 3, ""), "Question 3 “Is het team compleet?” has no answer."),
    ],
)
def test_bad_answer_is_refused_naming_the_question(org, questionnaire, values, message):
    before = _counts()
    with pytest.raises(ValidationError) as error:
        services.record_health_check(
            org.project, questionnaire, acting_user=org.pm, answers=_answers(questionnaire, *values)
        )
    assert message in error.value.messages
    assert _counts() == before


def test_missing_question_and_answer_to_another_questionnaire_are_refused(org, questionnaire):
    other = services.create_questionnaire(acting_user=org.coe, name="Ander")
    foreign = services.add_question(other, acting_user=org.coe, text="Vreemde vraag?", area="scope", weight=1)
    answers = _answers(questionnaire, 3, 3, 3)
    del answers[questionnaire.questions.get(position=1).pk]
    answers[foreign.pk] = 3
    before = _counts()
    with pytest.raises(ValidationError) as error:
        services.record_health_check(org.project, questionnaire, acting_user=org.pm, answers=answers)
    assert "“Vreemde vraag?” is a question of Ander, not of Gezondheidscheck." in error.value.messages
    assert "Question 1 “Ligt de planning op koers?” has no answer." in error.value.messages
    assert _counts() == before


def test_future_date_and_inactive_questionnaire_are_refused(org, questionnaire):
    before = _counts()
    with pytest.raises(ValidationError, match="cannot be dated in the future"):
        services.record_health_check(
            org.project,
            questionnaire,
            acting_user=org.pm,
            answers=_answers(questionnaire, 3, 3, 3),
            date=dt.date.today() + dt.timedelta(days=3),
        )
    services.update_questionnaire(questionnaire, acting_user=org.coe, active=False)
    with pytest.raises(ValidationError, match="no longer used for health checks"):
        services.record_health_check(
            org.project, questionnaire, acting_user=org.pm, answers=_answers(questionnaire, 3, 3, 3)
        )
    assert _counts() == before


def test_who_may_perform_a_health_check(org, questionnaire):
    answers = _answers(questionnaire, 3, 3, 3)
    with pytest.raises(PermissionDenied):
        services.record_health_check(org.project, questionnaire, acting_user=org.member, answers=answers)
    for user in (org.pm, org.pmo_officer, org.coe, org.admin):
        services.record_health_check(org.project, questionnaire, acting_user=user, answers=answers)
    assert HealthCheck.objects.filter(project=org.project).count() == 4


# -- questionnaires --------------------------------------------------------------------------------------------


def test_used_questionnaire_keeps_its_questions_and_a_copy_can_change(org, questionnaire):
    services.record_health_check(
        org.project, questionnaire, acting_user=org.pm, answers=_answers(questionnaire, 3, 3, 3)
    )
    n_questions = Question.objects.count()
    with pytest.raises(ValidationError, match=r"has been used for health checks.*Make a copy"):
        services.add_question(questionnaire, acting_user=org.coe, text="Nieuw?", area="risks", weight=1)
    with pytest.raises(ValidationError, match="has been used for health checks"):
        services.remove_question(questionnaire.questions.first(), acting_user=org.coe)
    with pytest.raises(ValidationError, match="has been used for health checks"):
        services.update_questionnaire(questionnaire, acting_user=org.coe, scale_max=10)
    assert Question.objects.count() == n_questions
    renamed = services.update_questionnaire(questionnaire, acting_user=org.coe, description="Elk kwartaal")
    assert renamed.description == "Elk kwartaal"

    copy = services.copy_questionnaire(questionnaire, acting_user=org.coe)
    assert copy.name == "Gezondheidscheck (copy)"
    assert [(q.position, q.text, q.weight) for q in copy.questions.all()] == [
        (q.position, q.text, q.weight) for q in questionnaire.questions.all()
    ]
    services.add_question(copy, acting_user=org.coe, text="Zijn de risico's bekend?", area="risks", weight=1)
    services.remove_question(copy.questions.get(position=1), acting_user=org.coe)
    assert list(copy.questions.values_list("position", flat=True)) == [1, 2, 3]


def test_questionnaire_rules(org, questionnaire):
    with pytest.raises(PermissionDenied):
        services.create_questionnaire(acting_user=org.pm, name="Eigen lijst")
    with pytest.raises(ValidationError, match="highest answer must be above the lowest"):
        services.create_questionnaire(acting_user=org.coe, name="Omgekeerd", scale_min=5, scale_max=1)
    with pytest.raises(ValidationError, match="weight must be more than zero"):
        services.add_question(questionnaire, acting_user=org.coe, text="Gewicht nul?", area="team", weight=0)
    assert not Questionnaire.objects.filter(name__in=["Eigen lijst", "Omgekeerd"]).exists()
    assert questionnaire.questions.count() == 3


def test_questionnaire_pages(org, questionnaire, client_for):
    coe = client_for(org.coe)
    response = coe.post(
        reverse("coe:question_add", args=[questionnaire.pk]),
        {
            "question-text": "Is de opdrachtgever betrokken?",
            "question-area": "stakeholders",
            "question-weight": "1.5",
        },
    )
    assert response.status_code == 302
    assert questionnaire.questions.get(position=4).weight == Decimal("1.5")
    page = coe.get(reverse("coe:questionnaire_detail", args=[questionnaire.pk])).content.decode()
    assert "Is de opdrachtgever betrokken?" in page and 'action="/coe/questions/' in page
    assert (
        "Gezondheidscheck" in client_for(org.member).get(reverse("coe:questionnaire_list")).content.decode()
    )


# -- the health-check form -------------------------------------------------------------------------------------


def _post(questionnaire, *values, date="2026-03-01"):
    data = {"questionnaire": questionnaire.pk, "date": date, "notes": "Kwartaalcheck"}
    for question, value in zip(questionnaire.questions.order_by("position"), values, strict=True):
        if value is not None:
            data[f"q_{question.pk}"] = value
    return data


def test_form_shows_radio_buttons_per_question(org, questionnaire, client_for):
    page = client_for(org.pm).get(reverse("coe:health_check_new", args=[org.project.pk])).content.decode()
    first = questionnaire.questions.get(position=1)
    assert len(re.findall(rf'type="radio" name="q_{first.pk}"', page)) == 5
    assert "<legend>" in page and "Ligt de planning op koers?" in page


@pytest.mark.parametrize(
    ("values", "message"),
    [
        (("7", "3", "3"), "Question 1 “Ligt de planning op koers?”: choose an answer from 1 to 5."),
        (("3", "abc", "3"), "Question 2 “Blijft het project binnen budget?”: choose an answer from 1 to 5."),
        (("3", "3", None), "Question 3 “Is het team compleet?” has no answer."),
    ],
)
def test_form_post_with_bad_answer_saves_nothing(org, questionnaire, client_for, values, message):
    before = _counts()
    response = client_for(org.pm).post(
        reverse("coe:health_check_new", args=[org.project.pk]), _post(questionnaire, *values)
    )
    assert response.status_code == 400
    assert message in response.content.decode()
    assert _counts() == before


def test_form_post_with_future_date_saves_nothing(org, questionnaire, client_for):
    future = (dt.date.today() + dt.timedelta(days=5)).isoformat()
    before = _counts()
    response = client_for(org.pm).post(
        reverse("coe:health_check_new", args=[org.project.pk]),
        _post(questionnaire, "3", "3", "3", date=future),
    )
    assert response.status_code == 400
    assert "A health check cannot be dated in the future." in response.content.decode()
    assert _counts() == before


def test_form_post_records_the_check(org, questionnaire, client_for):
    response = client_for(org.pm).post(
        reverse("coe:health_check_new", args=[org.project.pk]), _post(questionnaire, "5", "1", "3")
    )
    check = HealthCheck.objects.get()
    assert response.status_code == 302 and response["Location"] == check.get_absolute_url()
    assert check.score == Decimal("62.5") and check.notes == "Kwartaalcheck" and check.answers.count() == 3


def test_member_may_not_open_the_form(org, questionnaire, client_for):
    assert (
        client_for(org.member).get(reverse("coe:health_check_new", args=[org.project.pk])).status_code == 403
    )


# -- trend and overview ----------------------------------------------------------------------------------------


def _check(org, questionnaire, project, date, *values):
    return services.record_health_check(
        project, questionnaire, acting_user=org.admin, answers=_answers(questionnaire, *values), date=date
    )


def test_reviews_tab_draws_the_trend_without_decimal_commas(org, questionnaire, client_for):
    _check(org, questionnaire, org.project, dt.date(2026, 1, 10), 2, 3, 3)
    _check(org, questionnaire, org.project, dt.date(2026, 4, 10), 4, 4, 3)
    _check(org, questionnaire, org.project, dt.date(2026, 7, 10), 5, 4, 4)
    response = client_for(org.member).get(
        reverse("coe:project_reviews", args=[org.project.pk]), HTTP_ACCEPT_LANGUAGE="nl"
    )
    page = response.content.decode()
    svg = re.search(r"<svg class=\"chart[^\"]*health-trend.*?</svg>", page, re.S).group(0)
    assert len(re.findall(r'<circle class="dot-ac" cx="\d+\.\d+" cy="\d+\.\d+"', svg)) == 3
    assert not re.search(r'(cx|cy|x|y|x1|y1)="\d+,\d', svg)
    assert re.search(r'<polyline class="ac" points="(\d+\.\d,\d+\.\d ?){3}"', svg)
    assert "87,5" in page  # the latest score, in Dutch, outside the SVG coordinates
    areas = re.search(r'id="area-scores".*?</table>', page, re.S).group(0)
    assert "100,0" in areas and "75,0" in areas


def test_overview_shows_latest_score_change_and_filters(org, questionnaire, client_for):
    _check(org, questionnaire, org.project, dt.date(2026, 1, 10), 3, 3, 3)  # 50.0
    _check(org, questionnaire, org.project, dt.date(2026, 4, 10), 4, 3, 3)  # 62.5
    _check(org, questionnaire, org.other_project, dt.date(2026, 2, 10), 5, 5, 5)  # 100.0
    response = client_for(org.admin).get(reverse("coe:health_overview"), {"sort": "score"})
    rows = response.context["rows"]
    assert [(r["project"].code, r["check"].score, r["change"]) for r in rows] == [
        ("P-1", Decimal("62.5"), Decimal("12.5")),
        ("P-2", Decimal("100.0"), None),
    ]
    assert "+12.5" in response.content.decode()
    filtered = client_for(org.admin).get(
        reverse("coe:health_overview"), {"programme": org.other_programme.pk}
    )
    assert [r["project"].code for r in filtered.context["rows"]] == ["P-2"]
    assert [
        r["project"].code for r in client_for(org.member).get(reverse("coe:health_overview")).context["rows"]
    ] == ["P-1"]
    descending = client_for(org.admin).get(reverse("coe:health_overview"), {"sort": "-score"})
    assert [r["project"].code for r in descending.context["rows"]] == ["P-2", "P-1"]


def test_overview_query_count_does_not_grow_with_projects(org, questionnaire, client_for):
    client = client_for(org.admin)
    _check(org, questionnaire, org.project, dt.date(2026, 1, 10), 3, 3, 3)
    client.get(reverse("coe:health_overview"))
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("coe:health_overview"))
    for n in range(3):
        project = project_services.create_project(
            acting_user=org.admin,
            code=f"P-X{n}",
            name=f"Extra {n}",
            portfolio=org.portfolio,
            programme=org.programme,
        )
        _check(org, questionnaire, project, dt.date(2026, 2, 10), 2, 2, 2)
        _check(org, questionnaire, project, dt.date(2026, 3, 10), 4, 2, 2)
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("coe:health_overview"))
    assert len(many) == len(few)


# -- audits ----------------------------------------------------------------------------------------------------


@pytest.fixture
def audit(org):
    return services.create_audit(
        acting_user=org.coe,
        project=org.project,
        title="Projectbeheersing Q1",
        scope="Planning en risicobeheer",
        planned_on=dt.date(2026, 3, 1),
        lead_auditor=org.coe,
    )


def _finding(org, audit, severity, description="Geen actuele risicolog"):
    return services.add_finding(
        audit,
        acting_user=org.coe,
        description=description,
        severity=severity,
        owner=org.pm,
        due=dt.date(2026, 4, 1),
        recommendation="Werk de risicolog elke maand bij.",
    )


def test_finding_becomes_a_tracked_action_on_the_raid_log(org, audit):
    finding = _finding(org, audit, "high")
    action = Action.objects.get(pk=finding.action_id)
    assert action.project == org.project
    assert action.owner == org.pm and action.due == dt.date(2026, 4, 1)
    assert action.title == "Audit “Projectbeheersing Q1”: Geen actuele risicolog"
    assert action.description == "Werk de risicolog elke maand bij."
    assert action.status == ActionStatus.OPEN
    audit.refresh_from_db()
    assert audit.status == AuditStatus.IN_PROGRESS


def test_audit_detail_shows_the_action_status_live(org, audit, client_for):
    finding = _finding(org, audit, "medium")
    url = reverse("coe:audit_detail", args=[audit.pk])
    assert "Open" in re.search(
        r'id="findings".*?</table>', client_for(org.member).get(url).content.decode(), re.S
    ).group(0)
    raid_services.update_item(finding.action, acting_user=org.pm, status=ActionStatus.DONE)
    table = re.search(
        r'id="findings".*?</table>', client_for(org.member).get(url).content.decode(), re.S
    ).group(0)
    assert "Done" in table and finding.action.reference in table


def test_audit_cannot_close_while_high_or_critical_action_is_open(org, audit):
    high = _finding(org, audit, "high")
    critical = _finding(org, audit, "critical", "Geen besluitvorming vastgelegd")
    _finding(org, audit, "low", "Verslagen niet ondertekend")  # a low finding's open action does not block
    with pytest.raises(ValidationError) as error:
        services.close_audit(
            audit, acting_user=org.coe, conclusion="Beheersing matig.", opinion="needs_improvement"
        )
    message = error.value.messages[0]
    assert "cannot be closed while the actions of its high and critical findings are open" in message
    assert high.action.reference in message and critical.action.reference in message
    audit.refresh_from_db()
    assert audit.status == AuditStatus.IN_PROGRESS and audit.opinion == ""

    raid_services.update_item(high.action, acting_user=org.pm, status=ActionStatus.DONE)
    raid_services.update_item(critical.action, acting_user=org.pm, status=ActionStatus.DONE)
    closed = services.close_audit(
        audit, acting_user=org.coe, conclusion="Beheersing op orde.", opinion="sufficient"
    )
    assert closed.status == AuditStatus.CLOSED and closed.performed_on is not None
    n_findings = Finding.objects.count()
    with pytest.raises(ValidationError, match="is closed"):
        _finding(org, closed, "low")
    assert Finding.objects.count() == n_findings


def test_close_needs_an_opinion_and_conclusion_and_auditor(org, audit):
    with pytest.raises(ValidationError, match="Give the audit's opinion"):
        services.close_audit(audit, acting_user=org.coe, conclusion="Klaar.", opinion="")
    with pytest.raises(ValidationError, match="Write down the audit's conclusion"):
        services.close_audit(audit, acting_user=org.coe, conclusion=" ", opinion="sufficient")
    with pytest.raises(PermissionDenied):
        services.close_audit(audit, acting_user=org.pm, conclusion="Klaar.", opinion="sufficient")
    with pytest.raises(PermissionDenied):
        services.add_finding(
            audit, acting_user=org.pm, description="x", severity="low", owner=org.pm, due=dt.date(2026, 4, 1)
        )
    audit.refresh_from_db()
    assert audit.status == AuditStatus.PLANNED and not audit.findings.exists()


def test_close_through_the_page_reports_the_blocking_actions(org, audit, client_for):
    finding = _finding(org, audit, "critical")
    client = client_for(org.coe)
    response = client.post(
        reverse("coe:audit_close", args=[audit.pk]),
        {"close-opinion": "insufficient", "close-conclusion": "Onvoldoende."},
        follow=True,
    )
    page = response.content.decode()
    assert "cannot be closed while the actions" in page and finding.action.reference in page
    audit.refresh_from_db()
    assert audit.status != AuditStatus.CLOSED


def test_finding_form_post_and_bad_input(org, audit, client_for):
    client = client_for(org.coe)
    url = reverse("coe:finding_add", args=[audit.pk])
    bad = {
        "finding-description": "Iets",
        "finding-severity": "enorm",
        "finding-owner": org.pm.pk,
        "finding-due": "2026-04-01",
    }
    page = client.post(url, bad, follow=True).content.decode()
    assert "enorm is not one of the available choices" in page
    assert not Finding.objects.exists() and not Action.objects.exists()
    good = {**bad, "finding-severity": "medium"}
    assert client.post(url, good).status_code == 302
    assert Finding.objects.get().action.owner == org.pm


def test_audit_list_filters_and_visibility(org, audit, client_for):
    other = services.create_audit(
        acting_user=org.coe, project=org.other_project, title="Aanbesteding", planned_on=dt.date(2026, 5, 1),
        lead_auditor=org.coe,
    )  # fmt: skip
    services.close_audit(other, acting_user=org.coe, conclusion="Goed.", opinion="sufficient")
    admin = client_for(org.admin)
    assert {a.title for a in admin.get(reverse("coe:audit_list")).context["object_list"]} == {
        "Projectbeheersing Q1",
        "Aanbesteding",
    }
    closed = admin.get(reverse("coe:audit_list"), {"status": "closed"}).context["object_list"]
    assert [a.title for a in closed] == ["Aanbesteding"]
    assert [
        a.title
        for a in admin.get(reverse("coe:audit_list"), {"opinion": "insufficient"}).context["object_list"]
    ] == []
    assert [
        a.title for a in client_for(org.member).get(reverse("coe:audit_list")).context["object_list"]
    ] == ["Projectbeheersing Q1"]


def test_audit_create_page_offers_only_visible_projects_and_creates(org, client_for):
    client = client_for(org.coe)
    response = client.post(
        reverse("coe:audit_create"),
        {
            "project": org.project.pk,
            "title": "Architectuur",
            "planned_on": "2026-06-01",
            "lead_auditor": org.coe.pk,
        },
    )
    audit = Audit.objects.get(title="Architectuur")
    assert response.status_code == 302 and response["Location"] == audit.get_absolute_url()
    edit = client.post(
        reverse("coe:audit_edit", args=[audit.pk]),
        {"title": "Architectuur", "planned_on": "2026-06-02", "lead_auditor": org.coe.pk, "status": "closed",
         "version": audit.version},
    )  # fmt: skip
    assert edit.status_code == 200  # closing is not a status the edit form offers
    audit.refresh_from_db()
    assert audit.status == AuditStatus.PLANNED and audit.planned_on == dt.date(2026, 6, 1)


def test_changes_are_in_the_audit_trail(org, questionnaire, audit):
    check = services.record_health_check(
        org.project, questionnaire, acting_user=org.pm, answers=_answers(questionnaire, 3, 3, 3)
    )
    assert check.history.get().history_user == org.pm
    assert {a.history.get().history_user for a in check.answers.all()} == {org.pm}
    finding = _finding(org, audit, "low")
    assert finding.history.get().history_user == org.coe
    services.close_audit(audit, acting_user=org.coe, conclusion="In orde.", opinion="sufficient")
    latest = Audit.objects.get(pk=audit.pk).history.first()
    assert latest.history_user == org.coe and latest.history_change_reason == "Closed"
    with pytest.raises(ValidationError, match="is closed"):
        services.update_audit(Audit.objects.get(pk=audit.pk), acting_user=org.coe, title="Anders")
