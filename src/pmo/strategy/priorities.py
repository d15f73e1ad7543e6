"""Prioritisation: the portfolio's drivers (its top-level objectives) with their weights, each visible project's
rating per driver, its strategic score, how sensitive the ranking is to the weights, and the initiatives that serve
no objective at all."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from pmo.engine.portfolio import ahp
from pmo.projects.lifecycle import OPEN_STATES
from pmo.projects.models import Portfolio, Project

from .models import RATING, DriverComparison, ProjectObjective, StrategicObjective

#: The sensitivity analysis watches the first TOP places of the ranking (their order, and who is in them).
TOP = 10


@dataclass(frozen=True)
class Ranked:
    project: Project
    ratings: tuple[int, ...]  # per driver, 0–5
    score: float  # 0–100
    rank: int


@dataclass(frozen=True)
class Priorities:
    drivers: list[StrategicObjective]
    weights: tuple[float, ...]  # per driver; equal weights while none are set
    weighted: bool  # the weights were set (not the equal default)
    ranking: list[Ranked]
    stability: list[ahp.Stability]  # project numbers index `projects`
    projects: list[Project]  # in the order the ratings and the stability refer to


def drivers(portfolio: Portfolio) -> list[StrategicObjective]:
    return list(StrategicObjective.objects.filter(portfolio=portfolio, parent__isnull=True).order_by("code"))


def top_level(portfolio) -> dict[int, int]:
    """Every objective of the portfolio (or portfolio pk) → the pk of its top-level ancestor (the driver it counts
    towards), in one query."""
    parent = dict(StrategicObjective.objects.filter(portfolio=portfolio).values_list("pk", "parent_id"))
    top = {}
    for pk in parent:
        node, seen = pk, set()
        while parent.get(node) is not None and node not in seen:
            seen.add(node)
            node = parent[node]
        top[pk] = node
    return top


def weights(found: list[StrategicObjective]) -> tuple[tuple[float, ...], bool]:
    """The drivers' weights, scaled to add up to 1, and whether they were set (else: equal weights)."""
    weighted = bool(found) and all(d.weight is not None for d in found) and sum(d.weight for d in found) > 0
    if not weighted:
        return tuple(1 / len(found) for _ in found), False
    total = sum(d.weight for d in found)
    return tuple(d.weight / total for d in found), True


def ratings(portfolio: Portfolio, projects: list[Project], found: list[StrategicObjective]) -> np.ndarray:
    """projects × drivers: each project's strongest link to the driver or one of its sub-objectives (0–5)."""
    column = {d.pk: k for k, d in enumerate(found)}
    top = top_level(portfolio)
    row = {p.pk: n for n, p in enumerate(projects)}
    out = np.zeros((len(projects), len(found)), dtype=int)
    links = ProjectObjective.objects.filter(project__in=projects).values_list(
        "project_id", "objective_id", "contribution"
    )
    for project_id, objective_id, contribution in links:
        k = column.get(top.get(objective_id))
        if k is not None:
            out[row[project_id], k] = max(out[row[project_id], k], RATING[contribution])
    return out


def strategic_scores(portfolio: Portfolio, projects: list[Project]) -> dict[int, float]:
    """Project pk → strategic score (0–100) with the portfolio's current weights."""
    found = drivers(portfolio)
    if not found or not projects:
        return {p.pk: 0.0 for p in projects}
    scores = ahp.scores(weights(found)[0], ratings(portfolio, projects, found))
    return {p.pk: float(v) for p, v in zip(projects, scores, strict=True)}


def priorities(user, portfolio: Portfolio) -> Priorities:
    """The ranking of the open projects of `portfolio` that `user` may see."""
    found = drivers(portfolio)
    shares, weighted = weights(found)
    projects = list(
        Project.objects.visible_to(user)
        .filter(portfolio=portfolio, lifecycle__in=OPEN_STATES)
        .select_related("manager", "programme")
        .order_by("code")
    )
    if not found or not projects:
        ranking = [Ranked(p, (), 0.0, n + 1) for n, p in enumerate(projects)]
        return Priorities(found, shares, weighted, ranking, [], projects)
    rated = ratings(portfolio, projects, found)
    scores = ahp.scores(shares, rated)
    order = sorted(range(len(projects)), key=lambda n: (-scores[n], projects[n].code))
    ranking = [
        Ranked(projects[n], tuple(int(r) for r in rated[n]), float(scores[n]), rank + 1)
        for rank, n in enumerate(order)
    ]
    stability = (
        ahp.sensitivity(shares, rated, names=[d.code for d in found], top=TOP) if len(found) > 1 else []
    )
    return Priorities(found, shares, weighted, ranking, stability, projects)


def comparisons(portfolio: Portfolio) -> dict[tuple[int, int], float]:
    """The kept pairwise judgements: (first pk, second pk) → value."""
    return {(c.first_id, c.second_id): c.value for c in DriverComparison.objects.filter(portfolio=portfolio)}


def unaligned(user, portfolio: Portfolio | None = None):
    """Open projects `user` sees that serve no strategic objective."""
    qs = Project.objects.visible_to(user).filter(lifecycle__in=OPEN_STATES, objective_links__isnull=True)
    if portfolio is not None:
        qs = qs.filter(portfolio=portfolio)
    return qs.select_related("manager", "programme").order_by("code")
