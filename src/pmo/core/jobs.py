"""Background jobs that outlive their worker: heartbeats, and what happens to a job whose worker died.

Every `pmo worker` registers itself (`WorkerBeat`) and renews its beat every `PMO_WORKER_HEARTBEAT` seconds from
a thread of its own. A job the queue still holds as running while its worker has missed three beats was cut off
(the process was killed, the machine restarted): any live worker puts it back in the queue, once, or — after
`PMO_JOB_ATTEMPTS` tries — marks it failed. The page of the scenario, report pack or risk run the job was for
follows (`track`), so nothing stays "running" for ever.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager, suppress

from django.conf import settings
from django.db import DatabaseError, close_old_connections, connection, models, transaction
from django.utils import timezone
from django.utils.crypto import get_random_string
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from .models import WorkerBeat

logger = logging.getLogger(__name__)

#: task path → the model whose row (the job's first argument) shows the job's state to users
TRACKED: dict[str, type[models.Model]] = {}


class WorkerLost(Exception):
    """The worker running a job stopped before the job ended."""


def heartbeat_seconds() -> float:
    return settings.PMO_WORKER_HEARTBEAT


def attempts() -> int:
    return settings.PMO_JOB_ATTEMPTS


def track(task, model: type[models.Model]) -> None:
    """The job `task(pk, …)` works on `model`'s row `pk`, which has `status` (queued / running / failed) and
    `error`: when the job is put back or given up, the row says so."""
    TRACKED[task.module_path] = model


def new_worker_id() -> str:
    return f"{socket.gethostname()[:30]}-{os.getpid()}-{get_random_string(8)}"


def beat(worker_id: str) -> None:
    now = timezone.now()
    WorkerBeat.objects.update_or_create(
        worker_id=worker_id,
        defaults={"last_seen": now},
        create_defaults={"host": socket.gethostname()[:100], "pid": os.getpid(), "last_seen": now},
    )


def recover_abandoned(now: dt.datetime | None = None) -> tuple[int, int]:
    """Put back (or fail) the running jobs whose worker stopped beating; returns (retried, failed).

    Safe to run in every worker at once: each job is taken over by a conditional update, by one of them only."""
    now = now or timezone.now()
    stale = now - dt.timedelta(seconds=3 * heartbeat_seconds())
    alive = set(WorkerBeat.objects.filter(last_seen__gte=stale).values_list("worker_id", flat=True))
    retried = failed = 0
    running = DBTaskResult.objects.running().filter(started_at__lt=stale)
    for job in running.only("id", "worker_ids", "started_at", "task_path", "args_kwargs"):
        if job.worker_ids and job.worker_ids[-1] in alive:
            continue
        claimed = DBTaskResult.objects.filter(
            pk=job.pk, status=TaskResultStatus.RUNNING, started_at=job.started_at
        )
        with transaction.atomic():
            if len(job.worker_ids) < attempts():
                if claimed.update(status=TaskResultStatus.READY, run_after=now):
                    retried += 1
                    _follow(job, retried=True)
            else:
                error = WorkerLost(
                    _("The worker stopped while running this job (%(tries)s attempts); start it again.")
                    % {"tries": len(job.worker_ids)}
                )
                if claimed.update(
                    status=TaskResultStatus.FAILED,
                    finished_at=now,
                    exception_class_path=f"{WorkerLost.__module__}.{WorkerLost.__qualname__}",
                    traceback=str(error),
                ):
                    failed += 1
                    _follow(job, retried=False, error=str(error))
    WorkerBeat.objects.filter(last_seen__lt=now - dt.timedelta(days=1)).delete()
    return retried, failed


def _follow(job: DBTaskResult, *, retried: bool, error: str = "") -> None:
    try:
        import_string(job.task_path)  # its module says which model it tracks
    except ImportError:
        return
    model = TRACKED.get(job.task_path)
    args = job.args_kwargs.get("args") or []
    if model is None or not args:
        return
    rows = model.objects.filter(pk=args[0], status__in=["queued", "running"])
    if retried:
        rows.update(status="queued", progress=0)
    else:
        rows.update(status="failed", error=error[:2000])
    logger.warning("job %s (%s) %s", job.pk, job.task_path, "put back in the queue" if retried else "failed")


class Heartbeat(threading.Thread):
    """Beats for one worker, and takes over the jobs of dead ones, until stopped."""

    def __init__(self, worker_id: str):
        super().__init__(name=f"heartbeat {worker_id}", daemon=True)
        self.worker_id = worker_id
        self.stopped = threading.Event()

    def run(self) -> None:
        while not self.stopped.wait(heartbeat_seconds()):
            self.tick()
        connection.close()

    def tick(self) -> None:
        try:
            close_old_connections()
            beat(self.worker_id)
            recover_abandoned()
        except DatabaseError as error:  # the database is away (restart) or busy: try again at the next beat
            logger.warning("heartbeat of %s missed: %s", self.worker_id, error)
            connection.close()


@contextmanager
def heartbeat(worker_id: str) -> Iterator[None]:
    """Register the worker, recover what dead workers left, and keep beating while the body runs (a database that
    is away at the start is tried again at the next beat, as later)."""
    thread = Heartbeat(worker_id)
    thread.tick()
    thread.start()
    try:
        yield
    finally:
        thread.stopped.set()
        thread.join(timeout=5)
        with suppress(DatabaseError):
            WorkerBeat.objects.filter(worker_id=worker_id).delete()
