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


@pytest.fixture
def chain(org, schedule):
    """Design (5 days) → Build (10) → Go-live (milestone), from Wednesday 1 April 2026."""
    design = services.create_task(schedule, acting_user=org.pm, name="Design", duration=5)
    build = services.create_task(schedule, acting_user=org.pm, name="Build", duration=10)
    live = services.create_task(schedule, acting_user=org.pm, name="Go-live", milestone=True, duration=0)
    services.add_link(design, build, acting_user=org.pm)
    services.add_link(build, live, acting_user=org.pm)
    return [Task.objects.get(pk=t.pk) for t in (design, build, live)]


def _progress(org, schedule, status, **per_task):
    progress = {task: values for task, values in per_task.values()}
    services.record_progress(schedule, acting_user=org.pm, status_date=status, progress=progress)
    return [Task.objects.get(pk=task.pk) for task, _values in per_task.values()]


def test_finished_work_keeps_its_actual_dates_and_is_not_critical(org, schedule, chain):
    design, build, _live = chain
    # design really ran 1–14 April (8 working days: Easter Monday is off), three more than planned
    _progress(org, schedule, D(2026, 4, 14), design=(design, (100, D(2026, 4, 1), D(2026, 4, 14))))
    design, build = Task.objects.get(pk=design.pk), Task.objects.get(pk=build.pk)
    assert (design.early_start, design.early_finish) == (D(2026, 4, 1), D(2026, 4, 14))
    assert not design.critical and build.critical
    assert build.early_start == D(2026, 4, 15)  # after the actual finish, not the planned one
    # a predecessor that slips later no longer moves a task that has started
    services.update_task(design, acting_user=org.pm, duration=30)
    assert Task.objects.get(pk=design.pk).early_finish == D(2026, 4, 14)


def test_work_in_progress_finishes_its_remaining_duration_after_the_status_date(org, schedule, chain):
    design, build, live = chain
    # status Friday 10 April: build started Tuesday 7 April (planned 8 April) and is 20% done → 8 days to go,
    # from Monday 13 April: 13–17, 20–22 April
    _progress(
        org,
        schedule,
        D(2026, 4, 10),
        design=(design, (100, D(2026, 4, 1), D(2026, 4, 3))),
        build=(build, (20, D(2026, 4, 7), None)),
    )
    build, live = Task.objects.get(pk=build.pk), Task.objects.get(pk=live.pk)
    assert (build.early_start, build.early_finish) == (D(2026, 4, 7), D(2026, 4, 22))
    assert live.early_start == D(2026, 4, 23)


def test_work_not_started_cannot_start_before_the_status_date(org, schedule, chain):
    design, _build, live = chain
    # status 20 April and nothing done: the whole plan starts on Tuesday 21 April
    services.update_schedule(schedule, acting_user=org.pm, status_date=D(2026, 4, 20))
    design, live = Task.objects.get(pk=design.pk), Task.objects.get(pk=live.pk)
    assert design.early_start == D(2026, 4, 21)
    # 15 working days later: King's Day 27 April, Liberation Day 5 May and Ascension Day 14 May are off
    assert live.early_start == D(2026, 5, 15)


def test_reporting_percent_complete_fills_in_the_actual_dates(org, schedule, chain):
    design, build, _live = chain
    design = services.update_task(design, acting_user=org.pm, percent_complete=40)
    assert design.actual_start == D(2026, 4, 1) and design.actual_finish is None
    design = services.update_task(design, acting_user=org.pm, percent_complete=100)
    assert design.actual_finish == D(2026, 4, 8)  # as planned: 1–3 and 7–8 April
    with pytest.raises(ValidationError, match="An actual finish needs an actual start on or before it"):
        services.update_task(
            build, acting_user=org.pm, actual_start=D(2026, 4, 10), actual_finish=D(2026, 4, 9)
        )
    assert Task.objects.get(pk=build.pk).actual_start is None
