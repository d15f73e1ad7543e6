"""System checks for rules every model must keep (run by `pmo check`, the test runner and the development server)."""

from __future__ import annotations

from collections.abc import Iterable

from django.apps import apps
from django.core import checks
from django.db import models

from .models import AuditedModel


def shadowed_versions(candidates: Iterable[type[models.Model]]) -> list[checks.Error]:
    """An audited model whose own field is called `version` loses the optimistic-lock counter of AuditedModel
    (a stale edit would no longer be refused, and saving would try to add 1 to whatever the field holds)."""
    errors = []
    for model in candidates:
        if not issubclass(model, AuditedModel):
            continue
        field = model._meta.get_field("version")
        if not isinstance(field, models.PositiveIntegerField) or field.default != 1:
            errors.append(
                checks.Error(
                    f"{model.__name__}.version replaces the edit counter of AuditedModel.",
                    hint="Give the field another name (e.g. method_version).",
                    obj=model,
                    id="pmo.E001",
                )
            )
    return errors


@checks.register(checks.Tags.models)
def audited_models_keep_their_version(app_configs=None, **kwargs) -> list[checks.Error]:
    configs = app_configs or apps.get_app_configs()
    return shadowed_versions(model for config in configs for model in config.get_models())
