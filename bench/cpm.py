"""Benchmark: full CPM (all four link types, lags, both floats) on seeded random layered networks.

    uv run python bench/cpm.py [SIZES...]          (default: 10000 100000 1000000)

Networks: about sqrt(n) layers; every activity outside the first layer gets 3 predecessors from the three layers
before it, with a random link type (FS 70 %, SS/FF/SF 10 % each) and a lag of -2 … +5 working days.
Baseline, in the same run: networkx — the graph in topological order, a plain forward and backward pass in Python.
Both results are compared; the table shows seconds and the ratio baseline / engine. Last line: JSON.
"""

from __future__ import annotations

import json
import sys
import time

import networkx as nx
import numpy as np

from pmo.engine.schedule import Network, cpm
from pmo.engine.schedule.network import FROM_FINISH, TO_FINISH


def layered_network(n: int, seed: int = 42, links_per_activity: int = 3) -> Network:
    rng = np.random.default_rng(seed)
    layers = max(2, int(np.sqrt(n)))
    layer = np.sort(rng.integers(0, layers, n))
    layer[0] = 0
    starts = np.searchsorted(layer, np.arange(layers + 1))
    succ = np.repeat(np.flatnonzero(layer > 0), links_per_activity)
    back = rng.integers(1, 4, succ.size)
    source_layer = np.maximum(layer[succ] - back, 0)
    lo, hi = starts[source_layer], starts[source_layer + 1]
    empty = hi <= lo
    source_layer[empty] = 0
    lo, hi = starts[source_layer], starts[source_layer + 1]
    pred = lo + (rng.random(succ.size) * (hi - lo)).astype(np.int64)
    keep = layer[pred] < layer[succ]
    pred, succ = pred[keep], succ[keep]
    m = pred.size
    link_type = rng.choice(4, m, p=[0.7, 0.1, 0.1, 0.1])
    return Network(
        duration=rng.integers(0, 20, n),
        predecessor=pred,
        successor=succ,
        link_type=link_type,
        lag=rng.integers(-2, 6, m),
    )


def networkx_cpm(network: Network) -> tuple[np.ndarray, np.ndarray]:
    """The textbook way: a DiGraph, topological order, then relax each node's links in Python."""
    d = network.duration.tolist()
    graph = nx.DiGraph()
    graph.add_nodes_from(range(network.size))
    weights = (
        FROM_FINISH[network.link_type] * network.duration[network.predecessor]
        + network.lag
        - TO_FINISH[network.link_type] * network.duration[network.successor]
    ).tolist()
    for p, s, w in zip(network.predecessor.tolist(), network.successor.tolist(), weights, strict=True):
        if graph.has_edge(p, s):
            graph[p][s]["w"] = max(graph[p][s]["w"], w)
        else:
            graph.add_edge(p, s, w=w)
    order = list(nx.topological_sort(graph))
    es = dict.fromkeys(order, 0)
    for node in order:
        for succ, data in graph.succ[node].items():
            es[succ] = max(es[succ], es[node] + data["w"])
    finish = max(es[i] + d[i] for i in order)
    ls = {i: finish - d[i] for i in order}
    for node in reversed(order):
        for succ, data in graph.succ[node].items():
            ls[node] = min(ls[node], ls[succ] - data["w"])
    return np.array([es[i] for i in range(network.size)]), np.array([ls[i] for i in range(network.size)])


def main(sizes: list[int]) -> None:
    rows = []
    for n in sizes:
        network = layered_network(n)
        cpm(layered_network(1000))  # warm up numpy
        started = time.perf_counter()
        result = cpm(network)
        engine_s = time.perf_counter() - started
        started = time.perf_counter()
        es, ls = networkx_cpm(network)
        baseline_s = time.perf_counter() - started
        assert np.array_equal(es, result.early_start) and np.array_equal(ls, result.late_start), (
            "results differ"
        )
        rows.append(
            {
                "activities": n,
                "links": int(network.predecessor.size),
                "levels": result.levels,
                "engine_s": round(engine_s, 3),
                "networkx_s": round(baseline_s, 3),
                "ratio": round(baseline_s / engine_s, 1),
                "critical": int(result.critical.sum()),
            }
        )
        print(f"{n:>9,} activities done", file=sys.stderr)
    print(f"{'activities':>11} {'links':>10} {'levels':>7} {'engine s':>9} {'networkx s':>11} {'ratio':>7}")
    for r in rows:
        print(
            f"{r['activities']:>11,} {r['links']:>10,} {r['levels']:>7} {r['engine_s']:>9.3f}"
            f" {r['networkx_s']:>11.3f} {r['ratio']:>7.1f}"
        )
    print(json.dumps({"bench": "cpm", "rows": rows}))


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [10_000, 100_000, 1_000_000])
