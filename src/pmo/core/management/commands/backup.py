"""`pmo backup [PATH]`: a consistent snapshot of the database (SQLite online backup, or pg_dump)."""

from django.core.management.base import BaseCommand, CommandError

from pmo.core.backup import BackupError, backup


class Command(BaseCommand):
    help = "Write a consistent backup of the database to PATH (default: PMO_DATA_DIR/backups/pmo-<time>.*)."

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", help="the file to write")

    def handle(self, *args, path: str | None, **options):
        try:
            written = backup(path)
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(f"Backup written: {written} ({written.stat().st_size:,} bytes)")
