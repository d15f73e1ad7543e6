"""What the benefit pages show: each benefit's plan against its measurements, what is missing, the benefit map
(projects → changes → benefits → objectives) and the portfolio roll-up that counts a shared benefit once."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cached_property

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from pmo.engine import benefits as maths
from pmo.engine import layers
from pmo.projects.models import Portfolio, Project

from .models import Benefit, BenefitLink, BenefitValue, Change, ChangeKind, StrategicObjective, ValueKind

FLAG_TEXT = {
    "no_owner": _("no owner"),
    "no_measure": _("no measure"),
    "no_target": _("no target"),
    "no_enabler": _("nothing enables it"),
    "no_objective": _("serves no objective"),
}

#: The columns of the benefit map, left to right.
COLUMNS = (
    ("project", _("Projects")),
    ("enabling", _("Enabling changes")),
    ("business", _("Business changes")),
    ("benefit", _("Benefits")),
    ("objective", _("Objectives")),
)


def series(benefit: Benefit, values: Iterable[BenefitValue]) -> maths.Series:
    planned, actual = {}, {}
    for v in values:
        (planned if v.kind == ValueKind.PLANNED else actual)[v.period] = v.value
    return maths.Series(baseline=benefit.baseline, target=benefit.target, planned=planned, actual=actual)


@dataclass
class Graph:
    """The benefit map of one portfolio as the user may see it: nodes keyed ("project", pk), ("change", pk),
    ("benefit", pk), ("objective", pk), and the links between them."""

    nodes: dict[tuple[str, int], object] = field(default_factory=dict)
    links: list[BenefitLink] = field(default_factory=list)

    @cached_property
    def edges(self) -> list[tuple[tuple[str, int], tuple[str, int]]]:
        """The links as (source key, target key); the graph is complete once `graph()` returns it."""
        return [(key(link.source), key(link.target)) for link in self.links]

    @cached_property
    def _down(self) -> dict:
        return adjacency(self.edges)

    @cached_property
    def _up(self) -> dict:
        return adjacency((b, a) for a, b in self.edges)

    def downstream(self, start: tuple[str, int]) -> set[tuple[str, int]]:
        return walk(start, self._down)

    def upstream(self, start: tuple[str, int]) -> set[tuple[str, int]]:
        return walk(start, self._up)


#: How the map names the kinds of its nodes.
KINDS = {Project: "project", Change: "change", Benefit: "benefit", StrategicObjective: "objective"}


def key(obj) -> tuple[str, int]:
    return KINDS[type(obj)], obj.pk


def adjacency(edges) -> dict:
    out = defaultdict(list)
    for a, b in edges:
        out[a].append(b)
    return out


def reach(start, edges) -> set:
    """Everything `start` leads to along `edges` ((from, to) pairs), itself not included unless on a loop."""
    return walk(start, adjacency(edges))


def walk(start, out: dict) -> set:
    seen, todo = set(), [start]
    while todo:
        node = todo.pop()
        for nxt in out[node]:
            if nxt not in seen:
                seen.add(nxt)
                todo.append(nxt)
    return seen


def graph(user, portfolio: Portfolio) -> Graph:
    """Everything on the portfolio's benefit map that `user` may see (links from projects they do not see are left
    out; `user` None: all of it), in a fixed number of queries."""
    result = Graph()
    for obj in Change.objects.filter(portfolio=portfolio).select_related("owner"):
        result.nodes[key(obj)] = obj
    for obj in Benefit.objects.filter(portfolio=portfolio).select_related("owner"):
        result.nodes[key(obj)] = obj
    for obj in StrategicObjective.objects.filter(portfolio=portfolio):
        result.nodes[key(obj)] = obj
    everyone = Project.objects.filter(portfolio=portfolio)
    visible = set(
        (everyone if user is None else Project.objects.visible_to(user)).values_list("pk", flat=True)
    )
    links = BenefitLink.objects.filter(portfolio=portfolio).select_related(
        "source_project",
        "source_change",
        "source_benefit",
        "target_change",
        "target_benefit",
        "target_objective",
    )
    for link in links:
        if link.source_project_id is not None:
            if link.source_project_id not in visible:
                continue
            result.nodes[key(link.source_project)] = link.source_project
        result.links.append(link)
    return result


@dataclass
class Row:
    """A benefit with what the pages show about it."""

    benefit: Benefit
    series: maths.Series
    projects: list[Project]
    enablers: int
    objectives: list[StrategicObjective]
    flags: tuple[str, ...]
    progress: float | None

    @property
    def flag_texts(self) -> list[str]:
        return [str(FLAG_TEXT[f]) for f in self.flags]

    @property
    def shared(self) -> bool:
        return len(self.projects) > 1


def rows(
    user, portfolio: Portfolio, benefits: QuerySet | None = None, *, g: Graph | None = None
) -> list[Row]:
    """One row per benefit (of `benefits`, default all of the portfolio's) with its series, the projects that
    enable it (directly or through changes), its objectives, flags and progress towards the target."""
    g = g or graph(user, portfolio)
    benefits = list(
        (benefits if benefits is not None else Benefit.objects.filter(portfolio=portfolio)).select_related(
            "owner"
        )
    )
    values = defaultdict(list)
    for v in BenefitValue.objects.filter(benefit__in=benefits):
        values[v.benefit_id].append(v)
    edges = g.edges
    incoming = defaultdict(int)
    for _a, b in edges:
        incoming[b] += 1
    result = []
    for benefit in benefits:
        node = key(benefit)
        s = series(benefit, values[benefit.pk])
        above = g.upstream(node)
        objectives = [g.nodes[n] for n in sorted(g.downstream(node)) if n[0] == "objective"]
        projects = sorted((g.nodes[n] for n in above if n[0] == "project"), key=lambda p: p.code)
        result.append(
            Row(
                benefit=benefit,
                series=s,
                projects=projects,
                enablers=incoming[node],
                objectives=objectives,
                flags=maths.flags(
                    owner=benefit.owner_id is not None,
                    measure=bool(benefit.measure.strip()),
                    target=benefit.target is not None,
                    enablers=incoming[node],
                    objectives=len(objectives),
                ),
                progress=maths.progress(s),
            )
        )
    return result


@dataclass
class Rollup:
    periods: list[maths.Period]
    cumulative: list[maths.Period]
    benefits: list[Row]
    by_project: list[
        tuple[Project, float, float]
    ]  # project, planned total, of which shared with other projects
    double_counted: float  # what adding up per project would have added on top


def rollup(user, portfolio: Portfolio) -> Rollup:
    """The financial benefits of the portfolio in money per month, planned against measured, each benefit counted
    once however many projects share it."""
    financial = [r for r in rows(user, portfolio) if r.benefit.is_financial and r.projects]
    by_key = {r.benefit.pk: r.series for r in financial}
    periods = maths.rollup(by_key, [r.benefit.pk for r in financial for _p in r.projects])
    per_project: dict[int, list] = {}
    extra = 0.0
    for r in financial:
        total = sum(maths.gain(r.series, v) for v in r.series.planned.values())
        extra += total * (len(r.projects) - 1)
        for project in r.projects:
            entry = per_project.setdefault(project.pk, [project, 0.0, 0.0])
            entry[1] += total
            if r.shared:
                entry[2] += total
    return Rollup(
        periods=periods,
        cumulative=maths.cumulative(periods),
        benefits=financial,
        by_project=sorted((tuple(e) for e in per_project.values()), key=lambda e: e[0].code),
        double_counted=extra,
    )


def benefit_streams(portfolio: Portfolio, projects: Iterable[Project]) -> dict[int, list[float]]:
    """Per project: the money its financial benefits bring per month from the month it finishes, in the shape of
    their plan (from the first planned month); a benefit several projects enable is split between them, so that
    the portfolio counts it once."""
    wanted = {p.pk for p in projects}
    g = graph(None, portfolio)
    financial = [b for k, b in g.nodes.items() if k[0] == "benefit" and b.is_financial]
    planned = defaultdict(dict)
    for benefit_id, month, value in BenefitValue.objects.filter(
        benefit__in=financial, kind=ValueKind.PLANNED
    ).values_list("benefit_id", "period", "value"):
        planned[benefit_id][month] = value
    streams: dict[int, list[float]] = {}
    for benefit in financial:
        plan = planned.get(benefit.pk)
        enablers = [n[1] for n in g.upstream(key(benefit)) if n[0] == "project"]
        if not plan or not enablers:
            continue
        s = series(benefit, ())
        first = min(plan)
        for project_id in set(enablers) & wanted:
            stream = streams.setdefault(project_id, [])
            for month, value in plan.items():
                offset = (month.year - first.year) * 12 + month.month - first.month
                stream.extend([0.0] * (offset + 1 - len(stream)))
                stream[offset] += maths.gain(s, value) / len(enablers)
    return streams


@dataclass
class Node:
    key: tuple[str, int]
    obj: object
    column: int
    x: float
    y: float
    flagged: bool = False


@dataclass
class Map:
    columns: list[tuple[float, str]]
    nodes: list[Node]
    edges: list[tuple[Node, Node, str]]  # source, target, SVG path
    width: int
    height: int


NODE_W, NODE_H, GAP_X, GAP_Y, TOP = 190, 34, 70, 14, 40


def column(node_key: tuple[str, int], obj) -> int:
    if node_key[0] == "change":
        return 1 if obj.kind == ChangeKind.ENABLING else 2
    return {"project": 0, "benefit": 3, "objective": 4}[node_key[0]]


def benefit_map(user, portfolio: Portfolio, flagged: set[int] | None = None) -> Map:
    """The benefit map laid out in five columns, ordered to keep crossing arrows few; objectives and changes
    without any link are left out (they would only add noise), benefits always show."""
    g = graph(user, portfolio)
    if flagged is None:  # the benefits the checks flag
        flagged = {r.benefit.pk for r in rows(user, portfolio, g=g) if r.flags}
    edges = g.edges
    linked = {n for edge in edges for n in edge}
    keys = [k for k in g.nodes if k in linked or k[0] == "benefit"]
    keys.sort(key=lambda k: (column(k, g.nodes[k]), getattr(g.nodes[k], "code", "")))
    placed = layers.layout({k: column(k, g.nodes[k]) for k in keys}, edges)
    nodes = {}
    for k in keys:
        p = placed[k]
        nodes[k] = Node(
            key=k,
            obj=g.nodes[k],
            column=p.layer,
            x=p.layer * (NODE_W + GAP_X),
            y=TOP + p.position * (NODE_H + GAP_Y),
            flagged=k[0] == "benefit" and k[1] in flagged,
        )
    drawn = []
    for a, b in edges:
        source, target = nodes[a], nodes[b]
        x1, y1 = source.x + NODE_W, source.y + NODE_H / 2
        x2, y2 = target.x, target.y + NODE_H / 2
        bend = (x2 - x1) / 2
        drawn.append(
            (
                source,
                target,
                f"M{x1:.0f},{y1:.0f} C{x1 + bend:.0f},{y1:.0f} {x2 - bend:.0f},{y2:.0f} {x2:.0f},{y2:.0f}",
            )
        )
    height = max((n.y for n in nodes.values()), default=TOP) + NODE_H + 10
    return Map(
        columns=[(n * (NODE_W + GAP_X), str(label)) for n, (_k, label) in enumerate(COLUMNS)],
        nodes=list(nodes.values()),
        edges=drawn,
        width=len(COLUMNS) * (NODE_W + GAP_X) - GAP_X,
        height=int(height),
    )
