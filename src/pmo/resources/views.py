"""Resource pages: the portfolio heat map per role (with what-if) and per person, the over-allocation list, the
Excel export, the people and roles, a project's resource plan and a team member's own allocations."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.paginator import Paginator
from django.db.models import Count, Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import generic
from django.views.decorators.http import require_POST

from pmo.core import views_base as base
from pmo.core.tables import xlsx_download
from pmo.engine.capacity import add_months, month_start
from pmo.interop.tables import write_xlsx
from pmo.projects.models import Project
from pmo.projects.views import ProjectTab

from . import heatmap, services
from .adapters import portfolio_load
from .forms import DemandForm, LeaveForm, PersonForm, RoleForm
from .models import Commitment, Demand, Leave, Person, ResourceRole, month_label, short_month


def role_names() -> dict[int, str]:
    return dict(ResourceRole.objects.values_list("pk", "name"))


def visible_projects(user, keys) -> dict[int, Project]:
    """The projects among `keys` that `user` may see (the heat map counts every project; it names only these)."""
    return {
        p.pk: p for p in Project.objects.visible_to(user).filter(pk__in=set(keys)).only("pk", "code", "name")
    }


def named_causes(cells, user, roles: dict[int, str]) -> list[dict]:
    """Over-allocated role-months with the projects causing them: named where the user may see them, else
    counted."""
    shown = visible_projects(user, {project for cell in cells for project, _fte in cell.projects})
    out = []
    for cell in cells:
        named = [(shown[p], fte) for p, fte in cell.projects if p in shown]
        out.append(
            {
                "cell": cell,
                "role_name": roles.get(cell.row, "?"),
                "projects": named,
                "hidden": len(cell.projects) - len(named),
            }
        )
    return out


def paged(items, params) -> dict[str, Any]:
    """A page of `items` (25) and what includes/pagination.html needs."""
    page = Paginator(items, 25).get_page(params.get("page"))
    without_page = params.copy()
    without_page.pop("page", None)
    return {
        "page_obj": page,
        "paginator": page.paginator,
        "is_paginated": page.has_other_pages(),
        "querystring": without_page.urlencode(),
    }


class Heatmap(LoginRequiredMixin, generic.TemplateView):
    """Capacity against demand per role per month for the whole portfolio, with a what-if."""

    template_name = "resources/heatmap.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        params = self.request.GET
        months = heatmap.window(params, timezone.localdate())
        tentative = params.get("tentative", "1") != "0"
        names = role_names()
        adjustment, what_if_error = heatmap.what_if(params, names, months)
        before = portfolio_load(months)
        after = portfolio_load(months, adjustments=[adjustment]) if adjustment else before
        effect = None
        if adjustment:
            effect = {
                "role": names[adjustment.role],
                "adjustment": adjustment,
                "first": month_label(adjustment.first),
                "last": month_label(adjustment.last),
                "over_before": int(before.over(tentative).sum()),
                "over_after": int(after.over(tentative).sum()),
                "short_before": before.shortfall(tentative),
                "short_after": after.shortfall(tentative),
            }
        cells = after.overallocated(tentative)
        return super().get_context_data(
            rows=heatmap.rows(after, names, tentative),
            months=heatmap.month_headers(after),
            first=months[0].strftime("%Y-%m"),
            count=len(months),
            tentative=tentative,
            roles=sorted(names.items(), key=lambda kv: kv[1]),
            effect=effect,
            what_if_error=what_if_error,
            params=params,
            worst=named_causes(cells[:8], self.request.user, names),
            over_count=len(cells),
            querystring=params.urlencode(),
            **kwargs,
        )


class PeopleHeatmap(LoginRequiredMixin, generic.TemplateView):
    """Each person's allocations against their capacity per month; filter by role and team, over-allocated first."""

    template_name = "resources/people_heatmap.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        params = self.request.GET
        months = heatmap.window(params, timezone.localdate())
        people = Person.objects.select_related("role").prefetch_related("leave")
        role = base.id_param(params, "role")
        team = params.get("team", "")
        query = params.get("q", "").strip()
        if role:
            people = people.filter(role_id=role)
        if team:
            people = people.filter(team=team)
        if query:
            people = people.filter(name__icontains=query)
        people = list(people)
        load = portfolio_load(months, per="person", people_queryset=people)
        labels = {p.pk: p.name for p in people}
        rows = heatmap.rows(load, labels)
        info = {p.pk: p for p in people}
        if params.get("over") == "1":
            rows = [r for r in rows if r.over_months]
        rows.sort(key=lambda r: (-r.over_months, r.label))
        pages = paged(rows, params)
        return super().get_context_data(
            people_rows=[(row, info[row.key]) for row in pages["page_obj"].object_list],
            months=heatmap.month_headers(load),
            first=months[0].strftime("%Y-%m"),
            count=len(months),
            roles=sorted(role_names().items(), key=lambda kv: kv[1]),
            teams=Person.objects.exclude(team="").order_by("team").values_list("team", flat=True).distinct(),
            filters={"role": role, "team": team, "q": query, "over": params.get("over") == "1"},
            **pages,
            **kwargs,
        )


class Overallocation(LoginRequiredMixin, generic.TemplateView):
    """Every role-month with more demand than capacity, worst first, with the projects asking."""

    template_name = "resources/overallocation.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        params = self.request.GET
        months = heatmap.window(params, timezone.localdate())
        tentative = params.get("tentative", "1") != "0"
        cells = portfolio_load(months).overallocated(tentative)
        pages = paged(cells, params)
        return super().get_context_data(
            rows=named_causes(pages["page_obj"].object_list, self.request.user, role_names()),
            tentative=tentative,
            first=months[0].strftime("%Y-%m"),
            count=len(months),
            **pages,
            **kwargs,
        )


@login_required
def export(request: HttpRequest) -> HttpResponse:
    """The heat maps and the over-allocation list as one Excel workbook (same window and filters as the page)."""
    months = heatmap.window(request.GET, timezone.localdate())
    tentative = request.GET.get("tentative", "1") != "0"
    names = role_names()
    by_role, by_person = portfolio_load(months), portfolio_load(months, per="person")
    people = dict(Person.objects.values_list("pk", "name"))

    def lines(load, labels):
        demand = load.demand(tentative)
        for r, key in enumerate(load.rows):
            for m, month in enumerate(load.months):
                capacity, asked = round(float(load.capacity[r, m]), 2), round(float(demand[r, m]), 2)
                yield [
                    labels.get(key, "?"),
                    month.strftime("%Y-%m"),
                    capacity,
                    asked,
                    round(capacity - asked, 2),
                ]

    causes = named_causes(by_role.overallocated(tentative), request.user, names)
    over = [
        [
            c["role_name"],
            c["cell"].month.strftime("%Y-%m"),
            round(c["cell"].capacity, 2),
            round(c["cell"].demand, 2),
            round(c["cell"].shortfall, 2),
            ", ".join(f"{p.code} ({fte:.1f})" for p, fte in c["projects"])
            + (f" +{c['hidden']}" if c["hidden"] else ""),
        ]
        for c in causes
    ]
    head = ["month", "capacity_fte", "demand_fte", "balance_fte"]
    data = write_xlsx(
        [
            (_("Per role"), ["role", *head], lines(by_role, names)),
            (_("Per person"), ["person", *head], lines(by_person, people)),
            (
                _("Over-allocation"),
                ["role", "month", "capacity_fte", "demand_fte", "shortfall_fte", "projects"],
                over,
            ),
        ]
    )
    return xlsx_download(data, f"capacity-{months[0]:%Y-%m}.xlsx")


class PersonList(base.TableView):
    model = Person
    related = ("role",)
    template_name = "resources/person_list.html"
    sort_fields = {"name": "name", "role": "role__name", "team": "team", "fte": "fte"}
    default_sort = "name"
    search_fields = ("name", "team", "role__name")

    def filter_queryset(self, qs):
        role = base.id_param(self.request.GET, "role")
        return qs.filter(role_id=role) if role else qs

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(
            roles=sorted(role_names().items(), key=lambda kv: kv[1]),
            role_filter=base.id_param(self.request.GET, "role"),
            can_manage=self.request.user.has_perm("resources.manage_capacity"),
            **kwargs,
        )


def allocations(person: Person, user, months) -> tuple[list[dict], list]:
    """A person's allocations per visible project per month, and their capacity row, for `months`."""
    load = portfolio_load(
        months, per="person", people_queryset=[person], demand_queryset=Demand.objects.filter(person=person)
    )
    rows = heatmap.rows(load, {person.pk: person.name})
    mine = (
        Demand.objects.visible_to(user)
        .filter(person=person, month__gte=months[0], month__lte=months[-1])
        .select_related("project", "role")
    )
    column = {m: i for i, m in enumerate(months)}
    grid: dict[int, dict] = defaultdict(lambda: {"cells": [None] * len(months)})
    for d in mine:
        row = grid[d.project_id]
        row["project"], row["role"] = d.project, d.role
        row["cells"][column[d.month]] = d
    return list(grid.values()), rows[0].cells if rows else []


class PersonDetail(base.DetailView):
    model = Person
    related = ("role", "user")
    template_name = "resources/person_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        person, user = self.object, self.request.user
        months = heatmap.window(self.request.GET, timezone.localdate())
        projects, capacity = allocations(person, user, months)
        can_manage = user.has_perm("resources.manage_capacity")
        return super().get_context_data(
            months=[short_month(m) for m in months],
            projects=projects,
            capacity=capacity,
            leave=person.leave.all(),
            can_manage=can_manage,
            sees_leave_reason=can_manage or person.user_id == user.pk,
            leave_form=LeaveForm() if can_manage else None,
            **kwargs,
        )


class PersonCreate(base.CreateView):
    form_class = PersonForm
    template_name = "resources/person_form.html"
    permission_required = "resources.manage_capacity"
    success_message = gettext_lazy("%(object)s added.")
    service = staticmethod(services.create_person)


class PersonEdit(base.UpdateView):
    model = Person
    form_class = PersonForm
    template_name = "resources/person_form.html"
    permission_required = "resources.manage_capacity"
    success_message = gettext_lazy("%(object)s saved.")
    service = staticmethod(services.update_person)


class RoleList(base.TableView):
    model = ResourceRole
    template_name = "resources/role_list.html"
    sort_fields = {"name": "name"}
    default_sort = "name"
    search_fields = ("name", "description")

    def annotate(self, qs):
        return qs.annotate(n_people=Count("people"), total_fte=Sum("people__fte"))

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(
            can_manage=self.request.user.has_perm("resources.manage_capacity"),
            **kwargs,
        )


class RoleCreate(base.CreateView):
    form_class = RoleForm
    template_name = "resources/role_form.html"
    permission_required = "resources.manage_capacity"
    success_message = gettext_lazy("Role %(object)s added.")
    service = staticmethod(services.create_role)


class RoleEdit(base.UpdateView):
    model = ResourceRole
    form_class = RoleForm
    template_name = "resources/role_form.html"
    permission_required = "resources.manage_capacity"
    success_message = gettext_lazy("Role %(object)s saved.")
    service = staticmethod(services.update_role)


@login_required
@require_POST
def leave_add(request: HttpRequest, pk: int) -> HttpResponse:
    person = get_object_or_404(Person.objects.visible_to(request.user), pk=pk)
    form = LeaveForm(request.POST)
    base.run_action(
        request,
        lambda: services.add_leave(person, acting_user=request.user, **form.cleaned_data),
        lambda leave: _("Leave %(leave)s added.") % {"leave": leave},
        form,
    )
    return redirect(person.get_absolute_url())


@login_required
@require_POST
def leave_remove(request: HttpRequest, pk: int) -> HttpResponse:
    leave = get_object_or_404(Leave.objects.visible_to(request.user), pk=pk)
    person = leave.person
    base.run_action(
        request,
        lambda: services.remove_leave(leave, acting_user=request.user),
        lambda _done: _("Leave removed."),
    )
    return redirect(person.get_absolute_url())


def plan_months(project: Project, params) -> tuple:
    """The months a project's resource plan shows: ?from= and ?months= as on the heat map; by default from three
    months ago (or the project's start, when later) to its finish, at most 18 months."""
    today = timezone.localdate()
    first = add_months(today, -3)
    if project.planned_start and project.planned_start > first:
        first = month_start(project.planned_start)
    count = 12
    if project.planned_finish:
        count = max(1, min(18, len(services.months_between(first, project.planned_finish))))
    defaults = {"from": first.strftime("%Y-%m"), "months": str(count)}
    return heatmap.window({**defaults, **{k: v for k, v in params.items() if k in defaults and v}}, today)


class ProjectPlan(ProjectTab):
    """The project's resource plan: what it asks per role or person per month, and what is left of each role."""

    template_name = "resources/project_plan.html"
    tab = "resources"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        project = self.object
        months = plan_months(project, self.request.GET)
        column = {m: i for i, m in enumerate(months)}
        grid: dict[tuple, dict] = {}
        totals = [0.0] * len(months)
        for d in project.resource_demand.filter(month__in=months).select_related("role", "person"):
            row = grid.setdefault(
                (d.role.name, d.person.name if d.person else ""),
                {"role": d.role, "person": d.person, "cells": [None] * len(months)},
            )
            row["cells"][column[d.month]] = d
            totals[column[d.month]] += float(d.fte)
        load = portfolio_load(months)
        roles = {row["role"].pk for row in grid.values()}
        names = role_names()
        free = [r for r in heatmap.rows(load, names) if r.key in roles]
        can_plan = self.request.user.has_perm("resources.plan_demand", project)
        return super().get_context_data(
            months=[short_month(m) for m in months],
            first=months[0].strftime("%Y-%m"),
            count=len(months),
            plan=[grid[key] for key in sorted(grid)],
            totals=totals,
            free=free,
            can_plan=can_plan,
            demand_form=DemandForm(
                initial={"first": months[0], "last": months[-1], "unit": "fte", "amount": 1}
            )
            if can_plan
            else None,
            default_commitment=Commitment(services.default_commitment(project)).label,
            **kwargs,
        )


@login_required
@require_POST
def demand_set(request: HttpRequest, pk: int) -> HttpResponse:
    project = get_object_or_404(Project.objects.visible_to(request.user), pk=pk)
    form = DemandForm(request.POST)
    base.run_action(
        request,
        lambda: services.set_demand(
            project,
            acting_user=request.user,
            role=form.cleaned_data["role"],
            person=form.cleaned_data["person"],
            first=form.cleaned_data["first"],
            last=form.cleaned_data["last"],
            amount=form.cleaned_data["amount"],
            unit=form.cleaned_data["unit"],
            commitment=form.cleaned_data["commitment"] or None,
        ),
        lambda rows: _("Resource plan saved: %(count)s month(s) with demand.") % {"count": len(rows)},
        form,
    )
    return redirect(reverse("resources:project_plan", args=[project.pk]))


class MyAllocations(LoginRequiredMixin, generic.TemplateView):
    """A team member's own months: capacity, what each project asks of them, and their leave."""

    template_name = "resources/my_allocations.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        person = Person.objects.filter(user=self.request.user).select_related("role").first()
        months = heatmap.window(self.request.GET, timezone.localdate())
        context = {"person": person, "months": [short_month(m) for m in months]}
        if person is not None:
            context["projects"], context["capacity"] = allocations(person, self.request.user, months)
            context["leave"] = person.leave.filter(end__gte=months[0])
        return super().get_context_data(**context, **kwargs)
