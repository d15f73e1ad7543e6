"""How well projects follow their method: per project the deliverables its phases so far ask for, with their status,
and a compliance score — the share of mandatory deliverables that are approved or waived — per project, programme
and portfolio."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from .models import (
    Deliverable,
    DeliverableStatus,
    DeliverableType,
    Need,
    Phase,
    ProjectMethod,
    Waiver,
)


@dataclass
class Row:
    """A deliverable the project's method asks for."""

    phase: Phase
    type: DeliverableType
    need: str
    deliverable: Deliverable | None
    waiver: Waiver | None

    @property
    def status(self) -> str:
        if self.deliverable is not None and self.deliverable.status == DeliverableStatus.APPROVED:
            return "approved"
        if self.waiver is not None:
            return "waived"
        return self.deliverable.status if self.deliverable is not None else DeliverableStatus.MISSING

    @property
    def satisfied(self) -> bool:
        return self.status in ("approved", "waived")

    @property
    def mandatory(self) -> bool:
        return self.need == Need.MANDATORY


def _rows(method: ProjectMethod, phases, types, deliverables, waivers) -> list[Row]:
    rows = []
    for phase in phases:
        if phase.position > method.phase.position and not method.finished:
            break
        for kind in types.get(phase.pk, ()):
            need = kind.need(method.size)
            if need == Need.NONE:
                continue
            rows.append(Row(phase, kind, need, deliverables.get(kind.pk), waivers.get(kind.pk)))
    return rows


def rows_for(method: ProjectMethod) -> list[Row]:
    """The deliverables of the phases the project has reached (all, once finished), in phase order."""
    return rows_for_many([method])[method.project_id]


def rows_for_many(methods: Iterable[ProjectMethod]) -> dict[int, list[Row]]:
    """`rows_for` for many projects in a fixed number of queries."""
    methods = list(methods)
    versions = {m.method_version_id for m in methods}
    phases = defaultdict(list)
    for phase in Phase.objects.filter(method_version__in=versions).order_by("position"):
        phases[phase.method_version_id].append(phase)
    types = defaultdict(list)
    for kind in DeliverableType.objects.filter(phase__method_version__in=versions).order_by("name"):
        types[kind.phase_id].append(kind)
    projects = [m.project_id for m in methods]
    deliverables = defaultdict(dict)
    for d in Deliverable.objects.filter(project__in=projects):
        deliverables[d.project_id][d.type_id] = d
    waivers = defaultdict(dict)
    for w in Waiver.objects.filter(project__in=projects).select_related("granted_by"):
        waivers[w.project_id][w.type_id] = w
    return {
        m.project_id: _rows(
            m, phases[m.method_version_id], types, deliverables[m.project_id], waivers[m.project_id]
        )
        for m in methods
    }


def score(rows: list[Row]) -> float | None:
    """The share of mandatory deliverables so far that are approved or waived (None: nothing mandatory yet)."""
    mandatory = [r for r in rows if r.mandatory]
    return sum(r.satisfied for r in mandatory) / len(mandatory) if mandatory else None


def missing_for_gate(method: ProjectMethod, rows: list[Row] | None = None) -> list[DeliverableType]:
    """The mandatory deliverables of the current phase that are neither approved nor waived (from `rows`, default
    the project's own): while there are any, the gate cannot be passed."""
    if rows is None:
        rows = rows_for(method)
    return [r.type for r in rows if r.phase.pk == method.phase_id and r.mandatory and not r.satisfied]


def scores(methods: Iterable[ProjectMethod]) -> dict[int, float | None]:
    """Compliance per project, from the projects' places in their methods (their phase loaded)."""
    return {pk: score(rows) for pk, rows in rows_for_many(methods).items()}


def pooled(values: Iterable[float | None]) -> float | None:
    """The mean of the scores that exist: a programme's or portfolio's compliance."""
    known = [v for v in values if v is not None]
    return sum(known) / len(known) if known else None
