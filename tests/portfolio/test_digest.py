"""The reminder e-mail reaches the owners of overdue actions and the managers of late status reports."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from django.core import mail
from django.core.management import call_command

from pmo.projects.lifecycle import Lifecycle
from pmo.projects.models import Project
from pmo.raid import services as raid
from pmo.raid.models import Action

pytestmark = pytest.mark.django_db


def test_digest_mails_overdue_actions_and_late_reports(org, settings):
    settings.LANGUAGE_CODE = "en"
    Project.objects.filter(pk=org.project.pk).update(lifecycle=Lifecycle.ACTIVE)
    org.member.email, org.pm.email = "member@rivierstad.nl", "pm@rivierstad.nl"
    org.member.save()
    org.pm.save()
    raid.log_item(
        Action, acting_user=org.pm, project=org.project, title="Leverancier bellen", owner=org.member,
        due=dt.date.today() - dt.timedelta(days=4),
    )  # fmt: skip
    raid.log_item(Action, acting_user=org.pm, project=org.project, title="Later", owner=org.member)
    out = io.StringIO()
    call_command("digest", "--dry-run", stdout=out)
    assert "member@rivierstad.nl: 1 overdue actions" in out.getvalue() and not mail.outbox
    call_command("digest", stdout=io.StringIO())
    by_person = {m.to[0]: m for m in mail.outbox}
    body = by_person["member@rivierstad.nl"].body
    assert "Leverancier bellen" in body and "Later" not in body and "/raid/actions/mine/" in body
    late = dt.date.today().day > 10  # reports are due by the 10th
    assert ("pm@rivierstad.nl" in by_person) == late
    if late:
        assert org.project.code in by_person["pm@rivierstad.nl"].body


def test_late_reports_are_due_after_the_tenth(org):
    from pmo.portfolio.digest import gather

    Project.objects.filter(pk=org.project.pk).update(lifecycle=Lifecycle.ACTIVE)
    org.pm.email = "pm@rivierstad.nl"
    org.pm.save()
    day = dt.date.today().replace(day=20)
    assert [(d.user, [p for p, _m in d.reports]) for d in gather(day)] == [(org.pm, [org.project])]
    assert gather(day.replace(day=5)) == []
