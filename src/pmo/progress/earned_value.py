"""Earned value of a project from its rows: BAC from the budget, PV from the first baseline spread over time (or the
monthly budget lines), EV from the % complete of the schedule, AC from the actual costs. The arithmetic is in
`pmo.engine.evm`."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from pmo.engine.evm import EarnedSchedule, Metrics, earned_schedule, metrics
from pmo.projects.facts import one

from .models import ReportStatus, month_end


@dataclass
class ProjectEvm:
    bac: float
    as_of: dt.date
    pv: float | None = None
    ev: float | None = None
    ac: float = 0.0
    metrics: Metrics | None = None
    schedule: EarnedSchedule | None = None
    pv_curve: list[tuple[dt.date, float]] = field(default_factory=list)
    ac_curve: list[tuple[dt.date, float]] = field(default_factory=list)
    ev_points: list[tuple[dt.date, float]] = field(default_factory=list)
    trend: list[dict[str, Any]] = field(default_factory=list)  # per status report: month, CPI, SPI
    source: str = ""  # where PV comes from: "baseline", "budget" or ""

    def as_facts(self) -> dict[str, Any]:
        m, s = self.metrics, self.schedule
        figures = {
            "bac": self.bac,
            "pv": self.pv,
            "ev": self.ev,
            "ac": self.ac,
            **(
                {k: getattr(m, k) for k in ("cv", "sv", "cpi", "spi", "eac", "etc", "vac", "tcpi")}
                if m
                else {}
            ),
            **({k: getattr(s, k) for k in ("es", "sv_t", "spi_t", "ieac_t")} if s else {}),
        }
        return {k: (round(v, 4) if isinstance(v, float) else v) for k, v in figures.items()}


def _value_at(curve: list[tuple[dt.date, float]], day: dt.date) -> float:
    """The cumulative value at `day`, straight between month ends (0 before the first month, flat after)."""
    if not curve or day < curve[0][0].replace(day=1):
        return 0.0
    previous_date, previous = curve[0][0].replace(day=1) - dt.timedelta(days=1), 0.0
    for date, value in curve:
        if day <= date:
            span = (date - previous_date).days or 1
            return previous + (value - previous) * (day - previous_date).days / span
        previous_date, previous = date, value
    return curve[-1][1]


def _months_between(first_end: dt.date, day: dt.date) -> float:
    """Periods (months) from the start of the curve's first month to `day`, with the current month as a fraction."""
    start = first_end.replace(day=1)
    whole = (day.year - start.year) * 12 + day.month - start.month
    return whole + day.day / month_end(day).day


def project_evm(project, as_of: dt.date | None = None, work_done: float | None = None) -> ProjectEvm:
    """The figures at `as_of`; `work_done` (0–1) replaces the schedule's current share of work done, to compute
    the figures as they were at an earlier date."""
    as_of = as_of or dt.date.today()
    entries = list(project.cost_entries.order_by("month"))
    budgeted = sum((e.budget or Decimal(0) for e in entries), Decimal(0))
    bac = float(project.budget or budgeted or 0)
    result = ProjectEvm(bac=bac, as_of=as_of)
    work = one("work", project, as_of, as_of)
    if work_done is not None:
        work = {**work, "work_done": work_done}
    if work.get("planned") and bac:
        result.pv_curve = [(dt.date.fromisoformat(d), bac * share) for d, share in work["planned"]]
        result.source = "baseline"
    elif budgeted:
        running = 0.0
        for e in entries:
            running += float(e.budget or 0)
            result.pv_curve.append((month_end(e.month), running))
        result.source = "budget"
    running = 0.0
    for e in entries:
        if e.month <= as_of and e.actual is not None:
            running += float(e.actual)
            result.ac_curve.append((min(month_end(e.month), as_of), running))
    result.ac = running
    if result.pv_curve:
        result.pv = _value_at(result.pv_curve, as_of)
    if "work_done" in work and bac:
        result.ev = bac * work["work_done"]
    for report in project.status_reports.filter(
        status__in=[ReportStatus.SUBMITTED, ReportStatus.APPROVED]
    ).order_by("period"):
        done = (report.facts.get("work") or {}).get("work_done")
        if done is None or not bac:
            continue
        end = min(report.period_end, as_of)
        ev = bac * done
        result.ev_points.append((end, ev))
        pv, ac = _value_at(result.pv_curve, end), _value_at(result.ac_curve, end)
        result.trend.append(
            {"month": report.period, "cpi": ev / ac if ac else None, "spi": ev / pv if pv else None}
        )
    if result.ev is not None and result.pv is not None and bac:
        result.metrics = metrics(bac=bac, pv=result.pv, ev=result.ev, ac=result.ac)
        cumulative = [v for _d, v in result.pv_curve]
        if cumulative and cumulative[-1] > 0:
            result.schedule = earned_schedule(
                pv_cumulative=cumulative,
                ev=min(result.ev, cumulative[-1]),
                actual_time=max(_months_between(result.pv_curve[0][0], as_of), 0.0),
                planned_duration=len(cumulative),
            )
    if result.ev is not None:
        result.ev_points.append((as_of, result.ev))
    return result


def evm_facts(project, start: dt.date, end: dt.date) -> dict[str, Any]:
    """For a status report: the earned value figures at the end of its month (or today, if that is earlier)."""
    return project_evm(project, min(end, dt.date.today())).as_facts()
