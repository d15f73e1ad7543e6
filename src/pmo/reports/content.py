"""What goes into a report pack, gathered once and rendered to PowerPoint, PDF (HTML) and Excel alike."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

from pmo.portfolio.dashboard import annotate, risk_summary, trend
from pmo.progress.earned_value import project_evm
from pmo.progress.models import ReportStatus, StatusReport
from pmo.projects.lifecycle import APPROVED_STATES
from pmo.projects.models import Project
from pmo.raid.models import Action, Risk, RiskStatus

REPORTED = [ReportStatus.SUBMITTED, ReportStatus.APPROVED]


@dataclass
class ProjectPage:
    project: Project
    report: StatusReport | None
    evm: Any  # progress.earned_value.ProjectEvm
    risks: list[Risk]
    trend: str = ""


@dataclass
class PackContent:
    title: str
    date: dt.date
    pages: list[ProjectPage]
    totals: dict[str, Any] = field(default_factory=dict)
    risks: dict[str, Any] = field(default_factory=dict)
    top_risks: list[Risk] = field(default_factory=list)
    overdue: list[Action] = field(default_factory=list)
    portfolio: bool = True


def _pages(projects: list[Project]) -> list[ProjectPage]:
    latest: dict[int, StatusReport] = {}
    for report in StatusReport.objects.filter(project__in=projects, status__in=REPORTED).order_by("period"):
        latest[report.project_id] = report  # the last one per project wins
    risks: dict[int, list[Risk]] = {}
    for risk in Risk.objects.filter(project__in=projects, status=RiskStatus.OPEN).order_by("-score", "pk"):
        risks.setdefault(risk.project_id, [])
        if len(risks[risk.project_id]) < 5:
            risks[risk.project_id].append(risk)
    today = timezone.localdate()
    return [
        ProjectPage(
            project=p,
            report=latest.get(p.pk),
            evm=project_evm(p, today),
            risks=risks.get(p.pk, []),
            trend=trend(getattr(p, "rag", None), getattr(p, "previous_rag", None)),
        )
        for p in projects
    ]


def portfolio_content(user, title: str, programme: int | None = None) -> PackContent:
    """The running projects `user` sees (optionally of one programme), with the portfolio's totals."""
    projects = annotate(Project.objects.visible_to(user).filter(lifecycle__in=APPROVED_STATES))
    if programme is not None:
        projects = projects.filter(programme_id=programme)
    rows = list(projects.select_related("programme", "manager", "portfolio").order_by("code"))
    visible = Risk.objects.visible_to(user).filter(project__in=[p.pk for p in rows])
    counts = {rag: sum(1 for p in rows if p.rag == rag) for rag in ("green", "amber", "red")}
    return PackContent(
        title=title,
        date=timezone.localdate(),
        pages=_pages(rows),
        totals={
            **counts,
            "unreported": sum(1 for p in rows if not p.rag),
            "projects": len(rows),
            "budget": sum(p.budget or 0 for p in rows),
            "actual": sum(p.actual or 0 for p in rows),
        },
        risks=risk_summary(visible),
        top_risks=list(
            visible.filter(status=RiskStatus.OPEN).select_related("project").order_by("-score", "pk")[:10]
        ),
        overdue=list(
            Action.objects.visible_to(user)
            .filter(project__in=[p.pk for p in rows])
            .overdue()
            .select_related("project", "owner")
            .order_by("due")[:15]
        ),
    )


def project_content(project: Project, title: str) -> PackContent:
    rows = list(
        annotate(Project.objects.filter(pk=project.pk)).select_related("programme", "manager", "portfolio")
    )
    return PackContent(title=title, date=timezone.localdate(), pages=_pages(rows), portfolio=False)
