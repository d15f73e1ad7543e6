"""Earned value: the textbook figures of the issue, edge cases, and consistency of the identities."""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pmo.engine.evm import earned_schedule, metrics


def test_the_standard_indices_and_forecasts():
    m = metrics(bac=4000, pv=3000, ev=2500, ac=2800)
    assert round(m.cpi, 4) == 0.8929 and round(m.spi, 4) == 0.8333
    assert round(m.eac, 1) == 4480.0 and round(m.etc, 1) == 1680.0 and round(m.vac, 1) == -480.0
    assert round(m.tcpi, 4) == 1.25
    assert (m.cv, m.sv) == (-300, -500)
    assert m.eac_atypical == 4300
    assert round(m.eac_composite, 2) == round(2800 + 1500 / (2500 / 2800 * 2500 / 3000), 2)


def test_earned_schedule():
    pv = [100, 400, 800, 1100, 1500, 2000, 2500, 2950, 3350, 3650, 3900, 4000]
    s = earned_schedule(pv_cumulative=pv, ev=2260, actual_time=7, planned_duration=12)
    assert round(s.es, 2) == 6.52 and round(s.sv_t, 2) == -0.48
    assert round(s.spi_t, 4) == 0.9314 and round(s.ieac_t, 4) == 12.8834


def test_earned_schedule_at_the_ends():
    pv = [100, 300, 600]
    assert earned_schedule(pv_cumulative=pv, ev=50, actual_time=1, planned_duration=3).es == 0.5
    done = earned_schedule(pv_cumulative=pv, ev=600, actual_time=5, planned_duration=3)
    assert done.es == 3 and done.sv_t == -2  # finished two periods late: SV(t) keeps telling, SV is 0
    assert earned_schedule(pv_cumulative=pv, ev=0, actual_time=0, planned_duration=3).spi_t is None


def test_undefined_ratios_are_none_not_infinite():
    m = metrics(bac=1000, pv=0, ev=0, ac=0)
    assert m.cpi is None and m.spi is None and m.eac is None and m.etc is None and m.vac is None
    assert (
        metrics(bac=1000, pv=500, ev=500, ac=1000).tcpi is None
    )  # the budget is spent: no index can recover


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: metrics(bac=100, pv=-1, ev=0, ac=0), "pv cannot be negative"),
        (lambda: earned_schedule(pv_cumulative=[], ev=1, actual_time=1, planned_duration=1), "at least one"),
        (
            lambda: earned_schedule(pv_cumulative=[5, 3], ev=1, actual_time=1, planned_duration=2),
            "not decrease",
        ),
        (lambda: earned_schedule(pv_cumulative=[5], ev=1, actual_time=1, planned_duration=0), "positive"),
    ],
)
def test_bad_input_is_refused(call, message):
    with pytest.raises(ValueError, match=message):
        call()


money = st.floats(min_value=1, max_value=1e9, allow_nan=False)


@given(bac=money, pv=money, ev=money, ac=money)
def test_identities(bac, pv, ev, ac):
    m = metrics(bac=bac, pv=pv, ev=ev, ac=ac)
    assert math.isclose(m.etc, m.eac - m.ac) and math.isclose(m.vac, m.bac - m.eac)
    scale = 1e-9 * (m.ac + m.bac + m.eac)
    assert math.isclose(m.eac, m.ac + (m.bac - m.ev) / m.cpi, rel_tol=1e-9, abs_tol=scale)  # = BAC / CPI
