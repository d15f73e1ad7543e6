"""Maturity self-assessments: every perspective scored exactly once with a level from 1 to 5 (a clear error naming
the perspective otherwise, nothing saved); the overview charts current against target and the history with dots
in the SVG numbers, also in Dutch; the improvement plan."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from pmo.coe import services_knowledge as services
from pmo.coe.models import ImprovementAction, MaturityAssessment, MaturityScore, Perspective

pytestmark = pytest.mark.django_db


def _scores(level: int = 2, **overrides) -> list[dict]:
    return [
        {
            "perspective": p,
            "level": overrides.get(p, level),
            "target_level": min(level + 1, 5),
            "evidence": "",
        }
        for p in Perspective.values
    ]


def _assess(user, when: dt.date, level: int = 2, **overrides) -> MaturityAssessment:
    return services.create_assessment(
        acting_user=user, assessed_on=when, scope="Organisatie", scores=_scores(level, **overrides)
    )


def _refused(user, scores) -> list[str]:
    before = (MaturityAssessment.objects.count(), MaturityScore.objects.count())
    with pytest.raises(ValidationError) as refused:
        services.create_assessment(
            acting_user=user, assessed_on=dt.date(2025, 1, 1), scope="Org", scores=scores
        )
    assert (MaturityAssessment.objects.count(), MaturityScore.objects.count()) == before
    return refused.value.messages


def test_every_perspective_is_scored_once_with_a_level_from_1_to_5(org):
    assessment = _assess(org.portfolio_manager, dt.date(2025, 3, 1), risk=3)
    assert assessment.scores.count() == 7 and assessment.assessed_by == org.portfolio_manager
    assert assessment.scores.get(perspective="risk").level == 3
    assert _refused(org.coe, _scores()[:-1]) == [
        "Score every perspective exactly once: Resource management has no score."
    ]
    assert _refused(org.coe, [*_scores(), {"perspective": "risk", "level": 1}]) == [
        "Score every perspective exactly once: Risk management is scored more than once."
    ]
    assert _refused(org.coe, _scores(risk=7)) == [
        "Risk management: the level must be a whole number from 1 to 5, not 7."
    ]
    assert _refused(org.coe, _scores(finance=0)) == [
        "Finance management: the level must be a whole number from 1 to 5, not 0."
    ]
    bad_target = _scores()
    bad_target[0]["target_level"] = 6
    assert _refused(org.coe, bad_target) == [
        "Organisational governance: the target level must be a whole number from 1 to 5, not 6."
    ]
    assert _refused(org.coe, [*_scores(), {"perspective": "quality", "level": 2}]) == [
        "Unknown perspective: quality."
    ]
    with pytest.raises(PermissionDenied):
        _assess(org.pmo_officer, dt.date(2025, 3, 1))
    assert MaturityAssessment.objects.count() == 1


def test_the_assessment_form(org, client_for):
    client = client_for(org.coe)
    url = reverse("coe:maturity_assess")
    page = client.get(url)
    html = page.content.decode()
    assert (
        html.count('type="radio"') == 35
    )  # 7 perspectives × 5 levels, plain radio buttons (keyboard usable)
    data = {"assessed_on": "2025-05-01", "scope": "Organisatie"}
    for key in Perspective.values:
        data[f"{key}-level"] = "3"
        data[f"{key}-target"] = "4"
    missing = {k: v for k, v in data.items() if k != "benefits-level"}
    response = client.post(url, missing)
    assert response.status_code == 200
    assert "Choose a level for Benefits management." in response.content.decode()
    response = client.post(url, {**data, "risk-level": "9"})
    assert response.status_code == 200 and "risk-level" in response.context["form"].errors
    assert not MaturityAssessment.objects.exists()
    response = client.post(url, data)
    assessment = MaturityAssessment.objects.get()
    assert response["Location"] == assessment.get_absolute_url()
    assert set(assessment.scores.values_list("level", "target_level")) == {(3, 4)}


@pytest.mark.parametrize("language", ["en", "nl"])
def test_the_overview_charts_current_target_and_history(org, client_for, settings, language):
    settings.LANGUAGE_CODE = language
    _assess(org.coe, dt.date(2024, 3, 1), level=1)
    _assess(org.coe, dt.date(2025, 3, 1), level=2)
    latest = _assess(org.coe, dt.date(2026, 3, 1), level=3, benefits=2)
    page = client_for(org.member).get(reverse("coe:maturity"))
    assert page.context["latest"] == latest
    bars = {r["key"]: (r["level"], r["target"]) for r in page.context["bars"]["rows"]}
    assert bars["benefits"] == (2, 4) and bars["risk"] == (3, 4)
    lines = {line["key"]: [d["level"] for d in line["dots"]] for line in page.context["history"]["lines"]}
    assert lines["benefits"] == [1, 2, 2] and lines["risk"] == [1, 2, 3]
    html = page.content.decode()
    svgs = re.findall(r"<svg class=\"chart.*?</svg>", html, re.S)
    assert len(svgs) == 2
    for svg in svgs:
        numbers = re.findall(r'(?:x|y|x1|x2|y1|y2|width|cx|cy)="([^"]*)"|points="([^"]*)"', svg)
        assert numbers and all("," not in a for a, _p in numbers if a)
        for _a, points in numbers:
            for pair in points.split():
                assert re.fullmatch(r"[0-9.]+,[0-9.]+", pair), pair


def test_the_improvement_plan(org, client_for):
    assessment = _assess(org.coe, dt.date(2025, 3, 1))
    action = services.create_action(
        acting_user=org.portfolio_manager,
        perspective="benefits",
        description="Batenprofielen voor alle grote projecten",
        owner=org.pm,
        due_on=dt.date(2026, 6, 30),
        target_level=3,
        assessment=assessment,
    )
    with pytest.raises(PermissionDenied):
        services.create_action(acting_user=org.member, perspective="risk", description="x")
    before = ImprovementAction.objects.count()
    with pytest.raises(ValidationError) as bad:
        services.create_action(acting_user=org.coe, perspective="risk", description="x", target_level=8)
    assert "target_level" in bad.value.message_dict
    assert ImprovementAction.objects.count() == before
    client = client_for(org.coe)
    client.post(reverse("coe:maturity_action_status", args=[action.pk]), {"status": "in_progress"})
    action.refresh_from_db()
    assert action.status == "in_progress" and action.history.first().history_user == org.coe
    response = client.post(
        reverse("coe:maturity_action_status", args=[action.pk]), {"status": "later"}, follow=True
    )
    assert "Unknown status: later." in response.content.decode()
    listed = client_for(org.member).get(reverse("coe:maturity_actions"), {"status": "in_progress"})
    assert list(listed.context["object_list"]) == [action]
    assert (
        not client_for(org.member)
        .get(reverse("coe:maturity_actions"), {"perspective": "risk"})
        .context["object_list"]
    )
