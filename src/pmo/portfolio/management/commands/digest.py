"""`pmo digest [--dry-run]`: e-mail everyone their overdue actions and late status reports (run it daily)."""

from django.core.management.base import BaseCommand

from pmo.portfolio.digest import gather, send


class Command(BaseCommand):
    help = "E-mail each person their overdue actions and the status reports they are late with."

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="Say who would get an e-mail; send nothing."
        )

    def handle(self, *args, dry_run=False, **options):
        digests = gather()
        for d in digests:
            self.stdout.write(
                f"{d.user.email}: {len(d.actions)} overdue actions, {len(d.reports)} late reports"
            )
        if dry_run:
            self.stdout.write(f"{len(digests)} e-mails would be sent (dry run).")
            return
        sent = send(digests)
        self.stdout.write(self.style.SUCCESS(f"{sent} e-mails sent."))
