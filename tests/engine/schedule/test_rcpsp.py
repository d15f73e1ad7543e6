"""Resource-constrained scheduling: refusals, the feasibility checker, the heuristic and the exact solver against
PSPLIB best-known values and against brute force on small random problems."""

from __future__ import annotations

import csv
import itertools

import numpy as np
import pytest

from pmo.engine.schedule.cpm import cpm
from pmo.engine.schedule.psplib import read_sm
from pmo.engine.schedule.rcpsp import Rcpsp, check, heuristic, lower_bound, solve
from pmo.engine.schedule.rcpsp_exact import NO_PATH, conflict_cliques, longest_paths


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


def test_psplib_j30_best_known_values_proven_optimal(benchdata):
    folder = benchdata / "psplib" / "j30"
    best = {r["instance"]: int(r["best"]) for r in csv.DictReader((folder / "j30_best.csv").open())}
    # j3013_8: the hardest parameter set (every activity needs every resource, capacities tight)
    for name in ("j301_1", "j301_2", "j305_3", "j3010_1", "j3020_4", "j3046_7", "j3013_8"):
        problem = Rcpsp.from_psplib(read_sm(folder / "instances" / f"{name}.sm"))
        quick = heuristic(problem)
        exact = solve(problem, time_limit=10, start=quick)
        assert not check(problem, quick.starts) and not check(problem, exact.starts)
        assert exact.makespan == best[name] == exact.lower_bound and exact.optimal, name
        assert quick.makespan >= exact.makespan


def test_longest_paths_are_the_link_distances_between_starts():
    # A(2) → B(3) → D(1), A → C(1) → D, lag 4 on C → D; E stands apart
    problem = Rcpsp(
        duration=[2, 3, 1, 1, 5],
        predecessor=[0, 1, 0, 2],
        successor=[1, 3, 2, 3],
        lag=[0, 0, 0, 4],
        demand=[[1]] * 5,
        capacity=[1],
    )
    distance = longest_paths(problem)
    assert distance[0, 3] == 7  # A → C → D: 2 + 1 + 4, longer than A → B → D (5)
    assert distance[0, 1] == 2 and distance[1, 3] == 3 and distance[2, 3] == 5
    assert distance[3, 0] == NO_PATH and distance[0, 4] == NO_PATH and distance[4, 4] == 0


def test_longest_paths_reproduce_the_critical_path(benchdata):
    instance = read_sm(benchdata / "psplib" / "j30" / "instances" / "j3013_2.sm")
    problem = Rcpsp.from_psplib(instance)
    distance = longest_paths(problem)
    plan = cpm(problem.network())
    assert (distance[0] == plan.early_start).all()  # job 1 is the project's source
    assert distance[0, -1] == plan.project_duration == instance.mpm_time


def test_conflict_cliques_hold_every_pair_that_cannot_run_together_and_no_other(benchdata):
    problem = Rcpsp.from_psplib(read_sm(benchdata / "psplib" / "j30" / "instances" / "j3013_2.sm"))
    cliques = conflict_cliques(problem)
    together = {(a, b) for clique in cliques for a in clique for b in clique if a < b}
    demand, capacity = problem.demand, problem.capacity
    conflicting = {
        (a, b)
        for a in range(problem.size)
        for b in range(a + 1, problem.size)
        if min(problem.duration[a], problem.duration[b]) > 0 and (demand[a] + demand[b] > capacity).any()
    }
    assert together == conflicting and any(len(clique) > 2 for clique in cliques)


def test_forward_backward_improvement_never_makes_it_worse(benchdata):
    folder = benchdata / "psplib" / "j30" / "instances"
    better = 0
    for path in sorted(folder.glob("j301*_*.sm"))[:40]:
        problem = Rcpsp.from_psplib(read_sm(path))
        plain, improved = heuristic(problem, improve=False), heuristic(problem)
        assert improved.makespan <= plain.makespan and not check(problem, improved.starts)
        better += improved.makespan < plain.makespan
    assert better > 5  # it does improve a good share of them
