"""`pmo worker`: runs background jobs (optimisation, Monte Carlo, report packs) from the database queue."""

import logging
import time
from contextlib import suppress

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import DatabaseError, connections

from pmo.core import jobs

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = (
        "Run the background worker; start more on other machines that share one PostgreSQL database. Each job "
        "runs once; a job whose worker is killed is put back in the queue (or marked failed) by the others."
    )

    def add_arguments(self, parser):
        parser.add_argument("--batch", action="store_true", help="stop when the queue is empty")

    def handle(self, *args, batch: bool, **options):
        worker_id = jobs.new_worker_id()
        with jobs.heartbeat(worker_id):
            while True:
                try:
                    call_command("db_worker", batch=batch, worker_id=worker_id, reload=False)
                    return
                except DatabaseError as error:  # the database went away (restart): wait, reconnect, go on
                    if batch:
                        raise
                    logger.warning("worker %s lost the database (%s); retrying", worker_id, error)
                    with suppress(DatabaseError):  # closing a connection the server cut can fail too
                        connections.close_all()
                    time.sleep(jobs.heartbeat_seconds())
