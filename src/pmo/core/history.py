"""Reading an object's history (django-simple-history) as rows a person can read."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from django.db import models
from django.utils.translation import gettext as _

HIDDEN_FIELDS = frozenset({"version", "updated_at", "created_at", "id"})


@dataclass
class Change:
    field: str
    old: str
    new: str


@dataclass
class HistoryRow:
    when: datetime
    who: str
    action: str
    reason: str
    changes: list[Change] = field(default_factory=list)


def _display(record: models.Model, name: str, value: object, model: type[models.Model]) -> str:
    if value in (None, ""):
        return "—"
    model_field = model._meta.get_field(name)
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(model_field, models.ForeignKey):
        try:
            return str(getattr(record, name))
        except model_field.related_model.DoesNotExist:
            return f"#{value}"
    return str(value)


def history_rows(instance: models.Model, limit: int = 200) -> list[HistoryRow]:
    """The newest `limit` changes of `instance`, each with the fields that changed, old and new value."""
    model = type(instance)
    records = list(
        instance.history.select_related("history_user").order_by("-history_date", "-history_id")[: limit + 1]
    )
    actions = {"+": _("Created"), "~": _("Changed"), "-": _("Deleted")}
    rows = []
    for index, record in enumerate(records[:limit]):
        previous = records[index + 1] if index + 1 < len(records) else None
        changes = []
        if previous is not None and record.history_type == "~":
            delta = record.diff_against(previous, excluded_fields=HIDDEN_FIELDS)
            for change in delta.changes:
                changes.append(
                    Change(
                        field=str(model._meta.get_field(change.field).verbose_name),
                        old=_display(previous, change.field, change.old, model),
                        new=_display(record, change.field, change.new, model),
                    )
                )
        rows.append(
            HistoryRow(
                when=record.history_date,
                who=str(record.history_user) if record.history_user else _("system"),
                action=actions.get(record.history_type, record.history_type),
                reason=record.history_change_reason or "",
                changes=changes,
            )
        )
    return rows
