"""Background jobs survive their worker: a killed job is put back or failed, and every queued job runs once."""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from pmo.core import jobs
from pmo.core.models import WorkerBeat
from pmo.reports.models import PackStatus, ReportPack, Scope
from pmo.reports.tasks import make_pack

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
