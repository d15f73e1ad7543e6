"""Benchmark: the capacity heat map's arithmetic for a large organisation, against a plain per-day loop.

    uv run python bench/capacity.py [PEOPLE] [MONTHS] [DEMAND]        (default: 2000 36 50000)

PEOPLE people in 12 roles (a third joining or leaving within the window, each with three leave ranges), DEMAND demand
rows over MONTHS months. Times `pmo.engine.capacity.load` per role and per person (median of 5) and, as the baseline in
the same run, the straightforward computation: for every person, month and working day, is the person present?
Both must give the same capacity. Last line: JSON.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import statistics
import sys
import time

import numpy as np

from pmo.engine.capacity import Demand, Person, load, months_from, working_days
from pmo.engine.schedule.calendar import dutch_public_holidays


def organisation(people: int, months: int, demand: int, seed: int = 7):
    rng = random.Random(seed)
    window = months_from(dt.date(2027, 1, 1), months)
    last = window[-1]
    staff = []
    for key in range(people):
        start = window[0] + dt.timedelta(days=rng.randrange(0, 700)) if rng.random() < 0.17 else None
        end = last - dt.timedelta(days=rng.randrange(0, 700)) if rng.random() < 0.17 else None
        if start and end and end < start:
            start, end = end, start
        leave = []
        for _ in range(3):
            first = window[0] + dt.timedelta(days=rng.randrange(0, (last - window[0]).days))
            leave.append((first, first + dt.timedelta(days=rng.randrange(1, 20))))
        staff.append(
            Person(
                key,
                role=key % 12,
                fte=rng.choice([0.6, 0.8, 1.0]),
                run_the_business=0.2,
                start=start,
                end=end,
                leave=tuple(leave),
            )
        )
    asks = [
        Demand(
            project=rng.randrange(400),
            role=rng.randrange(12),
            month=rng.choice(window),
            fte=round(rng.uniform(0.1, 2), 1),
            committed=rng.random() < 0.8,
            person=rng.randrange(people) if rng.random() < 0.4 else None,
        )
        for _ in range(demand)
    ]
    return staff, asks, window


def per_day(staff, window, holidays) -> np.ndarray:
    """The baseline: person by person, month by month, day by day."""
    out = np.zeros((12, len(window)))
    for person in staff:
        for m, month in enumerate(window):
            days = working_days(month, holidays)
            present = sum(
                1
                for day in days
                if not ((person.start and day < person.start) or (person.end and day > person.end))
                and not any(first <= day <= last for first, last in person.leave)
            )
            out[person.role, m] += person.fte * (1 - person.run_the_business) * present / len(days)
    return out


def timed(run, repeat: int = 5):
    times, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = run()
        times.append(time.perf_counter() - started)
    return statistics.median(times), result


def main() -> None:
    people, months, demand = (int(a) for a in (sys.argv[1:] + ["2000", "36", "50000"][len(sys.argv[1:]) :]))
    staff, asks, window = organisation(people, months, demand)
    holidays = frozenset(dutch_public_holidays({m.year for m in window}))
    role_s, by_role = timed(lambda: load(staff, asks, window, holidays))
    person_s, by_person = timed(lambda: load(staff, asks, window, holidays, per="person"))
    base_s, baseline = timed(lambda: per_day(staff, window, holidays), repeat=1)
    same = bool(np.allclose(by_role.capacity, baseline))
    over = len(by_role.overallocated())
    rows = [
        ("per role (load)", role_s, f"{over} over-allocated role-months"),
        ("per person (load)", person_s, f"{len(by_person.overallocated())} over-allocated person-months"),
        ("baseline: per-day loop, capacity only", base_s, "same capacity" if same else "DIFFERENT capacity"),
    ]
    print(f"{people} people, {months} months, {demand} demand rows")
    print(f"{'what':<40} {'seconds':>9}  note")
    for name, seconds, note in rows:
        print(f"{name:<40} {seconds:>9.3f}  {note}")
    print(
        json.dumps(
            {
                "people": people,
                "months": months,
                "demand_rows": demand,
                "per_role_s": round(role_s, 4),
                "per_person_s": round(person_s, 4),
                "baseline_per_day_s": round(base_s, 4),
                "speedup_vs_baseline": round(base_s / role_s, 1),
                "same_capacity": same,
            }
        )
    )


if __name__ == "__main__":
    main()
