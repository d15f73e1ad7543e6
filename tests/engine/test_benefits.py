"""Benefits realisation: hand-computed gains and percentages, roll-up and running totals, completeness flags."""

from __future__ import annotations

import math
from datetime import date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pmo.engine.benefits import (
    FLAGS,
    Period,
    Series,
    cumulative,
    flags,
    gain,
    progress,
    realisation,
    rollup,
)

JAN, FEB, MAR, APR, MAY = (date(2026, m, 1) for m in range(1, 6))


def days() -> Series:
    """Processing time in days: 10 now, 4 wanted, so a decrease is the gain."""
    return Series(baseline=10, target=4, planned={APR: 5, MAR: 6}, actual={MAR: 7, FEB: 9})


def test_direction_follows_the_target():
    assert days().direction == -1
    assert Series(baseline=100, target=150).direction == 1
    assert Series(baseline=100, target=None).direction == 1
    assert Series(baseline=100, target=100).direction == 1


def test_gain_is_the_improvement_over_the_baseline():
    assert gain(days(), 7) == 3
    assert gain(days(), 12) == -2  # worse than the baseline
    assert gain(Series(baseline=100, target=150), 120) == 20


def test_realisation_per_month():
    assert realisation(days()) == [
        Period(FEB, planned=None, actual=9.0, percent=None),
        Period(MAR, planned=6.0, actual=7.0, percent=75.0),  # 3 days gained of the 4 planned
        Period(APR, planned=5.0, actual=None, percent=None),
    ]


def test_realisation_without_a_planned_gain_has_no_percent():
    s = Series(baseline=10, target=4, planned={MAR: 10}, actual={MAR: 8})
    assert realisation(s)[0].percent is None


def test_progress_uses_the_latest_measurement():
    assert progress(days()) == 50.0  # March: 7 days, 3 of the 6 to gain
    assert progress(Series(baseline=100, target=150, actual={JAN: 140, FEB: 120})) == 40.0


def test_progress_is_none_without_something_to_measure_against():
    assert progress(Series(baseline=10, target=4)) is None
    assert progress(Series(baseline=10, target=None, actual={JAN: 8})) is None
    assert progress(Series(baseline=10, target=10, actual={JAN: 8})) is None


def test_series_are_stored_in_month_order_and_read_only():
    s = days()
    assert list(s.actual) == [FEB, MAR] and list(s.planned) == [MAR, APR]
    assert s == days()
    with pytest.raises(TypeError):
        s.actual[JAN] = 1.0  # type: ignore[index]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"baseline": math.nan, "target": 4}, "the baseline must be a finite number"),
        ({"baseline": 10, "target": math.inf}, "the target must be a finite number"),
        ({"baseline": 10, "target": 4, "actual": {MAR: math.nan}}, "the actual value for 2026-03-01"),
        ({"baseline": 10, "target": 4, "planned": {MAR: "six"}}, "the planned value for 2026-03-01"),
        ({"baseline": 10, "target": 4, "planned": {date(2026, 3, 15): 6}}, "is not the first day of a month"),
        ({"baseline": 10, "target": 4, "actual": {datetime(2026, 3, 1): 6}}, "is not a date"),
        ({"baseline": 10, "target": 4, "actual": {"2026-03-01": 6}}, "is not a date"),
    ],
)
def test_bad_series_are_refused(kwargs, message):
    with pytest.raises(ValueError, match=message):
        Series(**kwargs)


def portfolio() -> dict[str, Series]:
    return {
        "A": Series(baseline=10, target=4, planned={JAN: 8, FEB: 6}, actual={JAN: 9}),  # gains 2, 4; 1
        "B": Series(baseline=0, target=100, planned={FEB: 50, MAR: 100}, actual={FEB: 30, MAR: 60}),
        "C": Series(baseline=5, target=9, planned={MAY: 9}),
    }


def test_rollup_sums_gains_and_counts_a_shared_benefit_once():
    periods = rollup(portfolio(), ["A", "B", "A"])
    assert [(p.month, p.planned, p.actual) for p in periods] == [
        (JAN, 2.0, 1.0),
        (FEB, 54.0, 30.0),
        (MAR, 100.0, 60.0),
    ]
    assert [p.percent for p in periods] == pytest.approx([50.0, 30 / 54 * 100, 60.0])


def test_rollup_of_nothing_and_unknown_benefits():
    assert rollup(portfolio(), []) == []
    assert rollup(portfolio(), ["C"]) == [Period(MAY, planned=4.0, actual=None, percent=None)]
    with pytest.raises(ValueError, match="unknown benefit 'Z'"):
        rollup(portfolio(), ["A", "Z"])


def test_cumulative_running_totals():
    totals = cumulative(rollup(portfolio(), ["A", "B"]))
    assert [(p.planned, p.actual) for p in totals] == [(2.0, 1.0), (56.0, 31.0), (156.0, 91.0)]
    assert [p.percent for p in totals] == pytest.approx([50.0, 31 / 56 * 100, 91 / 156 * 100])


def test_cumulative_actual_stops_after_the_last_measurement():
    periods = [
        Period(JAN, None, 5.0, None),
        Period(FEB, 10.0, None, None),
        Period(MAR, 10.0, 8.0, 80.0),
        Period(APR, 10.0, None, None),
        Period(MAY, None, None, None),
    ]
    assert [(p.planned, p.actual, p.percent) for p in cumulative(periods)] == [
        (None, 5.0, None),  # nothing planned yet
        (10.0, 5.0, 50.0),  # the gap counts 0
        (20.0, 13.0, 65.0),
        (30.0, None, None),  # measurements stop: so does the actual line
        (30.0, None, None),
    ]
    assert cumulative([]) == []
    assert all(p.actual is None for p in cumulative([Period(JAN, 1.0, None, None)]))


def test_cumulative_wants_month_order():
    with pytest.raises(ValueError, match="month order"):
        cumulative([Period(FEB, 1.0, None, None), Period(JAN, 1.0, None, None)])


def test_flags():
    assert flags(owner=False, measure=False, target=False, enablers=0, objectives=0) == FLAGS
    assert flags(owner=True, measure=True, target=True, enablers=2, objectives=1) == ()
    assert flags(owner=True, measure=True, target=False, enablers=0, objectives=3) == (
        "no_target",
        "no_enabler",
    )
    assert flags(owner=False, measure=True, target=True, enablers=1, objectives=0) == (
        "no_owner",
        "no_objective",
    )
    with pytest.raises(ValueError, match="negative"):
        flags(owner=True, measure=True, target=True, enablers=-1, objectives=1)


values = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False)
months = st.sampled_from([JAN, FEB, MAR, APR, MAY])


@given(
    baseline=values,
    target=values,
    planned=st.dictionaries(months, values),
    actual=st.dictionaries(months, values),
)
def test_a_mirrored_measure_realises_alike(baseline, target, planned, actual):
    """Less-is-better is more-is-better upside down: negating every figure changes no percentage."""
    up = Series(baseline, target, planned, actual)
    down = Series(-baseline, -target, {m: -v for m, v in planned.items()}, {m: -v for m, v in actual.items()})
    assert [p.percent for p in realisation(down)] == [p.percent for p in realisation(up)]
    assert progress(down) == progress(up)


series = st.builds(
    Series, values, values | st.none(), st.dictionaries(months, values), st.dictionaries(months, values)
)


@given(portfolio=st.lists(series, max_size=4), shared=st.lists(st.integers(0, 3), max_size=6))
def test_the_final_running_totals_are_the_sums_of_all_gains(portfolio, shared):
    by_key = dict(enumerate(portfolio))
    keys = [k for k in shared if k in by_key]
    totals = cumulative(rollup(by_key, keys))
    chosen = [by_key[k] for k in set(keys)]
    actual = [gain(s, v) for s in chosen for v in s.actual.values()]
    planned = [gain(s, v) for s in chosen for v in s.planned.values()]
    measured = [p.actual for p in totals if p.actual is not None]
    assert measured[-1:] == ([pytest.approx(math.fsum(actual), abs=1e-6)] if actual else [])
    if planned:
        assert totals[-1].planned == pytest.approx(math.fsum(planned), abs=1e-6)
    else:
        assert all(p.planned is None for p in totals)
