"""What bench/load.py's simulated users open and edit, read from the demo database with PMO's own rules.

Run inside Django (bench/load.py pipes it into `pmo shell`); prints one JSON line: per demo user the projects,
risks, lessons, people and status reports they can see, the risks and draft status reports they may change, and
an API token. Starts a few draft status reports first (the demo has none).
"""

from __future__ import annotations

import json

from django.core.exceptions import ValidationError
from django.utils import timezone
from rest_framework.authtoken.models import Token

from pmo.coe.models import Lesson
from pmo.core.models import User
from pmo.progress import services as progress
from pmo.progress.models import StatusReport
from pmo.projects.models import Project
from pmo.raid.models import Risk
from pmo.resources.models import Person

ROLES = ["admin", "portfolio", "pmo", "pm", "coe", "exec", "member"]
LIMIT = 40


def ids(queryset) -> list[int]:
    return list(queryset.order_by("pk").values_list("pk", flat=True)[:LIMIT])


def visible(model, user):
    manager = model.objects
    return manager.visible_to(user) if hasattr(manager, "visible_to") else manager.all()


def start_drafts(per_user: int = 4) -> None:
    """The demo's status reports are all submitted or approved: start this month's draft for a few projects of
    each role that writes reports, through the service (the load test then edits them in the real form)."""
    today = timezone.localdate()
    for name in ROLES:
        user = User.objects.get(username=name)
        started = 0
        for project in Project.objects.visible_to(user).order_by("pk"):
            if started == per_user:
                break
            if not user.has_perm("progress.add_report", project):
                continue
            if project.status_reports.filter(period__year=today.year, period__month=today.month).exists():
                continue
            try:
                progress.create_report(project, acting_user=user, period=today)
            except ValidationError:
                continue
            started += 1


def targets() -> dict:
    found = {}
    for name in ROLES:
        user = User.objects.get(username=name)
        projects = Project.objects.visible_to(user)
        risks = Risk.objects.visible_to(user).select_related("project", "programme", "portfolio")
        reports = StatusReport.objects.visible_to(user).select_related("project")
        editable_risks = [r.pk for r in risks.order_by("pk") if user.has_perm("raid.change_item", r)]
        editable_reports = [
            r.pk for r in reports.order_by("pk") if r.editable and user.has_perm("progress.write_report", r)
        ]
        found[name] = {
            "token": Token.objects.get_or_create(user=user)[0].key,
            "projects": ids(projects),
            "risks": ids(risks),
            "reports": ids(reports),
            "lessons": ids(Lesson.objects.visible_to(user)),
            "people": ids(visible(Person, user)),
            "edit_risks": editable_risks[:LIMIT],
            "edit_reports": editable_reports[:LIMIT],
        }
    return found


start_drafts()
print("TARGETS " + json.dumps(targets()))
