"""`pmo demo`: set up the database, load the demo organisation and serve it."""

from __future__ import annotations

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from pmo.core.management.commands.serve import serve
from pmo.demo import data
from pmo.demo.loader import COUNT_KEYS, load_demo


class Command(BaseCommand):
    help = (
        "Migrate the database, load the demo organisation (Gemeente Rivierstad; a second load adds nothing) "
        "and serve it on http://127.0.0.1:PORT/."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("--port", type=int, default=8000, help="Port to serve on (default 8000).")
        parser.add_argument(
            "--no-serve", action="store_true", help="Only migrate and load the demo; do not start the server."
        )

    def handle(self, *args, port: int, no_serve: bool, **options) -> None:
        if not 0 < port < 65536:
            raise CommandError(f"--port must be between 1 and 65535, not {port}.")
        self.stdout.write("Preparing the database…")
        call_command("migrate", interactive=False, verbosity=0)

        counts = load_demo()
        if any(counts.values()):
            loaded = ", ".join(f"{key.replace('_', ' ')} {counts[key]}" for key in COUNT_KEYS if counts[key])
            self.stdout.write(self.style.SUCCESS(f"Loaded the demo organisation: {loaded}."))
        else:
            self.stdout.write(self.style.SUCCESS("The demo organisation is already loaded."))

        url = f"http://127.0.0.1:{port}/"
        self.stdout.write("")
        self.stdout.write(f"Open {self.style.HTTP_INFO(url)} and sign in as one of these demo logins:")
        self.stdout.write("")
        width = max(len("username"), *(len(spec["username"]) for spec in data.DEMO_USERS))
        self.stdout.write(self.style.MIGRATE_HEADING(f"  {'username':<{width}}  password  role"))
        for spec in data.DEMO_USERS:
            self.stdout.write(f"  {spec['username']:<{width}}  {data.DEMO_PASSWORD:<8}  {spec['role']}")
        self.stdout.write("")

        if no_serve:
            return
        serve("127.0.0.1", port)  # with a background worker for long jobs (risk analyses)
