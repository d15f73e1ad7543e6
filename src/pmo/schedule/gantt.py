"""Gantt chart geometry: where each bar, baseline bar, milestone and link goes, for an SVG drawn by a template.

Server-rendered so the same chart appears on screen, in print and in PDF reports, with the critical path and the
baseline drawn from the stored schedule; zoom changes the scale.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

ZOOMS = {"week": 16.0, "month": 5.0, "quarter": 1.8}  # pixels per calendar day
ROW = 26
HEADER = 38
LABEL = 280


@dataclass
class Bar:
    task_id: int
    label: str
    depth: int
    y: float
    label_x: float = 0.0
    x: float | None = None
    width: float = 0.0
    kind: str = "task"  # task, summary, milestone
    critical: bool = False
    baseline_x: float | None = None
    baseline_width: float = 0.0
    progress_width: float = 0.0
    title: str = ""
    wait_x: float | None = None  # levelling: where the task could have started, had the resources been free
    wait_width: float = 0.0
    wait_title: str = ""


@dataclass
class Tick:
    x: float
    label: str
    major: bool


@dataclass
class Chart:
    width: float
    height: float
    label_width: int
    bars: list[Bar] = field(default_factory=list)
    ticks: list[Tick] = field(default_factory=list)
    links: list[str] = field(default_factory=list)  # SVG path data
    critical_links: list[str] = field(default_factory=list)
    today_x: float | None = None
    status_x: float | None = None  # end of the status date: progress is reported up to here
    zoom: str = "month"


def _month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def _next_month(day: dt.date) -> dt.date:
    return (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)


def build_chart(
    tasks,
    links,
    baseline: dict[int, tuple[dt.date, dt.date]],
    zoom: str,
    today: dt.date,
    status_date: dt.date | None = None,
) -> Chart:
    """`tasks` in list order with `depth`; `links` as (predecessor id, successor id, type, critical)."""
    scale = ZOOMS.get(zoom, ZOOMS["month"])
    dated = [t for t in tasks if t.early_start]
    starts = [t.early_start for t in dated] + [b[0] for b in baseline.values() if b[0]]
    finishes = [t.early_finish for t in dated] + [b[1] for b in baseline.values() if b[1]]
    first = _month_start(min(starts)) if starts else _month_start(today)
    last = max(finishes) if finishes else today
    end = _next_month(last)
    days = (end - first).days
    chart = Chart(
        width=LABEL + days * scale + 20, height=HEADER + len(tasks) * ROW + 10, label_width=LABEL, zoom=zoom
    )

    def x_of(day: dt.date) -> float:
        return LABEL + (day - first).days * scale

    month = first
    while month < end:
        label = month.strftime("%b %Y") if zoom != "quarter" or month.month in (1, 4, 7, 10) else ""
        chart.ticks.append(Tick(x_of(month), label, month.month == 1))
        month = _next_month(month)
    if zoom == "week":
        day = first + dt.timedelta(days=(7 - first.weekday()) % 7)
        while day < end:
            chart.ticks.append(Tick(x_of(day), day.strftime("%d"), False))
            day += dt.timedelta(days=7)
    if first <= today <= end:
        chart.today_x = x_of(today)
    if status_date and first <= status_date < end:
        chart.status_x = x_of(status_date + dt.timedelta(days=1))

    positions: dict[int, Bar] = {}
    for row, task in enumerate(tasks):
        bar = Bar(
            task.pk,
            str(task),
            task.depth,
            HEADER + row * ROW,
            8 + 12 * task.depth,
            critical=bool(task.critical),
        )
        if task.early_start:
            bar.x = x_of(task.early_start)
            bar.width = max((task.early_finish - task.early_start).days + 1, 1) * scale
            bar.kind = (
                "summary"
                if task.is_summary
                else "milestone"
                if task.milestone or task.duration == 0
                else "task"
            )
            bar.progress_width = bar.width * (task.percent_complete or 0) / 100
            bar.title = f"{task}: {task.early_start:%d-%m-%Y} – {task.early_finish:%d-%m-%Y}"
        if task.levelled_from and task.early_start and task.levelled_from < task.early_start:
            bar.wait_x = x_of(task.levelled_from)
            bar.wait_width = bar.x - bar.wait_x
            bar.wait_title = task.levelling_note
        if task.pk in baseline and baseline[task.pk][0]:
            b_start, b_finish = baseline[task.pk]
            bar.baseline_x = x_of(b_start)
            bar.baseline_width = max((b_finish - b_start).days + 1, 1) * scale
        chart.bars.append(bar)
        positions[task.pk] = bar

    for predecessor, successor, kind, critical in links:
        a, b = positions.get(predecessor), positions.get(successor)
        if a is None or b is None or a.x is None or b.x is None:
            continue
        x1 = a.x + (a.width if kind in ("FS", "FF") else 0)
        x2 = b.x + (b.width if kind in ("FF", "SF") else 0)
        y1, y2 = a.y + ROW / 2, b.y + ROW / 2
        elbow = max(x1 + 6, x2 - 8) if x2 - 8 > x1 + 6 else x1 + 6
        path = f"M{x1:.1f},{y1:.1f} H{elbow:.1f} V{y2:.1f} H{x2:.1f}"
        (chart.critical_links if critical else chart.links).append(path)
    return chart
