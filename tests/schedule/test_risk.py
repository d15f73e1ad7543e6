"""Schedule risk: drivers, an analysis queued and run by the real background worker, and its result page."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.urls import reverse

from pmo.demo.schedules import plan_for
from pmo.schedule import services
from pmo.schedule.models import RiskRun, RunStatus
from pmo.schedule.risk import risk_model

pytestmark = pytest.mark.django_db


@pytest.fixture
def planned(org):
    schedule = services.create_schedule(org.project, acting_user=org.pm, start=dt.date(2026, 3, 2))
    tasks, links = plan_for("RISK", 3)
    made = services.add_plan(schedule, acting_user=org.pm, tasks=tasks, links=links)
    return schedule, made


@pytest.mark.django_db(transaction=True)  # the worker commits and closes its connection, as in production
def test_an_analysis_runs_in_the_worker_and_its_page_shows_the_result(org, planned, client_for):
    schedule, made = planned
    services.create_risk_driver(
        schedule, acting_user=org.pm, tasks=[made["P5"]], name="Leverancier te laat", probability=40,
        impact_low="1.1", impact_likely="1.3", impact_high="1.8",
    )  # fmt: skip
    run = services.request_risk_analysis(schedule, acting_user=org.member, iterations=2000, seed=3)
    assert RiskRun.objects.get(pk=run.pk).status == RunStatus.QUEUED
    call_command("worker", batch=True)
    run.refresh_from_db()
    assert run.status == RunStatus.DONE and run.progress == 100
    r = run.result
    assert (
        r["percentiles"]["p10"]
        <= r["percentiles"]["p50"]
        <= r["percentiles"]["p80"]
        <= r["percentiles"]["p90"]
    )
    assert r["percentiles"]["p80"] > r["deterministic"]  # the estimates are skewed to the long side
    schedule.refresh_from_db()
    assert (
        r["deterministic_date"] == schedule.finish.isoformat()
    )  # the plan's date, as the Schedule tab shows it
    assert r["tornado"][0]["name"] == "Leverancier te laat"
    assert sum(r["histogram"]["counts"]) == 2000 and r["criticality"][0]["index"] > 0.5
    page = client_for(org.member).get(reverse("schedule:risk_run", args=[run.pk])).content.decode()
    assert "P80" in page and "Leverancier te laat" in page and "<polyline" in page


def test_progress_page_polls_while_queued(org, planned, client_for):
    schedule, _ = planned
    run = services.request_risk_analysis(schedule, acting_user=org.pm, iterations=1000)
    response = client_for(org.member).get(
        reverse("schedule:risk_run", args=[run.pk]), headers={"HX-Request": "true"}
    )
    assert 'hx-trigger="every 1s"' in response.content.decode() and "<html" not in response.content.decode()


def test_driver_validation(org, planned):
    schedule, made = planned
    with pytest.raises(ValidationError, match="Choose the tasks"):
        services.create_risk_driver(schedule, acting_user=org.pm, tasks=[], name="X", probability=50)
    with pytest.raises(ValidationError, match="low ≤ most likely ≤ high"):
        services.create_risk_driver(
            schedule, acting_user=org.pm, tasks=[made["P1.1"]], name="X", probability=50,
            impact_low="2", impact_likely="1", impact_high="3",
        )  # fmt: skip


def test_only_the_remaining_work_varies(org):
    schedule = services.create_schedule(org.project, acting_user=org.pm, start=dt.date(2026, 3, 2))
    done, doing, todo = (
        services.create_task(
            schedule,
            acting_user=org.pm,
            name=name,
            duration=10,
            optimistic=Decimal(5),
            pessimistic=Decimal(20),
        )
        for name in ("Done", "Doing", "To do")
    )
    services.add_link(done, doing, acting_user=org.pm)
    services.add_link(doing, todo, acting_user=org.pm)
    services.record_progress(  # status Friday 20 March; "Doing" started Monday 16 March and is half done
        schedule,
        acting_user=org.pm,
        status_date=dt.date(2026, 3, 20),
        progress={
            done: (100, dt.date(2026, 3, 2), dt.date(2026, 3, 13)),
            doing: (50, dt.date(2026, 3, 16), None),
        },
    )
    model, plan = risk_model(schedule)
    assert model.elapsed.tolist() == [10, 5, 0]  # working days behind each task on the status date
    assert model.optimistic.tolist() == [0, 2.5, 5]
    assert model.most_likely.tolist() == [0, 5, 10]
    assert model.pessimistic.tolist() == [0, 10, 20]
    assert plan.done.tolist() == [True, False, False]
