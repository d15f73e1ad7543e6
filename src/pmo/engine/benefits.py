"""Benefits realisation: how far a benefit's measure has moved from its baseline, month by month, for one benefit
and rolled up over a portfolio.

    from pmo.engine.benefits import Series, progress, realisation
    s = Series(baseline=10, target=4, planned={date(2026, 3, 1): 6}, actual={date(2026, 3, 1): 7})
    realisation(s)   # [Period(month=date(2026, 3, 1), planned=6.0, actual=7.0, percent=75.0)]
    progress(s)      # 50.0: three of the six days to gain are gained

The *gain* of a value is how much better than the baseline it is. A measure may improve upwards (revenue) or
downwards (processing time in days, when the target lies below the baseline): the direction follows the target.
A period is a `datetime.date` on the first day of its month. As in `evm`, a ratio whose denominator is zero is
None: there is nothing yet to measure against.
"""

from __future__ import annotations

import math
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from types import MappingProxyType

FLAGS = ("no_owner", "no_measure", "no_target", "no_enabler", "no_objective")


def _finite(what: str, value: float) -> float:
    try:
        number = float(value)
    except (TypeError, ValueError):
        number = math.nan
    if not math.isfinite(number):
        raise ValueError(f"{what} must be a finite number, not {value!r}")
    return number


def _by_month(name: str, values: Mapping[date, float]) -> Mapping[date, float]:
    for month in values:
        if not isinstance(month, date) or isinstance(month, datetime):
            raise ValueError(f"the {name} period {month!r} is not a date")
        if month.day != 1:
            raise ValueError(f"the {name} period {month} is not the first day of a month")
    return MappingProxyType(
        {month: _finite(f"the {name} value for {month}", values[month]) for month in sorted(values)}
    )


def _percent(part: float | None, whole: float | None) -> float | None:
    return part / whole * 100 if part is not None and whole else None


@dataclass(frozen=True)
class Series:
    """A benefit's measure: its baseline, its target (None until one is set), and its planned and measured values
    per month (read-only mappings in month order once constructed, so a series compares by value but is not
    hashable)."""

    baseline: float
    target: float | None
    planned: Mapping[date, float] = field(default_factory=dict)
    actual: Mapping[date, float] = field(default_factory=dict)

    def __post_init__(self) -> None:
        object.__setattr__(self, "baseline", _finite("the baseline", self.baseline))
        if self.target is not None:
            object.__setattr__(self, "target", _finite("the target", self.target))
        object.__setattr__(self, "planned", _by_month("planned", self.planned))
        object.__setattr__(self, "actual", _by_month("actual", self.actual))

    @property
    def direction(self) -> int:
        """+1 when more is better (the target is at least the baseline, or not set), -1 when less is better."""
        return -1 if self.target is not None and self.target < self.baseline else 1


@dataclass(frozen=True)
class Period:
    month: date
    planned: float | None  # None: nothing planned for this month
    actual: float | None  # None: nothing measured in this month
    percent: float | None  # actual against planned, as a percentage of the planned gain


def gain(series: Series, value: float) -> float:
    """How much better than the baseline `value` is (negative: worse)."""
    return (value - series.baseline) * series.direction


def realisation(series: Series) -> list[Period]:
    """One period per month with a plan or a measurement: the raw planned and actual values of the measure, and
    the actual gain as a percentage of the planned gain."""
    months = sorted({*series.planned, *series.actual})
    periods = []
    for month in months:
        planned, actual = series.planned.get(month), series.actual.get(month)
        percent = None
        if planned is not None and actual is not None:
            percent = _percent(gain(series, actual), gain(series, planned))
        periods.append(Period(month, planned, actual, percent))
    return periods


def progress(series: Series) -> float | None:
    """How far the latest measurement has come towards the target, as a percentage of the targeted gain; None
    without a measurement or a target, or when the target is the baseline."""
    if not series.actual or series.target is None:
        return None
    latest = series.actual[max(series.actual)]
    return _percent(gain(series, latest), gain(series, series.target))


def rollup(series_by_key: Mapping[Hashable, Series], keys: Iterable[Hashable]) -> list[Period]:
    """The planned and actual gains of the benefits `keys`, summed per month (the gains must share a unit, money
    say). A key listed more than once (a benefit two projects share) counts once. A month's sum is None when no
    benefit has a value for it."""
    chosen = []
    for key in dict.fromkeys(keys):
        if key not in series_by_key:
            raise ValueError(f"unknown benefit {key!r}")
        chosen.append(series_by_key[key])
    months = sorted({month for s in chosen for month in (*s.planned, *s.actual)})
    periods = []
    for month in months:
        planned = [gain(s, s.planned[month]) for s in chosen if month in s.planned]
        actual = [gain(s, s.actual[month]) for s in chosen if month in s.actual]
        planned_sum = math.fsum(planned) if planned else None
        actual_sum = math.fsum(actual) if actual else None
        periods.append(Period(month, planned_sum, actual_sum, _percent(actual_sum, planned_sum)))
    return periods


def cumulative(periods: Sequence[Period]) -> list[Period]:
    """Running totals of the planned and actual gains of `periods` (in month order, as `rollup` returns them).

    A month without a value adds 0. A running total is None before its first value, and the actual one is None
    again after the last measured month, so that a chart's actual line stops where the measurements stop."""
    months = [p.month for p in periods]
    if months != sorted(months) or len(set(months)) != len(months):
        raise ValueError("the periods must be in month order, each month once")
    measured = [i for i, p in enumerate(periods) if p.actual is not None]
    last_measured = measured[-1] if measured else -1
    planned_total: float | None = None
    actual_total: float | None = None
    totals = []
    for i, p in enumerate(periods):
        if p.planned is not None:
            planned_total = (planned_total or 0.0) + p.planned
        if p.actual is not None:
            actual_total = (actual_total or 0.0) + p.actual
        actual = actual_total if i <= last_measured else None
        totals.append(Period(p.month, planned_total, actual, _percent(actual, planned_total)))
    return totals


def flags(*, owner: bool, measure: bool, target: bool, enablers: int, objectives: int) -> tuple[str, ...]:
    """What a benefit lacks to be complete, as codes from `FLAGS` in that order (empty: complete). A complete
    benefit has an owner, a measure, a target, at least one enabler and at least one objective it serves."""
    if enablers < 0 or objectives < 0:
        raise ValueError(f"counts cannot be negative (enablers {enablers}, objectives {objectives})")
    present = (owner, measure, target, enablers > 0, objectives > 0)
    return tuple(code for code, ok in zip(FLAGS, present, strict=True) if not ok)


__all__ = ["FLAGS", "Period", "Series", "cumulative", "flags", "gain", "progress", "realisation", "rollup"]
