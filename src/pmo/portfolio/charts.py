"""Server-side drawings for scenarios (SVG coordinates, no chart library): the efficient frontier and the roadmap."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from pmo.engine import capacity as months_math

WIDTH, HEIGHT, PAD = 640, 260, 48


def frontier_points(frontier: list[dict], x: str = "budget") -> dict | None:
    """The frontier as a polyline: budget (or another `x`, such as the capacity level) against value (y), with axis
    ticks."""
    if len(frontier) < 2:
        return None
    xs = [p[x] for p in frontier]
    ys = [p["value"] for p in frontier]
    x0, x1 = min(xs), max(xs)
    y1 = max(ys) or 1.0

    def sx(v: float) -> float:
        return PAD + (v - x0) / ((x1 - x0) or 1) * (WIDTH - 2 * PAD)

    def sy(y: float) -> float:
        return HEIGHT - PAD - y / y1 * (HEIGHT - 2 * PAD)

    points = [{**p, "x": round(sx(p[x]), 1), "y": round(sy(p["value"]), 1)} for p in frontier]
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
    pk: int
    code: str
    name: str
    x: float
    width: float
    y: float
    kind: str  # running | chosen | plan | proposal
    url: str
    start: dt.date
    finish: dt.date


BAR_H = 16


def roadmap(
    lanes: dict[str, list[dict]],
    first: dt.date,
    months: int,
    *,
    milestones: dict[int, list[tuple[dt.date, str]]] | None = None,
    links: list[tuple[int, int, str]] = (),
    row: int = 22,
) -> dict:
    """Swimlanes of bars. `lanes`: lane name → items with pk, code, name, start and finish (dates), kind and url;
    `milestones`: project pk → (date, name) drawn as diamonds on its bar; `links`: (before pk, after pk, title)
    drawn as arrows from the end of one bar to the start of the other."""
    label, width = 190, 1000
    per_month = (width - label) / months
    last = months_math.add_months(first, months)

    def x_of(day: dt.date) -> float:
        return label + _months(first, day) * per_month

    y, out_lanes, year_ticks, bars_by_pk = 28, [], [], {}
    for name, items in lanes.items():
        top = y
        bars = []
        for item in sorted(items, key=lambda i: (i["start"], i["code"])):
            start, finish = max(item["start"], first), min(item["finish"], last)
            if finish < start:
                continue
            x = x_of(start)
            span = max(
                x_of(finish + dt.timedelta(days=1)) - x, per_month * 0.5
            )  # to the end of the finish day
            bar = Bar(
                item["pk"],
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
            bars.append(bar)
            bars_by_pk[bar.pk] = bar
            y += row
        out_lanes.append({"name": name, "top": top, "height": max(y - top, row), "bars": bars})
        y += 8
    diamonds = [
        {
            "x": round(x_of(day), 1),
            "top": bars_by_pk[pk].y + BAR_H / 2 - 6,
            "name": name,
            "date": day,
            "code": bars_by_pk[pk].code,
        }
        for pk, marks in (milestones or {}).items()
        if pk in bars_by_pk
        for day, name in marks
        if first <= day <= last
    ]
    arrows = []
    for before, after, title in links:
        a, b = bars_by_pk.get(before), bars_by_pk.get(after)
        if a is None or b is None:
            continue
        x1, y1 = a.x + a.width, a.y + BAR_H / 2
        x2, y2 = b.x, b.y + BAR_H / 2
        bend = max(x1 + 6, min(x2 - 6, x1 + 12)) if x2 > x1 + 12 else x1 + 6
        path = f"M{x1:.1f},{y1:.1f} H{bend:.1f} V{y2:.1f} H{x2 - 1:.1f}"
        arrows.append({"path": path, "late": x2 < x1, "title": f"{a.code} → {b.code}: {title}"})
    for k in range(months + 1):
        month = months_math.add_months(first, k)
        if month.month == 1 or (k == 0 and first.month <= 10):  # no label crowding the next January
            year_ticks.append({"x": round(label + k * per_month, 1), "label": month.year})
    return {
        "width": width,
        "height": y + 4,
        "label": label,
        "lanes": out_lanes,
        "ticks": year_ticks,
        "milestones": diamonds,
        "arrows": arrows,
    }


def _months(first: dt.date, day: dt.date) -> float:
    return (day.year - first.year) * 12 + day.month - first.month + (day.day - 1) / 31
