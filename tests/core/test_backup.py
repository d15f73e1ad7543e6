"""`pmo backup` and `pmo restore`: a round trip brings back every record and its history; bad input changes
nothing."""

from __future__ import annotations

import resource
import signal
from contextlib import contextmanager

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command

from pmo.core.backup import BackupError, backup, restore
from pmo.projects import services as project_services
from pmo.projects.models import Project
from pmo.raid import services as raid_services
from pmo.raid.models import Risk

pytestmark = pytest.mark.django_db(transaction=True)


def everything() -> dict[str, int]:
    """How many rows each model has, history models included."""
    return {model._meta.label: model.objects.count() for model in apps.get_models()}


def test_a_round_trip_brings_back_every_record_and_its_history(org, tmp_path):
    risk = raid_services.log_item(Risk, acting_user=org.pm, project=org.project, title="Leverancier te laat",
                                  probability=3, impact=4)  # fmt: skip
    risk = raid_services.update_item(risk, acting_user=org.pm, expected_version=risk.version, probability=4)
    before = everything()
    history = list(risk.history.values_list("history_type", "probability"))
    assert len(history) == 2

    path = tmp_path / "pmo.backup"
    call_command("backup", str(path))
    assert path.stat().st_size > 0

    # after the backup: a risk deleted, a project renamed, a project added
    Risk.objects.filter(pk=risk.pk).delete()
    project_services.update_project(
        org.project, acting_user=org.admin, expected_version=org.project.version, name="Andere naam"
    )
    project_services.create_project(acting_user=org.admin, code="P-99", name="Nieuw", portfolio=org.portfolio)
    assert everything() != before

    call_command("restore", str(path), "--yes")
    assert everything() == before
    restored = Risk.objects.get(pk=risk.pk)
    assert restored.probability == 4 and restored.title == "Leverancier te laat"
    assert list(restored.history.values_list("history_type", "probability")) == history
    assert Project.objects.get(pk=org.project.pk).name == org.project.name
    assert not Project.objects.filter(code="P-99").exists()


def test_what_is_not_a_backup_is_refused_and_changes_nothing(org, tmp_path):
    before = everything()
    fake = tmp_path / "fake.sqlite3"
    fake.write_bytes(b"not a database at all")
    with pytest.raises(BackupError, match="is not a PMO backup"):
        restore(fake)
    with pytest.raises(CommandError, match="There is no backup file"):
        call_command("restore", str(tmp_path / "missing.dump"), "--yes")
    assert everything() == before


def test_a_backup_that_cannot_be_written_leaves_no_file(org, tmp_path):
    blocked = tmp_path / "a-file"
    blocked.write_text("in the way")
    with pytest.raises(BackupError):
        backup(blocked / "pmo.backup")  # its folder is a file
    good = backup(tmp_path / "ok.backup")
    assert {p.name for p in tmp_path.iterdir()} == {"a-file", "ok.backup"}  # no partial file left behind
    assert good.stat().st_size > 0


@contextmanager
def disk_full_after(size: int):
    """Writes past `size` bytes fail (EFBIG), as on a full disk; for this process and what it starts."""
    soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
    previous = signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a failed write, not a killed process
    resource.setrlimit(resource.RLIMIT_FSIZE, (size, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
        signal.signal(signal.SIGXFSZ, previous)


def test_a_disk_that_fills_up_during_the_backup_leaves_no_file(org, tmp_path):
    target = tmp_path / "pmo.backup"
    with disk_full_after(16 * 1024), pytest.raises(BackupError) as refused:
        backup(target)
    assert "could not be written" in str(refused.value) or "failed" in str(refused.value)
    assert list(tmp_path.iterdir()) == []  # neither a truncated backup nor its temporary file
    assert backup(target).stat().st_size > 16 * 1024  # with room again, it works
