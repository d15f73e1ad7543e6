"""`pmo restore PATH`: replace the database's content with a backup made by `pmo backup`."""

from django.core.management.base import BaseCommand, CommandError

from pmo.core.backup import BackupError, restore


class Command(BaseCommand):
    help = "Replace the database's content with the backup in PATH (all or nothing)."

    def add_arguments(self, parser):
        parser.add_argument("path", help="a file written by pmo backup")
        parser.add_argument("--yes", action="store_true", help="do not ask for confirmation")

    def handle(self, *args, path: str, yes: bool, **options):
        if not yes:
            answer = input(f"Everything in the database will be replaced by {path}. Type 'yes' to go on: ")
            if answer.strip().lower() != "yes":
                raise CommandError("Nothing restored.")
        try:
            restore(path)
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(f"Restored from {path}.")
