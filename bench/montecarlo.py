"""Benchmark: Monte Carlo schedule risk, activity-iterations per second (sampling included).

    uv run python bench/montecarlo.py [ACTIVITIES:ITERATIONS ...]     (default: 1000:10000 10000:10000)

Networks as in bench/cpm.py (random layered, all link types, lags); every activity has a triangular estimate
(0.8 × / 1 × / 1.5 × its duration) and one risk event (probability 0.3, factor 1.05–1.3) hits every 7th activity.
Baseline, in the same run: a straightforward pure-Python loop — per iteration, sample each duration with
`random.triangular`, then a forward and backward pass over the links in topological order — timed on a sample of
iterations. The engine's figure is the median of three runs. Last line: JSON.
"""

from __future__ import annotations

import json
import random
import resource
import sys
import time

from cpm import layered_network

from pmo.engine.schedule import Network, order_network
from pmo.engine.schedule.montecarlo import RiskDriver, RiskModel, simulate
from pmo.engine.schedule.network import FROM_FINISH, TO_FINISH


def model_for(n: int) -> RiskModel:
    network = layered_network(n)
    d = network.duration.astype(float)
    risk = RiskDriver("risk event", 0.3, tuple(range(0, n, 7)), (1.05, 1.1, 1.3))
    return RiskModel(network, d * 0.8, d, d * 1.5, drivers=[risk])


def python_loop(model: RiskModel, iterations: int, seed: int = 1) -> float:
    """Seconds per iteration of the plain loop."""
    network: Network = model.network
    order = order_network(network)
    links = sorted(
        zip(
            network.predecessor.tolist(),
            network.successor.tolist(),
            network.link_type.tolist(),
            network.lag.tolist(),
            strict=True,
        ),
        key=lambda link: order.level[link[1]],
    )
    low, mode, high = model.optimistic.tolist(), model.most_likely.tolist(), model.pessimistic.tolist()
    driver = model.drivers[0]
    hit = set(driver.activities)
    rng = random.Random(seed)
    started = time.perf_counter()
    for _ in range(iterations):
        factor = (
            rng.triangular(driver.impact[0], driver.impact[2], driver.impact[1])
            if rng.random() < 0.3
            else 1.0
        )
        d = [
            rng.triangular(low[i], high[i], mode[i]) * (factor if i in hit else 1.0)
            for i in range(network.size)
        ]
        es = [0.0] * network.size
        for p, s, t, lag in links:
            es[s] = max(es[s], es[p] + FROM_FINISH[t] * d[p] + lag - TO_FINISH[t] * d[s])
        finish = max(e + x for e, x in zip(es, d, strict=True))
        ls = [finish - x for x in d]
        for p, s, t, lag in reversed(links):
            ls[p] = min(ls[p], ls[s] - FROM_FINISH[t] * d[p] - lag + TO_FINISH[t] * d[s])
    return (time.perf_counter() - started) / iterations


def main(cases: list[tuple[int, int]]) -> None:
    rows = []
    simulate(model_for(500), iterations=2_000)  # warm up
    for n, iterations in cases:
        model = model_for(n)
        runs = [simulate(model, iterations=iterations, seed=1) for _ in range(3)]
        result = sorted(runs, key=lambda r: r.runtime)[1]  # the median of three runs
        rate = n * iterations / result.runtime
        sample = max(3, min(50, 200_000 // n))
        baseline_rate = n / python_loop(model, sample)
        rows.append(
            {
                "activities": n,
                "iterations": iterations,
                "seconds": round(result.runtime, 3),
                "activity_iterations_per_second": round(rate),
                "baseline_per_second": round(baseline_rate),
                "baseline_sample_iterations": sample,
                "ratio": round(rate / baseline_rate, 1),
                "p50": round(result.p50, 1),
                "p90": round(result.p90, 1),
                "max_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024,
            }
        )
    print(
        f"{'activities':>10} {'iterations':>10} {'seconds':>8} {'act-it/s':>14} {'python/s':>11} {'ratio':>7} {'RSS MB':>7}"
    )
    for r in rows:
        print(
            f"{r['activities']:>10,} {r['iterations']:>10,} {r['seconds']:>8.2f} {r['activity_iterations_per_second']:>14,}"
            f" {r['baseline_per_second']:>11,} {r['ratio']:>7.1f} {r['max_rss_mb']:>7}"
        )
    print(json.dumps({"bench": "montecarlo", "rows": rows}))


if __name__ == "__main__":
    parsed = [tuple(int(x) for x in arg.split(":")) for arg in sys.argv[1:]]
    main(parsed or [(1_000, 10_000), (10_000, 10_000)])
