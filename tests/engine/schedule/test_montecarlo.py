"""Monte Carlo schedule risk: exact passes, the right statistics, reproducible, with risk drivers."""

from __future__ import annotations

import numpy as np
import pytest

from pmo.engine.schedule import Network, cpm
from pmo.engine.schedule.montecarlo import DTYPE, RiskDriver, RiskModel, _pass, _run, simulate
from pmo.engine.schedule.network import FROM_FINISH, TO_FINISH

from .test_cpm import random_network


def chain(n: int, duration: int = 10) -> Network:
    return Network(
        duration=np.full(n, duration),
        predecessor=np.arange(n - 1),
        successor=np.arange(1, n),
        link_type=np.zeros(n - 1, int),
        lag=np.zeros(n - 1, int),
    )


def reference(network: Network, duration: np.ndarray) -> tuple[float, np.ndarray, np.ndarray]:
    """Float durations, one iteration, by relaxing every link until nothing changes."""
    n = network.size
    links = list(
        zip(
            network.predecessor.tolist(),
            network.successor.tolist(),
            network.link_type.tolist(),
            network.lag.tolist(),
            strict=True,
        )
    )

    def w(p, s, t, lag):
        return FROM_FINISH[t] * duration[p] + lag - TO_FINISH[t] * duration[s]

    es = np.zeros(n)
    for _ in range(n + 1):
        for p, s, t, lag in links:
            es[s] = max(es[s], es[p] + w(p, s, t, lag))
    finish = float((es + duration).max())
    ls = finish - duration
    for _ in range(n + 1):
        for p, s, t, lag in links:
            ls[p] = min(ls[p], ls[s] - w(p, s, t, lag))
    return finish, es, ls


@pytest.mark.parametrize("seed", range(60))
def test_vectorised_passes_agree_with_a_reference_for_every_iteration(seed):
    rng = np.random.default_rng(seed)
    network = random_network(rng, int(rng.integers(1, 14)))
    iterations = 7
    duration = (rng.random((network.size, iterations)) * 10).astype(DTYPE)
    from pmo.engine.schedule.cpm import order_network

    order = order_network(network)
    early = np.concatenate((np.zeros_like(duration), duration))
    _run(_pass(network, order.level, order.levels, True, DTYPE), early, duration, True)
    finish = early[network.size :].max(axis=0)
    late = np.concatenate((finish - duration, np.broadcast_to(finish, duration.shape)))
    _run(_pass(network, order.level, order.levels, False, DTYPE), late, duration, False)
    for k in range(iterations):
        expected_finish, es, ls = reference(network, duration[:, k].astype(np.float64))
        assert finish[k] == pytest.approx(expected_finish, abs=1e-3)
        np.testing.assert_allclose(early[: network.size, k], es, atol=1e-3)
        np.testing.assert_allclose(late[: network.size, k], ls, atol=1e-3)


def test_without_uncertainty_every_iteration_is_the_plan():
    network = random_network(np.random.default_rng(5), 30, density=0.2)
    plan = cpm(network)
    result = simulate(RiskModel.deterministic(network), iterations=50, seed=1)
    assert (result.finish == plan.project_duration).all()
    np.testing.assert_array_equal(result.criticality, plan.critical.astype(float))
    assert result.deterministic_finish == plan.project_duration


def test_chain_of_triangular_durations_has_the_analytic_mean():
    n = 200
    result = simulate(
        RiskModel(chain(n), np.full(n, 5.0), np.full(n, 10.0), np.full(n, 20.0)), iterations=20_000, seed=7
    )
    assert result.mean == pytest.approx(n * (5 + 10 + 20) / 3, rel=0.005)
    assert (result.criticality == 1).all()
    assert result.p10 < result.p50 < result.p80 < result.p90


def test_beta_pert_mean_and_latin_hypercube():
    n = 50
    model = RiskModel(chain(n), np.full(n, 4.0), np.full(n, 10.0), np.full(n, 22.0), distribution="pert")
    expected = n * (4 + 4 * 10 + 22) / 6
    assert simulate(model, iterations=20_000, seed=2).mean == pytest.approx(expected, rel=0.005)
    lhs = simulate(model, iterations=4_000, seed=2, latin_hypercube=True)
    assert lhs.mean == pytest.approx(expected, rel=0.005)
    triangular = RiskModel(chain(n), np.full(n, 4.0), np.full(n, 10.0), np.full(n, 22.0))
    assert simulate(triangular, iterations=4_000, seed=2, latin_hypercube=True).mean == pytest.approx(
        n * 12, rel=0.005
    )


def test_same_seed_same_result_whatever_the_number_of_workers():
    network = random_network(np.random.default_rng(3), 40, density=0.15)
    d = network.duration.astype(float)
    model = RiskModel(network, d * 0.5, d, d * 2, drivers=[RiskDriver("R", 0.4, (0, 1, 2), (1.1, 1.3, 2.0))])
    one = simulate(model, iterations=3_000, seed=11, chunk=500, workers=1)
    two = simulate(model, iterations=3_000, seed=11, chunk=500, workers=2)
    np.testing.assert_array_equal(one.finish, two.finish)
    np.testing.assert_array_equal(one.criticality, two.criticality)
    assert not np.array_equal(one.finish, simulate(model, iterations=3_000, seed=12, chunk=500).finish)


def test_a_certain_uncertainty_scales_the_whole_chain():
    n = 10
    model = RiskModel.deterministic(
        chain(n), drivers=[RiskDriver("Scope", 1.0, tuple(range(n)), (2.0, 2.0, 2.0))]
    )
    np.testing.assert_allclose(simulate(model, iterations=100).finish, 2 * 10 * n)


def test_elapsed_work_is_neither_sampled_nor_multiplied_by_drivers():
    n = 10  # chain of 10 activities of 10 days, each with 4 days behind it and 6 to go
    remaining = np.full(n, 6.0)
    model = RiskModel(
        chain(n),
        remaining,
        remaining,
        remaining,
        drivers=[RiskDriver("Scope", 1.0, tuple(range(n)), (2.0, 2.0, 2.0))],
        elapsed=np.full(n, 4.0),
    )
    result = simulate(model, iterations=100)
    np.testing.assert_allclose(result.finish, n * (4 + 2 * 6))  # not 2 × 10 per activity
    assert result.deterministic_finish == n * 10
    with pytest.raises(ValueError, match="elapsed needs 10 values"):
        RiskModel(chain(n), remaining, remaining, remaining, elapsed=np.full(n, -1.0))


def test_risk_event_probability_and_tornado():
    n = 20
    drivers = [
        RiskDriver("Vergunning te laat", 0.3, (0,), (3.0, 3.0, 3.0)),  # +20 days when it occurs
        RiskDriver("Kleine vertraging", 0.5, (5,), (1.1, 1.1, 1.1)),  # +1 day
    ]
    result = simulate(RiskModel.deterministic(chain(n), drivers=drivers), iterations=20_000, seed=4)
    assert np.mean(result.finish > 215) == pytest.approx(0.3, abs=0.02)
    top = result.tornado(2)
    assert top[0].name == "Vergunning te laat" and top[0].kind == "risk"
    assert top[0].swing == pytest.approx(20, abs=0.01)


def test_criticality_index_on_parallel_paths():
    # A (uncertain, often longer) and B (fixed) run in parallel between start S and end E
    network = Network(
        duration=[0, 10, 11, 0],
        predecessor=[0, 0, 1, 2],
        successor=[1, 2, 3, 3],
        link_type=[0] * 4,
        lag=[0] * 4,
    )
    model = RiskModel(
        network, np.array([0, 5, 11, 0.0]), np.array([0, 10, 11, 0.0]), np.array([0, 20, 11, 0.0])
    )
    result = simulate(model, iterations=20_000, seed=9)
    p_a_longer = np.mean(result.finish > 11 + 1e-6)
    assert result.criticality[1] == pytest.approx(p_a_longer, abs=0.01)
    assert result.criticality[1] + result.criticality[2] == pytest.approx(1.0, abs=0.01)
    assert 0 < result.cruciality[1] <= 1 and result.cruciality[2] == 0


def test_curves_and_statistics():
    n = 30
    result = simulate(
        RiskModel(chain(n), np.full(n, 5.0), np.full(n, 10.0), np.full(n, 20.0)), iterations=5_000
    )
    values, probabilities = result.s_curve()
    assert (np.diff(values) >= 0).all() and probabilities[0] == 0 and probabilities[-1] == 1
    counts, edges = result.histogram(25)
    assert counts.sum() == 5_000 and edges.size == 26
    assert result.probability_by(result.p80) == pytest.approx(0.8, abs=0.01)
    assert result.activity_iterations_per_second > 0


def test_progress_is_reported_per_chunk():
    seen = []
    simulate(
        RiskModel.deterministic(chain(5)),
        iterations=1_000,
        chunk=256,
        progress=lambda done, total: seen.append(done),
    )
    assert seen == [256, 512, 768, 1_000]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"optimistic": np.array([5.0, 1.0])}, "optimistic ≤ most likely ≤ pessimistic"),
        ({"pessimistic": np.array([1.0])}, "needs 2 values"),
        ({"distribution": "normal"}, "distribution must be one of"),
        ({"drivers": [RiskDriver("X", 0.5, (9,), (1, 1, 1))]}, "outside 0"),
    ],
)
def test_invalid_models_are_refused(change, message):
    base = {
        "network": chain(2),
        "optimistic": np.ones(2),
        "most_likely": np.ones(2) * 2,
        "pessimistic": np.ones(2) * 3,
    }
    with pytest.raises(ValueError, match=message):
        RiskModel(**{**base, **change})


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"probability": 0}, "probability"),
        ({"impact": (2, 1, 3)}, "impact"),
        ({"activities": ()}, "affects no activity"),
    ],
)
def test_invalid_drivers_are_refused(kwargs, message):
    with pytest.raises(ValueError, match=message):
        RiskDriver(**{"name": "R", "probability": 0.5, "activities": (0,), "impact": (1, 1.2, 1.5), **kwargs})
