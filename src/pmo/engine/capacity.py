"""Capacity versus demand, per role and per person, month by month.

All figures are in FTE (a full-time person for the whole month is 1.0). A person's capacity in a month is their FTE,
less the share of their time that goes to run-the-business work, scaled by the share of the month's working days
(weekdays that are not public holidays) on which they are employed and not on leave. Demand is what projects ask
for: per role, or of a named person, committed or tentative. `load(...)` lays both out as arrays (rows × months) and
`Load` answers the questions: where is demand above capacity, by how much, and which projects cause it. A what-if
`Adjustment` adds (or removes) FTE of a role for a range of months.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np

#: Demand above capacity by less than this (FTE) is rounding, not over-allocation.
TOLERANCE = 0.005


def month_start(day: dt.date) -> dt.date:
    return day.replace(day=1)


def add_months(day: dt.date, count: int) -> dt.date:
    """The first day of the month `count` months after (negative: before) the month of `day`."""
    year, month = divmod(day.year * 12 + day.month - 1 + count, 12)
    return dt.date(year, month + 1, 1)


def next_month(month: dt.date) -> dt.date:
    return add_months(month, 1)


def months_from(first: dt.date, count: int) -> tuple[dt.date, ...]:
    """`count` consecutive months starting with the month of `first`."""
    return tuple(add_months(first, k) for k in range(count))


def working_days(month: dt.date, holidays: frozenset[dt.date]) -> list[dt.date]:
    """The weekdays of `month` that are not public holidays."""
    day, end, out = month_start(month), next_month(month), []
    while day < end:
        if day.weekday() < 5 and day not in holidays:
            out.append(day)
        day += dt.timedelta(days=1)
    return out


@dataclass(frozen=True)
class Person:
    """Someone who can work on projects: `fte` of a full-time week, `run_the_business` the share of that which goes
    to line work, employed from `start` to `end` (either open), away on the `leave` ranges (inclusive)."""

    key: int
    role: int
    fte: float
    name: str = ""
    run_the_business: float = 0.0
    start: dt.date | None = None
    end: dt.date | None = None
    leave: tuple[tuple[dt.date, dt.date], ...] = ()

    def __post_init__(self) -> None:
        label = self.name or f"person {self.key}"
        if self.fte < 0:
            raise ValueError(f"{label}: FTE cannot be negative ({self.fte})")
        if not 0 <= self.run_the_business <= 1:
            raise ValueError(f"{label}: the run-the-business share must lie between 0 and 1")
        if self.start and self.end and self.end < self.start:
            raise ValueError(f"{label}: leaves ({self.end}) before starting ({self.start})")
        for first, last in self.leave:
            if last < first:
                raise ValueError(f"{label}: leave ends ({last}) before it starts ({first})")

    def capacity(self, month: dt.date, holidays: frozenset[dt.date]) -> float:
        """FTE available to projects in `month`."""
        return float(capacities([self], (month_start(month),), holidays)[0, 0])


def _working_days(months: Sequence[dt.date], holidays: frozenset[dt.date]) -> tuple[np.ndarray, np.ndarray]:
    """Every working day of `months` (as day numbers) and the month each belongs to."""
    days, column = [], []
    for m, month in enumerate(months):
        these = working_days(month, holidays)
        days += [d.toordinal() for d in these]
        column += [m] * len(these)
    return np.array(days, dtype=np.int64), np.array(column, dtype=np.int64)


def capacities(
    people: Sequence[Person], months: Sequence[dt.date], holidays: frozenset[dt.date]
) -> np.ndarray:
    """FTE available to projects, people × months: each person's presence on every working day, summed per month
    (vectorised over the days; a person's leave ranges one by one)."""
    days, column = _working_days(months, holidays)
    per_month = np.bincount(column, minlength=len(months)).astype(float)
    out = np.zeros((len(people), len(months)))
    if not days.size:
        return out
    for i, person in enumerate(people):
        present = np.ones(days.shape[0], dtype=bool)
        if person.start:
            present &= days >= person.start.toordinal()
        if person.end:
            present &= days <= person.end.toordinal()
        for first, last in person.leave:
            present &= (days < first.toordinal()) | (days > last.toordinal())
        share = np.bincount(column, weights=present, minlength=len(months)) / np.maximum(per_month, 1)
        out[i] = person.fte * (1 - person.run_the_business) * share
    return out


@dataclass(frozen=True)
class Demand:
    """`fte` of a role (of the named `person`, when set) asked by `project` in `month`."""

    project: int
    role: int
    month: dt.date
    fte: float
    committed: bool = True
    person: int | None = None

    def __post_init__(self) -> None:
        if self.fte < 0:
            raise ValueError(f"project {self.project}: demand cannot be negative ({self.fte} FTE)")


@dataclass(frozen=True)
class Adjustment:
    """What if: `fte` more (negative: fewer) of `role` from `first` to `last` month, inclusive."""

    role: int
    first: dt.date
    last: dt.date
    fte: float

    def __post_init__(self) -> None:
        if self.last < self.first:
            raise ValueError("the what-if ends before it starts")


@dataclass(frozen=True)
class Cell:
    """One row in one month where demand exceeds capacity."""

    row: int
    month: dt.date
    capacity: float
    demand: float
    projects: tuple[tuple[int, float], ...]  # (project, FTE it asks), largest first

    @property
    def shortfall(self) -> float:
        return self.demand - self.capacity


@dataclass(frozen=True)
class Asks:
    """The demand rows that count in a `Load`, as parallel arrays (row and month are indexes into the load)."""

    row: np.ndarray
    month: np.ndarray
    project: np.ndarray
    fte: np.ndarray
    committed: np.ndarray  # bool


@dataclass
class Load:
    """Capacity and demand laid out as `rows` × `months` arrays (rows are role or person keys)."""

    rows: tuple[int, ...]
    months: tuple[dt.date, ...]
    capacity: np.ndarray
    committed: np.ndarray
    tentative: np.ndarray
    asks: Asks

    def demand(self, tentative: bool = True) -> np.ndarray:
        return self.committed + self.tentative if tentative else self.committed

    def balance(self, tentative: bool = True) -> np.ndarray:
        """Capacity less demand: negative where over-allocated."""
        return self.capacity - self.demand(tentative)

    def utilisation(self, tentative: bool = True) -> np.ndarray:
        """Demand as a share of capacity; infinite where there is demand and no capacity, 0 where neither."""
        demand = self.demand(tentative)
        with np.errstate(divide="ignore", invalid="ignore"):
            ratio = np.where(self.capacity > 0, demand / np.where(self.capacity > 0, self.capacity, 1), 0.0)
        return np.where((self.capacity <= 0) & (demand > TOLERANCE), np.inf, ratio)

    def over(self, tentative: bool = True) -> np.ndarray:
        return self.balance(tentative) < -TOLERANCE

    def overallocated(self, tentative: bool = True) -> list[Cell]:
        """Every over-allocated (row, month), worst shortfall first, with the projects asking in it (tentative
        ones only when tentative demand counts)."""
        over, demand, asks = self.over(tentative), self.demand(tentative), self.asks
        chosen = over[asks.row, asks.month] & (asks.committed | tentative)
        by_cell: dict[tuple[int, int], dict[int, float]] = {}
        for r, m, project, fte in zip(
            asks.row[chosen].tolist(),
            asks.month[chosen].tolist(),
            asks.project[chosen].tolist(),
            asks.fte[chosen].tolist(),
            strict=True,
        ):
            cell = by_cell.setdefault((r, m), {})
            cell[project] = cell.get(project, 0.0) + fte
        cells = [
            Cell(
                self.rows[r],
                self.months[m],
                float(self.capacity[r, m]),
                float(demand[r, m]),
                tuple(sorted(by_cell.get((int(r), int(m)), {}).items(), key=lambda kv: (-kv[1], kv[0]))),
            )
            for r, m in zip(*np.nonzero(over), strict=True)
        ]
        return sorted(cells, key=lambda c: (-c.shortfall, c.month, c.row))

    def shortfall(self, tentative: bool = True) -> float:
        """Total FTE-months of demand above capacity."""
        return float(np.clip(-self.balance(tentative), 0, None).sum())


def load(
    people: Iterable[Person],
    demand: Iterable[Demand],
    months: Sequence[dt.date],
    holidays: Iterable[dt.date] = (),
    *,
    per: str = "role",
    adjustments: Iterable[Adjustment] = (),
) -> Load:
    """Capacity and demand per role (`per="role"`) or per named person (`per="person"`: only demand that names
    someone counts) in each of `months`."""
    if per not in {"role", "person"}:
        raise ValueError(f"per must be 'role' or 'person', not {per!r}")
    people, holidays = list(people), frozenset(holidays)
    column = {month_start(m): i for i, m in enumerate(months)}
    counted = []
    for d in demand:
        m = column.get(d.month if d.month.day == 1 else month_start(d.month))
        key = d.role if per == "role" else d.person
        if m is not None and key is not None:
            counted.append((key, m, d.project, d.fte, d.committed))
    if per == "role":
        keys = sorted({p.role for p in people} | {key for key, *_rest in counted})
    else:
        keys = sorted(p.key for p in people)
    row = {k: i for i, k in enumerate(keys)}
    shape = (len(keys), len(months))
    capacity, committed, tentative = np.zeros(shape), np.zeros(shape), np.zeros(shape)
    for person, available in zip(people, capacities(people, months, holidays), strict=True):
        capacity[row[person.role if per == "role" else person.key]] += available
    for adjustment in adjustments if per == "role" else ():
        if adjustment.role in row:
            span = [m for month, m in column.items() if adjustment.first <= month <= adjustment.last]
            r = row[adjustment.role]
            capacity[r, span] = np.maximum(capacity[r, span] + adjustment.fte, 0.0)
    counted = [ask for ask in counted if ask[0] in row]  # demand for someone not in `people` is left out
    asks = Asks(
        np.array([row[a[0]] for a in counted], dtype=np.int64),
        np.array([a[1] for a in counted], dtype=np.int64),
        np.array([a[2] for a in counted], dtype=np.int64),
        np.array([a[3] for a in counted], dtype=float),
        np.array([a[4] for a in counted], dtype=bool),
    )
    np.add.at(committed, (asks.row[asks.committed], asks.month[asks.committed]), asks.fte[asks.committed])
    np.add.at(tentative, (asks.row[~asks.committed], asks.month[~asks.committed]), asks.fte[~asks.committed])
    return Load(tuple(keys), tuple(months), capacity, committed, tentative, asks)
