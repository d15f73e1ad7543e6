"""A database that goes away and comes back: the app and the worker answer errors meanwhile, then carry on by
themselves, without a restart."""

from __future__ import annotations

import urllib.request

import psycopg
import pytest
from django.db import connection
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult
from rest_framework.authtoken.models import Token

from pmo.core.models import WorkerBeat

from .jobs_probe import record
from .test_jobs import _app_server, _environment, _stop, _wait, _worker, status_of

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="needs a database server to take away and bring back: PostgreSQL (CI runs this on it)",
    ),
    pytest.mark.django_db(transaction=True),
]


def _get(url: str, token: str) -> int:
    return status_of(urllib.request.Request(url, headers={"Authorization": f"Token {token}"}))


def _outage(on: bool) -> None:
    """Refuse new connections to the test database and cut the open ones (as a restart does), or allow them."""
    db = connection.settings_dict
    with psycopg.connect(
        host=db["HOST"] or "127.0.0.1",
        port=db["PORT"] or 5432,
        user=db["USER"],
        password=db["PASSWORD"] or None,
        dbname="postgres",
        autocommit=True,
    ) as admin:
        admin.execute(f'ALTER DATABASE "{db["NAME"]}" ALLOW_CONNECTIONS {"false" if on else "true"}')
        if on:  # every connection but this test's own
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_backend_pid()")
                own = cursor.fetchone()[0]
            admin.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s AND pid <> %s",
                (db["NAME"], own),
            )


def test_the_app_and_the_worker_recover_from_a_database_restart(org, tmp_path):
    token = Token.objects.create(user=org.member).key
    env = _environment()
    port, server = _app_server(env)
    worker = _worker(env)
    url = f"http://127.0.0.1:{port}/api/projects/"
    try:
        _wait(lambda: _get(url, token) == 200, 60, "the app server")
        _wait(lambda: WorkerBeat.objects.exists(), 60, "the worker")
        _outage(True)
        try:
            during = [_get(url, token) for _ in range(3)]
        finally:
            _outage(False)
        after = [_get(url, token) for _ in range(3)]

        marks = tmp_path / "runs.txt"
        assert worker.poll() is None, "the worker stopped when the database went away"
        record.enqueue(str(marks), 7)  # the worker lost its connection too, and takes new work again
        _wait(
            lambda: DBTaskResult.objects.get().status == TaskResultStatus.SUCCESSFUL,
            60,
            "the worker's recovery",
        )
    finally:
        _stop(server, worker)
    assert during == [503, 503, 503]  # "try again", not a crash page or a hang
    assert after == [200, 200, 200]  # reconnected by itself
    assert marks.read_text().split()[0] == "7"
