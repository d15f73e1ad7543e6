"""Milestone trend analysis: each milestone's forecast date at every reporting date (the baselines, then today).

A line that stays flat is a milestone that holds; one that rises slips; it ends where it meets the diagonal
(the reporting date reaching the milestone date)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

WIDTH, HEIGHT, PAD, LEFT = 620, 300, 30, 70
COLOURS = ["#1f5fa8", "#c0392b", "#1e7a3d", "#8a5a00", "#6c70b8", "#0e7c86", "#a3367a", "#4a5565"]


@dataclass
class Series:
    name: str
    colour: str
    points: str  # SVG polyline points
    last_y: float
    slip: int  # calendar days between the first and the latest forecast


def build(milestones, baselines, today: dt.date) -> dict | None:
    """`milestones`: tasks with `early_finish`; `baselines`: (taken_on, {task_id: finish}) oldest first."""
    reports = [(taken, dates) for taken, dates in baselines]
    reports.append((today, {m.pk: m.early_finish for m in milestones}))
    if len(reports) < 2 or not milestones:
        return None
    xs = [r[0] for r in reports]
    values = [d for _, dates in reports for d in dates.values() if d] + xs
    low, high = min(values), max(values)
    span_x = max((xs[-1] - xs[0]).days, 1)
    span_y = max((high - low).days, 1)

    def x(day: dt.date) -> float:
        return LEFT + (day - xs[0]).days / span_x * (WIDTH - LEFT - PAD)

    def y(day: dt.date) -> float:
        return HEIGHT - PAD - (day - low).days / span_y * (HEIGHT - 2 * PAD)

    series = []
    for n, milestone in enumerate(milestones):
        # a milestone's line ends once it is reached (the reporting date passes it)
        points = [
            (x(taken), y(dates[milestone.pk]))
            for taken, dates in reports
            if dates.get(milestone.pk) and (taken <= dates[milestone.pk] or taken == xs[0])
        ]
        if not points:
            continue
        first = next(dates[milestone.pk] for _, dates in reports if dates.get(milestone.pk))
        series.append(
            Series(
                name=milestone.name,
                colour=COLOURS[n % len(COLOURS)],
                points=" ".join(f"{px:.1f},{py:.1f}" for px, py in points),
                last_y=points[-1][1],
                slip=(milestone.early_finish - first).days if milestone.early_finish else 0,
            )
        )
    diagonal_end = min(xs[-1], high)
    return {
        "series": series,
        "width": WIDTH,
        "height": HEIGHT,
        "ticks": [{"x": x(d), "label": d} for d in xs],
        "low": low,
        "high": high,
        "diagonal": f"{x(xs[0]):.1f},{y(max(xs[0], low)):.1f} {x(diagonal_end):.1f},{y(diagonal_end):.1f}",
        "left": LEFT,
        "pad": PAD,
    }
