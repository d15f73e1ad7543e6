"""MS Project exchange through the schedule app: import, export, round trip, refusals, the command."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError

from pmo.demo.schedules import plan_for
from pmo.projects import services as project_services
from pmo.schedule import services
from pmo.schedule.exchange import export_schedule, import_schedule
from pmo.schedule.models import Baseline, Schedule, Task, TaskLink

pytestmark = pytest.mark.django_db


def _outline(schedule: Schedule) -> list[tuple]:
    tasks = {t.pk: t for t in schedule.tasks.all()}
    rows = sorted(
        (
            t.wbs,
            t.name,
            0 if t.milestone else t.duration,
            t.milestone,
            tasks[t.parent_id].wbs if t.parent_id else None,
        )
        for t in tasks.values()
    )
    return rows


def _links(schedule: Schedule) -> list[tuple]:
    return sorted(
        (link.predecessor.wbs, link.successor.wbs, link.type, link.lag)
        for link in TaskLink.objects.filter(schedule=schedule).select_related("predecessor", "successor")
    )


def test_export_then_import_gives_back_the_same_plan(org):
    schedule = services.create_schedule(org.project, acting_user=org.admin, start=dt.date(2026, 3, 2))
    tasks, links = plan_for("RT", 4)
    services.add_plan(schedule, acting_user=org.admin, tasks=tasks, links=links)
    data = export_schedule(schedule)
    assert data.startswith(b"<?xml") and b"http://schemas.microsoft.com/project" in data
    result = import_schedule(org.other_project, data, acting_user=org.admin)
    copy = result.schedule
    assert _outline(copy) == _outline(schedule)
    assert _links(copy) == _links(schedule)
    original_finish = Schedule.objects.get(pk=schedule.pk).finish
    assert Schedule.objects.get(pk=copy.pk).finish == original_finish


def test_import_a_real_file_with_baselines(org, benchdata):
    path = (
        benchdata / "mspdi" / "mpxj" / "generated" / "task-baselines" / "task-baselines-project2019-mspdi.xml"
    )
    result = import_schedule(org.other_project, path, acting_user=org.admin)
    assert result.counts["tasks"] == 111
    assert Task.objects.filter(schedule=result.schedule).count() == result.tasks > 0
    assert Baseline.objects.filter(schedule=result.schedule).exists()
    assert any("baseline" in message for _, message in result.report)


def test_links_with_lags_come_over(org, benchdata):
    path = benchdata / "mspdi" / "mpxj" / "generated" / "task-links" / "task-links-project2019-mspdi.xml"
    result = import_schedule(org.other_project, path, acting_user=org.admin)
    links = TaskLink.objects.filter(schedule=result.schedule)
    assert links.count() == 8 and {link.type for link in links} == {"FS", "SS", "FF", "SF"}


def test_refusals_name_the_problem_and_write_nothing(org, benchdata):
    xer = benchdata / "other_formats" / "mpxj" / "PredecessorCalendar.xer"
    with pytest.raises(ValidationError, match="Primavera P6 XER"):
        import_schedule(org.other_project, xer, acting_user=org.admin)
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]><Project>&b;</Project>'
    )
    with pytest.raises(ValidationError, match="cannot be imported"):
        import_schedule(org.other_project, bomb, acting_user=org.admin)
    assert not Schedule.objects.filter(project=org.other_project).exists()
    services.create_schedule(org.project, acting_user=org.admin, start=dt.date(2026, 1, 5))
    data = export_schedule(Schedule.objects.get(project=org.project))
    with pytest.raises(ValidationError, match="already has a schedule"):
        import_schedule(org.project, data, acting_user=org.admin)


def test_the_command_dry_run_prints_the_counts(org, benchdata, capsys):
    path = benchdata / "mspdi" / "mpxj" / "baselines.xml"
    call_command("import-schedule", str(path), "--dry-run", "--json")
    assert json.loads(capsys.readouterr().out) == {
        "tasks": 2,
        "resources": 2,
        "assignments": 1,
        "calendars": 3,
        "links": 0,
    }
    assert not Schedule.objects.exists()
    with pytest.raises(CommandError, match="There is no project with code 'NOPE'"):
        call_command("import-schedule", str(path), "--project", "NOPE")
    call_command("import-schedule", str(path), "--project", "P-2")
    assert (
        Schedule.objects.get(project=org.other_project).tasks.count() == 1
    )  # the file's summary task is the project


def test_importing_needs_the_right_to_change_the_project(org):
    other = project_services.create_project(
        acting_user=org.admin, code="X-9", name="X", portfolio=org.portfolio
    )
    schedule = services.create_schedule(org.project, acting_user=org.admin, start=dt.date(2026, 1, 5))
    with pytest.raises(PermissionDenied, match="not allowed"):
        import_schedule(other, export_schedule(schedule), acting_user=org.pm)
