"""Every write to status reports: create (with the facts filled in), edit, submit, approve or send back."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pmo.core.services import audited_save, check_version, require, update_object
from pmo.projects.facts import gather
from pmo.projects.models import Project

from .models import ASPECTS, EDITABLE, ReportStatus, StatusReport, month_end, month_start

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
def refresh_facts(report: StatusReport, *, acting_user) -> StatusReport:
    require(acting_user, "progress.write_report", report)
    report = _locked(report, None)
    _editable(report)
    report.facts = gather(report.project, report.period, report.period_end)
    return audited_save(report, acting_user=acting_user, reason=_("Facts refreshed"))


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
