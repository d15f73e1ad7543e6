"""The portfolio as a selection-and-scheduling problem for `pmo.engine.portfolio`.

- Approved, active and closing projects are running: they keep their planned start (`fixed_start`, negative when
  they began before the horizon) and use budget and capacity in the months they still run.
- Proposals are the candidates: the optimiser decides whether and in which month they start. Their duration is
  their planned duration; cost and role demand keep their shape relative to the start.
- Cost per month: the project's budget spread evenly over its planned months. Role demand per month: the project's
  resource plan (`resources.Demand`, per role, named people counted under their role), relative to its planned start.
- Value: the strategic score (0–100) from the drivers' weights and the project's objective links, counted from the
  month the project finishes and discounted by `TIME_PREFERENCE` a year (sooner is better). Or, in money, the
  financial benefits the project enables on the benefit map (a shared benefit split between its projects), in the
  shape of their plan from the month the project finishes, discounted at the scenario's rate; risk-adjusted, times
  the chance that none of the project's open high-impact risks strikes.
- Balance: rules on the share of cost or count of a programme's projects, or of those serving an objective.
- Dependencies: a proposal with an open dependency on another project (its RAID register) starts after that
  project finishes, and is only chosen with it when that project is a proposal too.
- Budget: an annual budget per twelve months of the horizon, or its share per quarter or per month (the last,
  shorter block pro rata); capacity: the people of each role as on the capacity heat map, times a factor.

Projects without planned dates cannot be placed in time; they are left out with a message.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from pmo.engine import capacity as months_math
from pmo.engine.portfolio import BalanceRule, Budget, Candidate, Problem
from pmo.engine.portfolio import Dependency as EngineDependency
from pmo.projects.lifecycle import Lifecycle
from pmo.projects.models import Portfolio, Project
from pmo.raid.adapters import success_probabilities
from pmo.raid.models import Dependency, DependencyStatus
from pmo.resources.adapters import portfolio_load
from pmo.resources.models import Demand, ResourceRole
from pmo.strategy.benefits import benefit_streams
from pmo.strategy.models import ProjectObjective, StrategicObjective
from pmo.strategy.priorities import strategic_scores

RUNNING = (Lifecycle.APPROVED, Lifecycle.ACTIVE, Lifecycle.CLOSING)
#: A year's discount on the strategic score, counted from the month a project finishes: of two otherwise equal
#: plans, the one that delivers sooner wins (so proposals do not drift to the end of the horizon).
TIME_PREFERENCE = 0.05
CANDIDATES = (Lifecycle.PROPOSAL,)


@dataclass(frozen=True)
class Settings:
    first_month: dt.date
    horizon: int = 36
    annual_budget: float | None = None  # None: no budget limit
    capacity_factor: float = 1.0  # 1.0: the people as they are; None of the roles: no capacity limit
    forced_in: frozenset[int] = frozenset()  # project pks
    forced_out: frozenset[int] = frozenset()
    budget_period: int = 12  # months: 12 a year, 3 a quarter, 1 a month
    value_basis: str = "score"  # score | benefits | risk
    discount_rate: float = 0.04  # a year, for the net present value of benefits
    balance: tuple[
        dict, ...
    ] = ()  # {"group": "programme:CODE" | "objective:CODE", "measure", "min", "max"} in %

    def __post_init__(self) -> None:
        if self.horizon < 1 or self.horizon > 120:
            raise ValueError(_("The horizon must lie between 1 and 120 months."))
        if self.annual_budget is not None and self.annual_budget < 0:
            raise ValueError(_("The annual budget cannot be negative."))
        if self.capacity_factor < 0:
            raise ValueError(_("The capacity factor cannot be negative."))
        if self.forced_in & self.forced_out:
            raise ValueError(_("A project cannot be forced in and out at once."))
        if self.budget_period not in (1, 3, 12):
            raise ValueError(_("The budget holds per year, per quarter or per month."))
        if self.value_basis not in ("score", "benefits", "risk"):
            raise ValueError(_("Unknown value basis: %(basis)s.") % {"basis": self.value_basis})


@dataclass
class Selection:
    problem: Problem
    months: tuple[dt.date, ...]
    projects: dict[str, Project]  # candidate id (the project code) → project
    skipped: list[str] = field(default_factory=list)
    capacity: dict[str, tuple[float, ...]] = field(
        default_factory=dict
    )  # per role, before room for running work

    annual_budget: float | None = None
    period: int = 12  # months per budget period

    def variant(self, annual_budget: float | None, capacity_scale: float = 1.0) -> Problem:
        """The same portfolio with another budget per year and/or its capacity scaled (no queries: for the
        frontiers)."""
        p = self.problem
        return _problem(
            p.candidates,
            {role: tuple(v * capacity_scale for v in row) for role, row in self.capacity.items()},
            annual_budget,
            self.months,
            [],
            period=self.period,
            dependencies=p.dependencies,
            balance=p.balance,
            discount_rate=p.discount_rate,
        )

    def at_budget(self, annual_budget: float | None) -> Problem:
        return self.variant(annual_budget)

    def at_capacity(self, scale: float) -> Problem:
        return self.variant(self.annual_budget, scale)

    def month(self, index: int) -> dt.date:
        return months_math.add_months(self.months[0], index)


def _months_between(first: dt.date, later: dt.date) -> int:
    return (later.year - first.year) * 12 + later.month - first.month


def build(portfolio: Portfolio, settings: Settings) -> Selection:
    first = months_math.month_start(settings.first_month)
    months = months_math.months_from(first, settings.horizon)
    projects = list(
        Project.objects.filter(portfolio=portfolio, lifecycle__in=RUNNING + CANDIDATES)
        .select_related("programme")
        .order_by("code")
    )
    skipped = []
    placed = []
    for p in projects:
        if p.planned_start is None or p.planned_finish is None:
            skipped.append(_("%(code)s has no planned start and finish.") % {"code": p.code})
        elif p.lifecycle in RUNNING and p.planned_finish < first:
            continue  # finished before the horizon: it uses nothing
        else:
            placed.append(p)
    scores = strategic_scores(portfolio, placed)
    money = settings.value_basis != "score"
    streams = benefit_streams(portfolio, placed) if money else {}
    success = success_probabilities(placed) if settings.value_basis == "risk" else {}
    groups = _groups(portfolio, placed)
    roles = {r.pk: r.name for r in ResourceRole.objects.all()}
    profile: dict[int, dict[str, list[float]]] = defaultdict(dict)
    durations = {p.pk: _months_between(p.planned_start, p.planned_finish) + 1 for p in placed}
    starts = {p.pk: months_math.month_start(p.planned_start) for p in placed}
    for project_id, role_id, month, fte in Demand.objects.filter(project__in=placed).values_list(
        "project_id", "role_id", "month", "fte"
    ):
        offset = _months_between(starts[project_id], month)
        if 0 <= offset < durations[project_id]:
            row = profile[project_id].setdefault(roles[role_id], [0.0] * durations[project_id])
            row[offset] += float(fte)

    candidates = []
    for p in placed:
        duration = durations[p.pk]
        running = p.lifecycle in RUNNING
        if not running and duration > settings.horizon:
            skipped.append(
                _("%(code)s lasts %(n)s months, longer than the horizon.") % {"code": p.code, "n": duration}
            )
            continue
        monthly = float(p.budget or 0) / duration
        candidates.append(
            Candidate(
                id=p.code,
                duration=duration,
                cost=(monthly,) * duration,
                demand={role: tuple(values) for role, values in profile[p.pk].items()},
                value=0.0 if money else scores[p.pk],
                benefits=tuple(streams.get(p.pk, ()))[: settings.horizon],
                success=success.get(p.pk, 1.0),
                fixed_start=_months_between(first, starts[p.pk]) if running else None,
                force="in" if p.pk in settings.forced_in else "out" if p.pk in settings.forced_out else None,
                groups=groups.get(p.pk, ()),
            )
        )
    load = portfolio_load(months)
    asked = {role for c in candidates for role in c.demand}
    capacity = {
        roles[key]: tuple(float(v) * settings.capacity_factor for v in row)
        for key, row in zip(load.rows, load.capacity, strict=True)
        if roles.get(key) in asked
    }
    for role in asked - set(capacity):
        capacity[role] = (0.0,) * settings.horizon  # asked for, but nobody fills the role
    problem = _problem(
        candidates,
        capacity,
        settings.annual_budget,
        months,
        skipped,
        period=settings.budget_period,
        dependencies=_dependencies(placed, candidates),
        balance=balance_rules(settings.balance),
        discount_rate=settings.discount_rate if money else TIME_PREFERENCE,
    )
    by_code = {p.code: p for p in placed}
    return Selection(
        problem,
        months,
        {c.id: by_code[c.id] for c in candidates},
        skipped,
        capacity,
        settings.annual_budget,
        settings.budget_period,
    )


def _groups(portfolio: Portfolio, placed: list[Project]) -> dict[int, tuple[str, ...]]:
    """Per project the groups balance rules can name: its programme, and every objective it serves (with the
    objectives those refine)."""
    parent = dict(StrategicObjective.objects.filter(portfolio=portfolio).values_list("code", "parent__code"))
    out: dict[int, list[str]] = defaultdict(list)
    for p in placed:
        if p.programme_id:
            out[p.pk].append(f"programme:{p.programme.code}")
    for project_id, code in ProjectObjective.objects.filter(project__in=placed).values_list(
        "project_id", "objective__code"
    ):
        while code is not None:
            if f"objective:{code}" not in out[project_id]:
                out[project_id].append(f"objective:{code}")
            code = parent.get(code)
    return {pk: tuple(g) for pk, g in out.items()}


def balance_rules(rules) -> tuple[BalanceRule, ...]:
    """A scenario's balance rules (shares in percent) for the engine."""
    return tuple(
        BalanceRule(
            group=rule["group"],
            measure=rule.get("measure", "cost"),
            min_share=rule["min"] / 100 if rule.get("min") is not None else None,
            max_share=rule["max"] / 100 if rule.get("max") is not None else None,
        )
        for rule in rules
    )


def _dependencies(placed: list[Project], candidates: list[Candidate]) -> tuple[Dependency, ...]:
    """A proposal that depends on another project (an open dependency in its register) starts after that project
    finishes, and needs it in the plan when it is a proposal too; running work keeps its dates."""
    code = {p.pk: p.code for p in placed}
    kept = {c.id: c for c in candidates}
    out = []
    for project_id, depends_id in Dependency.objects.filter(
        project__in=placed,
        depends_on__in=placed,
        status__in=(DependencyStatus.OPEN, DependencyStatus.AT_RISK),
    ).values_list("project_id", "depends_on_id"):
        after, before = kept.get(code[project_id]), kept.get(code[depends_id])
        if after is None or before is None or after.fixed_start is not None:
            continue
        out.append(EngineDependency(before.id, after.id, "after"))
        if before.fixed_start is None:
            out.append(EngineDependency(before.id, after.id, "requires"))
    return tuple(dict.fromkeys(out))


def _problem(
    candidates,
    capacity,
    annual_budget: float | None,
    months,
    notes: list[str],
    *,
    period: int = 12,
    dependencies=(),
    balance=(),
    discount_rate: float = TIME_PREFERENCE,
) -> Problem:
    """The problem for a budget per year (None: unlimited) that holds per `period` months (its share of the year's
    budget), with room made for running work (see below)."""
    horizon = len(months)
    budgets = ()
    if annual_budget is not None:
        blocks = [(start, min(start + period - 1, horizon - 1)) for start in range(0, horizon, period)]
        budgets = tuple(
            Budget(
                start,
                last,
                annual_budget * (last - start + 1) / 12,
                name=f"{months[start]:%m/%Y}"
                if start == last
                else f"{months[start]:%m/%Y}–{months[last]:%m/%Y}",
            )
            for start, last in blocks
        )
    budgets, capacity = _make_room_for_running(candidates, budgets, capacity, horizon, notes)
    return Problem(
        horizon=horizon,
        candidates=tuple(candidates),
        budgets=budgets,
        capacity=capacity,
        dependencies=tuple(dependencies),
        balance=tuple(balance),
        discount_rate=discount_rate,
    )


def _money(amount: float) -> str:
    return "€\u00a0" + number_format(round(amount), 0, force_grouping=True)


def _make_room_for_running(candidates, budgets, capacity, horizon: int, notes: list[str]):
    """Running projects stay as they are, also where they already ask more than the budget or the people allow:
    such a limit is raised to what they use (so that only proposals compete for what is left), with a note."""
    running = [c for c in candidates if c.fixed_start is not None]
    use = {role: [0.0] * horizon for role in capacity}
    spend = [0.0] * horizon
    for c in running:
        for k in range(c.duration):
            t = c.fixed_start + k
            if 0 <= t < horizon:
                spend[t] += c.cost[k]
                for role, profile in c.demand.items():
                    use[role][t] += profile[k]
    raised = []
    for b in budgets:
        used = sum(spend[b.first : b.last + 1])
        if used > b.limit:
            notes.append(
                _("Running projects already spend %(used)s in %(period)s, more than its budget of %(limit)s.")
                % {"used": _money(used), "period": b.label, "limit": _money(b.limit)}
            )
        raised.append(Budget(b.first, b.last, max(b.limit, used), b.name))
    short = sorted(
        role for role in capacity if any(u > c + 1e-9 for u, c in zip(use[role], capacity[role], strict=True))
    )
    if short:
        notes.append(
            _(
                "Running projects already ask more than there is of: %(roles)s. Only the proposals compete for the rest."
            )
            % {"roles": ", ".join(short)}
        )
    room = {
        role: tuple(max(c, u) for c, u in zip(capacity[role], use[role], strict=True)) for role in capacity
    }
    return tuple(raised), room
