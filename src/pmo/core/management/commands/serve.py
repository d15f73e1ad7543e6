"""`pmo serve`: the development web server on 127.0.0.1, with a background worker beside it."""

from __future__ import annotations

import atexit
import subprocess
import sys

from django.core.management import call_command
from django.core.management.base import BaseCommand


def start_worker() -> subprocess.Popen:
    """A `pmo worker` process for background jobs, stopped when this process ends."""
    worker = subprocess.Popen([sys.executable, "-m", "pmo.cli", "worker"])
    atexit.register(worker.terminate)
    return worker


def serve(host: str, port: int, *, reload: bool = False, worker: bool = True) -> None:
    if worker:
        start_worker()
    call_command("runserver", f"{host}:{port}", use_reloader=reload)


class Command(BaseCommand):
    help = "Serve PMO on http://127.0.0.1:PORT/ (development server; use gunicorn pmo.wsgi in production)."

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--reload", action="store_true", help="restart when the code changes")
        parser.add_argument("--no-worker", action="store_true", help="do not start a background worker")

    def handle(self, *args, port: int, host: str, reload: bool, no_worker: bool, **options):
        serve(host, port, reload=reload, worker=not no_worker)
