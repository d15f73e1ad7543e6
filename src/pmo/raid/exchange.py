"""RAID registers to and from Excel: every column of a risk, issue or action, by field name. An exported register
imports back unchanged; rows with a reference (R-12) update that item, rows without one are logged as new. The whole
file or nothing: the first bad cell is refused naming its row and column."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from pmo.core.services import ConflictError
from pmo.core.tables import describe
from pmo.interop.tables import TableError, as_date, as_decimal, read_table, write_xlsx
from pmo.projects.models import Project

from . import services
from .models import Action, Assumption, ChangeRequest, Decision, Dependency, Issue, RaidItem, Risk

COLUMNS: dict[type[RaidItem], list[str]] = {
    Risk: [
        "title", "cause", "event", "effect", "category", "owner", "probability", "impact", "proximity",
        "cost_impact", "response_strategy", "response", "residual_probability", "residual_impact", "status",
    ],
    Issue: ["title", "description", "type", "priority", "severity", "owner", "due", "risk", "status", "resolution"],
    Action: ["title", "description", "owner", "due", "status", "risk", "issue"],
    Assumption: ["title", "description", "if_wrong", "owner", "check_by", "status"],
    Decision: ["title", "description", "rationale", "decided_by", "decided_on", "owner", "status"],
    Dependency: ["title", "description", "depends_on", "external_party", "needed_by", "owner", "status"],
    ChangeRequest: [
        "title", "description", "reason", "owner", "cost_impact", "time_impact", "scope_impact", "status",
        "decision", "decided_on",
    ],
}  # fmt: skip
READ_ONLY = [
    "reference",
    "project",
    "register",
    "score",
]  # "version" is last: a stale row is refused on import


def _cell(item: RaidItem, name: str) -> Any:
    if name == "reference":
        return item.reference
    if name == "project":
        return item.project.code if item.project_id else ""
    if name == "register":
        return item.level
    if name == "version":
        return item.version
    value = getattr(item, name)
    if isinstance(value, RaidItem):
        return value.reference
    if isinstance(value, Project):
        return value.code
    if isinstance(value, models.Model):  # a person
        return value.get_username()
    return value


def export_register(model: type[RaidItem], items) -> bytes:
    columns = [*READ_ONLY[:3], *(["score"] if model is Risk else []), *COLUMNS[model], "version"]
    rows = ([_cell(item, c) for c in columns] for item in items.select_related("owner", "project"))
    return write_xlsx([(str(model._meta.verbose_name_plural), columns, rows)])


@dataclass(frozen=True)
class RegisterImport:
    created: int
    updated: int
    unchanged: int


def _parse(model: type[RaidItem], project: Project, row: dict[str, Any], name: str) -> Any:
    field = model._meta.get_field(name)
    value = row.get(name)
    if isinstance(value, str):
        value = value.strip()
    if value in (None, ""):
        return "" if isinstance(field, models.CharField | models.TextField) and not field.null else None
    if field.choices:
        text = str(value).strip().lower()
        for code, label in field.choices:
            if text in (str(code).lower(), str(label).lower()):
                return code
        raise TableError("not_choice", row=row["_row"], column=name, value=value)
    if isinstance(field, models.ForeignKey):
        target = field.related_model
        if target is Project:
            found = Project.objects.filter(code=str(value)).first()
        elif issubclass(target, RaidItem):
            number = str(value).upper().removeprefix(f"{target.PREFIX}-")
            found = (
                target.objects.filter(project=project, pk=int(number)).first() if number.isdigit() else None
            )
        else:
            found = get_user_model().objects.filter(username=str(value), is_active=True).first()
        if found is None:
            raise TableError("unknown", row=row["_row"], column=name, value=value)
        return found
    if isinstance(field, models.DecimalField):
        return as_decimal(row, name, value)
    if isinstance(field, models.IntegerField):
        number = as_decimal(row, name, value)
        if number != int(number):
            raise TableError("not_number", row=row["_row"], column=name, value=value)
        return int(number)
    if isinstance(field, models.DateField):
        return as_date(row, name, value)
    return str(value)


def _problems(error: Exception) -> str:
    """What is wrong with a row, naming the column of each problem ("probability: Ensure this value is …")."""
    if not isinstance(error, ValidationError):
        return str(error)
    if not hasattr(error, "error_dict"):
        return "; ".join(error.messages)
    return "; ".join(
        message if field == "__all__" else f"{field}: {message}"
        for field, messages in error.message_dict.items()
        for message in messages
    )


@transaction.atomic
def import_register(
    project: Project, model: type[RaidItem], data: bytes, filename: str, *, acting_user
) -> RegisterImport:
    created = updated = unchanged = 0
    try:
        table = read_table(data, filename)
        if "title" not in {h.strip().lower() for h in table.headers}:
            raise ValidationError({"file": _("row 1: a 'title' column is needed")})
        for row in table.rows:
            present = [c for c in COLUMNS[model] if c in row]
            values = {c: _parse(model, project, row, c) for c in present}
            reference = str(row.get("reference") or "").strip().upper()
            try:
                if reference:
                    number = reference.removeprefix(f"{model.PREFIX}-")
                    item = (
                        model.objects.filter(project=project, pk=int(number)).first()
                        if number.isdigit()
                        else None
                    )
                    if item is None:
                        raise TableError("unknown", row=row["_row"], column="reference", value=reference)
                    before = item.version
                    version = as_decimal(row, "version", row.get("version"), required=False)
                    item = services.update_item(
                        item,
                        acting_user=acting_user,
                        expected_version=int(version) if version is not None else None,
                        **values,
                    )
                    updated, unchanged = (
                        updated + (item.version != before),
                        unchanged + (item.version == before),
                    )
                else:
                    services.log_item(model, acting_user=acting_user, project=project, **values)
                    created += 1
            except (ValidationError, ConflictError, PermissionDenied) as error:
                problems = _problems(error)
                raise ValidationError(
                    {"file": _("row %(row)s: %(problem)s") % {"row": row["_row"], "problem": problems}}
                ) from None
    except TableError as error:
        raise ValidationError({"file": describe(error)}) from None
    return RegisterImport(created, updated, unchanged)
