"""Schedule services: every change recalculates; loops are refused; summaries roll up; baselines keep dates."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from pmo.schedule import services
from pmo.schedule.models import Task, TaskLink

pytestmark = pytest.mark.django_db
D = dt.date


@pytest.fixture
def schedule(org):
    return services.create_schedule(org.project, acting_user=org.pm, start=D(2026, 4, 1))


def test_tasks_and_links_get_dates_on_the_calendar(org, schedule):
    design = services.create_task(schedule, acting_user=org.pm, name="Ontwerp", duration=3)
    build = services.create_task(schedule, acting_user=org.pm, name="Bouw", duration=5)
    live = services.create_task(schedule, acting_user=org.pm, name="Livegang", milestone=True, duration=0)
    services.add_link(design, build, acting_user=org.pm)
    services.add_link(build, live, acting_user=org.pm, lag=1)
    design, build, live = (Task.objects.get(pk=t.pk) for t in (design, build, live))
    # 1 April 2026 is a Wednesday; Easter Monday 6 April and King's Day 27 April are days off
    assert (design.early_start, design.early_finish) == (D(2026, 4, 1), D(2026, 4, 3))
    assert (build.early_start, build.early_finish) == (D(2026, 4, 7), D(2026, 4, 13))
    assert live.early_start == D(2026, 4, 15) and live.critical and design.total_float == 0
    schedule.refresh_from_db()
    assert schedule.finish == D(2026, 4, 15)


def test_a_loop_is_refused_naming_the_tasks_and_nothing_is_saved(org, schedule):
    a = services.create_task(schedule, acting_user=org.pm, name="A", duration=1)
    b = services.create_task(schedule, acting_user=org.pm, name="B", duration=1)
    services.add_link(a, b, acting_user=org.pm)
    with pytest.raises(ValidationError, match="These links would form a loop: A → B → A"):
        services.add_link(b, a, acting_user=org.pm)
    assert TaskLink.objects.count() == 1


def test_summary_tasks_roll_up_and_links_on_summaries_reach_their_tasks(org, schedule):
    phase = services.create_task(schedule, acting_user=org.pm, name="Fase 1", duration=1)
    first = services.create_task(schedule, acting_user=org.pm, name="1a", duration=2, parent=phase)
    second = services.create_task(schedule, acting_user=org.pm, name="1b", duration=4, parent=phase)
    after = services.create_task(schedule, acting_user=org.pm, name="Daarna", duration=1)
    services.add_link(phase, after, acting_user=org.pm)
    phase, first, second, after = (Task.objects.get(pk=t.pk) for t in (phase, first, second, after))
    assert phase.is_summary and not first.is_summary
    assert phase.early_start == first.early_start == D(2026, 4, 1)
    assert phase.early_finish == second.early_finish
    assert after.early_start > second.early_finish
    assert first.total_float == 2 and second.critical and phase.critical


def test_changing_a_duration_moves_the_successors(org, schedule):
    a = services.create_task(schedule, acting_user=org.pm, name="A", duration=2)
    b = services.create_task(schedule, acting_user=org.pm, name="B", duration=2)
    services.add_link(a, b, acting_user=org.pm)
    before = Task.objects.get(pk=b.pk).early_start
    services.update_task(a, acting_user=org.pm, duration=7)
    assert Task.objects.get(pk=b.pk).early_start > before
    assert Task.objects.get(pk=a.pk).history.latest().history_user == org.pm


def test_baseline_keeps_dates_after_changes(org, schedule):
    a = services.create_task(schedule, acting_user=org.pm, name="A", duration=2)
    baseline = services.save_baseline(schedule, acting_user=org.pm)
    services.update_task(a, acting_user=org.pm, duration=5)
    entry = baseline.tasks.get(task=a)
    assert entry.finish == D(2026, 4, 2) and entry.duration == 2
    assert Task.objects.get(pk=a.pk).early_finish == D(2026, 4, 8)
    assert baseline.name == "Baseline 1"


def test_only_project_editors_change_the_schedule(org, schedule):
    with pytest.raises(PermissionDenied):
        services.create_task(schedule, acting_user=org.member, name="X", duration=1)
    with pytest.raises(PermissionDenied):
        services.create_schedule(org.other_project, acting_user=org.pm, start=D(2026, 1, 1))


def test_a_task_cannot_sit_under_itself(org, schedule):
    a = services.create_task(schedule, acting_user=org.pm, name="A", duration=1)
    b = services.create_task(schedule, acting_user=org.pm, name="B", duration=1, parent=a)
    with pytest.raises(ValidationError, match="under itself"):
        services.update_task(a, acting_user=org.pm, parent=b)
