"""The reminder e-mail: to each person, their overdue actions and the status reports they are late with."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.conf import settings
from django.core.mail import send_mass_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from pmo.progress.services import late_reports
from pmo.projects.lifecycle import Lifecycle
from pmo.projects.models import Project
from pmo.raid.models import Action


@dataclass
class Digest:
    user: object
    actions: list[Action] = field(default_factory=list)
    reports: list[tuple[Project, dt.date]] = field(default_factory=list)


def gather(today: dt.date | None = None) -> list[Digest]:
    """Everyone with something overdue: owners of overdue actions, managers of projects with a late report."""
    today = today or timezone.localdate()
    digests: dict[int, Digest] = {}

    def digest(user) -> Digest:
        return digests.setdefault(user.pk, Digest(user))

    for action in (
        Action.objects.overdue(today).filter(owner__is_active=True).select_related("owner", "project")
    ):
        digest(action.owner).actions.append(action)
    running = Project.objects.filter(lifecycle=Lifecycle.ACTIVE, manager__is_active=True).select_related(
        "manager"
    )
    for project, period in late_reports(running.order_by("code"), today):
        digest(project.manager).reports.append((project, period))
    return [d for d in digests.values() if d.user.email]


def send(digests: list[Digest]) -> int:
    """One e-mail per person, in the site's language; returns how many were sent."""
    messages = []
    with translation.override(settings.LANGUAGE_CODE):
        for d in digests:
            subject = _("PMO: %(actions)s overdue actions, %(reports)s late status reports") % {
                "actions": len(d.actions),
                "reports": len(d.reports),
            }
            body = render_to_string(
                "portfolio/digest.txt",
                {
                    "digest": d,
                    "base": settings.BASE_URL,
                    "my_actions": settings.BASE_URL + reverse("raid:my_actions"),
                    "report_links": [
                        (p, period, settings.BASE_URL + reverse("progress:project_reports", args=[p.pk]))
                        for p, period in d.reports
                    ],
                },
            )
            messages.append((subject, body, settings.DEFAULT_FROM_EMAIL, [d.user.email]))
    return send_mass_mail(messages, fail_silently=False) if messages else 0
