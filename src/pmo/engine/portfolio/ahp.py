"""The Analytic Hierarchy Process (AHP, Saaty 1977/1980) to weigh business drivers (strategic objectives), the
strategic score of projects rated against those drivers, and how stable the ranking is under weight changes.

The method. A panel compares the drivers two at a time: "how much more important is driver i than driver j?",
answered on Saaty's 1–9 scale (1 equal, 3 moderately, 5 strongly, 7 very strongly, 9 extremely more important; 2, 4,
6, 8 in between; the reciprocal 1/x when j is the more important one). The answers fill a positive reciprocal
matrix `A` (`a_ii = 1`, `a_ji = 1 / a_ij`). If the judgements were perfectly consistent, `a_ij = w_i / w_j` for
the true weights `w`, so `A w = n w`. Real judgements are not, and the weights are taken as the principal right
eigenvector of `A` (Perron vector, normalised to sum 1), with its eigenvalue `λmax >= n`. How far `λmax` lies above
`n` measures the inconsistency: the consistency index `CI = (λmax - n) / (n - 1)`, and the consistency ratio
`CR = CI / RI(n)` compares it with the mean CI of random reciprocal matrices of the same size (Saaty's random
index). `CR <= 0.10` is the usual bar; above it, the panel should revisit its judgements. Matrices of size 1 or 2
are always consistent (CR 0).

Projects are then rated per driver on a 0–5 scale (none 0, low 1, moderate 3, strong 5); the strategic score is
the weighted mean rating on 0–100. `sensitivity` tells per driver how far its weight may move before two projects
swap places in the ranking.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

THRESHOLD = 0.10  # the consistency ratio at or below which judgements count as consistent (Saaty)
SCALE_MIN, SCALE_MAX = 1 / 9, 9.0  # Saaty's fundamental scale and its reciprocals
RECIPROCAL_TOLERANCE = 1e-6  # relative: a_ij × a_ji may differ from 1 by this much (1/3 typed as 0.333333)
_SCALE_SLACK = 1e-9  # relative slack on the scale bounds, for 1/9 given as a rounded decimal

# Saaty's random consistency index: the mean CI of random reciprocal matrices on the 1/9..9 scale, by size n
# (Saaty 1980, The Analytic Hierarchy Process, McGraw-Hill; the published consistency ratios reproduced in
# tests/engine/test_ahp.py bear out the values for n = 3, 7 and 8).
# Larger matrices use the value for n = 10: the published tables for n > 10 differ from each other, and
# weighing more than ten drivers by pairwise comparison is impractical anyway.
RANDOM_INDEX: Mapping[int, float] = {
    1: 0.0,
    2: 0.0,
    3: 0.58,
    4: 0.90,
    5: 1.12,
    6: 1.24,
    7: 1.32,
    8: 1.41,
    9: 1.45,
    10: 1.49,
}

RATING_SCALE: Mapping[str, int] = {"none": 0, "low": 1, "moderate": 3, "strong": 5}
RATING_MAX = 5

_TIE = 1e-9  # score differences (on the 0..5 rating scale) at or below this are ties
_EDGE = 1e-12  # a crossing this close to a weight of 0 or 1 is a tie at the end, not a swap


def random_index(n: int) -> float:
    """Saaty's random index for an n × n matrix (n > 10 uses the value for 10)."""
    if n < 1:
        raise ValueError(f"matrix size must be at least 1, got {n}")
    return RANDOM_INDEX.get(n, RANDOM_INDEX[10])


@dataclass(frozen=True)
class Ahp:
    """The outcome of `weigh`: weights (summing to 1, in the order of the matrix rows) and consistency."""

    weights: tuple[float, ...]
    lambda_max: float
    consistency_index: float
    consistency_ratio: float

    @property
    def consistent(self) -> bool:
        return self.consistency_ratio <= THRESHOLD


def _on_scale(value: float) -> bool:
    return SCALE_MIN * (1 - _SCALE_SLACK) <= value <= SCALE_MAX * (1 + _SCALE_SLACK)


def _rows(matrix: Sequence[Sequence[float]]) -> list[list[float]]:
    """The matrix as a list of rows of floats, checked square, finite and positive."""
    try:
        rows = [list(row) for row in matrix]
    except TypeError:
        raise ValueError("the matrix must be a sequence of rows, each a sequence of numbers") from None
    n = len(rows)
    if n == 0:
        raise ValueError("the matrix is empty")
    for i, row in enumerate(rows):
        if len(row) != n:
            raise ValueError(f"the matrix is not square: row {i} has {len(row)} entries, expected {n}")
    out = []
    for i, row in enumerate(rows):
        floats = []
        for j, value in enumerate(row):
            try:
                x = float(value)
            except (TypeError, ValueError):
                raise ValueError(f"entry at row {i}, column {j} is not a number: {value!r}") from None
            if not math.isfinite(x):
                raise ValueError(f"entry at row {i}, column {j} is not finite: {x}")
            if x <= 0:
                raise ValueError(f"non-positive entry {x:g} at row {i}, column {j}: entries must be positive")
            floats.append(x)
        out.append(floats)
    return out


def _check_pairwise(a: list[list[float]]) -> None:
    n = len(a)
    for i in range(n):
        if abs(a[i][i] - 1) > RECIPROCAL_TOLERANCE:
            raise ValueError(f"diagonal entry at row {i}, column {i} is {a[i][i]:g}, expected 1")
    for i in range(n):
        for j in range(n):
            if i != j and not _on_scale(a[i][j]):
                raise ValueError(f"entry {a[i][j]:g} at row {i}, column {j} is outside Saaty's scale 1/9..9")
    for i in range(n):
        for j in range(i + 1, n):
            product = a[i][j] * a[j][i]
            if abs(product - 1) > RECIPROCAL_TOLERANCE:
                raise ValueError(
                    f"the matrix is not reciprocal at ({i}, {j}): a[{i}][{j}] × a[{j}][{i}] = "
                    f"{a[i][j]:g} × {a[j][i]:g} = {product:.6g}, expected 1"
                )


def weigh(matrix: Sequence[Sequence[float]]) -> Ahp:
    """The AHP weights and consistency of a pairwise comparison matrix.

    `matrix[i][j]` says how much more important criterion i is than criterion j, on Saaty's scale 1/9..9; the
    matrix must be square with ones on the diagonal and reciprocal (`a_ij × a_ji = 1`). Rows and columns are
    numbered from 0 in error messages. Weights are the principal right eigenvector, normalised to sum 1.
    """
    a = _rows(matrix)
    _check_pairwise(a)
    n = len(a)
    if n == 1:
        return Ahp(weights=(1.0,), lambda_max=1.0, consistency_index=0.0, consistency_ratio=0.0)
    values, vectors = np.linalg.eig(np.array(a))
    k = int(np.argmax(values.real))
    lambda_max = float(values[k].real)
    # Perron–Frobenius: the principal eigenvector of a positive matrix has entries of one sign; eig may return it
    # negated, and rounding may leave a tiny imaginary part.
    v = np.abs(vectors[:, k].real)
    v = v / v.sum()
    if n == 2:  # every 2 × 2 reciprocal matrix is consistent; avoid reporting rounding noise
        ci = cr = 0.0
    else:
        ci = max(0.0, (lambda_max - n) / (n - 1))  # λmax >= n in exact arithmetic
        cr = ci / random_index(n)
    return Ahp(
        weights=tuple(float(x) for x in v),
        lambda_max=lambda_max,
        consistency_index=ci,
        consistency_ratio=cr,
    )


def matrix_from_judgements(n: int, judgements: Mapping[tuple[int, int], float]) -> list[list[float]]:
    """The full reciprocal matrix from upper-triangle judgements.

    `judgements[(i, j)]` with `0 <= i < j < n` says how much more important criterion i is than criterion j (on
    Saaty's scale 1/9..9; below 1 when j is the more important one). Pairs left out count as equally important.
    """
    if isinstance(n, bool) or not isinstance(n, int) or n < 1:
        raise ValueError(f"the number of criteria must be a positive integer, got {n!r}")
    a = [[1.0] * n for _ in range(n)]
    for key, value in judgements.items():
        if not (isinstance(key, tuple) and len(key) == 2 and all(isinstance(x, int) for x in key)):
            raise ValueError(f"judgement key {key!r} is not a pair of criterion indices (i, j)")
        i, j = key
        if not (0 <= i < n and 0 <= j < n):
            raise ValueError(f"judgement ({i}, {j}) names a criterion outside 0..{n - 1}")
        if i >= j:
            raise ValueError(
                f"judgement ({i}, {j}) is not in the upper triangle: give (i, j) with i < j "
                f"(for j over i use the reciprocal)"
            )
        try:
            x = float(value)
        except (TypeError, ValueError):
            raise ValueError(f"judgement ({i}, {j}) is not a number: {value!r}") from None
        if not (math.isfinite(x) and x > 0 and _on_scale(x)):
            raise ValueError(f"judgement ({i}, {j}) = {value!r} is outside Saaty's scale 1/9..9")
        a[i][j] = x
        a[j][i] = 1 / x
    return a


def _weights(weights: Sequence[float]) -> np.ndarray:
    w = np.asarray(weights, dtype=float)
    if w.ndim != 1 or w.size == 0:
        raise ValueError(f"weights must be a non-empty list of numbers, got shape {w.shape}")
    if not np.all(np.isfinite(w)) or np.any(w < 0):
        raise ValueError(f"weights must be finite and non-negative, got {w.tolist()}")
    if abs(w.sum() - 1) > 1e-6:
        raise ValueError(f"weights must sum to 1, they sum to {w.sum():.6g}")
    return w


def _ratings(ratings: object, drivers: int) -> np.ndarray:
    r = np.asarray(ratings, dtype=float)
    if r.ndim != 2:
        raise ValueError(f"ratings must be a (projects × drivers) table, got an array of shape {r.shape}")
    if r.shape[1] != drivers:
        raise ValueError(f"ratings have {r.shape[1]} columns but there are {drivers} driver weights")
    bad = ~np.isfinite(r) | (r < 0) | (r > RATING_MAX)
    if bad.any():
        i, k = (int(x) for x in np.argwhere(bad)[0])
        raise ValueError(f"rating {r[i, k]:g} of project {i} on driver {k} is outside 0..{RATING_MAX}")
    return r


def scores(weights: Sequence[float], ratings: object) -> np.ndarray:
    """Strategic scores 0..100: `100 × Σ_k w_k r_ik / 5` for ratings `r` (projects × drivers) on 0..5."""
    w = _weights(weights)
    r = _ratings(ratings, len(w))
    return 100.0 * (r @ w) / RATING_MAX


@dataclass(frozen=True)
class Stability:
    """How far the weight of one driver may move while the ranking of the projects holds.

    In `[lower, upper]` (which contains `weight`) no two projects whose scores differ at the current weights swap
    order, the other drivers' weights being rescaled in proportion so that all still sum to 1. `lower_swap` and
    `upper_swap` name the pair `(a, b)` that swaps first past that end: project `a` scores higher than `b` now and
    `b` overtakes it beyond the bound. None when no pair swaps between the current weight and 0 (or 1).
    """

    driver: int
    weight: float
    lower: float
    upper: float
    lower_swap: tuple[int, int] | None
    upper_swap: tuple[int, int] | None
    name: str | None = None


def sensitivity(
    weights: Sequence[float], ratings: object, names: Sequence[str] | None = None, top: int | None = None
) -> list[Stability]:
    """Per driver, the interval of its weight in which the ranking of the projects does not change.

    Moving driver k's weight to `t` and rescaling the others by `(1 - t) / (1 - w_k)` makes every score linear in
    `t`; two projects swap where their score lines cross. The bounds are the nearest crossings on either side of
    the current weight in [0, 1]. Pairs tied at the current weight are not swaps; lines that only meet at `t = 0`
    or `t = 1` do not swap inside [0, 1]. `names` (one per driver) are copied into the results. With `top`, only
    swaps that change the first `top` places count (the order within them, or who is in them).
    """
    w = _weights(weights)
    r = _ratings(ratings, len(w))
    drivers = len(w)
    if names is not None and len(names) != drivers:
        raise ValueError(f"got {len(names)} driver names for {drivers} drivers")
    projects = r.shape[0]
    first, second = np.triu_indices(projects, 1)
    if top is not None:
        order = np.argsort(-(r @ w), kind="stable")
        rank = np.empty(projects, dtype=int)
        rank[order] = np.arange(projects)
        keep = (rank[first] < top) | (rank[second] < top)
        first, second = first[keep], second[keep]
    out = []
    for k in range(drivers):
        t0 = float(w[k])
        lower, upper = 0.0, 1.0
        lower_swap = upper_swap = None
        if drivers == 1:
            lower = upper = t0  # a single driver keeps all the weight
        elif first.size:
            rest = 1.0 - t0
            if rest > 1e-12:
                others = w.copy()
                others[k] = 0.0
                base = r @ others / rest  # the mean rating on the other drivers, as weighted
            else:  # the driver has all the weight: share what it gives up equally
                base = (r.sum(axis=1) - r[:, k]) / (drivers - 1)
            slope = r[:, k] - base  # the score (÷ 20) at weight t is base + t × slope
            now = base + t0 * slope
            gap = now[first] - now[second]
            steep = slope[first] - slope[second]
            live = (np.abs(gap) > _TIE) & (steep != 0)
            cross = np.full(gap.shape, np.nan)
            cross[live] = t0 - gap[live] / steep[live]
            inside = live & (cross > _EDGE) & (cross < 1 - _EDGE)
            above = np.flatnonzero(inside & (cross > t0))
            below = np.flatnonzero(inside & (cross < t0))
            if above.size:
                p = above[np.argmin(cross[above])]
                upper, upper_swap = float(cross[p]), _pair(first[p], second[p], gap[p])
            if below.size:
                p = below[np.argmax(cross[below])]
                lower, lower_swap = float(cross[p]), _pair(first[p], second[p], gap[p])
        out.append(
            Stability(
                driver=k,
                weight=t0,
                lower=lower,
                upper=upper,
                lower_swap=lower_swap,
                upper_swap=upper_swap,
                name=None if names is None else names[k],
            )
        )
    return out


def _pair(i: np.integer, j: np.integer, gap: float) -> tuple[int, int]:
    """The pair ordered as (ahead now, behind now)."""
    return (int(i), int(j)) if gap > 0 else (int(j), int(i))
