"""Inline edits in the task table refuse bad numbers and stale versions with a message."""

import datetime as dt

import pytest
from django.urls import reverse

from pmo.schedule import services
from pmo.schedule.models import Task

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"duration": "-3"}, "must be a whole number from 0 to 100000"),
        ({"percent_complete": "150"}, "must be a whole number from 0 to 100"),
        ({"duration": "veel"}, "must be a whole number"),
        ({"duration": "4", "version": "1"}, "changed by someone else"),
        ({"duration": "4", "version": ""}, "This form is out of date"),
    ],
)
def test_inline_edit_refusals(org, client_for, data, message):
    schedule = services.create_schedule(org.project, acting_user=org.pm, start=dt.date(2026, 4, 1))
    task = services.create_task(schedule, acting_user=org.pm, name="A", duration=2)
    services.update_task(task, acting_user=org.pm, duration=3)  # version 2 now
    task.refresh_from_db()
    payload = {"version": task.version, **data}
    url = reverse("schedule:task_inline", args=[org.project.pk, task.pk])
    page = client_for(org.pm).post(url, payload, follow=True).content.decode()
    assert message in page
    assert Task.objects.get(pk=task.pk).duration == 3
