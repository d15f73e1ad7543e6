"""The capacity heat map as a page shows it: rows (roles or people) × months, each cell with its numbers, a colour
band and a word or sign (never colour alone), and the what-if's effect."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import numpy as np
from django.utils.translation import gettext as _

from pmo.engine.capacity import Adjustment, Load, month_start, months_from

from .models import short_month

MAX_MONTHS = 36


@dataclass(frozen=True)
class HeatCell:
    capacity: float
    demand: float
    committed: float
    band: str  # css class: free / full / over / none
    percent: str  # what the cell says
    title: str  # the numbers, on hover and for screen readers

    @property
    def over(self) -> bool:
        return self.band == "over"


@dataclass(frozen=True)
class HeatRow:
    key: int
    label: str
    cells: list[HeatCell]
    over_months: int


def parse_month(value: str, default: dt.date) -> dt.date:
    """YYYY-MM (or a full date) from a form or query string; anything else gives `default`."""
    match = re.fullmatch(r"(\d{4})-(\d{1,2})(-\d{1,2})?", (value or "").strip())
    if match and 1 <= int(match.group(2)) <= 12 and 1900 < int(match.group(1)) < 2200:
        return dt.date(int(match.group(1)), int(match.group(2)), 1)
    return month_start(default)


def parse_count(value: str, default: int = 12) -> int:
    return min(MAX_MONTHS, max(1, int(value))) if re.fullmatch(r"\d{1,3}", value or "") else default


def window(params, today: dt.date) -> tuple[dt.date, ...]:
    """The months a heat map shows: ?from=YYYY-MM (default this month) and ?months=N (default 12, at most 36)."""
    return months_from(parse_month(params.get("from", ""), today), parse_count(params.get("months", "")))


def _cell(capacity: float, demand: float, committed: float, utilisation: float) -> HeatCell:
    if capacity <= 0 and demand <= 0:
        return HeatCell(capacity, demand, committed, "none", "–", _("no capacity, no demand"))
    if np.isinf(utilisation):
        band, percent = "over", "▲ ∞"
    elif demand - capacity > 0.005:
        band, percent = "over", f"▲ {utilisation:.0%}"
    elif utilisation >= 0.85:
        band, percent = "full", f"{utilisation:.0%}"
    else:
        band, percent = "free", f"{utilisation:.0%}"
    title = _("demand %(demand).1f FTE (committed %(committed).1f) of capacity %(capacity).1f FTE") % {
        "demand": demand,
        "committed": committed,
        "capacity": capacity,
    }
    return HeatCell(capacity, demand, committed, band, percent, title)


def rows(load: Load, labels: dict[int, str], tentative: bool = True) -> list[HeatRow]:
    demand, utilisation = load.demand(tentative), load.utilisation(tentative)
    out = []
    for r, key in enumerate(load.rows):
        cells = [
            _cell(
                float(load.capacity[r, m]),
                float(demand[r, m]),
                float(load.committed[r, m]),
                float(utilisation[r, m]),
            )
            for m in range(len(load.months))
        ]
        out.append(HeatRow(key, labels.get(key, "?"), cells, sum(c.over for c in cells)))
    return out


def month_headers(load: Load) -> list[str]:
    return [short_month(m) for m in load.months]


def what_if(params, roles: dict[int, str], months: tuple[dt.date, ...]) -> tuple[Adjustment | None, str]:
    """The what-if from ?wi_role=&wi_fte=&wi_from=&wi_to=, or (None, the reason it was not understood)."""
    role = params.get("wi_role", "")
    if not role:
        return None, ""
    if not role.isdigit() or int(role) not in roles:
        return None, _("Choose a role for the what-if.")
    try:
        fte = float(params.get("wi_fte", "").replace(",", "."))
    except ValueError:
        return None, _("Give the what-if as a number of FTE, e.g. 2 or -1.5.")
    if not -1000 < fte < 1000:
        return None, _("Give the what-if as a number of FTE, e.g. 2 or -1.5.")
    first = parse_month(params.get("wi_from", ""), months[0])
    last = parse_month(params.get("wi_to", ""), months[-1])
    if last < first:
        return None, _("The what-if ends before it starts.")
    return Adjustment(int(role), first, last, fte), ""
