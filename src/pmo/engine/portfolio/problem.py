"""The portfolio selection-and-scheduling problem, its solution, and its JSON form.

Time runs in months `0 .. horizon - 1`. A project that starts in month `s` and lasts `d` months runs in months
`s .. s + d - 1` and *finishes* at `s + d` (the first month after it). Costs and role demand are given per month of
the project (profiles relative to its start). Month indices may be negative only for running projects that started
before the horizon (`fixed_start`); only the months inside the horizon count against budgets and capacity.

JSON form (`Problem.from_json` / `Problem.to_json`)::

    {
      "horizon": 36,                      # months
      "discount_rate": 0.08,              # a year; discounts value and benefits from the finish (0: none)
      "candidates": [
        {"id": "P-1", "duration": 6,
         "cost": [10, 10, 20, 20, 10, 5],              # per month of the project
         "demand": {"Developer": [1, 2, 2, 2, 1, 0]},  # FTE per month of the project, per role
         "value": 40,                                  # value when done (e.g. strategic score); default 0
         "benefits": [2, 2, 2],                        # benefit per month, from the month it finishes
         "success": 0.9,                               # probability of success: value × success
         "earliest": 0, "deadline": 24,                # start no earlier than; finish no later than
         "fixed_start": null,                          # running projects: the month they started (may be < 0)
         "force": null,                                # "in" or "out"
         "groups": ["category:innovation", "objective:O1"]}
      ],
      "budgets": [{"first": 0, "last": 11, "limit": 500, "name": "2027"}],   # inclusive month range
      "capacity": {"Developer": [6, 6, 6, ...]},       # FTE per month of the horizon
      "dependencies": [{"before": "P-1", "after": "P-2", "kind": "after"}],  # after | requires | excludes
      "balance": [{"group": "category:innovation", "measure": "cost", "min_share": 0.2, "max_share": 0.5}]
    }

Dependencies: `after` — if both are done, the second starts no earlier than the first finishes; `requires` — the
second is done only if the first is; `excludes` — not both.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any

KINDS = ("after", "requires", "excludes")
MEASURES = ("count", "cost")


@dataclass(frozen=True)
class Candidate:
    """A project that may be done (or, with `fixed_start`, is already running)."""

    id: str
    duration: int
    cost: tuple[float, ...] = ()
    demand: Mapping[str, tuple[float, ...]] = field(default_factory=dict)
    value: float = 0.0
    benefits: tuple[float, ...] = ()
    success: float = 1.0
    earliest: int = 0
    deadline: int | None = None
    fixed_start: int | None = None
    force: str | None = None
    groups: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        object.__setattr__(self, "cost", tuple(float(c) for c in self.cost) or (0.0,) * self.duration)
        object.__setattr__(self, "demand", {r: tuple(float(f) for f in p) for r, p in self.demand.items()})
        object.__setattr__(self, "benefits", tuple(float(b) for b in self.benefits))
        object.__setattr__(self, "groups", tuple(self.groups))
        if self.duration < 1:
            raise ValueError(f"{self.id}: the duration must be at least one month ({self.duration})")
        if len(self.cost) != self.duration:
            raise ValueError(
                f"{self.id}: the cost profile has {len(self.cost)} months, the duration is {self.duration}"
            )
        for role, profile in self.demand.items():
            if len(profile) != self.duration:
                raise ValueError(
                    f"{self.id}: the {role} demand profile has {len(profile)} months, the duration is {self.duration}"
                )
            if any(f < 0 for f in profile):
                raise ValueError(f"{self.id}: the {role} demand cannot be negative")
        numbers = [*self.cost, *self.benefits, self.value, self.success]
        numbers += [f for profile in self.demand.values() for f in profile]
        if not all(math.isfinite(v) for v in numbers):
            raise ValueError(f"{self.id}: every figure must be a finite number")
        if any(c < 0 for c in self.cost):
            raise ValueError(f"{self.id}: a monthly cost cannot be negative")
        if not 0 <= self.success <= 1:
            raise ValueError(
                f"{self.id}: the probability of success must lie between 0 and 1 ({self.success})"
            )
        if self.force not in (None, "in", "out"):
            raise ValueError(f"{self.id}: force must be 'in', 'out' or empty, not {self.force!r}")
        if self.fixed_start is not None and self.force == "out":
            raise ValueError(f"{self.id}: a running project cannot be forced out")

    @property
    def total_cost(self) -> float:
        return math.fsum(self.cost)

    @property
    def running(self) -> bool:
        return self.fixed_start is not None


@dataclass(frozen=True)
class Budget:
    """At most `limit` may be spent in months `first .. last` (inclusive): a month, a quarter, a year."""

    first: int
    last: int
    limit: float
    name: str = ""

    def __post_init__(self) -> None:
        if self.last < self.first:
            raise ValueError(
                f"budget {self.label}: the last month ({self.last}) lies before the first ({self.first})"
            )
        if not math.isfinite(self.limit) or self.limit < 0:
            raise ValueError(f"budget {self.label}: the limit must be a number of at least 0 ({self.limit})")

    @property
    def label(self) -> str:
        return self.name or (
            f"month {self.first}" if self.first == self.last else f"months {self.first}–{self.last}"
        )


@dataclass(frozen=True)
class Dependency:
    before: str
    after: str
    kind: str = "after"

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(
                f"dependency {self.before} → {self.after}: the kind must be one of {', '.join(KINDS)}"
            )
        if self.before == self.after:
            raise ValueError(f"dependency {self.before} → {self.after}: a project cannot depend on itself")

    @property
    def label(self) -> str:
        return f"{self.before} → {self.after} ({self.kind})"


@dataclass(frozen=True)
class BalanceRule:
    """The projects of `group` take at least `min_share` and at most `max_share` of the portfolio's count or cost
    (running projects included)."""

    group: str
    measure: str = "cost"
    min_share: float | None = None
    max_share: float | None = None

    def __post_init__(self) -> None:
        if self.measure not in MEASURES:
            raise ValueError(f"balance rule for {self.group}: measure must be 'count' or 'cost'")
        for share in (self.min_share, self.max_share):
            if share is not None and not 0 <= share <= 1:
                raise ValueError(f"balance rule for {self.group}: a share lies between 0 and 1 ({share})")
        if self.min_share is not None and self.max_share is not None and self.min_share > self.max_share:
            raise ValueError(f"balance rule for {self.group}: the minimum share exceeds the maximum")

    @property
    def label(self) -> str:
        parts = []
        if self.min_share is not None:
            parts.append(f"≥ {self.min_share:.0%}")
        if self.max_share is not None:
            parts.append(f"≤ {self.max_share:.0%}")
        return f"{self.group}: {' and '.join(parts)} of {self.measure}"


@dataclass(frozen=True)
class Problem:
    horizon: int
    candidates: tuple[Candidate, ...]
    budgets: tuple[Budget, ...] = ()
    capacity: Mapping[str, tuple[float, ...]] = field(default_factory=dict)
    dependencies: tuple[Dependency, ...] = ()
    balance: tuple[BalanceRule, ...] = ()
    discount_rate: float = 0.0

    def __post_init__(self) -> None:
        object.__setattr__(self, "candidates", tuple(self.candidates))
        object.__setattr__(self, "budgets", tuple(self.budgets))
        object.__setattr__(self, "dependencies", tuple(self.dependencies))
        object.__setattr__(self, "balance", tuple(self.balance))
        object.__setattr__(
            self, "capacity", {r: tuple(float(c) for c in p) for r, p in self.capacity.items()}
        )
        if self.horizon < 1:
            raise ValueError(f"the horizon must be at least one month ({self.horizon})")
        seen: set[str] = set()
        for c in self.candidates:
            if c.id in seen:
                raise ValueError(f"{c.id} appears twice among the candidates")
            seen.add(c.id)
        for role, profile in self.capacity.items():
            if not all(math.isfinite(v) and v >= 0 for v in profile):
                raise ValueError(f"capacity of {role}: every month needs a number of at least 0")
            if len(profile) != self.horizon:
                raise ValueError(
                    f"capacity of {role}: {len(profile)} months given, the horizon is {self.horizon}"
                )
        for b in self.budgets:
            if b.first < 0 or b.last >= self.horizon:
                raise ValueError(f"budget {b.label} lies outside the horizon of {self.horizon} months")
        for d in self.dependencies:
            for key in (d.before, d.after):
                if key not in seen:
                    raise ValueError(f"dependency {d.before} → {d.after}: there is no candidate {key}")
        if self.discount_rate <= -1:
            raise ValueError(f"the discount rate must exceed -100% ({self.discount_rate})")

    @property
    def size(self) -> int:
        return len(self.candidates)

    def index(self) -> dict[str, int]:
        return {c.id: i for i, c in enumerate(self.candidates)}

    def latest_finish(self, c: Candidate) -> int:
        """The month by which `c` must have finished: its deadline, within the horizon."""
        return self.horizon if c.deadline is None else min(c.deadline, self.horizon)

    def starts(self, c: Candidate) -> range:
        """The months in which `c` may start: its window inside the horizon (one month when it is running)."""
        if c.fixed_start is not None:
            return range(c.fixed_start, c.fixed_start + 1)
        return range(max(c.earliest, 0), self.latest_finish(c) - c.duration + 1)

    def value(self, c: Candidate, start: int) -> float:
        """What doing `c` from `start` is worth: its value, realised in the month it finishes, plus its benefit
        stream from that month, both discounted to month 0, times its probability of success. (With a discount
        rate of 0 the value does not depend on when the project runs.)"""
        monthly = (1 + self.discount_rate) ** (-1 / 12)
        first = start + c.duration
        benefits = math.fsum(b * monthly ** (first + k) for k, b in enumerate(c.benefits))
        return c.success * (c.value * monthly**first + benefits)

    def measure(self, c: Candidate, measure: str) -> float:
        return 1.0 if measure == "count" else c.total_cost

    # JSON ---------------------------------------------------------------------------------------------------------

    def to_dict(self) -> dict[str, Any]:
        def candidate(c: Candidate) -> dict[str, Any]:
            out = asdict(c)
            out["demand"] = {r: list(p) for r, p in c.demand.items()}
            return {k: list(v) if isinstance(v, tuple) else v for k, v in out.items()}

        return {
            "horizon": self.horizon,
            "discount_rate": self.discount_rate,
            "candidates": [candidate(c) for c in self.candidates],
            "budgets": [asdict(b) for b in self.budgets],
            "capacity": {r: list(p) for r, p in self.capacity.items()},
            "dependencies": [asdict(d) for d in self.dependencies],
            "balance": [asdict(b) for b in self.balance],
        }

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Problem:
        try:
            return cls(
                horizon=int(data["horizon"]),
                discount_rate=float(data.get("discount_rate", 0.0)),
                candidates=tuple(Candidate(**c) for c in data["candidates"]),
                budgets=tuple(Budget(**b) for b in data.get("budgets", ())),
                capacity=data.get("capacity", {}),
                dependencies=tuple(Dependency(**d) for d in data.get("dependencies", ())),
                balance=tuple(BalanceRule(**b) for b in data.get("balance", ())),
            )
        except KeyError as missing:
            raise ValueError(f"the problem lacks {missing}") from None
        except TypeError as error:
            raise ValueError(f"the problem is malformed: {error}") from None

    @classmethod
    def from_json(cls, text: str) -> Problem:
        return cls.from_dict(json.loads(text))


@dataclass(frozen=True)
class Solution:
    """The outcome of a solve: which candidates are done and when they start, what that is worth, and how far from
    the best possible (`bound`; `gap` relative to the value). `status`: optimal, feasible, infeasible or unknown.
    `conflicts` names the constraints that make the problem infeasible."""

    status: str
    starts: Mapping[str, int]
    value: float
    bound: float
    seconds: float = 0.0
    method: str = ""
    conflicts: Sequence[str] = ()

    @property
    def gap(self) -> float:
        if self.status == "infeasible":
            return math.inf
        if self.bound <= self.value + 1e-9:
            return 0.0
        return (self.bound - self.value) / max(abs(self.value), 1e-9)

    @property
    def feasible(self) -> bool:
        return self.status in ("optimal", "feasible")
