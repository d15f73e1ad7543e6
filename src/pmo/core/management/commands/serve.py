"""`pmo serve`: the development web server on 127.0.0.1."""

from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Serve PMO on http://127.0.0.1:PORT/ (development server; use gunicorn pmo.wsgi in production)."

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=8000)
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--reload", action="store_true", help="restart when the code changes")

    def handle(self, *args, port: int, host: str, reload: bool, **options):
        call_command("runserver", f"{host}:{port}", use_reloader=reload)
