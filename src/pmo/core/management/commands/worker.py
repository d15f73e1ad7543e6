"""`pmo worker`: runs background jobs (optimisation, Monte Carlo, report packs) from the database queue."""

from django.core.management import call_command
from django.core.management.base import BaseCommand


class Command(BaseCommand):
    help = "Run the background worker; start more on other machines that share one PostgreSQL database."

    def add_arguments(self, parser):
        parser.add_argument("--batch", action="store_true", help="stop when the queue is empty")

    def handle(self, *args, batch: bool, **options):
        call_command("db_worker", batch=batch)
