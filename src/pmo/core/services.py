"""Helpers every service uses: permission checks, validation, optimistic locking and audited saves."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.utils.text import capfirst
from django.utils.translation import gettext as _


class ConflictError(Exception):
    """The object changed since the user loaded it: their edit would silently overwrite someone else's.

    `changes` says what the others changed since the version the user edited: (field name, label, value now)."""

    def __init__(self, instance: models.Model, expected: int):
        self.instance = instance
        self.expected = expected
        self.changes = changes_since(instance, expected)
        latest = instance.history.first() if hasattr(instance, "history") else None
        by = getattr(latest, "history_user", None)
        message = _(
            "%(object)s was changed by %(user)s in the meantime (version %(current)s, you edited version "
            "%(expected)s)."
        ) % {
            "object": instance,
            "user": by or _("someone else"),
            "current": instance.version,
            "expected": expected,
        }
        if self.changes:
            message += " " + _("Changed: %(changes)s.") % {
                "changes": "; ".join(f"{label} → {value}" for _name, label, value in self.changes)
            }
        super().__init__(
            message + " " + _("Your change was not saved: check it against theirs and save again.")
        )


def _display(instance: models.Model, field: models.Field) -> str:
    value = instance._get_FIELD_display(field) if field.choices else getattr(instance, field.name)
    text = "—" if value in (None, "") else str(value)
    return text if len(text) <= 80 else text[:79] + "…"


def changes_since(instance: models.Model, version: int) -> list[tuple[str, str, str]]:
    """The fields of `instance` whose value differs from the one they had at `version` (from its history)."""
    history = getattr(instance, "history", None)
    if history is None:
        return []
    then = history.filter(version=version).order_by("history_date").last()
    if then is None:
        return []
    changes = []
    for field in instance._meta.concrete_fields:
        if field.name in {"id", "version", "created_at", "updated_at"} or not hasattr(then, field.attname):
            continue
        if getattr(then, field.attname) != getattr(instance, field.attname):
            changes.append((field.name, capfirst(str(field.verbose_name)), _display(instance, field)))
    return changes


def require(user, perm: str, obj: Any = None) -> None:
    """Raise PermissionDenied unless `user` holds `perm` (a `rules` permission) on `obj`."""
    if not user.has_perm(perm, obj):
        if obj is None:
            raise PermissionDenied(_("You are not allowed to do this."))
        raise PermissionDenied(_("You are not allowed to make this change to %(object)s.") % {"object": obj})


def check_version(instance: models.Model, expected_version: int | None) -> None:
    """Refuse a stale edit: `expected_version` is the version the user's form or request was based on."""
    if expected_version is not None and int(expected_version) != instance.version:
        raise ConflictError(instance, int(expected_version))


def only_fields(fields: dict[str, Any], allowed: frozenset[str]) -> dict[str, Any]:
    """Refuse fields a service does not change (e.g. the lifecycle state, which has its own service)."""
    unknown = set(fields) - allowed
    if unknown:
        raise ValidationError(_("Unknown field(s): %(fields)s.") % {"fields": ", ".join(sorted(unknown))})
    return fields


def apply_changes(instance: models.Model, changes: dict[str, Any]) -> list[str]:
    """Set the given fields on `instance`; returns the names of the fields whose value changed."""
    changed = []
    for name, value in changes.items():
        field = instance._meta.get_field(name)
        attname = (
            field.attname
            if isinstance(field, models.ForeignKey) and not isinstance(value, models.Model)
            else name
        )
        if getattr(instance, attname) != value:
            setattr(instance, attname, value)
            changed.append(name)
    return changed


def audited_save(instance: models.Model, *, acting_user, reason: str = "", bump: bool = True) -> models.Model:
    """Validate and save `instance`, recording who did it (and why) in its history."""
    instance.full_clean()
    if bump and instance.pk is not None and hasattr(instance, "version"):
        instance.version += 1
    instance._history_user = acting_user
    if reason:
        instance._change_reason = reason
    instance.save()
    return instance


def create_object(
    model: type[models.Model], *, acting_user, perm: str, allowed: frozenset[str], fields: dict
):
    """The common create: permission, only the allowed fields, validation, save with history. Call in a transaction."""
    require(acting_user, perm)
    return audited_save(model(**only_fields(fields, allowed)), acting_user=acting_user)


def update_object(
    instance: models.Model,
    *,
    acting_user,
    perm: str,
    allowed: frozenset[str],
    expected_version: int | None,
    changes: dict,
    reason: str = "",
) -> tuple[models.Model, list[str]]:
    """The common edit: permission, row lock, stale-version check, only the allowed fields, save with history.

    Returns the fresh instance and the names of the fields that changed. Call in a transaction.
    """
    require(acting_user, perm, instance)
    instance = type(instance).objects.select_for_update().get(pk=instance.pk)
    check_version(instance, expected_version)
    changed = apply_changes(instance, only_fields(changes, allowed))
    if changed:
        audited_save(instance, acting_user=acting_user, reason=reason)
    return instance, changed


def audited_delete(instance: models.Model, *, acting_user, reason: str = "") -> None:
    instance._history_user = acting_user
    if reason:
        instance._change_reason = reason
    instance.delete()
