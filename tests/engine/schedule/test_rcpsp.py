"""Resource-constrained scheduling: refusals, the feasibility checker, the heuristic and the exact solver against
PSPLIB best-known values and against brute force on small random problems."""

from __future__ import annotations

import csv
import itertools

import numpy as np
import pytest

from pmo.engine.schedule.psplib import read_sm
from pmo.engine.schedule.rcpsp import Rcpsp, check, heuristic, lower_bound, solve


def small(duration, links, demand, capacity) -> Rcpsp:
    return Rcpsp(
        duration=duration,
        predecessor=[p for p, _s in links],
        successor=[s for _p, s in links],
        demand=demand,
        capacity=capacity,
        names=[chr(65 + i) for i in range(len(duration))],
        resource_names=["architect", "developer"][: len(capacity)],
    )


def test_bad_input_is_refused_naming_the_item():
    with pytest.raises(ValueError, match="activity B needs 3 of developer, but only 2 exist"):
        small([1, 1], [], [[0, 0], [1, 3]], [1, 2])
    with pytest.raises(ValueError, match="activity A has a negative duration"):
        small([-1], [], [[0]], [1])
    with pytest.raises(ValueError, match="resource architect has a negative capacity"):
        small([1], [], [[0]], [-1])
    with pytest.raises(ValueError, match="cycle: A → B → A"):
        small([1, 1], [(0, 1), (1, 0)], [[0], [0]], [1])


def test_the_checker_finds_link_and_capacity_violations():
    problem = small([2, 2, 2], [(0, 1)], [[1], [1], [1]], [1])
    assert check(problem, np.array([0, 2, 4])) == []
    problems = check(problem, np.array([0, 1, 2]))
    assert any("B starts at 1, before A allows (2)" in p for p in problems)
    assert any("period 1: 2 of architect in use, 1 exist" in p for p in problems)


def test_two_tasks_sharing_one_person_run_one_after_the_other():
    problem = small([3, 4], [], [[1], [1]], [1])
    result = solve(problem, time_limit=5)
    assert result.makespan == 7 and result.optimal and not check(problem, result.starts)


def _brute_force(problem: Rcpsp) -> int:
    """The shortest makespan over every order of the serial scheme (exact for regular objectives: some order of
    the serial scheme gives an optimal active schedule)."""
    from pmo.engine.schedule.rcpsp import _Sgs

    sgs, best = _Sgs(problem), None
    n = problem.size
    for order in itertools.permutations(range(n)):
        position = {j: i for i, j in enumerate(order)}
        if any(
            position[p] > position[s] for p, s in zip(problem.predecessor, problem.successor, strict=True)
        ):
            continue
        span = int((sgs.run(order) + problem.duration).max())
        best = span if best is None else min(best, span)
    return best


@pytest.mark.parametrize("seed", range(12))
def test_exact_agrees_with_brute_force_and_heuristic_is_feasible(seed):
    rng = np.random.default_rng(seed)
    n = 6
    links = [(i, j) for i in range(n) for j in range(i + 1, n) if rng.random() < 0.25]
    problem = small(rng.integers(1, 6, n), links, rng.integers(0, 3, (n, 2)), [2, 3])
    quick, exact = heuristic(problem), solve(problem, time_limit=5, workers=1)
    assert not check(problem, quick.starts) and not check(problem, exact.starts)
    assert exact.optimal and exact.makespan == _brute_force(problem)
    assert lower_bound(problem) <= exact.makespan <= quick.makespan


def test_psplib_j30_best_known_values(benchdata):
    folder = benchdata / "psplib" / "j30"
    best = {r["instance"]: int(r["best"]) for r in csv.DictReader((folder / "j30_best.csv").open())}
    for name in ("j301_1", "j301_2", "j305_3", "j3010_1", "j3020_4", "j3046_7"):
        problem = Rcpsp.from_psplib(read_sm(folder / "instances" / f"{name}.sm"))
        quick = heuristic(problem)
        exact = solve(problem, time_limit=10, start=quick)
        assert not check(problem, quick.starts) and not check(problem, exact.starts)
        assert exact.makespan == best[name], name
        assert quick.makespan >= exact.makespan >= exact.lower_bound


def test_forward_backward_improvement_never_makes_it_worse(benchdata):
    folder = benchdata / "psplib" / "j30" / "instances"
    better = 0
    for path in sorted(folder.glob("j301*_*.sm"))[:40]:
        problem = Rcpsp.from_psplib(read_sm(path))
        plain, improved = heuristic(problem, improve=False), heuristic(problem)
        assert improved.makespan <= plain.makespan and not check(problem, improved.starts)
        better += improved.makespan < plain.makespan
    assert better > 5  # it does improve a good share of them
