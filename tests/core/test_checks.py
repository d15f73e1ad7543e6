"""The system check that keeps AuditedModel's edit counter from being shadowed by a field called `version`."""

from __future__ import annotations

from django.core.management import call_command
from django.db import models

from pmo.core.checks import shadowed_versions
from pmo.core.models import AuditedModel
from pmo.projects.models import Project


def test_every_audited_model_keeps_its_edit_counter():
    call_command("check")  # raises SystemCheckError if any model breaks the rule


def test_a_field_called_version_is_reported():
    class Shadowing(AuditedModel):
        version = models.CharField(max_length=10)

        class Meta:
            abstract = True
            app_label = "core"

    (error,) = shadowed_versions([Shadowing, Project])
    assert error.id == "pmo.E001" and "Shadowing.version replaces the edit counter" in error.msg
