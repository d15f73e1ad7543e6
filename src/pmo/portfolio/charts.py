"""Server-side drawings for scenarios (SVG coordinates, no chart library): the efficient frontier and the roadmap."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from pmo.engine import capacity as months_math

WIDTH, HEIGHT, PAD = 640, 260, 48


def frontier_points(frontier: list[dict]) -> dict | None:
    """The frontier as a polyline: budget (x) against value (y), with axis ticks."""
    if len(frontier) < 2:
        return None
    xs = [p["budget"] for p in frontier]
    ys = [p["value"] for p in frontier]
    x0, x1 = min(xs), max(xs)
    y1 = max(ys) or 1.0

    def sx(x: float) -> float:
        return PAD + (x - x0) / ((x1 - x0) or 1) * (WIDTH - 2 * PAD)

    def sy(y: float) -> float:
        return HEIGHT - PAD - y / y1 * (HEIGHT - 2 * PAD)

    points = [
        {"x": round(sx(p["budget"]), 1), "y": round(sy(p["value"]), 1), "level": p["level"], **p}
        for p in frontier
    ]
    return {
        "width": WIDTH,
        "height": HEIGHT,
        "pad": PAD,
        "polyline": " ".join(f"{p['x']},{p['y']}" for p in points),
        "points": points,
        "y_ticks": [{"y": round(sy(v), 1), "value": v} for v in (0, y1 / 2, y1)],
        "bottom": HEIGHT - PAD,
        "right": WIDTH - PAD,
    }


@dataclass(frozen=True)
class Bar:
    code: str
    name: str
    x: float
    width: float
    y: float
    kind: str  # running | chosen | plan
    url: str
    start: dt.date
    finish: dt.date


def roadmap(lanes: dict[str, list[dict]], first: dt.date, months: int, *, row: int = 22) -> dict:
    """Swimlanes of bars. `lanes`: lane name → items with code, name, start and finish (dates), kind and url."""
    label, width = 190, 1000
    per_month = (width - label) / months
    last = months_math.add_months(first, months)
    y, out_lanes, year_ticks = 28, [], []
    for name, items in lanes.items():
        top = y
        bars = []
        for item in sorted(items, key=lambda i: (i["start"], i["code"])):
            start, finish = max(item["start"], first), min(item["finish"], last)
            if finish < start:
                continue
            x = label + _months(first, start) * per_month
            span = max((_months(first, finish) + 1) * per_month - (x - label), per_month * 0.5)
            bars.append(
                Bar(
                    item["code"],
                    item["name"],
                    round(x, 1),
                    round(span, 1),
                    y,
                    item["kind"],
                    item["url"],
                    item["start"],
                    item["finish"],
                )
            )
            y += row
        out_lanes.append({"name": name, "top": top, "height": max(y - top, row), "bars": bars})
        y += 8
    for k in range(months + 1):
        month = months_math.add_months(first, k)
        if month.month == 1 or (k == 0 and first.month <= 10):  # no label crowding the next January
            year_ticks.append({"x": round(label + k * per_month, 1), "label": month.year})
    return {"width": width, "height": y + 4, "label": label, "lanes": out_lanes, "ticks": year_ticks}


def _months(first: dt.date, day: dt.date) -> float:
    return (day.year - first.year) * 12 + day.month - first.month + (day.day - 1) / 31
