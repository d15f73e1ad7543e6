"""Milestone trend analysis: forecasts per reporting date, slip, and the chart on the Schedule tab."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from pmo.schedule import services
from pmo.schedule.models import Task

pytestmark = pytest.mark.django_db
D = dt.date


def test_a_slipping_milestone_rises_in_the_trend(org, client_for):
    schedule = services.create_schedule(org.project, acting_user=org.pm, start=D(2026, 3, 2))
    work = services.create_task(schedule, acting_user=org.pm, name="Bouw", duration=20)
    live = services.create_task(schedule, acting_user=org.pm, name="Livegang", milestone=True, duration=0)
    services.add_link(work, live, acting_user=org.pm)
    services.save_baseline(schedule, acting_user=org.pm, name="Start", taken_on=D(2026, 3, 2))
    services.update_task(work, acting_user=org.pm, duration=30)
    services.save_baseline(schedule, acting_user=org.pm, name="Rapportage 1", taken_on=D(2026, 3, 16))
    page = client_for(org.member).get(reverse("schedule:project_schedule", args=[org.project.pk]))
    mta = page.context["mta"]
    (series,) = mta["series"]
    assert series.name == "Livegang"
    assert series.slip == (Task.objects.get(pk=live.pk).early_finish - D(2026, 3, 30)).days > 0
    ys = [float(point.split(",")[1]) for point in series.points.split()]
    assert ys[0] > ys[1]  # later date = higher on the chart (smaller y)
    assert "Milestone trend analysis" in page.content.decode()


def test_without_baselines_the_trend_explains_what_to_do(org, client_for):
    schedule = services.create_schedule(org.project, acting_user=org.pm, start=D(2026, 3, 2))
    services.create_task(schedule, acting_user=org.pm, name="Livegang", milestone=True, duration=0)
    page = client_for(org.member).get(reverse("schedule:project_schedule", args=[org.project.pk]))
    assert page.context["mta"] is None
    assert "Save a baseline at each progress report" in page.content.decode()
