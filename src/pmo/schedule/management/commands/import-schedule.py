"""`pmo import-schedule FILE [--project CODE] [--dry-run] [--json]`: import a Microsoft Project XML (MSPDI) file."""

import json
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from pmo.interop.mspdi import counts
from pmo.projects.models import Project
from pmo.schedule.exchange import import_schedule, plan_from, read


class Command(BaseCommand):
    help = "Import an MS Project XML (MSPDI) file as a project's schedule; --dry-run only reads and counts."

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path)
        parser.add_argument("--project", help="code of the project that gets the schedule")
        parser.add_argument("--dry-run", action="store_true", help="read and count, write nothing")
        parser.add_argument("--json", action="store_true", help="print the result as JSON")
        parser.add_argument(
            "--as", dest="username", help="user the import is recorded for (default: an administrator)"
        )

    def handle(
        self, *args, file: Path, project: str | None, dry_run: bool, json: bool, username: str | None, **opts
    ):
        if not file.is_file():
            raise CommandError(f"There is no file {file}.")
        try:
            if dry_run:
                parsed = read(file)
                result_counts, notes, tasks = counts(parsed), plan_from(parsed)[2], None
            else:
                target = self._project(project)
                result = import_schedule(target, file, acting_user=self._user(username))
                result_counts, notes, tasks = result.counts, result.report, result.tasks
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        if json:
            self.stdout.write(_json(result_counts))
            return
        verb = "Read" if dry_run else "Imported"
        self.stdout.write(f"{verb} {file.name}: " + ", ".join(f"{k} {v}" for k, v in result_counts.items()))
        if tasks is not None:
            self.stdout.write(self.style.SUCCESS(f"{tasks} tasks are now in the schedule of {project}."))
        for level, message in notes:
            self.stdout.write(f"  [{level}] {message}")

    def _project(self, code: str | None) -> Project:
        if code is None:
            raise CommandError("Name the project with --project CODE (or use --dry-run).")
        project = Project.objects.filter(code=code).first()
        if project is None:
            raise CommandError(f"There is no project with code {code!r}.")
        return project

    def _user(self, username: str | None):
        users = get_user_model().objects
        user = (
            users.filter(username=username).first() if username else users.filter(is_superuser=True).first()
        )
        if user is None:
            raise CommandError(
                f"There is no user {username!r}." if username else "Create an administrator first."
            )
        return user


def _json(counts: dict) -> str:
    keys = ("tasks", "resources", "assignments", "calendars", "links")
    return json.dumps({key: counts[key] for key in keys})
