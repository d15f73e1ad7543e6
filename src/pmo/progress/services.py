"""Every write to status reports: create (with the facts filled in), edit, submit, approve or send back."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pmo.core.services import audited_delete, audited_save, check_version, require, update_object
from pmo.core.tables import describe
from pmo.interop.tables import TableError, as_decimal, as_month, column, read_table
from pmo.projects.facts import gather
from pmo.projects.models import Project

from .models import ASPECTS, EDITABLE, CostEntry, ReportStatus, StatusReport, month_end, month_start

TEXT_FIELDS = {"accomplishments", "next_period", "escalations", "help_needed"}
FIELDS = frozenset(
    {"overall", "overall_note", *TEXT_FIELDS}
    | {key for key, _label in ASPECTS}
    | {f"{key}_note" for key, _label in ASPECTS}
)


def default_period(project: Project, today: dt.date | None = None) -> dt.date:
    """Last month, unless it has been reported already; then this month."""
    today = today or timezone.localdate()
    last = month_start(month_start(today) - dt.timedelta(days=1))
    return month_start(today) if project.status_reports.filter(period=last).exists() else last


@transaction.atomic
def create_report(project: Project, *, acting_user, period: dt.date, **fields: Any) -> StatusReport:
    """A draft report for the month of `period`, carrying the RAGs of the previous report as a start."""
    require(acting_user, "progress.add_report", project)
    period = month_start(period)
    if period > month_start(timezone.localdate()):
        raise ValidationError({"period": _("A status report cannot be about a month that has not started.")})
    previous = project.status_reports.filter(period__lt=period).order_by("-period").first()
    report = StatusReport(project=project, period=period)
    if previous is not None:
        for key in ("overall", *(k for k, _label in ASPECTS)):
            setattr(report, key, getattr(previous, key))
            setattr(report, f"{key}_note", getattr(previous, f"{key}_note"))
        report.next_period = ""
    for name, value in fields.items():
        if name in FIELDS:
            setattr(report, name, value)
    report.facts = gather(project, period, month_end(period))
    return audited_save(report, acting_user=acting_user)


def _editable(report: StatusReport) -> None:
    if report.status not in EDITABLE:
        raise ValidationError(_("A submitted or approved report can no longer be changed."))


@transaction.atomic
def update_report(report: StatusReport, *, acting_user, expected_version: int | None = None, **changes: Any):
    _editable(report)
    report, _changed = update_object(
        report,
        acting_user=acting_user,
        perm="progress.write_report",
        allowed=FIELDS,
        expected_version=expected_version,
        changes=changes,
    )
    return report


def _locked(report: StatusReport, expected_version: int | None) -> StatusReport:
    report = StatusReport.objects.select_for_update().select_related("project").get(pk=report.pk)
    check_version(report, expected_version)
    return report


@transaction.atomic
def submit(report: StatusReport, *, acting_user, expected_version: int | None = None) -> StatusReport:
    require(acting_user, "progress.write_report", report)
    report = _locked(report, expected_version)
    _editable(report)
    report.facts = gather(report.project, report.period, report.period_end)
    report.status = ReportStatus.SUBMITTED
    report.submitted_by, report.submitted_at = acting_user, timezone.now()
    return audited_save(report, acting_user=acting_user, reason=_("Submitted for review"))


def _review(report: StatusReport, acting_user, expected_version, status: str, comment: str, reason: str):
    require(acting_user, "progress.review_report", report)
    report = _locked(report, expected_version)
    if report.status != ReportStatus.SUBMITTED:
        raise ValidationError(_("Only a submitted report can be reviewed."))
    if report.submitted_by_id == acting_user.pk:
        raise PermissionDenied(_("Someone else must review a report you submitted yourself."))
    report.status, report.review_comment = status, comment
    report.reviewed_by, report.reviewed_at = acting_user, timezone.now()
    return audited_save(report, acting_user=acting_user, reason=reason)


@transaction.atomic
def approve(report: StatusReport, *, acting_user, expected_version: int | None = None, comment: str = ""):
    return _review(report, acting_user, expected_version, ReportStatus.APPROVED, comment, _("Approved"))


@transaction.atomic
def send_back(report: StatusReport, *, acting_user, comment: str, expected_version: int | None = None):
    if not comment.strip():
        raise ValidationError({"comment": _("Say what must change before the report can be approved.")})
    return _review(report, acting_user, expected_version, ReportStatus.RETURNED, comment, _("Sent back"))


def late_reports(projects, today: dt.date | None = None, due_day: int = 10) -> list[tuple[Project, dt.date]]:
    """Active projects whose report on last month is not submitted, once the `due_day` of this month has passed."""
    today = today or timezone.localdate()
    if today.day <= due_day:
        return []
    last = month_start(month_start(today) - dt.timedelta(days=1))
    done = set(
        StatusReport.objects.filter(
            period=last, status__in=[ReportStatus.SUBMITTED, ReportStatus.APPROVED]
        ).values_list("project_id", flat=True)
    )
    return [(project, last) for project in projects if project.pk not in done]


@transaction.atomic
def set_cost(
    project: Project,
    *,
    acting_user,
    month: dt.date,
    budget: Decimal | None = None,
    actual: Decimal | None = None,
) -> CostEntry | None:
    """Set a month's budgeted and actual cost (both empty: the month is removed)."""
    require(acting_user, "progress.manage_costs", project)
    month = month_start(month)
    entry = CostEntry.objects.select_for_update().filter(project=project, month=month).first()
    if budget is None and actual is None:
        if entry is not None:
            audited_delete(entry, acting_user=acting_user)
        return None
    if actual is not None and month > month_start(timezone.localdate()):
        raise ValidationError({"actual": _("Actual cost can only be entered for months that have started.")})
    entry = entry or CostEntry(project=project, month=month)
    entry.budget, entry.actual = budget, actual
    return audited_save(entry, acting_user=acting_user)


@dataclass(frozen=True)
class CostImport:
    months: int
    actual_total: Decimal


def _refuse(message: str) -> ValidationError:
    return ValidationError({"file": message})


def _cost_rows(table) -> list[tuple[int, dt.date, Decimal | None, Decimal | None]]:
    """(row number, month, budget, actual) per row; the first problem is refused naming its row and column."""
    names = {h.strip().lower() for h in table.headers}
    if not ({"month", "maand"} & names and {"actual", "werkelijk"} & names):
        raise _refuse(
            _("row 1: the columns 'month' and 'actual' are needed (found: %(found)s)")
            % {"found": ", ".join(h for h in table.headers if h) or "—"}
        )
    if not table.rows:
        raise _refuse(_("the file has no rows below the column names"))
    seen: dict[dt.date, int] = {}
    rows = []
    for row in table.rows:
        month = as_month(row, "month", column(row, "month", "maand"))
        if month in seen:
            raise _refuse(
                _("row %(row)s, column 'month': %(month)s is also on row %(other)s")
                % {"row": row["_row"], "month": month.strftime("%Y-%m"), "other": seen[month]}
            )
        seen[month] = row["_row"]
        actual = as_decimal(row, "actual", column(row, "actual", "werkelijk"), required=False)
        budget = as_decimal(row, "budget", column(row, "budget", "begroot"), required=False)
        for name, value in (("actual", actual), ("budget", budget)):
            if value is not None and value < 0:
                raise _refuse(
                    _("row %(row)s, column '%(column)s': a cost cannot be negative")
                    % {"row": row["_row"], "column": name}
                )
        rows.append((row["_row"], month, budget, actual))
    return rows


@transaction.atomic
def import_costs(project: Project, data: bytes, filename: str, *, acting_user) -> CostImport:
    """Actuals (and optionally budgets) per month from a CSV or Excel file with the columns `month`, `actual` and
    optionally `budget`. The whole file or nothing: the first bad row is named with its column."""
    require(acting_user, "progress.manage_costs", project)
    try:
        rows = _cost_rows(read_table(data, filename))
    except TableError as error:
        raise ValidationError({"file": describe(error)}) from None
    total = Decimal(0)
    budgets = dict(
        project.cost_entries.values_list("month", "budget")
    )  # a row without budget keeps the one set
    for number, month, budget, actual in rows:
        try:
            set_cost(
                project,
                acting_user=acting_user,
                month=month,
                budget=budget if budget is not None else budgets.get(month),
                actual=actual,
            )
        except ValidationError as error:
            messages = "; ".join(error.messages)
            raise ValidationError(
                {"file": _("row %(row)s: %(problem)s") % {"row": number, "problem": messages}}
            ) from None
        total += actual or 0
    return CostImport(months=len(rows), actual_total=total)
