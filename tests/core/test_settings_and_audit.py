"""Configuration from the environment, and the audit trail on every domain model."""

from __future__ import annotations

import subprocess
import sys

from django.apps import apps
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils.functional import Promise

from pmo.core.models import AuditedModel, WorkerBeat

SNIPPET = "from pmo import settings as s; print(s.SECRET_KEY); print(s.DATABASES['default']['NAME']); print(s.DEBUG)"


def _settings_in(env: dict) -> list[str]:
    result = subprocess.run(
        [sys.executable, "-c", SNIPPET], env=env, capture_output=True, text=True, check=True, timeout=60
    )
    return result.stdout.split()


def test_secret_key_and_database_are_made_once_in_the_data_folder(tmp_path):
    data = tmp_path / "new" / "data"
    env = {"PATH": "/usr/bin:/bin", "PMO_DATA_DIR": str(data)}
    key, database, debug = _settings_in(env)
    assert (data / "secret_key").read_text() == key and len(key) > 40
    assert database == str(data / "pmo.sqlite3") and debug == "False"
    assert (data / "secret_key").stat().st_mode & 0o077 == 0
    assert _settings_in(env)[0] == key  # kept, not regenerated


def test_environment_overrides(tmp_path):
    env = {
        "PATH": "/usr/bin:/bin",
        "PMO_DATA_DIR": str(tmp_path),
        "PMO_SECRET_KEY": "from-env",
        "PMO_DEBUG": "true",
        "DATABASE_URL": "postgres://u@db.example:5432/pmo",
    }
    assert _settings_in(env) == ["from-env", "pmo", "True"]
    assert not (tmp_path / "secret_key").exists()


DOMAIN_APPS = ("core", "projects", "strategy", "schedule")
#: rows about the running system, not records of the organisation: a worker's heartbeat (every 10 s) has no history
OPERATIONAL = {WorkerBeat}


def test_every_domain_model_keeps_its_history():
    models = [
        m
        for m in apps.get_models()
        if m._meta.app_label in DOMAIN_APPS
        and not m.__name__.startswith("Historical")
        and m not in OPERATIONAL
    ]
    assert len(models) >= 8
    missing = [m.__name__ for m in models if not hasattr(m, "history")]
    assert not missing, f"models without an audit trail: {missing}"
    plain = [m.__name__ for m in models if not issubclass(m, AuditedModel) and m.__name__ != "User"]
    assert not plain, f"domain models must derive from AuditedModel: {plain}"


def test_every_domain_model_has_a_docstring_and_translated_field_names():
    for model in apps.get_models():
        if model._meta.app_label not in DOMAIN_APPS or model.__name__.startswith("Historical"):
            continue
        assert model.__doc__ and not model.__doc__.startswith(model.__name__ + "("), model
        for field in model._meta.get_fields():
            if field.concrete and not field.auto_created and field.model is model:
                assert isinstance(field.verbose_name, Promise), (
                    f"{model.__name__}.{field.name} needs verbose_name=_()"
                )


def test_role_changes_are_in_the_users_history(db):
    from django.contrib.auth.models import Group

    from pmo.core.models import User

    user = User.objects.create_user("someone")
    user.groups.add(Group.objects.get_or_create(name="executive")[0])
    latest = user.history.latest()
    assert [g.group.name for g in latest.groups.all()] == ["executive"]


def test_a_stored_file_is_not_copied_into_the_history_at_every_change(org):
    from pmo.projects.documents import add_document, update_document

    document = add_document(
        org.project, acting_user=org.pm, title="Plan", file=SimpleUploadedFile("plan.txt", b"Het plan.")
    )
    update_document(document, acting_user=org.pm, expected_version=document.version, status="approved")
    history = document.history.order_by("history_date")
    assert [h.status for h in history] == ["draft", "approved"]
    assert [(h.filename, h.size) for h in history] == [("plan.txt", 9), ("plan.txt", 9)]
    assert not hasattr(history.first(), "content")
