"""Geometry for the small server-rendered SVG charts of a risk analysis (S-curve, histogram, tornado)."""

from __future__ import annotations

WIDTH, HEIGHT, PAD = 560, 220, 36


def _scale(lo: float, hi: float, size: float):
    span = (hi - lo) or 1.0
    return lambda v: PAD + (v - lo) / span * (size - 2 * PAD)


def s_curve_points(result: dict) -> dict:
    """Polyline of the cumulative probability of finishing within x working days, with P50/P80 markers."""
    curve = result["s_curve"]
    lo, hi = curve[0][0], curve[-1][0]
    x = _scale(lo, hi, WIDTH)
    points = " ".join(f"{x(v):.1f},{HEIGHT - PAD - p * (HEIGHT - 2 * PAD):.1f}" for v, p in curve)
    marks = [
        {"label": key.upper(), "x": x(value), "days": value}
        for key, value in result["percentiles"].items()
        if key in ("p50", "p80")
    ]
    return {
        "points": points,
        "marks": marks,
        "lo": lo,
        "hi": hi,
        "width": WIDTH,
        "height": HEIGHT,
        "pad": PAD,
    }


def histogram_bars(result: dict) -> dict:
    counts, edges = result["histogram"]["counts"], result["histogram"]["edges"]
    top = max(counts) or 1
    x = _scale(edges[0], edges[-1], WIDTH)
    bars = [
        {
            "x": x(edges[i]),
            "w": max(x(edges[i + 1]) - x(edges[i]) - 1, 1),
            "h": c / top * (HEIGHT - 2 * PAD),
            "count": c,
            "from": edges[i],
            "to": edges[i + 1],
        }
        for i, c in enumerate(counts)
    ]
    for bar in bars:
        bar["y"] = HEIGHT - PAD - bar["h"]
    return {"bars": bars, "lo": edges[0], "hi": edges[-1], "width": WIDTH, "height": HEIGHT, "pad": PAD}


def tornado_bars(result: dict) -> list[dict]:
    """One bar per driver: length |correlation with the finish| (0–1), as a percentage of the width."""
    return [{**d, "width": round(abs(d["correlation"]) * 100, 1)} for d in result["tornado"]]
