"""Charts for report packs, drawn with matplotlib (headless) as PNG bytes: the same pictures in PowerPoint and PDF."""

from __future__ import annotations

import io

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
from django.utils.translation import gettext as _

COLOURS = {"green": "#2e8b57", "amber": "#d69a14", "red": "#c0392b", "none": "#9aa3b1"}


def _png(figure) -> bytes:
    out = io.BytesIO()
    figure.savefig(out, format="png", dpi=150, bbox_inches="tight")
    plt.close(figure)
    return out.getvalue()


def rag_bars(totals: dict) -> bytes:
    """Running projects per overall status, with the count on each bar."""
    labels = [_("Green"), _("Amber"), _("Red"), _("No report")]
    values = [
        totals.get("green", 0),
        totals.get("amber", 0),
        totals.get("red", 0),
        totals.get("unreported", 0),
    ]
    figure, axis = plt.subplots(figsize=(5.2, 2.6))
    bars = axis.bar(labels, values, color=[COLOURS[k] for k in ("green", "amber", "red", "none")])
    axis.bar_label(bars, padding=2)
    axis.set_ylabel(_("projects"))
    axis.spines[["top", "right"]].set_visible(False)
    return _png(figure)


def s_curves(evm) -> bytes | None:
    """Cumulative PV, EV and AC of one project (none when there is nothing to draw)."""
    if not (evm.pv_curve or evm.ac_curve):
        return None
    figure, axis = plt.subplots(figsize=(5.2, 2.6))
    for points, label, colour, style in (
        (evm.pv_curve, _("Planned value"), "#3b7dd1", "-"),
        (evm.ev_points, _("Earned value"), "#2e8b57", "--"),
        (evm.ac_curve, _("Actual cost"), "#c0392b", "-"),
    ):
        if points:
            axis.plot(
                [d for d, _v in points],
                [v / 1000 for _d, v in points],
                style,
                color=colour,
                label=label,
                lw=2,
            )
    axis.axvline(evm.as_of, color="#d69a14", lw=1, ls=":")
    axis.set_ylabel(_("× €1,000"))
    axis.legend(frameon=False, fontsize=8)
    axis.spines[["top", "right"]].set_visible(False)
    figure.autofmt_xdate()
    return _png(figure)
