"""Axes shared by the server-rendered SVG line charts (earned value, benefits): a time axis and a value axis."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

WIDTH, HEIGHT, PAD_L, PAD_R, PAD_Y = 640, 240, 70, 16, 24


def x_scale(first: dt.date, last: dt.date) -> Callable[[dt.date], float]:
    span = max((last - first).days, 1)
    return lambda d: PAD_L + (d - first).days / span * (WIDTH - PAD_L - PAD_R)


def y_scale(top: float, bottom: float = 0.0) -> Callable[[float], float]:
    span = (top - bottom) or 1.0
    return lambda v: HEIGHT - PAD_Y - (v - bottom) / span * (HEIGHT - 2 * PAD_Y)


def month_ticks(first: dt.date, last: dt.date, x) -> list[dict]:
    """A label every month, quarter or half year, depending on the span."""
    months = (last.year - first.year) * 12 + last.month - first.month + 1
    step = 1 if months <= 12 else 3 if months <= 36 else 6
    ticks, month = [], first.replace(day=1)
    while month <= last:
        if (month.month - 1) % step == 0:
            ticks.append({"x": x(month), "label": month.strftime("%m-%Y")})
        month = (month.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return ticks


def frame() -> dict:
    """The chart's size and plot area, for the template."""
    return {"width": WIDTH, "height": HEIGHT, "left": PAD_L, "right": WIDTH - PAD_R, "bottom": HEIGHT - PAD_Y}
