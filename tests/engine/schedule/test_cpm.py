"""CPM against a brute-force reference, by its properties, and on the 480 PSPLIB j30 instances."""

from __future__ import annotations

import csv

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pmo.engine.schedule import NO_CONSTRAINT, Activity, CycleError, Link, LinkType, Network, cpm
from pmo.engine.schedule.network import FROM_FINISH, TO_FINISH
from pmo.engine.schedule.psplib import read_sm


def random_network(rng: np.random.Generator, n: int, density: float = 0.35, max_lag: int = 4) -> Network:
    """A random acyclic network: links only go forward in a random permutation; all four types; leads and lags."""
    order = rng.permutation(n)
    preds, succs = [], []
    for i in range(n):
        for j in range(i + 1, n):
            if rng.random() < density:
                preds.append(order[i])
                succs.append(order[j])
    m = len(preds)
    return Network(
        duration=rng.integers(0, 9, n),
        predecessor=preds,
        successor=succs,
        link_type=rng.integers(0, 4, m),
        lag=rng.integers(-max_lag, max_lag + 1, m),
    )


def brute_force(network: Network) -> dict[str, np.ndarray | int]:
    """Relax every link until nothing changes (Bellman-Ford for longest paths): slow, obviously right."""
    n, d = network.size, network.duration
    links = list(
        zip(
            network.predecessor.tolist(),
            network.successor.tolist(),
            network.link_type.tolist(),
            network.lag.tolist(),
            strict=True,
        )
    )

    def weight(p: int, s: int, t: int, lag: int) -> int:
        return int(FROM_FINISH[t] * d[p] + lag - TO_FINISH[t] * d[s])

    es = [0] * n
    for _ in range(n + 1):
        for p, s, t, lag in links:
            es[s] = max(es[s], es[p] + weight(p, s, t, lag))
    finish = max((es[i] + int(d[i]) for i in range(n)), default=0)
    ls = [finish - int(d[i]) for i in range(n)]
    for _ in range(n + 1):
        for p, s, t, lag in links:
            ls[p] = min(ls[p], ls[s] - weight(p, s, t, lag))
    ff = [finish - es[i] - int(d[i]) for i in range(n)]
    for p, s, t, lag in links:
        ff[p] = min(ff[p], es[s] - es[p] - weight(p, s, t, lag))
    return {"es": np.array(es), "ls": np.array(ls), "ff": np.array(ff), "finish": finish}


@pytest.mark.parametrize("seed", range(300))
def test_agrees_exactly_with_brute_force(seed):
    rng = np.random.default_rng(seed)
    network = random_network(rng, int(rng.integers(1, 12)))
    result, reference = cpm(network), brute_force(network)
    assert result.project_duration == reference["finish"]
    np.testing.assert_array_equal(result.early_start, reference["es"])
    np.testing.assert_array_equal(result.late_start, reference["ls"])
    np.testing.assert_array_equal(result.free_float, reference["ff"])


@settings(max_examples=200, deadline=None)
@given(seed=st.integers(0, 2**32 - 1), n=st.integers(1, 40), density=st.floats(0.0, 0.5))
def test_properties(seed, n, density):
    network = random_network(np.random.default_rng(seed), n, density)
    r = cpm(network)
    assert (r.early_start >= 0).all()
    assert (r.early_start <= r.late_start).all()  # early ≤ late
    assert (r.total_float >= 0).all() and (r.free_float >= 0).all()
    assert (r.free_float <= r.total_float).all()
    assert r.project_duration == brute_force(network)["finish"]  # length of the longest path
    assert (r.total_float[r.critical] == 0).all() and r.critical.any()
    assert r.early_finish.max() == r.project_duration
    # every link holds in the early schedule
    w = network.link_weights()
    assert (r.early_start[network.successor] >= r.early_start[network.predecessor] + w).all()
    assert (r.late_start[network.successor] >= r.late_start[network.predecessor] + w).all()


def test_each_link_type_and_lag():
    cases = {
        ("FS", 2): 10 + 2,  # B starts 2 days after A finishes
        ("SS", 3): 3,
        ("FF", 1): 10 + 1 - 4,  # B finishes 1 day after A finishes
        ("SF", 6): 6 - 4,  # B finishes 6 days after A starts
        ("FS", -3): 10 - 3,  # a lead
    }
    for (kind, lag), expected in cases.items():
        network, index = Network.build([Activity("A", 10), Activity("B", 4)], [Link("A", "B", kind, lag)])
        assert cpm(network).early_start[index["B"]] == expected, (kind, lag)


def test_constraints_move_early_dates_and_can_make_float_negative():
    activities = [Activity("A", 5), Activity("B", 5, start_no_earlier=8), Activity("C", 2)]
    links = [Link("A", "B"), Link("A", "C"), Link("C", "B", "FS", 0)]
    network, index = Network.build(activities, links)
    r = cpm(network)
    assert r.early_start[index["B"]] == 8
    assert r.total_float[index["C"]] == 1  # B's late start 8 leaves C one day
    activities[2] = Activity("C", 2, finish_no_later=6)  # C must finish by working day 6
    r = cpm(Network.build(activities, links)[0])
    assert r.total_float[index["C"]] == 0
    tight, index = Network.build([Activity("A", 5), Activity("B", 5, finish_no_later=6)], [Link("A", "B")])
    r = cpm(tight)
    assert r.total_float[index["B"]] == -3 and r.total_float[index["A"]] == -3 and r.critical.all()


def test_a_cycle_is_refused_naming_its_activities():
    network, _ = Network.build(
        [Activity(k, 1, name=f"Task {k}") for k in "ABCDE"],
        [Link("A", "B"), Link("B", "C"), Link("C", "D"), Link("D", "B", "SS", 2), Link("D", "E")],
    )
    with pytest.raises(
        CycleError, match="the links form a cycle: Task B → Task C → Task D → Task B"
    ) as error:
        cpm(network)
    assert error.value.cycle == [1, 2, 3]


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"duration": [-1]}, "negative duration"),
        ({"predecessor": [0], "successor": [0], "link_type": [0], "lag": [0]}, "linked to itself"),
        ({"predecessor": [0], "successor": [5], "link_type": [0], "lag": [0]}, "outside 0"),
        ({"predecessor": [0], "successor": [1], "link_type": [7], "lag": [0]}, "link_type values"),
        ({"predecessor": [0], "successor": [1, 0], "link_type": [0], "lag": [0]}, "successor has 2 values"),
    ],
)
def test_invalid_networks_are_refused_clearly(kwargs, message):
    base = {"duration": [1, 1], "predecessor": [], "successor": [], "link_type": [], "lag": []}
    with pytest.raises(ValueError, match=message):
        Network(**{**base, **kwargs})


def test_link_type_names():
    assert LinkType.parse("ss") is LinkType.SS and LinkType.parse(3) is LinkType.SF
    with pytest.raises(ValueError, match="unknown link type 'XX'"):
        LinkType.parse("XX")


def test_empty_and_unlinked_networks():
    assert cpm(Network(duration=[], predecessor=[], successor=[], link_type=[], lag=[])).project_duration == 0
    r = cpm(Network(duration=[3, 5], predecessor=[], successor=[], link_type=[], lag=[]))
    assert r.project_duration == 5 and r.total_float.tolist() == [2, 0]


def test_unset_constraints_are_ignored():
    network = Network(
        duration=[2, 3], predecessor=[0], successor=[1], link_type=[0], lag=[0],
        start_no_earlier=[NO_CONSTRAINT, NO_CONSTRAINT], finish_no_later=[NO_CONSTRAINT, NO_CONSTRAINT],
    )  # fmt: skip
    assert cpm(network).early_start.tolist() == [0, 2]


def test_psplib_j30_critical_path_lengths(benchdata):
    folder = benchdata / "psplib" / "j30" / "instances"
    files = sorted(folder.glob("*.sm"))
    assert len(files) == 480
    mismatches = []
    for path in files:
        instance = read_sm(path)
        if cpm(instance.network).project_duration != instance.mpm_time:
            mismatches.append(path.name)
    assert not mismatches


def test_psplib_best_known_makespans_are_at_least_the_critical_path(benchdata):
    folder = benchdata / "psplib" / "j30"
    with open(folder / "j30_best.csv") as handle:
        best = {row["instance"]: int(row["best"]) for row in csv.DictReader(handle)}
    for name in list(best)[:60]:
        assert cpm(read_sm(folder / "instances" / f"{name}.sm").network).project_duration <= best[name]
