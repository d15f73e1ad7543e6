"""Benchmark: OR-Library multidimensional knapsack problems solved through the portfolio optimiser's public API.

    uv run python bench/mknap.py [FILES...] [--time-limit S] [--limit N]

Each item becomes a candidate project, each constraint a monthly budget (see `pmo.engine.portfolio.orlib`). FILES
default to ../shared/benchdata/mknap/mknap1.txt and mknapcb1–3.txt; the time limit defaults to 10 s for up to 250
items and 30 s above. Per instance: value, best known (the file header for mknap1, `best_known.csv` otherwise), gap,
proven optimal or not, seconds; every solution is checked by the independent checker. The baseline in the same run
is the greedy ranking (value per cost) — what a ranked list with a cut-off line gives. Last line: JSON per file.
"""

from __future__ import annotations

import argparse
import csv
import json
import statistics
from pathlib import Path

from pmo.engine.portfolio import greedy, solve, violations
from pmo.engine.portfolio.orlib import read

DATA = Path(__file__).resolve().parents[2] / "shared" / "benchdata" / "mknap"
FILES = ("mknap1.txt", "mknapcb1.txt", "mknapcb2.txt", "mknapcb3.txt")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("files", nargs="*", default=[str(DATA / f) for f in FILES])
    parser.add_argument(
        "--time-limit", type=float, default=0.0, help="seconds per instance (0: 10 s, 30 s > 250 items)"
    )
    parser.add_argument("--limit", type=int, default=0, help="the first N problems of each file (0: all)")
    args = parser.parse_args()
    best = {}
    with (DATA / "best_known.csv").open() as f:
        for row in csv.DictReader(f):
            best[(row["file"], int(row["index_in_file"]))] = float(row["best"])
    print(
        f"{'instance':>14} {'items':>5} {'best':>9} {'value':>9} {'gap %':>7} {'proven':>6} {'s':>6} {'greedy gap %':>12}"
    )
    summary = {}
    for name in args.files:
        path = Path(name)
        rows = []
        for k, knapsack in enumerate(read(path), start=1):
            if args.limit and k > args.limit:
                break
            problem = knapsack.problem()
            limit = args.time_limit or (10.0 if problem.size <= 250 else 30.0)
            result = solve(problem, time_limit=limit)
            baseline = greedy(problem)
            for solution in (result, baseline):
                wrong = violations(problem, solution.starts)
                assert not wrong, (knapsack.name, solution.method, wrong[:3])
            known = knapsack.optimum or best.get((path.name, k))
            if not known:
                print(f"{knapsack.name:>14}: no best-known value; skipped")
                continue
            gap = max(known - result.value, 0.0) / known * 100
            greedy_gap = (known - baseline.value) / known * 100
            rows.append(
                {
                    "gap": gap,
                    "seconds": result.seconds,
                    "proven": result.status == "optimal",
                    "at_best": result.value >= known - 1e-6,
                    "above_best": result.value > known + 1e-6,
                    "greedy_gap": greedy_gap,
                }
            )
            print(
                f"{knapsack.name:>14} {problem.size:>5} {known:>9.1f} {result.value:>9.1f} {gap:>7.3f} "
                f"{'yes' if result.status == 'optimal' else 'no':>6} {result.seconds:>6.2f} {greedy_gap:>12.3f}",
                flush=True,
            )
        if not rows:
            continue
        summary[path.stem] = {
            "instances": len(rows),
            "mean_gap_pct": round(statistics.fmean(r["gap"] for r in rows), 4),
            "max_gap_pct": round(max(r["gap"] for r in rows), 4),
            "at_best": sum(r["at_best"] for r in rows),
            "above_best": sum(r["above_best"] for r in rows),
            "proven_optimal": sum(r["proven"] for r in rows),
            "max_s": round(max(r["seconds"] for r in rows), 2),
            "greedy_mean_gap_pct": round(statistics.fmean(r["greedy_gap"] for r in rows), 3),
        }
        summary[path.stem]["gap_ratio_greedy_vs_optimiser"] = round(
            summary[path.stem]["greedy_mean_gap_pct"] / max(summary[path.stem]["mean_gap_pct"], 1e-4), 1
        )
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
