"""The demo reviews and audits: the questionnaire, trends for the running projects, audits with tracked findings;
loading twice adds nothing."""

from __future__ import annotations

import pytest

from pmo.coe.models import Audit, AuditStatus, Finding, HealthCheck, Questionnaire
from pmo.demo.reviews import NAME, QUESTIONS, load_reviews
from pmo.projects.lifecycle import Lifecycle
from pmo.projects.models import Project
from pmo.raid.models import ActionStatus

pytestmark = pytest.mark.django_db


def test_demo_reviews_are_complete_and_idempotent(org):
    Project.objects.filter(pk__in=[org.project.pk, org.other_project.pk]).update(lifecycle=Lifecycle.ACTIVE)
    created = load_reviews(org.admin)
    questionnaire = Questionnaire.objects.get(name=NAME)
    assert 10 <= questionnaire.questions.count() == len(QUESTIONS) <= 12
    assert len({q.area for q in questionnaire.questions.all()}) >= 5
    checks = HealthCheck.objects.filter(project=org.project).order_by("date")
    assert checks.count() == 4 and len({c.date for c in checks}) == 4
    assert all(0 <= c.score <= 100 for c in HealthCheck.objects.all())
    audit = Audit.objects.get(project=org.project)
    assert audit.status == AuditStatus.CLOSED and audit.opinion
    findings = Finding.objects.filter(audit=audit).select_related("action")
    assert {f.severity for f in findings} >= {"high", "medium", "low"}
    assert all(f.action.project_id == org.project.pk and f.action.owner_id == f.owner_id for f in findings)
    assert {f.action.status for f in findings} == {ActionStatus.DONE, ActionStatus.OPEN}
    total = HealthCheck.objects.count() + Audit.objects.count() + Finding.objects.count()
    assert created == 1 + len(QUESTIONS) + total
    assert load_reviews(org.admin) == 0
    assert HealthCheck.objects.count() + Audit.objects.count() + Finding.objects.count() == total
