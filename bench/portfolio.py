"""Benchmark: select and schedule seeded portfolios (or your own problem file) with the optimiser, beside the greedy
ranking that ranking-based tools use.

    uv run python bench/portfolio.py [FILE.json ...] [--sizes 50,200,500] [--time-limit 60] [--seed 1] [--solvers]

Without files: seeded portfolios of 50, 200 and 500 candidates × 36 months × 8 roles (`generate.portfolio`:
durations 3–18 months, ramping cost and role-demand profiles, benefit streams after delivery discounted at 8 %,
monthly budget 40 % of what all candidates would need, capacity per role 40 % of total demand, 20 precedence
pairs). FILE.json is a problem in the engine's JSON form (see `pmo.engine.portfolio.problem`). Per problem:
optimiser value, proven bound, gap, seconds, greedy value and the ratio optimiser / greedy; every solution passes
the independent checker. `--solvers` also runs HiGHS alone and CP-SAT from the greedy start for the same time (the
comparison behind the choice of method). Last line: JSON.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from pmo.engine.portfolio import Problem, greedy, solve, violations
from pmo.engine.portfolio.generate import portfolio
from pmo.engine.portfolio.model import build
from pmo.engine.portfolio.solve import cpsat, highs


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("files", nargs="*")
    parser.add_argument("--sizes", default="50,200,500")
    parser.add_argument("--time-limit", type=float, default=60.0)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument(
        "--solvers", action="store_true", help="also HiGHS alone and CP-SAT from the greedy start"
    )
    args = parser.parse_args()
    problems = [(Path(f).stem, Problem.from_json(Path(f).read_text())) for f in args.files] or [
        (f"seeded {n}", portfolio(int(n), seed=args.seed)) for n in args.sizes.split(",")
    ]
    print(
        f"{'problem':>12} {'cand.':>5} {'greedy':>10} {'optimiser':>10} {'bound':>10} {'gap %':>6} {'s':>6} "
        f"{'× greedy':>8} {'chosen':>6}"
    )
    out = {}
    for name, problem in problems:
        model = build(problem)
        base = greedy(problem, model)
        result = solve(problem, time_limit=args.time_limit, model=model)
        for solution in (base, result):
            wrong = violations(problem, solution.starts) if solution.feasible else []
            assert not wrong, (name, solution.method, wrong[:3])
        ratio = result.value / base.value if base.value else float("nan")
        print(
            f"{name:>12} {problem.size:>5} {base.value:>10.1f} {result.value:>10.1f} {result.bound:>10.1f} "
            f"{result.gap * 100:>6.2f} {result.seconds:>6.1f} {ratio:>8.3f} {len(result.starts):>6}",
            flush=True,
        )
        figures = {
            "candidates": problem.size,
            "greedy": round(base.value, 1),
            "value": round(result.value, 1),
            "bound": round(result.bound, 1),
            "gap_pct": round(result.gap * 100, 2),
            "seconds": round(result.seconds, 1),
            "ratio_vs_greedy": round(ratio, 4),
            "status": result.status,
        }
        if args.solvers:
            start = model.vector(dict(base.starts)) if base.feasible else None
            for label, run in (("highs_alone", highs), ("cpsat_greedy_start", cpsat)):
                began = time.perf_counter()
                other = run(model, start=start, time_limit=args.time_limit)
                seconds = time.perf_counter() - began
                if other.x is not None:
                    wrong = violations(problem, model.starts_of(other.x))
                    assert not wrong, (name, label, wrong[:3])
                gap = (other.bound - other.value) / other.value * 100 if other.x is not None else float("inf")
                print(
                    f"{'':>12} {label}: value {other.value:.1f}, bound {other.bound:.1f}, gap {gap:.2f} %, "
                    f"{seconds:.1f} s, × greedy {other.value / base.value:.3f}",
                    flush=True,
                )
                figures[label] = {
                    "value": round(other.value, 1),
                    "gap_pct": round(gap, 2),
                    "ratio_vs_greedy": round(other.value / base.value, 4),
                }
        out[name] = figures
    print(json.dumps(out))


if __name__ == "__main__":
    main()
