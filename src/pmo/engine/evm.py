"""Earned value management: the standard indices and forecasts, and earned schedule.

    from pmo.engine.evm import metrics, earned_schedule
    m = metrics(bac=4000, pv=3000, ev=2500, ac=2800)      # m.cpi 0.8929, m.spi 0.8333, m.eac 4480.0, …
    s = earned_schedule(pv_cumulative=[100, 400, …], ev=2260, actual_time=7, planned_duration=12)  # s.es 6.52, …

Money is in any one currency, time in periods (months, say). A ratio whose denominator is zero is None: it has no
meaning yet (no cost spent, nothing planned), and a report should say so rather than show infinity.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass


def _ratio(numerator: float, denominator: float) -> float | None:
    return numerator / denominator if denominator else None


@dataclass(frozen=True)
class Metrics:
    """Earned value figures at one status date (PMI Practice Standard for Earned Value Management)."""

    bac: float  # budget at completion
    pv: float  # planned value: budgeted cost of the work scheduled to date
    ev: float  # earned value: budgeted cost of the work done to date
    ac: float  # actual cost of the work done to date
    cv: float  # cost variance EV - AC (negative: over budget)
    sv: float  # schedule variance EV - PV (negative: behind)
    cpi: float | None  # cost performance index EV / AC
    spi: float | None  # schedule performance index EV / PV
    eac: float | None  # estimate at completion if the cost performance so far continues: BAC / CPI
    eac_atypical: float  # … if the remaining work goes as budgeted: AC + (BAC - EV)
    eac_composite: (
        float | None
    )  # … if cost and schedule performance both weigh on the rest: AC + (BAC - EV) / (CPI·SPI)
    etc: float | None  # estimate to complete EAC - AC
    vac: float | None  # variance at completion BAC - EAC
    tcpi: float | None  # to-complete performance index to finish within BAC: (BAC - EV) / (BAC - AC); None
    # once the budget is spent (AC ≥ BAC): no efficiency can still finish within it
    percent_complete: float | None  # EV / BAC
    percent_spent: float | None  # AC / BAC


def metrics(*, bac: float, pv: float, ev: float, ac: float) -> Metrics:
    """All earned value indices and forecasts from the four basic figures."""
    for name, value in (("bac", bac), ("pv", pv), ("ev", ev), ("ac", ac)):
        if value < 0:
            raise ValueError(f"{name} cannot be negative, not {value}")
    cpi, spi = _ratio(ev, ac), _ratio(ev, pv)
    eac = _ratio(bac, cpi) if cpi else None
    return Metrics(
        bac=bac,
        pv=pv,
        ev=ev,
        ac=ac,
        cv=ev - ac,
        sv=ev - pv,
        cpi=cpi,
        spi=spi,
        eac=eac,
        eac_atypical=ac + (bac - ev),
        eac_composite=ac + (bac - ev) / (cpi * spi) if cpi and spi else None,
        etc=eac - ac if eac is not None else None,
        vac=bac - eac if eac is not None else None,
        tcpi=_ratio(bac - ev, bac - ac) if bac > ac else None,
        percent_complete=_ratio(ev, bac),
        percent_spent=_ratio(ac, bac),
    )


@dataclass(frozen=True)
class EarnedSchedule:
    """Schedule performance in time units (Lipke's earned schedule), which stays meaningful after the planned
    finish, where SV and SPI drift back to 0 and 1."""

    es: float  # earned schedule: the time at which the plan expected the value earned now
    at: float  # actual time
    sv_t: float  # schedule variance in time ES - AT (negative: behind)
    spi_t: float | None  # schedule performance index in time ES / AT
    ieac_t: float | None  # independent estimate of the duration: planned duration / SPI(t)
    planned_duration: float


def earned_schedule(
    *, pv_cumulative: Sequence[float], ev: float, actual_time: float, planned_duration: float
) -> EarnedSchedule:
    """`pv_cumulative[i]` is the cumulative planned value at the end of period i + 1.

    ES = C + (EV - PV_C) / (PV_C+1 - PV_C), where C is the number of whole periods whose cumulative PV the EV has
    reached."""
    values = [float(v) for v in pv_cumulative]
    if not values:
        raise ValueError("pv_cumulative needs at least one period")
    if any(b < a for a, b in itertools.pairwise(values)):
        raise ValueError("pv_cumulative must not decrease: it is a running total")
    if ev < 0 or actual_time < 0 or planned_duration <= 0:
        raise ValueError("ev and actual_time cannot be negative, and planned_duration must be positive")
    whole = sum(1 for v in values if v <= ev)
    if whole >= len(values):
        es = float(len(values))  # all planned value earned
    else:
        before = values[whole - 1] if whole else 0.0
        step = values[whole] - before
        es = whole + ((ev - before) / step if step else 0.0)
    spi_t = _ratio(es, actual_time)
    return EarnedSchedule(
        es=es,
        at=actual_time,
        sv_t=es - actual_time,
        spi_t=spi_t,
        ieac_t=_ratio(planned_duration, spi_t) if spi_t else None,
        planned_duration=planned_duration,
    )


__all__ = ["EarnedSchedule", "Metrics", "earned_schedule", "metrics"]
