"""Benchmark: resource-constrained scheduling on PSPLIB, the exact solver and the priority-rule heuristic side by side.

    uv run python bench/rcpsp.py [DIR] [--time-limit S] [--limit N] [--workers W] [--only NAME,NAME]

DIR defaults to ../shared/benchdata/psplib/j30 (instances in DIR/instances, best-known values in DIR/*_best.csv).
Per instance: makespan, gap to best-known, proven optimal or not, seconds — for CP-SAT and, in the same run, for the
heuristic (latest-finish-time rule with forward–backward improvement). Every schedule is checked by the independent
feasibility checker. Last line: JSON with the totals.
"""

from __future__ import annotations

import argparse
import csv
import json
import statistics
from pathlib import Path

from pmo.engine.schedule.psplib import read_sm
from pmo.engine.schedule.rcpsp import Rcpsp, check, heuristic, solve

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "benchdata" / "psplib" / "j30"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("dir", nargs="?", default=str(DEFAULT))
    parser.add_argument("--time-limit", type=float, default=10.0)
    parser.add_argument(
        "--limit",
        type=int,
        default=0,
        help="an even sample of N instances across the parameter sets (0: all)",
    )
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--only", default="", help="comma-separated instance names, e.g. j3013_2,j3029_3")
    args = parser.parse_args()
    folder = Path(args.dir)
    best_file = next(folder.glob("*_best.csv"))
    best = {row["instance"]: int(row["best"]) for row in csv.DictReader(best_file.open())}
    files = sorted((folder / "instances").glob("*.sm"), key=lambda f: [int(x) for x in f.stem[3:].split("_")])
    if args.only:
        wanted = set(args.only.split(","))
        files = [f for f in files if f.stem in wanted]
    if args.limit:
        files = files[:: max(1, len(files) // args.limit)][: args.limit]
    rows = []
    print(
        f"{'instance':>10} {'best':>5} {'cp-sat':>6} {'gap %':>6} {'proven':>6} {'s':>6} {'heur.':>6} {'gap %':>6} {'s':>7}"
    )
    for path in files:
        problem = Rcpsp.from_psplib(read_sm(path))
        quick = heuristic(problem)
        exact = solve(problem, time_limit=args.time_limit, workers=args.workers, start=quick)
        for result in (quick, exact):
            problems = check(problem, result.starts)
            assert not problems, (path.name, result.method, problems[:3])
        known = best[path.stem]
        row = {
            "instance": path.stem,
            "best": known,
            "cp_sat": exact.makespan,
            "cp_sat_gap": (exact.makespan - known) / known,
            "proven": exact.optimal,
            "cp_sat_s": exact.runtime,
            "heuristic": quick.makespan,
            "heuristic_gap": (quick.makespan - known) / known,
            "heuristic_s": quick.runtime,
        }
        rows.append(row)
        print(
            f"{row['instance']:>10} {known:>5} {exact.makespan:>6} {100 * row['cp_sat_gap']:>6.2f} {exact.optimal!s:>6}"
            f" {exact.runtime:>6.2f} {quick.makespan:>6} {100 * row['heuristic_gap']:>6.2f} {quick.runtime:>7.4f}",
            flush=True,
        )
    summary = {
        "bench": "rcpsp",
        "set": folder.name,
        "instances": len(rows),
        "time_limit_s": args.time_limit,
        "workers": args.workers,
        "cp_sat": {
            "matching_best": sum(r["cp_sat"] == r["best"] for r in rows),
            "below_best": sum(r["cp_sat"] < r["best"] for r in rows),
            "proven_optimal": sum(r["proven"] for r in rows),
            "mean_gap_pct": round(100 * statistics.mean(r["cp_sat_gap"] for r in rows), 3),
            "median_s": round(statistics.median(r["cp_sat_s"] for r in rows), 3),
        },
        "heuristic": {
            "matching_best": sum(r["heuristic"] == r["best"] for r in rows),
            "mean_gap_pct": round(100 * statistics.mean(r["heuristic_gap"] for r in rows), 3),
            "median_s": round(statistics.median(r["heuristic_s"] for r in rows), 4),
        },
    }
    summary["ratio_gap_heuristic_to_cp_sat"] = (
        round(summary["heuristic"]["mean_gap_pct"] / summary["cp_sat"]["mean_gap_pct"], 1)
        if summary["cp_sat"]["mean_gap_pct"]
        else None
    )
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
