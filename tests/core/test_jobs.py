"""Background jobs survive their worker: a killed job is put back or failed, and every queued job runs once."""

from __future__ import annotations

import datetime as dt
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import get_random_string
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from pmo.core import jobs
from pmo.core.models import WorkerBeat
from pmo.reports.models import PackStatus, ReportPack, Scope
from pmo.reports.tasks import make_pack
from pmo.schedule import services as schedule_services
from pmo.schedule.models import RiskRun, RunStatus

from .jobs_probe import record, slow_first_time

ROOT = Path(__file__).resolve().parents[2]


def _claimed_pack(org, worker_id: str, *, minutes_ago: int = 10) -> tuple[ReportPack, DBTaskResult]:
    """A report pack whose job a worker took `minutes_ago` and is still running."""
    pack = ReportPack.objects.create(
        scope=Scope.PORTFOLIO, requested_by=org.admin, status=PackStatus.RUNNING, progress=40
    )
    job = DBTaskResult.objects.get(pk=make_pack.enqueue(pack.pk).id)
    job.claim(worker_id)
    DBTaskResult.objects.filter(pk=job.pk).update(
        started_at=timezone.now() - dt.timedelta(minutes=minutes_ago)
    )
    return pack, job


@pytest.mark.django_db
def test_a_job_whose_worker_died_is_put_back_once_then_failed(org):
    pack, job = _claimed_pack(org, "killed-worker")

    assert jobs.recover_abandoned() == (1, 0)
    job.refresh_from_db()
    pack.refresh_from_db()
    assert job.status == TaskResultStatus.READY and pack.status == PackStatus.QUEUED and pack.progress == 0

    job.claim("killed-again")  # the second try dies as well
    DBTaskResult.objects.filter(pk=job.pk).update(started_at=timezone.now() - dt.timedelta(minutes=10))
    assert jobs.recover_abandoned() == (0, 1)
    job.refresh_from_db()
    pack.refresh_from_db()
    assert job.status == TaskResultStatus.FAILED and job.exception_class_path == "pmo.core.jobs.WorkerLost"
    assert job.finished_at is not None
    assert pack.status == PackStatus.FAILED and "2" in pack.error
    assert jobs.recover_abandoned() == (0, 0)  # nothing left to take over


@pytest.mark.django_db
def test_jobs_of_live_workers_and_fresh_jobs_are_left_alone(org):
    jobs.beat("live-worker")
    job = _claimed_pack(org, "live-worker")[1]
    _claimed_pack(org, "new-worker", minutes_ago=0)  # not registered yet, but just started
    assert jobs.recover_abandoned() == (0, 0)
    assert {j.status for j in DBTaskResult.objects.all()} == {TaskResultStatus.RUNNING}

    WorkerBeat.objects.filter(worker_id="live-worker").update(
        last_seen=timezone.now() - dt.timedelta(minutes=5)
    )
    assert jobs.recover_abandoned() == (1, 0)  # it stopped beating
    job.refresh_from_db()
    assert job.status == TaskResultStatus.READY


@pytest.mark.django_db
def test_old_beats_are_cleared(org):
    jobs.beat("gone")
    WorkerBeat.objects.update(last_seen=timezone.now() - dt.timedelta(days=2))
    jobs.beat("here")
    jobs.recover_abandoned()
    assert list(WorkerBeat.objects.values_list("worker_id", flat=True)) == ["here"]


# --- real worker processes on one PostgreSQL database ------------------------------------------------------

needs_server = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="worker processes share the database through a server: PostgreSQL (CI runs these on it)",
)


def _environment(**extra: str) -> dict[str, str]:
    db = settings.DATABASES["default"]
    url = f"postgres://{db['USER']}:{db['PASSWORD']}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    return {
        **os.environ,
        "DATABASE_URL": url,
        "PYTHONPATH": str(ROOT),  # the probe jobs live in the tests
        "PMO_WORKER_HEARTBEAT": "0.3",
        "PMO_SECRET_KEY": settings.SECRET_KEY,
        **extra,
    }


def _worker(env: dict[str, str], *extra: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "pmo.cli", "worker", *extra],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )


def _app_server(env: dict[str, str]) -> tuple[int, subprocess.Popen]:
    """gunicorn with PMO on a free port of 127.0.0.1."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "pmo.wsgi", "--bind", f"127.0.0.1:{port}", "--workers", "1"],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    return port, server


def _wait(condition, seconds: float, what: str) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"waited {seconds} s for {what}")
        time.sleep(0.1)


def _stop(*workers: subprocess.Popen) -> None:
    for worker in workers:
        if worker.poll() is None:
            worker.send_signal(signal.SIGTERM)
    for worker in workers:
        try:
            worker.wait(timeout=20)
        except subprocess.TimeoutExpired:
            worker.kill()


@needs_server
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("attempts", [2, 1])
def test_a_killed_worker_s_job_is_retried_or_failed(tmp_path, attempts):
    marks = tmp_path / "runs.txt"
    env = _environment(PMO_JOB_ATTEMPTS=str(attempts))
    first = _worker(env)
    second = None
    try:
        slow_first_time.enqueue(str(marks))
        _wait(marks.exists, 60, "the first worker to start the job")
        first.send_signal(signal.SIGKILL)  # cut off mid-way: no chance to clean up
        first.wait(timeout=10)
        job = DBTaskResult.objects.get()
        assert job.status == TaskResultStatus.RUNNING  # the queue alone would keep it running for ever

        second = _worker(env)
        _wait(
            lambda: (
                DBTaskResult.objects.get().status in (TaskResultStatus.SUCCESSFUL, TaskResultStatus.FAILED)
            ),
            60,
            "the second worker to take the job over",
        )
    finally:
        _stop(first, *([second] if second else []))
    job = DBTaskResult.objects.get()
    if attempts == 2:
        assert job.status == TaskResultStatus.SUCCESSFUL and job.return_value == "done"
        assert len(job.worker_ids) == 2 and len(marks.read_text().splitlines()) == 2  # ran again, once
    else:
        assert job.status == TaskResultStatus.FAILED and job.exception_class_path.endswith("WorkerLost")
        assert len(marks.read_text().splitlines()) == 1  # not run again


@needs_server
@pytest.mark.django_db(transaction=True)
def test_two_workers_run_each_of_200_jobs_exactly_once(tmp_path):
    marks = tmp_path / "runs.txt"
    env = _environment()
    workers = [_worker(env), _worker(env)]
    try:
        _wait(lambda: WorkerBeat.objects.count() == 2, 60, "both workers to start")
        for number in range(200):
            record.enqueue(str(marks), number)
        _wait(
            lambda: DBTaskResult.objects.filter(status=TaskResultStatus.SUCCESSFUL).count() == 200,
            120,
            "the 200 jobs",
        )
    finally:
        _stop(*workers)
    lines = [line.split() for line in marks.read_text().splitlines()]
    assert sorted(int(number) for number, _pid in lines) == list(range(200))  # each once, none twice
    assert len({pid for _number, pid in lines}) == 2  # both workers took their share
    results = DBTaskResult.objects.all()
    assert all(len(job.worker_ids) == 1 for job in results)
    assert sorted(job.return_value for job in results) == list(range(200))
    assert WorkerBeat.objects.count() == 0  # both said goodbye


def status_of(request: urllib.request.Request) -> int:
    """The status code of a request to a server under test (redirects followed); 0 when it does not answer."""
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except OSError:
        return 0


def _post(url: str, cookies: dict[str, str], data: dict) -> int:
    """A form POST as a browser sends it (session and CSRF cookie, the token in the form)."""
    return status_of(
        urllib.request.Request(
            url,
            data=urllib.parse.urlencode({**data, "csrfmiddlewaretoken": cookies["csrftoken"]}).encode(),
            headers={"Cookie": "; ".join(f"{k}={v}" for k, v in cookies.items())},
        )
    )


@needs_server
@pytest.mark.django_db(transaction=True)
def test_200_analyses_requested_through_two_app_servers_run_once_each_on_two_workers(org):
    schedule = schedule_services.create_schedule(org.project, acting_user=org.pm, start=dt.date(2026, 4, 1))
    first = schedule_services.create_task(schedule, acting_user=org.pm, name="Ontwerp", duration=5)
    second = schedule_services.create_task(schedule, acting_user=org.pm, name="Bouw", duration=10)
    schedule_services.add_link(first, second, acting_user=org.pm)
    browser = Client()
    browser.force_login(org.pm)  # one session, kept in the database that both servers use
    cookies = {"sessionid": browser.cookies["sessionid"].value, "csrftoken": get_random_string(32)}

    env = _environment()
    servers = [_app_server(env), _app_server(env)]
    workers = [_worker(env), _worker(env)]
    urls = [
        f"http://127.0.0.1:{port}{reverse('schedule:risk_run_request', args=[org.project.pk])}"
        for port, _ in servers
    ]
    try:
        _wait(lambda: WorkerBeat.objects.count() == 2, 60, "both workers to start")
        _wait(lambda: all(_post(url, cookies, {}) in (200, 302) for url in urls), 60, "both app servers")
        RiskRun.objects.all().delete()  # the warm-up requests were refused (no iterations) or are not counted
        DBTaskResult.objects.all().delete()
        answers = [
            _post(urls[n % 2], cookies, {"iterations": 100, "seed": n, "distribution": "triangular"})
            for n in range(200)
        ]
        _wait(
            lambda: DBTaskResult.objects.filter(status=TaskResultStatus.SUCCESSFUL).count() == 200,
            180,
            "the 200 analyses",
        )
    finally:
        _stop(*[server for _port, server in servers], *workers)
    assert answers == [200] * 200  # every request, on either server, with the same session
    runs = RiskRun.objects.all()
    assert runs.count() == 200 and {run.status for run in runs} == {RunStatus.DONE}
    assert sorted(run.seed for run in runs) == list(range(200))  # none lost, none doubled
    results = list(DBTaskResult.objects.all())
    assert len(results) == 200 and all(len(job.worker_ids) == 1 for job in results)  # each taken once
    assert len({job.worker_ids[0] for job in results}) == 2  # by both workers
