"""The demo training, knowledge base and maturity: courses with requirements and completions (some expired, some
missing), guide pages for the phases of both demo methods, a glossary, three assessments with rising levels and an
improvement plan; loading twice adds nothing."""

from __future__ import annotations

import pytest
from django.utils import timezone

from pmo.coe import knowledge
from pmo.coe.markdown import render_markdown
from pmo.coe.models import Article, Completion, Course, GlossaryTerm, ImprovementAction, MaturityAssessment
from pmo.demo.knowledge import load_knowledge
from pmo.demo.methods import load_methods

pytestmark = pytest.mark.django_db


def test_demo_knowledge_is_complete_and_idempotent(org):
    load_methods(org.admin)
    created = load_knowledge(org.admin)
    assert 8 <= Course.objects.count() <= 10
    today = timezone.localdate()
    states = {
        knowledge.status_of(list(Completion.objects.filter(user=org.pm, course=c)), today)[0]
        for c in Course.objects.filter(requirements__role="project:project_manager")
    }
    assert states == {knowledge.DONE, knowledge.EXPIRED, knowledge.MISSING}
    matrix = knowledge.competency_matrix(today)
    assert {r.person.username for r in matrix.rows} >= {"pm", "member", "pmo", "coe", "portfolio"}
    assert all(r.percent is not None for r in matrix.roles if r.people)

    assert Article.objects.filter(status="published").count() >= 10
    guides = Article.objects.filter(phase__isnull=False).select_related("method")
    assert {a.method.name for a in guides} == {"Rivierstad Projectaanpak", "Rivierstad Agile"}
    assert all("<h1>" in render_markdown(a.body) for a in Article.objects.all())
    assert GlossaryTerm.objects.count() >= 20

    assessments = list(MaturityAssessment.objects.order_by("assessed_on").prefetch_related("scores"))
    assert [a.assessed_on.year for a in assessments] == [2024, 2025, 2026]
    totals = [sum(s.level for s in a.scores.all()) for a in assessments]
    assert (
        all(a.scores.count() == 7 for a in assessments)
        and totals == sorted(totals)
        and totals[0] < totals[-1]
    )
    assert 6 <= ImprovementAction.objects.count() <= 8
    assert {a.status for a in ImprovementAction.objects.all()} == {"open", "in_progress", "done"}

    total = (
        Course.objects.count()
        + sum(c.requirements.count() for c in Course.objects.all())
        + Completion.objects.count()
        + Article.objects.count()
        + GlossaryTerm.objects.count()
        + len(assessments)
        + ImprovementAction.objects.count()
    )
    assert created == total
    assert load_knowledge(org.admin) == 0
