"""Reading an object's history (django-simple-history) as rows a person can read."""

from __future__ import annotations

from collections.abc import Callable, Iterable
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
    subject: str = ""  # for changes of related objects (a team member, a linked objective): what it was about


@dataclass(frozen=True)
class RelatedHistory:
    """Changes of related objects shown in an object's history, e.g. team members on the project's History tab."""

    records: Callable[[models.Model], models.QuerySet]  # the historical records that belong to the object
    describe: Callable[[models.Model], str]  # one line naming the related object of a historical record


def _display(model: type[models.Model], name: str, value: object, related: dict) -> str:
    if value in (None, ""):
        return "—"
    model_field = model._meta.get_field(name)
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(model_field, models.ForeignKey):
        target = related.get((model_field.related_model, value))
        return str(target) if target is not None else f"#{value}"
    return str(value)


def history_rows(
    instance: models.Model, limit: int = 200, related: Iterable[RelatedHistory] = ()
) -> list[HistoryRow]:
    """The newest `limit` changes of `instance` (each with the fields that changed, old and new value), merged with
    the additions and removals of the related objects named in `related`."""
    records = list(
        instance.history.select_related("history_user").order_by("-history_date", "-history_id")[: limit + 1]
    )
    rows = _own_rows(type(instance), records, limit)
    actions = {"+": _("Added"), "~": _("Changed"), "-": _("Removed")}
    for source in related:
        for record in (
            source.records(instance).select_related("history_user").order_by("-history_date")[:limit]
        ):
            rows.append(
                HistoryRow(
                    when=record.history_date,
                    who=_who(record),
                    action=actions.get(record.history_type, record.history_type),
                    reason=record.history_change_reason or "",
                    subject=source.describe(record),
                )
            )
    rows.sort(key=lambda row: row.when, reverse=True)
    return rows[:limit]


def _who(record) -> str:
    return str(record.history_user) if record.history_user else _("system")


def _own_rows(model: type[models.Model], records: list, limit: int) -> list[HistoryRow]:
    actions = {"+": _("Created"), "~": _("Changed"), "-": _("Deleted")}
    deltas = []
    for index, record in enumerate(records[:limit]):
        previous = records[index + 1] if index + 1 < len(records) else None
        changed = previous is not None and record.history_type == "~"
        deltas.append(record.diff_against(previous, excluded_fields=HIDDEN_FIELDS).changes if changed else [])
    # the objects that changed foreign keys pointed to: one query per related model, not one per change
    wanted: dict[type[models.Model], set] = {}
    for changes in deltas:
        for change in changes:
            field = model._meta.get_field(change.field)
            if isinstance(field, models.ForeignKey):
                wanted.setdefault(field.related_model, set()).update(v for v in (change.old, change.new) if v)
    related = {
        (target, pk): obj
        for target, ids in wanted.items()
        for pk, obj in target._default_manager.in_bulk(ids).items()
    }
    rows = []
    for record, changes in zip(records[:limit], deltas, strict=True):
        rows.append(
            HistoryRow(
                when=record.history_date,
                who=_who(record),
                action=actions.get(record.history_type, record.history_type),
                reason=record.history_change_reason or "",
                changes=[
                    Change(
                        field=str(model._meta.get_field(c.field).verbose_name),
                        old=_display(model, c.field, c.old, related),
                        new=_display(model, c.field, c.new, related),
                    )
                    for c in changes
                ],
            )
        )
    return rows
