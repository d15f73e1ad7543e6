"""Every write to the RAID log: logging, editing and escalating risks, issues and actions."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from pmo.core.services import audited_save, only_fields, require, update_object
from pmo.projects.models import Programme, Project

from .models import (
    Action,
    Assumption,
    ChangeRequest,
    Decision,
    Dependency,
    Issue,
    Level,
    RaidItem,
    Risk,
    ScaleLevel,
)

COMMON = frozenset({"title", "owner"})
FIELDS: dict[type[RaidItem], frozenset[str]] = {
    Risk: COMMON
    | {
        "cause",
        "event",
        "effect",
        "category",
        "probability",
        "impact",
        "proximity",
        "response_strategy",
        "response",
        "residual_probability",
        "residual_impact",
        "cost_impact",
        "status",
        "delay_low",
        "delay_likely",
        "delay_high",
    },
    Issue: COMMON | {"description", "type", "priority", "severity", "due", "status", "resolution", "risk"},
    Action: COMMON | {"description", "due", "status", "risk", "issue"},
    Assumption: COMMON | {"description", "if_wrong", "check_by", "status"},
    Decision: COMMON | {"description", "rationale", "decided_by", "decided_on", "status"},
    Dependency: COMMON | {"description", "depends_on", "external_party", "needed_by", "status"},
    ChangeRequest: COMMON
    | {
        "description",
        "reason",
        "cost_impact",
        "time_impact",
        "scope_impact",
        "status",
        "decision",
        "decided_on",
    },
}


def _set_tasks(item: RaidItem, tasks) -> None:
    """The schedule tasks a risk delays: only tasks of its own project's schedule."""
    if tasks is None:
        return
    tasks = list(tasks)
    if any(t.schedule.project_id != item.project_id for t in tasks):
        raise ValidationError({"tasks": _("Choose tasks from this project's schedule.")})
    item.tasks.set(tasks)


def _validate_links(item: RaidItem) -> None:
    """A risk or issue an item points at must be on the same project (or the same register)."""
    for name in ("risk", "issue"):
        other = getattr(item, name, None)
        if other is None:
            continue
        same = (
            other.project_id == item.project_id
            if item.project_id
            else other.programme_id == item.programme_id
        )
        if not same:
            raise ValidationError({name: _("Choose one from the same project or register.")})


@transaction.atomic
def log_item(
    model: type[RaidItem],
    *,
    acting_user,
    project: Project | None = None,
    programme: Programme | None = None,
    **fields: Any,
) -> RaidItem:
    """Log a risk, issue or action on a project's register, or (with `programme`) on a programme's."""
    if project is not None:
        require(acting_user, "raid.log_item", project)
        item = model(
            project=project, programme=project.programme, portfolio=project.portfolio, level=Level.PROJECT
        )
    elif programme is not None:
        require(acting_user, "raid.log_programme_item", programme)
        item = model(programme=programme, portfolio=programme.portfolio, level=Level.PROGRAMME)
    else:
        raise ValidationError(_("Say on which project or programme the item is logged."))
    tasks = fields.pop("tasks", None)
    for name, value in only_fields(fields, FIELDS[model]).items():
        setattr(item, name, value)
    _validate_links(item)
    item = audited_save(item, acting_user=acting_user)
    _set_tasks(item, tasks)
    return item


@transaction.atomic
def update_item(
    item: RaidItem, *, acting_user, expected_version: int | None = None, **changes: Any
) -> RaidItem:
    tasks = changes.pop("tasks", None)
    item, changed = update_object(
        item,
        acting_user=acting_user,
        perm="raid.change_item",
        allowed=FIELDS[type(item)],
        expected_version=expected_version,
        changes=changes,
    )
    if changed:
        _validate_links(item)
    if tasks is not None and set(tasks) != set(item.tasks.all()):
        _set_tasks(item, tasks)
    return item


@transaction.atomic
def escalate(item: RaidItem, *, acting_user, reason: str) -> RaidItem:
    """Move the item one register up: project → programme (or → portfolio when the project has no programme),
    programme → portfolio. The reason is kept in the item's history."""
    require(acting_user, "raid.escalate_item", item)
    item = type(item).objects.select_for_update().get(pk=item.pk)
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the item is escalated.")})
    if item.level == Level.PROJECT:
        item.level = Level.PROGRAMME if item.programme_id else Level.PORTFOLIO
    elif item.level == Level.PROGRAMME:
        item.level = Level.PORTFOLIO
    else:
        raise ValidationError(_("This item is already on the portfolio register."))
    return audited_save(item, acting_user=acting_user, reason=_("Escalated: %(reason)s") % {"reason": reason})


@transaction.atomic
def update_scale(
    level: ScaleLevel, *, acting_user, expected_version: int | None = None, **changes: Any
) -> ScaleLevel:
    """Relabel a step of the probability or impact scale (its number stays: scores do not change)."""
    level, _changed = update_object(
        level,
        acting_user=acting_user,
        perm="raid.change_scale",
        allowed=frozenset({"label_en", "label_nl", "meaning", "probability"}),
        expected_version=expected_version,
        changes=changes,
    )
    return level
