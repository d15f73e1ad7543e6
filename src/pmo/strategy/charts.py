"""Geometry for the benefit charts: one benefit's plan against its measurements, and the portfolio roll-up."""

from __future__ import annotations

import datetime as dt

from pmo.core.charts import frame, month_ticks, x_scale, y_scale


def _line(points, x, y) -> str:
    return " ".join(f"{x(m):.1f},{y(v):.1f}" for m, v in points)


def _chart(planned, actual, today: dt.date, levels: dict[str, float | None] | None = None) -> dict | None:
    """Planned and measured lines on one month axis, with level lines (`name_y`) kept in view."""
    levels = levels or {}
    months = [m for m, _v in planned] + [m for m, _v in actual]
    if not months:
        return None
    first, last = min(months), max(months)
    if first == last:
        last = (first + dt.timedelta(days=31)).replace(day=1)
    values = [v for _m, v in (*planned, *actual)] + [v for v in levels.values() if v is not None]
    low, high = min([0.0, *values]), max([0.0, *values])
    pad = (high - low) * 0.05 or 1.0
    top, bottom = high + pad, (low - pad if low < 0 else 0.0)
    x, y = x_scale(first, last), y_scale(top, bottom)
    return {
        **frame(),
        "planned": _line(planned, x, y),
        "actual": _line(actual, x, y),
        "dots": [{"x": x(m), "y": y(v), "month": f"{m:%m/%Y}", "value": v} for m, v in actual],
        "ticks": month_ticks(first, last, x),
        "y_labels": [
            {"y": y(bottom + (top - bottom) * k / 4), "value": bottom + (top - bottom) * k / 4}
            for k in range(5)
        ],
        "today_x": x(today) if first <= today <= last else None,
        **{f"{name}_y": (y(v) if v is not None else None) for name, v in levels.items()},
    }


def benefit_chart(series, today: dt.date) -> dict | None:
    """The measure per month: planned line, measured line with points, baseline and target as level lines."""
    return _chart(
        sorted(series.planned.items()),
        sorted(series.actual.items()),
        today,
        {"baseline": series.baseline, "target": series.target},
    )


def rollup_chart(cumulative, today: dt.date) -> dict | None:
    """Cumulative planned and realised gains of the portfolio's financial benefits, in money."""
    planned = [(p.month, p.planned) for p in cumulative if p.planned is not None]
    actual = [(p.month, p.actual) for p in cumulative if p.actual is not None]
    return _chart(planned, actual, today)
