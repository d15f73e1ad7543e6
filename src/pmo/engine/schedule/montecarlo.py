"""Monte Carlo schedule risk with the risk-driver method (AACE International Recommended Practice 57R-09).

Each activity has a three-point duration estimate (triangular or Beta-PERT). Risk drivers — uncertainties (probability
1) and risk events (probability < 1) — multiply the durations of the activities they affect by a factor drawn from
their own three-point impact range when they occur. Every iteration runs the critical path method; all iterations of
a chunk are computed at once (arrays of activities × iterations), so memory stays bounded however many iterations.
"""

from __future__ import annotations

import math
import os
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace

import numpy as np

from .cpm import cpm, order_network
from .network import FROM_FINISH, NO_CONSTRAINT, TO_FINISH, Network

DISTRIBUTIONS = ("triangular", "pert")
DTYPE = np.float32  # half the memory traffic of float64; ample for durations of up to ~10^5 days
TOLERANCE = (
    1e-4  # relative: float32 sums over many levels; an activity within 1/10,000 of the finish is critical
)


@dataclass(frozen=True)
class RiskDriver:
    """A cause of variation. It occurs in a fraction `probability` of the iterations; then it multiplies the duration
    of each of its `activities` by one factor drawn from the triangular range `impact` = (low, most likely, high)."""

    name: str
    probability: float
    activities: tuple[int, ...]
    impact: tuple[float, float, float]

    def __post_init__(self) -> None:
        if not 0 < self.probability <= 1:
            raise ValueError(
                f"risk driver {self.name!r}: probability must be in (0, 1], not {self.probability}"
            )
        low, likely, high = self.impact
        if not 0 <= low <= likely <= high:
            raise ValueError(
                f"risk driver {self.name!r}: impact needs 0 ≤ low ≤ most likely ≤ high, not {self.impact}"
            )
        if not self.activities:
            raise ValueError(f"risk driver {self.name!r} affects no activity")


@dataclass(frozen=True)
class RiskModel:
    """The network with three-point durations per activity (working days) and the risk drivers.

    `elapsed` (optional, working days per activity) is work already behind an activity on the status date: it is
    added to each sampled duration as it is, neither sampled nor multiplied by a risk driver, so the estimates and
    drivers describe only the remaining work. The network's durations are not used.
    """

    network: Network
    optimistic: np.ndarray
    most_likely: np.ndarray
    pessimistic: np.ndarray
    drivers: Sequence[RiskDriver] = ()
    distribution: str = "triangular"
    elapsed: np.ndarray | None = None

    def __post_init__(self) -> None:
        n = self.network.size
        for name in ("optimistic", "most_likely", "pessimistic"):
            values = np.asarray(getattr(self, name), dtype=np.float64)
            if values.shape != (n,):
                raise ValueError(f"{name} needs {n} values, one per activity; got shape {values.shape}")
            object.__setattr__(self, name, values)
        if self.elapsed is not None:
            elapsed = np.asarray(self.elapsed, dtype=np.float64)
            if elapsed.shape != (n,) or (elapsed < 0).any():
                raise ValueError(f"elapsed needs {n} values ≥ 0, one per activity")
            object.__setattr__(self, "elapsed", elapsed)
        bad = np.flatnonzero(
            (self.optimistic < 0)
            | (self.optimistic > self.most_likely)
            | (self.most_likely > self.pessimistic)
        )
        if bad.size:
            i = int(bad[0])
            raise ValueError(
                f"activity {self.network.name(i)}: the estimates need 0 ≤ optimistic ≤ most likely ≤ pessimistic, "
                f"not {self.optimistic[i]}, {self.most_likely[i]}, {self.pessimistic[i]}"
            )
        if self.distribution not in DISTRIBUTIONS:
            raise ValueError(f"distribution must be one of {DISTRIBUTIONS}, not {self.distribution!r}")
        for driver in self.drivers:
            outside = [a for a in driver.activities if not 0 <= a < n]
            if outside:
                raise ValueError(
                    f"risk driver {driver.name!r} names activities outside 0 … {n - 1}: {outside[:5]}"
                )

    @classmethod
    def deterministic(cls, network: Network, **kwargs) -> RiskModel:
        """Every activity exactly its network duration (add drivers for the variation)."""
        d = network.duration.astype(np.float64)
        return cls(network=network, optimistic=d, most_likely=d, pessimistic=d, **kwargs)


@dataclass(frozen=True)
class Driver:
    name: str
    kind: str  # "activity" or "risk"
    correlation: float  # with the project finish
    swing: (
        float  # working days: mean finish when high (top quartile / occurring) minus when low (bottom / not)
    )


@dataclass(frozen=True)
class SimulationResult:
    iterations: int
    seed: int
    finish: np.ndarray  # project duration per iteration (working days)
    criticality: np.ndarray  # per activity: share of iterations in which it was critical
    cruciality: np.ndarray  # per activity: correlation of its duration with the project finish
    drivers: list[Driver]  # risk drivers, then activities, by decreasing |correlation|
    deterministic_finish: int  # the plan: most-likely durations, no risk events
    runtime: float  # seconds
    activity_iterations_per_second: float
    names: Sequence[str] = field(default=(), repr=False)

    def percentile(self, p: float) -> float:
        return float(np.percentile(self.finish, p))

    @property
    def p10(self) -> float:
        return self.percentile(10)

    @property
    def p50(self) -> float:
        return self.percentile(50)

    @property
    def p80(self) -> float:
        return self.percentile(80)

    @property
    def p90(self) -> float:
        return self.percentile(90)

    @property
    def mean(self) -> float:
        return float(self.finish.mean())

    def probability_by(self, target: float) -> float:
        """Share of iterations finishing within `target` working days."""
        return float(np.mean(self.finish <= target + 1e-9))

    def histogram(self, bins: int = 30) -> tuple[np.ndarray, np.ndarray]:
        return np.histogram(self.finish, bins=bins)

    def s_curve(self, points: int = 101) -> tuple[np.ndarray, np.ndarray]:
        """(duration, cumulative probability) pairs: the S-curve."""
        probabilities = np.linspace(0, 1, points)
        return np.quantile(self.finish, probabilities), probabilities

    def tornado(self, top: int = 10) -> list[Driver]:
        return self.drivers[:top]


def _sample_unit(rng: np.random.Generator, shape: tuple[int, int], latin: bool) -> np.ndarray:
    """Uniform (0, 1) samples; with `latin`, each row is stratified over the columns (Latin hypercube)."""
    u = rng.random(shape, dtype=DTYPE)
    if not latin:
        return u
    strata = np.argsort(rng.random(shape, dtype=DTYPE), axis=1)
    return ((strata + u) / shape[1]).astype(DTYPE)


def _triangular(u: np.ndarray, low: np.ndarray, mode: np.ndarray, high: np.ndarray) -> np.ndarray:
    """Inverse CDF of the triangular distribution, row-wise parameters (columns: iterations); for Latin hypercube
    sampling, which needs the inverse."""
    low, mode, high = low[:, None], mode[:, None], high[:, None]
    span = high - low
    cut = np.divide(mode - low, span, out=np.zeros_like(span), where=span > 0)
    lower = u < cut
    root = np.sqrt(np.where(lower, u * (span * (mode - low)), (1 - u) * (span * (high - mode))))
    return np.where(lower, low + root, high - root)


def _triangular_fast(
    rng: np.random.Generator, low: np.ndarray, mode: np.ndarray, high: np.ndarray, size: int
):
    """Triangular samples without the inverse CDF: on [0, 1] with mode m, (1 - m)·min(U, V) + m·max(U, V) is
    triangular for independent uniforms U, V — fewer passes over the data than the inverse."""
    shape = (low.shape[0], size)
    u, v = rng.random(shape, dtype=DTYPE), rng.random(shape, dtype=DTYPE)
    span = (high - low)[:, None]
    m = np.divide(mode - low, high - low, out=np.zeros_like(low), where=high > low)[:, None]
    smaller = np.minimum(u, v)
    np.maximum(u, v, out=u)
    smaller *= 1 - m
    u *= m
    smaller += u
    smaller *= span
    smaller += low[:, None]
    return smaller


def _pert(
    rng: np.random.Generator, u: np.ndarray | None, low: np.ndarray, mode: np.ndarray, high: np.ndarray, shape
) -> np.ndarray:
    """Beta-PERT: low + (high - low) · Beta(1 + 4 (mode - low)/(high - low), 1 + 4 (high - mode)/(high - low))."""
    span = high - low
    alpha = 1 + 4 * (mode - low) / span
    beta = 1 + 4 * (high - mode) / span
    if u is None:
        x = rng.beta(alpha[:, None], beta[:, None], size=shape)
    else:
        from scipy.special import betaincinv

        x = betaincinv(alpha[:, None], beta[:, None], u)
    return low[:, None] + span[:, None] * x


@dataclass(frozen=True)
class _Step:
    """The links into `target` activities that each have exactly `width` such links (per level and end): one
    gather of a (targets × width) block, a maximum over the width, one update."""

    source: np.ndarray  # (targets, width): rows in the [starts; finishes] stack
    lag: np.ndarray  # (targets, width, 1), signed for the pass
    target: np.ndarray  # (targets,) distinct activities
    minus_duration: bool  # the links end at the target's finish: subtract the target's duration


@dataclass(frozen=True)
class _Pass:
    steps: list[list[_Step]]  # per level, in the order the pass visits the levels
    finished: list[np.ndarray]  # per level: the activities whose finish row must follow their start row


def _pass(network: Network, level: np.ndarray, levels: int, forward: bool, dtype) -> _Pass:
    """Group the links per level, per end (start or finish of the target) and per number of links into a target."""
    n, pred, succ, kind = network.size, network.predecessor, network.successor, network.link_type
    if forward:  # early start(succ) ≥ [start or finish](pred) + lag [- duration(succ)]
        target, source, at_finish, from_finish, sign = succ, pred, TO_FINISH[kind], FROM_FINISH[kind], 1
    else:  # late start(pred) ≤ [start or finish](succ) - lag [- duration(pred)]
        target, source, at_finish, from_finish, sign = pred, succ, FROM_FINISH[kind], TO_FINISH[kind], -1
    rows = source + n * from_finish
    lag = (sign * network.lag).astype(dtype)
    group = target * 2 + at_finish  # one group: the links into one end of one activity
    order = np.argsort(group, kind="stable")
    groups, first, width = np.unique(group[order], return_index=True, return_counts=True)
    group_target, group_finish = groups // 2, groups % 2
    group_level = level[group_target]
    per_level: list[list[_Step]] = [[] for _ in range(levels)]
    bucket = np.lexsort((width, group_finish, group_level))  # groups by (level, end, width)
    key = np.stack((group_level[bucket], group_finish[bucket], width[bucket]))
    cuts = np.concatenate(([0], np.flatnonzero((np.diff(key, axis=1) != 0).any(axis=0)) + 1, [bucket.size]))
    if not bucket.size:
        cuts = cuts[:1]
    for a, b in zip(cuts[:-1].tolist(), cuts[1:].tolist(), strict=True):
        chosen = bucket[a:b]
        w = int(width[chosen[0]])
        links = order[(first[chosen][:, None] + np.arange(w)[None, :])]
        per_level[int(group_level[chosen[0]])].append(
            _Step(rows[links], lag[links][:, :, None], group_target[chosen], bool(group_finish[chosen[0]]))
        )
    finished = [
        np.unique(np.concatenate([s.target for s in steps])) if steps else np.zeros(0, np.int64)
        for steps in per_level
    ]
    visit = range(levels) if forward else range(levels - 1, -1, -1)
    return _Pass([per_level[lvl] for lvl in visit], [finished[lvl] for lvl in visit])


def _run(plan: _Pass, stack: np.ndarray, duration: np.ndarray, forward: bool) -> None:
    """Apply a pass in place to the [starts; finishes] stack (n × iterations each)."""
    n = duration.shape[0]
    reduce, better = (np.max, np.maximum) if forward else (np.min, np.minimum)
    for steps, finished in zip(plan.steps, plan.finished, strict=True):
        for step in steps:
            candidates = stack[step.source]
            candidates += step.lag
            best = candidates[:, 0] if candidates.shape[1] == 1 else reduce(candidates, axis=1)
            if step.minus_duration:
                best -= duration[step.target]
            better(best, stack[step.target], out=best)
            stack[step.target] = best
        if finished.size:
            stack[n + finished] = stack[finished] + duration[finished]


@dataclass
class _Sums:
    """What one chunk of iterations contributes to the result."""

    finish: np.ndarray
    multipliers: np.ndarray  # risk drivers × iterations
    critical: np.ndarray
    sum_d: np.ndarray
    sum_d2: np.ndarray
    sum_df: np.ndarray


class _Simulator:
    """Everything that stays the same between chunks: the link plan, the sampled activities, the bounds."""

    def __init__(self, model: RiskModel, latin_hypercube: bool):
        network = model.network
        self.model, self.latin, self.n = model, latin_hypercube, network.size
        order = order_network(network)
        self.forward = _pass(network, order.level, order.levels, True, DTYPE)
        self.backward = _pass(network, order.level, order.levels, False, DTYPE)
        self.uncertain = np.flatnonzero(model.pessimistic > model.optimistic)
        self.low, self.mode, self.high = (
            getattr(model, name)[self.uncertain].astype(DTYPE)
            for name in ("optimistic", "most_likely", "pessimistic")
        )
        self.most_likely = model.most_likely.astype(DTYPE)
        self.elapsed = (
            model.elapsed.astype(DTYPE) if model.elapsed is not None and model.elapsed.any() else None
        )
        constraint = network.start_no_earlier
        self.floor = (
            np.where(constraint == NO_CONSTRAINT, 0, constraint).astype(DTYPE)
            if constraint is not None
            else np.zeros(self.n, dtype=DTYPE)
        )
        self.drivers = [
            (list(d.activities), d.probability, *(np.array([x], dtype=DTYPE) for x in d.impact))
            for d in model.drivers
        ]

    def sample(self, rng: np.random.Generator, size: int) -> tuple[np.ndarray, np.ndarray]:
        """Durations (activities × iterations) and the risk drivers' multipliers (drivers × iterations)."""
        duration = np.repeat(self.most_likely[:, None], size, axis=1)
        if self.uncertain.size:
            shape = (self.uncertain.size, size)
            if self.model.distribution == "triangular" and not self.latin:
                duration[self.uncertain] = _triangular_fast(rng, self.low, self.mode, self.high, size)
            elif self.model.distribution == "triangular":
                u = _sample_unit(rng, shape, True)
                duration[self.uncertain] = _triangular(u, self.low, self.mode, self.high)
            else:
                u = _sample_unit(rng, shape, True) if self.latin else None
                duration[self.uncertain] = _pert(rng, u, self.low, self.mode, self.high, shape)
        multipliers = np.ones((len(self.drivers), size), dtype=DTYPE)
        for index, (activities, probability, low, likely, high) in enumerate(self.drivers):
            occurs = _sample_unit(rng, (1, size), self.latin)[0] < probability
            factor = _triangular(_sample_unit(rng, (1, size), self.latin), low, likely, high)[0]
            multipliers[index] = np.where(occurs, factor, DTYPE(1.0))
            duration[activities] *= multipliers[index]
        if self.elapsed is not None:
            duration += self.elapsed[:, None]
        return duration, multipliers

    def run(self, rng: np.random.Generator, size: int) -> _Sums:
        n = self.n
        duration, multipliers = self.sample(rng, size)
        start = np.repeat(self.floor[:, None], size, axis=1)
        early = np.concatenate((start, start + duration))
        _run(self.forward, early, duration, True)
        finish = early[n:].max(axis=0)
        late = np.concatenate((finish - duration, np.broadcast_to(finish, duration.shape)))
        _run(self.backward, late, duration, False)
        late -= early  # total float, in the start rows
        critical = np.count_nonzero(late[:n] <= TOLERANCE * np.maximum(finish, 1), axis=1)
        return _Sums(  # float32 sums within a chunk, float64 across chunks
            finish=finish.astype(np.float64),
            multipliers=multipliers,
            critical=critical,
            sum_d=duration.sum(axis=1, dtype=np.float64),
            sum_d2=np.einsum("ij,ij->i", duration, duration).astype(np.float64),
            sum_df=(duration @ finish).astype(np.float64),
        )


def simulate(
    model: RiskModel,
    *,
    iterations: int = 10_000,
    seed: int = 0,
    latin_hypercube: bool = False,
    chunk: int | None = None,
    workers: int | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> SimulationResult:
    """Run the simulation in chunks of iterations, on `workers` threads (default: one per core).

    Each chunk draws from its own random stream derived from `seed`, so the same model, seed, sampling and chunk
    size give the same result whatever the number of workers.
    """
    if iterations < 2:
        raise ValueError("a simulation needs at least 2 iterations")
    started = time.perf_counter()
    network = model.network
    n = network.size
    simulator = _Simulator(model, latin_hypercube)
    # iterations per chunk: large enough that numpy's per-call overhead is small, small enough to bound memory
    # (about 2^23 values per array: ~32 MB in float32, a few hundred MB per worker in all)
    workers = workers or os.cpu_count() or 1
    if chunk is None:  # and at least four chunks per worker, so the workers stay evenly busy
        chunk = int(max(256, min(4096, 2**23 // max(n, 1), math.ceil(iterations / (4 * workers)))))
    sizes = [min(chunk, iterations - start) for start in range(0, iterations, chunk)]
    streams = np.random.SeedSequence(seed).spawn(len(sizes))
    done = 0

    def run(index: int) -> _Sums:
        return simulator.run(np.random.default_rng(streams[index]), sizes[index])

    parts: list[_Sums] = []
    with ThreadPoolExecutor(max_workers=workers) as pool:
        for part in pool.map(run, range(len(sizes))):
            parts.append(part)
            done += part.finish.size
            if progress is not None:
                progress(done, iterations)

    finishes = np.concatenate([p.finish for p in parts])
    multipliers = np.concatenate([p.multipliers for p in parts], axis=1).astype(np.float64)
    mean_f, std_f = finishes.mean(), finishes.std()
    mean_d = sum(p.sum_d for p in parts) / iterations
    var_d = np.maximum(sum(p.sum_d2 for p in parts) / iterations - mean_d**2, 0)
    cov = sum(p.sum_df for p in parts) / iterations - mean_d * mean_f
    with np.errstate(invalid="ignore", divide="ignore"):
        cruciality = np.where((var_d > 1e-9) & (std_f > 0), cov / (np.sqrt(var_d) * std_f), 0.0)
    ranked = [_driver_row(d, multipliers[i], finishes) for i, d in enumerate(model.drivers)]
    for i in np.argsort(-np.abs(cruciality))[: max(10, len(ranked))]:
        if abs(cruciality[i]) > 0:
            swing = _activity_swing(model, int(i), float(cruciality[i]), float(std_f))
            ranked.append(Driver(network.name(int(i)), "activity", float(cruciality[i]), swing))
    ranked.sort(key=lambda d: -abs(d.correlation))
    planned = model.most_likely if model.elapsed is None else model.most_likely + model.elapsed
    plan = cpm(replace(network, duration=np.rint(planned).astype(np.int64)))
    runtime = time.perf_counter() - started
    return SimulationResult(
        iterations=iterations,
        seed=seed,
        finish=finishes,
        criticality=sum(p.critical for p in parts) / iterations,
        cruciality=cruciality,
        drivers=ranked,
        deterministic_finish=plan.project_duration,
        runtime=runtime,
        activity_iterations_per_second=n * iterations / runtime if runtime > 0 else math.inf,
        names=[network.name(i) for i in range(n)] if network.names is not None else (),
    )


def _driver_row(driver: RiskDriver, multiplier: np.ndarray, finish: np.ndarray) -> Driver:
    occurs = multiplier != 1.0
    if occurs.all() or not occurs.any():
        high = multiplier >= np.quantile(multiplier, 0.75)
        swing = float(finish[high].mean() - finish[~high].mean()) if 0 < high.sum() < high.size else 0.0
    else:
        swing = float(finish[occurs].mean() - finish[~occurs].mean())
    spread = multiplier.std()
    correlation = float(np.corrcoef(multiplier, finish)[0, 1]) if spread > 0 and finish.std() > 0 else 0.0
    return Driver(driver.name, "risk", correlation, swing)


def _activity_swing(model: RiskModel, index: int, correlation: float, std_finish: float) -> float:
    """Approximate finish swing between the activity's high and low estimate, via the linear regression slope."""
    span = model.pessimistic[index] - model.optimistic[index]
    sd = span / (np.sqrt(18) if model.distribution == "triangular" else 6)
    if sd <= 0:
        return 0.0
    slope = correlation * std_finish / sd
    return float(slope * span)
