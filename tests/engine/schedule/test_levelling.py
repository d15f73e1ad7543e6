"""Levelling a plan: the conversion to the RCPSP keeps every link type and date, the result keeps capacity and
explains each delay."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pmo.engine.schedule import Network, cpm
from pmo.engine.schedule.levelling import level, to_rcpsp
from pmo.engine.schedule.rcpsp import check, heuristic


def network(durations, links=(), snet=None, names=None):
    return Network(
        duration=durations,
        predecessor=[p for p, _s, _k, _l in links],
        successor=[s for _p, s, _k, _l in links],
        link_type=[k for _p, _s, k, _l in links],
        lag=[lag for _p, _s, _k, lag in links],
        start_no_earlier=snet,
        names=names,
    )


@st.composite
def plans(draw):
    n = draw(st.integers(2, 12))
    durations = draw(st.lists(st.integers(0, 6), min_size=n, max_size=n))
    links = []
    for s in range(1, n):
        for p in draw(st.sets(st.integers(0, s - 1), max_size=2)):
            links.append((p, s, draw(st.integers(0, 3)), draw(st.integers(-2, 3))))
    snet = [draw(st.integers(0, 8)) if draw(st.booleans()) else np.iinfo(np.int64).min for _ in range(n)]
    return network(durations, links, snet)


@settings(max_examples=60, deadline=None)
@given(plans())
def test_with_room_for_everyone_levelling_changes_nothing(plan):
    """All four link types, leads, lags and start-no-earlier dates survive the conversion: with enough of every
    resource the levelled plan is the CPM plan."""
    use = np.ones((plan.size, 1))
    result = level(plan, use, [plan.size])
    assert result.start.tolist() == cpm(plan).early_start.tolist()
    assert result.delay.sum() == 0 and result.waits == []


@settings(max_examples=40, deadline=None)
@given(plans(), st.integers(1, 3))
def test_levelled_plans_keep_links_and_capacity(plan, capacity):
    use = np.ones((plan.size, 1))
    result = level(plan, use, [capacity])
    problem = to_rcpsp(plan, use, [capacity])
    assert check(problem, np.append(result.start, 0)) == []
    assert (result.start >= cpm(plan).early_start).all()
    assert {w.task for w in result.waits} == set(np.nonzero(result.delay)[0].tolist())


def test_two_tasks_on_one_developer_run_one_after_the_other_and_say_why():
    plan = network([3, 2], names=["Build", "Test"])
    result = level(plan, [[1.0], [1.0]], [1.0], resource_names=["Developer"])
    assert sorted(result.start.tolist()) in ([0, 2], [0, 3])
    assert result.makespan == 5 and result.unlevelled_makespan == 3
    (wait,) = result.waits
    other = 1 - wait.task
    assert wait.resources == (0,) and wait.holders == (other,) and wait.delay == plan.duration[other]


def test_a_task_follows_a_moved_predecessor():
    # A and B share one developer; A leads the longer chain, so B waits, and C after it
    plan = network([2, 2, 1, 5], [(0, 3, 0, 0), (1, 2, 0, 0)], names=["A", "B", "C", "D"])
    result = level(plan, [[1], [1], [0], [0]], [1])
    assert result.start.tolist() == [0, 2, 4, 2]
    waits = {w.task: w for w in result.waits}
    assert waits[1].holders == (0,) and waits[2].predecessor == 1 and waits[2].delay == 2


def test_exact_levelling_proves_the_shortest_plan():
    # four tasks that all need 2 of 3 units: pairs cannot overlap, so the plan takes the sum of durations
    plan = network([2, 3, 2, 1])
    result = level(plan, np.full((4, 1), 2.0), [3.0], exact=True, time_limit=5)
    assert result.makespan == 8 and result.optimal and result.lower_bound == 8 and result.gap == 0


def test_started_work_is_left_out_of_the_conflicts():
    plan = network([5, 2], snet=[0, 0])
    result = level(plan, [[1], [1]], [1], frozen=np.array([True, False]))
    assert result.start.tolist() == [0, 0]


def test_a_task_needing_more_than_exists_is_named():
    plan = network([1, 1], names=["Migratie", "Test"])
    with pytest.raises(ValueError, match="task Migratie needs 3 of Developers, but only 2 exist"):
        level(plan, [[3], [1]], [2], resource_names=["Developers"])


@settings(max_examples=60, deadline=None)
@given(plans(), st.integers(1, 3))
def test_the_heuristic_keeps_links_with_leads(plan, capacity):
    """Start-to-start and finish-to-finish links become leads (negative lags): a successor may start before its
    predecessor, and the heuristic's own schedule must still keep every link."""
    problem = to_rcpsp(plan, np.ones((plan.size, 1)), [capacity])
    assert check(problem, heuristic(problem).starts) == []
