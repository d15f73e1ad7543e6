"""Scenario pages: list, create and edit, the result (value beside the ranking baseline, frontier, roadmap, projects
in and out with the reasons), comparison side by side, and the roadmap of the plan."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from pmo.core import views_base as base
from pmo.engine import capacity as months_math
from pmo.engine.portfolio.explain import describe_months

from . import roadmaps, services
from .charts import frontier_points
from .forms import ScenarioForm
from .models import Scenario, ScenarioStatus
from .selection import balance_rules


class ScenarioList(base.TableView):
    model = Scenario
    related = ("portfolio",)
    template_name = "portfolio/scenario_list.html"
    sort_fields = {"name": "name", "created": "created_at", "status": "status"}
    default_sort = "-created"
    search_fields = ("name", "description")
    paginate_by = 50

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(
            can_add=self.request.user.has_perm("portfolio.manage_scenarios"), section="scenarios", **kwargs
        )


class ScenarioCreate(base.CreateView):
    form_class = ScenarioForm
    template_name = "portfolio/scenario_form.html"
    permission_required = "portfolio.manage_scenarios"
    success_message = gettext_lazy("Scenario %(object)s created.")
    service = staticmethod(services.create_scenario)

    def get_initial(self) -> dict[str, Any]:
        return {"first_month": months_math.add_months(dt.date.today(), 1)}


class ScenarioEdit(base.UpdateView):
    model = Scenario
    form_class = ScenarioForm
    template_name = "portfolio/scenario_form.html"
    permission_required = "portfolio.manage_scenarios"
    success_message = gettext_lazy("Scenario %(object)s saved.")
    service = staticmethod(services.update_scenario)


def month_label(first: dt.date, index: int) -> str:
    return formats.date_format(months_math.add_months(first, index), "M Y")


def months_text(first: dt.date, months) -> str:
    return describe_months(months, lambda t: month_label(first, t))


def reason_text(reason: dict, first: dt.date, *, chosen: bool = False) -> str:
    """A stored reason (kind, about, months) as a sentence in the user's language; `chosen`: the project is in the
    plan (the reason explains why it does not start earlier)."""
    kind, about, months = reason["kind"], reason["about"], reason["months"]
    when = months_text(first, months) if months else ""
    texts = {
        "budget": _("budget %(about)s would be exceeded"),
        "capacity": _("not enough %(about)s in %(when)s"),
        "after": _("must wait until %(about)s finishes"),
        "before": _("would not finish before %(about)s starts"),
        "requires": _("requires %(about)s, which is left out"),
        "excludes": _("excludes %(about)s, which is in the plan"),
        "balance": _("balance rule: %(about)s"),
        "window": _("does not fit between its earliest start and its deadline"),
        "forced": _("forced out"),
        "value": _("could start from %(when)s; starting later loses nothing")
        if chosen
        else _("fits from %(when)s, but the plan is worth more without it"),
    }
    if kind == "balance":
        about = balance_text(about)
    return texts.get(kind, kind) % {"about": about, "when": when}


def balance_text(label: str) -> str:
    """The engine's label of a balance rule (“programme:PRG-DD: ≥ 20% and ≤ 50% of cost”) in the user's words."""
    group, _sep, rest = label.partition(": ")
    kind, _sep, code = group.partition(":")
    shares, _sep, measure = rest.rpartition(" of ")
    return _("%(group)s %(shares)s of %(measure)s") % {
        "group": (_("programme %(code)s") if kind == "programme" else _("objective %(code)s"))
        % {"code": code},
        "shares": shares.replace(" and ", f" {_('and')} "),
        "measure": _("the cost") if measure == "cost" else _("the number of projects"),
    }


def _rows(scenario: Scenario) -> dict[str, list[dict]]:
    result = scenario.result or {}
    first = dt.date.fromisoformat(result["months"][0]) if result.get("months") else scenario.first_month
    groups: dict[str, list[dict]] = {"running": [], "in": [], "out": []}
    for row in result.get("projects", []):
        item = {
            **row,
            "start_label": month_label(first, row["start"]) if row["start"] is not None else "",
            "greedy_label": month_label(first, row["greedy_start"])
            if row["greedy_start"] is not None
            else "",
        }
        key = "running" if row["running"] else "in" if row["start"] is not None else "out"
        item["reasons_text"] = [reason_text(r, first, chosen=key == "in") for r in row["reasons"]]
        groups[key].append(item)
    groups["in"].sort(key=lambda r: (r["start"], r["code"]))
    return groups


class ScenarioDetail(base.DetailView):
    model = Scenario
    related = ("portfolio", "approved_by")
    template_name = "portfolio/scenario_detail.html"

    def get_template_names(self) -> list[str]:
        if self.request.htmx and self.object.busy:
            return ["portfolio/_scenario_progress.html"]
        return [self.template_name]

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        if request.htmx and not self.object.busy:
            response["HX-Refresh"] = "true"  # finished: show the whole result
        return response

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        result = self.object.result or {}
        by = "objective" if self.request.GET.get("by") == "objective" else "programme"
        greedy = (result.get("greedy") or {}).get("value")
        return super().get_context_data(
            r=result,
            rows=_rows(self.object),
            ratio=result["value"] / greedy if result and greedy else None,
            frontier=frontier_points(result.get("frontier", [])),
            capacity_frontier=frontier_points(result.get("capacity_frontier", []), x="level"),
            road=roadmaps.scenario_roadmap(self.object, by),
            rules=[balance_text(rule.label) for rule in balance_rules(self.object.balance or ())],
            by=by,
            can_manage=self.request.user.has_perm("portfolio.manage_scenarios"),
            others=Scenario.objects.visible_to(self.request.user)
            .filter(portfolio=self.object.portfolio, status=ScenarioStatus.DONE)
            .exclude(pk=self.object.pk),
            section="scenarios",
            **kwargs,
        )


def _action(request: HttpRequest, pk: int, action, success: str) -> HttpResponse:
    scenario = get_object_or_404(Scenario.objects.visible_to(request.user), pk=pk)
    if not request.user.has_perm("portfolio.manage_scenarios"):
        raise PermissionDenied(_("Only the portfolio office works with scenarios."))
    base.run_action(request, lambda: action(scenario, acting_user=request.user), lambda _r: success)
    return redirect(scenario.get_absolute_url())


@login_required
@require_POST
def scenario_run(request: HttpRequest, pk: int) -> HttpResponse:
    return _action(request, pk, services.run_scenario, _("Optimisation started."))


@login_required
@require_POST
def scenario_copy(request: HttpRequest, pk: int) -> HttpResponse:
    scenario = get_object_or_404(Scenario.objects.visible_to(request.user), pk=pk)
    if not request.user.has_perm("portfolio.manage_scenarios"):
        raise PermissionDenied(_("Only the portfolio office works with scenarios."))
    copy = services.copy_scenario(scenario, acting_user=request.user)
    messages.success(request, _("Copied: change the settings of %(name)s and run it.") % {"name": copy})
    return redirect("portfolio:scenario_edit", pk=copy.pk)


@login_required
@require_POST
def scenario_freeze(request: HttpRequest, pk: int) -> HttpResponse:
    return _action(request, pk, services.freeze_scenario, _("Scenario frozen."))


@login_required
@require_POST
def scenario_approve(request: HttpRequest, pk: int) -> HttpResponse:
    return _action(
        request, pk, services.approve_scenario, _("Scenario approved: the planned starts have changed.")
    )


@login_required
def scenario_compare(request: HttpRequest) -> HttpResponse:
    visible = Scenario.objects.visible_to(request.user).filter(status=ScenarioStatus.DONE)
    a, b = base.id_param(request.GET, "a"), base.id_param(request.GET, "b")
    left = get_object_or_404(visible, pk=a) if a else None
    right = get_object_or_404(visible, pk=b) if b else None
    diff = []
    if left and right:
        mine = {row["code"]: row for row in left.result["projects"]}
        theirs = {row["code"]: row for row in right.result["projects"]}
        first_a = dt.date.fromisoformat(left.result["months"][0])
        first_b = dt.date.fromisoformat(right.result["months"][0])
        for code in sorted(mine.keys() | theirs.keys()):
            x, y = mine.get(code), theirs.get(code)
            sa = months_math.add_months(first_a, x["start"]) if x and x["start"] is not None else None
            sb = months_math.add_months(first_b, y["start"]) if y and y["start"] is not None else None
            if sa != sb:
                change = "in" if sa is None else "out" if sb is None else "moved"
                diff.append({"code": code, "name": (x or y)["name"], "a": sa, "b": sb, "change": change})
    years = sorted(
        set((left.result["cost_per_year"] if left else {}) | (right.result["cost_per_year"] if right else {}))
    )
    roles = sorted(
        set((left.result["utilisation"] if left else {}) | (right.result["utilisation"] if right else {}))
    )
    return render(
        request,
        "portfolio/scenario_compare.html",
        {
            "left": left,
            "right": right,
            "choices": visible.select_related("portfolio"),
            "diff": diff,
            "years": years,
            "roles": roles,
            "section": "scenarios",
        },
    )


@login_required
def plan_roadmap(request: HttpRequest) -> HttpResponse:
    """The plan as it stands: open projects the user sees, in swimlanes by programme or by objective."""
    by = "objective" if request.GET.get("by") == "objective" else "programme"
    road = roadmaps.plan_roadmap(request.user, by)
    return render(request, "portfolio/roadmap.html", {"road": road, "by": by, "section": "roadmap"})
