"""Geometry for the server-rendered SVG charts of earned value: S-curves of PV, EV and AC, and the CPI/SPI trend."""

from __future__ import annotations

from pmo.core.charts import frame, month_ticks, x_scale, y_scale


def s_curves(evm) -> dict | None:
    """Polylines for PV, EV and AC (cumulative, euros) on one time axis, with the status date marked."""
    series = {"pv": evm.pv_curve, "ev": evm.ev_points, "ac": evm.ac_curve}
    dates = [d for points in series.values() for d, _v in points]
    if not dates:
        return None
    first, last = min(dates).replace(day=1), max(max(dates), evm.as_of)
    top = max([v for points in series.values() for _d, v in points] + [evm.bac]) * 1.05
    x, y = x_scale(first, last), y_scale(top)
    lines = {
        key: " ".join(f"{x(d):.1f},{y(v):.1f}" for d, v in ([(first, 0.0)] if key != "ev" else []) + points)
        for key, points in series.items()
        if points
    }
    return {
        **frame(),
        "lines": lines,
        "ticks": month_ticks(first, last, x),
        "top": top,
        "bac_y": y(evm.bac) if evm.bac else None,
        "today_x": x(evm.as_of),
        "y_labels": [{"y": y(top * k / 4), "value": top * k / 4} for k in range(5)],
    }


def index_trend(trend: list[dict]) -> dict | None:
    """CPI and SPI per status report month, around the 1.0 line."""
    points = [t for t in trend if t["cpi"] is not None or t["spi"] is not None]
    if len(points) < 2:
        return None
    first, last = points[0]["month"], points[-1]["month"]
    values = [v for t in points for v in (t["cpi"], t["spi"]) if v is not None]
    top = max(1.5, max(values) * 1.1)
    x, y = x_scale(first, last), y_scale(top)
    lines = {
        key: " ".join(f"{x(t['month']):.1f},{y(t[key]):.1f}" for t in points if t[key] is not None)
        for key in ("cpi", "spi")
    }
    return {
        **frame(),
        "lines": lines,
        "ticks": month_ticks(first, last, x),
        "one_y": y(1.0),
        "y_labels": [{"y": y(v), "value": v} for v in (0.5, 1.0, 1.5) if v <= top],
    }
