"""What the RAID log tells a status report: the top open risks, open issues and overdue actions."""

from __future__ import annotations

import datetime as dt
from typing import Any

from .models import OPEN_ACTION, Action, Issue, IssueStatus, Risk, RiskStatus


def raid_facts(project, start: dt.date, end: dt.date) -> dict[str, Any]:
    risks = Risk.objects.filter(project=project, status=RiskStatus.OPEN)
    issues = Issue.objects.filter(project=project, status__in=[IssueStatus.OPEN, IssueStatus.IN_PROGRESS])
    return {
        "open_risks": risks.count(),
        "top_risks": [
            {"ref": r.reference, "title": r.title, "score": r.score}
            for r in risks.order_by("-score", "pk")[:5]
        ],
        "open_issues": issues.count(),
        "top_issues": [
            {"ref": i.reference, "title": i.title, "priority": i.get_priority_display()}
            for i in issues.order_by("-priority", "pk")[:5]
        ],
        "open_actions": Action.objects.filter(project=project, status__in=OPEN_ACTION).count(),
        "overdue_actions": Action.objects.filter(project=project).overdue(end).count(),
    }
