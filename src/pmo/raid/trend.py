"""Risk trend: how many risks were open at the end of each month, by score band, read back from their history."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from django.utils import timezone

from .models import Risk, RiskStatus, band

BANDS = ("low", "medium", "high", "very_high")


def month_ends(months: int, today: dt.date) -> list[dt.date]:
    ends, month = [], today.replace(day=1)
    for _i in range(months):
        ends.append(month - dt.timedelta(days=1))
        month = (month - dt.timedelta(days=1)).replace(day=1)
    return [*reversed(ends), today]


def risk_trend(risks, months: int = 12, today: dt.date | None = None) -> list[dict]:
    """Per month end (and today): open risks per band, as they stood then. `risks` is a queryset of risks."""
    today = today or timezone.localdate()
    ends = month_ends(months, today)
    records = (
        Risk.history.filter(id__in=risks.values("pk"))
        .order_by("id", "history_date", "history_id")
        .values_list("id", "history_date", "history_type", "status", "score")
    )
    per_risk: dict[int, list[tuple]] = {}
    for pk, when, kind, status, score in records:
        per_risk.setdefault(pk, []).append((timezone.localtime(when).date(), kind, status, score))
    rows = []
    for end in ends:
        counts: Counter[str] = Counter()
        for history in per_risk.values():
            state = None
            for day, kind, status, score in history:  # in order: the last change on or before `end` counts
                if day > end:
                    break
                state = None if kind == "-" else (status, score)
            if state and state[0] == RiskStatus.OPEN:
                counts[band(state[1])] += 1
        rows.append({"date": end, **{b: counts[b] for b in BANDS}, "total": sum(counts.values())})
    return rows


def trend_bars(rows: list[dict], width: int = 560, height: int = 180) -> dict:
    """Stacked bars per month (low at the bottom) for a small SVG chart."""
    top = max((r["total"] for r in rows), default=0) or 1
    pad, step = 28, (width - 40) / max(len(rows), 1)
    bars = []
    for i, row in enumerate(rows):
        y = height - pad
        segments = []
        for b in BANDS:
            h = row[b] / top * (height - 2 * pad)
            y -= h
            if h:
                segments.append({"band": b, "y": y, "h": h, "n": row[b]})
        bars.append({"x": 36 + i * step, "w": step * 0.7, "segments": segments, "row": row})
    return {"bars": bars, "width": width, "height": height, "base": height - pad, "top": top}
