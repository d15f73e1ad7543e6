"""Geometry for the health-check trend: a project's scores (0–100) over time, drawn as server-rendered SVG."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from pmo.core.charts import frame, month_ticks, x_scale, y_scale


def trend_chart(points: Sequence[tuple[dt.date, float]]) -> dict | None:
    """The scores by date as a line with a dot per check, on a fixed 0–100 axis; None without checks."""
    if not points:
        return None
    points = sorted(points)
    first, last = points[0][0], points[-1][0]
    if first == last:
        first, last = first - dt.timedelta(days=15), last + dt.timedelta(days=15)
    x, y = x_scale(first, last), y_scale(100.0, 0.0)
    return {
        **frame(),
        "line": " ".join(f"{x(d):.1f},{y(float(v)):.1f}" for d, v in points),
        "dots": [{"x": round(x(d), 1), "y": round(y(float(v)), 1), "date": d, "value": v} for d, v in points],
        "ticks": [t for t in month_ticks(first, last, x) if t["x"] >= x(first)],
        "y_labels": [{"y": round(y(v), 1), "value": v} for v in (0, 25, 50, 75, 100)],
    }
