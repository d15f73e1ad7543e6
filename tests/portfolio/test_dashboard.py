"""The portfolio status dashboard: the right figures per project, filters, and the same queries for 40 or 400."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from pmo.progress import services as progress
from pmo.projects import services as projects
from pmo.projects.lifecycle import Lifecycle
from pmo.projects.models import Project
from pmo.raid import services as raid
from pmo.raid.models import Action, Risk

pytestmark = pytest.mark.django_db
LAST_MONTH = (dt.date.today().replace(day=1) - dt.timedelta(days=1)).replace(day=1)


def _running(org, n: int) -> None:
    """n more active projects, each with a report, a risk, an overdue action and a month of costs."""
    for k in range(n):
        project = projects.create_project(
            acting_user=org.admin, code=f"D-{Project.objects.count():04d}", name=f"Project {k}",
            portfolio=org.portfolio, programme=org.programme, manager=org.pm, budget=Decimal(1000),
        )  # fmt: skip
        Project.objects.filter(pk=project.pk).update(lifecycle=Lifecycle.ACTIVE)
        for period, rag in ((LAST_MONTH - dt.timedelta(days=40), "green"), (LAST_MONTH, "amber")):
            report = progress.create_report(
                project,
                acting_user=org.admin,
                period=period,
                overall=rag,
                overall_note="x" if rag != "green" else "",
            )
            progress.submit(report, acting_user=org.admin)
        raid.log_item(Risk, acting_user=org.admin, project=project, title="R", probability=3, impact=5)
        raid.log_item(
            Action,
            acting_user=org.admin,
            project=project,
            title="A",
            due=dt.date.today() - dt.timedelta(days=2),
        )
        progress.set_cost(project, acting_user=org.admin, month=LAST_MONTH, actual=Decimal(250))


def test_figures_per_project(org, client_for):
    _running(org, 2)
    page = client_for(org.portfolio_manager).get(reverse("portfolio:dashboard") + "?sort=code")
    rows = list(page.context["object_list"])
    assert len(rows) == 2
    row = rows[0]
    assert (row.rag, row.previous_rag) == ("amber", "green") and row.trend == "worse"
    assert (row.open_risks, row.top_score, row.overdue, row.actual) == (1, 15, 1, Decimal(250))
    assert page.context["totals"]["amber"] == 2 and page.context["overdue_count"] == 2
    assert page.context["risks"]["count"] == 2
    assert [(p["programme__code"], p["amber"], p["green"]) for p in page.context["by_programme"]] == [
        ("PRG-A", 2, 0)
    ]
    amber = client_for(org.portfolio_manager).get(reverse("portfolio:dashboard") + "?rag=green")
    assert list(amber.context["object_list"]) == []
    # a team member sees only the projects they are in
    assert list(client_for(org.member).get(reverse("portfolio:dashboard")).context["object_list"]) == []


def test_same_number_of_queries_for_40_and_400_projects(org, client_for):
    client = client_for(org.portfolio_manager)
    url = reverse("portfolio:dashboard")
    counts = []
    for size in (40, 400):
        _running(org, size - Project.objects.filter(lifecycle=Lifecycle.ACTIVE).count())
        client.get(url)  # warm the session and caches
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url).status_code == 200
        counts.append(len(captured))
    assert counts[0] == counts[1], counts
