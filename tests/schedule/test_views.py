"""Schedule pages: inline edits refuse bad numbers and stale versions; the calendar and status date page."""

import datetime as dt

import pytest
from django.urls import reverse

from pmo.schedule import services
from pmo.schedule.models import NonWorkingDay, Schedule, Task

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"duration": "-3"}, "must be a whole number from 0 to 100000"),
        ({"percent_complete": "150"}, "must be a whole number from 0 to 100"),
        ({"duration": "veel"}, "must be a whole number"),
        ({"duration": "4", "version": "1"}, "in the meantime"),
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


def test_calendar_and_status_date_page(org, client_for):
    schedule = services.create_schedule(org.project, acting_user=org.pm, start=dt.date(2026, 4, 1))
    task = services.create_task(schedule, acting_user=org.pm, name="Bouw", duration=5)
    client = client_for(org.pm)
    url = reverse("schedule:schedule_settings", args=[org.project.pk])
    page = client.get(url)
    assert page.status_code == 200
    html = page.content.decode()
    assert 'name="working_weekdays" value="4" id="id_working_weekdays_4" checked' in html  # Friday
    assert 'name="working_weekdays" value="5" id="id_working_weekdays_5">' in html  # Saturday, unchecked
    # a four-day week (Monday–Thursday) and a status date: Bouw is re-planned after it
    response = client.post(
        url,
        {
            "version": schedule.version,
            "start": "2026-04-01",
            "status_date": "2026-04-08",
            "working_weekdays": ["0", "1", "2", "3"],
            "dutch_holidays": "on",
        },
    )
    assert response.status_code == 302
    schedule.refresh_from_db()
    task.refresh_from_db()
    assert schedule.working_weekdays == "1111000" and schedule.status_date == dt.date(2026, 4, 8)
    assert (task.early_start, task.early_finish) == (dt.date(2026, 4, 9), dt.date(2026, 4, 16))
    # no working day at all is refused, naming the problem; a stale version is a conflict
    refused = client.post(url, {"version": schedule.version, "start": "2026-04-01"})
    assert "at least one working day" in refused.content.decode()
    stale = client.post(
        url, {"version": schedule.version - 1, "start": "2026-04-01", "working_weekdays": ["0"]}
    )
    assert stale.status_code == 200 and Schedule.objects.get(pk=schedule.pk).working_weekdays == "1111000"
    # an extra day off moves the task; the same day twice is refused
    add = reverse("schedule:non_working_day_add", args=[org.project.pk])
    client.post(add, {"date": "2026-04-13", "name": "Heidag"})
    client.post(add, {"date": "2026-04-13", "name": "Nog eens"})
    assert NonWorkingDay.objects.filter(schedule=schedule).count() == 1
    task.refresh_from_db()
    assert task.early_finish == dt.date(2026, 4, 20)
    page = client.get(url)
    assert "Heidag" in page.content.decode() and "This day is already a day off." in page.content.decode()
    day = NonWorkingDay.objects.get(schedule=schedule)
    client.post(reverse("schedule:non_working_day_remove", args=[org.project.pk, day.pk]))
    task.refresh_from_db()
    assert task.early_finish == dt.date(2026, 4, 16)
    assert client_for(org.member).get(url).status_code == 403


def test_the_add_a_task_form_adds_a_task(org, client_for):
    """The schedule page's form sends only name, duration, parent and milestone: the task starts at 0 %."""
    schedule = services.create_schedule(org.project, acting_user=org.pm, start=dt.date(2026, 4, 1))
    page = client_for(org.pm).post(
        reverse("schedule:task_add", args=[org.project.pk]), {"name": "Ontwerp", "duration": "5"}, follow=True
    )
    assert "Ontwerp" in page.content.decode()
    task = schedule.tasks.get()
    assert (task.name, task.duration, task.percent_complete) == ("Ontwerp", 5, 0)
