"""Pages for strategic objectives and how projects contribute to them."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q, Sum
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from pmo.core import views_base as base
from pmo.engine.portfolio import ahp
from pmo.projects.models import Portfolio, Project
from pmo.projects.views import PROJECT_RELATED, ProjectTab

from . import priorities, services
from .forms import DirectWeightsForm, LinkForm, ObjectiveForm, PairwiseForm
from .models import DriverWeighting, ProjectObjective, StrategicObjective


class ObjectiveList(base.TableView):
    model = StrategicObjective
    related = ("parent", "portfolio")
    template_name = "strategy/objective_list.html"
    sort_fields = {"code": "code", "title": "title", "projects": "n_projects"}
    default_sort = "code"
    search_fields = ("code", "title", "description")
    paginate_by = 50

    def annotate(self, qs):
        visible = Q(project_links__project__in=Project.objects.visible_to(self.request.user))
        return qs.annotate(n_projects=Count("project_links", filter=visible))

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(
            can_add=self.request.user.has_perm("strategy.add_objective"), **kwargs
        )


class ObjectiveDetail(base.DetailView):
    model = StrategicObjective
    related = ("parent", "portfolio")
    template_name = "strategy/objective_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        projects = (
            Project.objects.visible_to(self.request.user)
            .filter(objective_links__objective=self.object)
            .select_related(*PROJECT_RELATED)
        )
        return super().get_context_data(
            links=ProjectObjective.objects.visible_to(self.request.user)
            .filter(objective=self.object)
            .select_related("project", "project__manager", "project__programme"),
            children=self.object.children.all(),
            budget=projects.aggregate(total=Sum("budget"))["total"],
            can_edit=self.request.user.has_perm("strategy.change_objective", self.object),
            **kwargs,
        )


class ObjectiveHistory(base.HistoryView):
    model = StrategicObjective
    template_name = "strategy/objective_history.html"


class ObjectiveCreate(base.CreateView):
    form_class = ObjectiveForm
    template_name = "strategy/objective_form.html"
    permission_required = "strategy.add_objective"
    success_message = gettext_lazy("Objective %(object)s created.")
    service = staticmethod(services.create_objective)


class ObjectiveEdit(base.UpdateView):
    model = StrategicObjective
    form_class = ObjectiveForm
    template_name = "strategy/objective_form.html"
    permission_required = "strategy.change_objective"
    success_message = gettext_lazy("Objective %(object)s saved.")
    service = staticmethod(services.update_objective)


class ProjectObjectives(ProjectTab):
    """The project's Strategy tab: which objectives it serves, and how much."""

    template_name = "strategy/project_objectives.html"
    tab = "objectives"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        can_link = self.request.user.has_perm("strategy.link_project", self.object)
        return super().get_context_data(
            links=self.object.objective_links.select_related("objective", "objective__parent"),
            link_form=LinkForm(project=self.object) if can_link else None,
            can_link=can_link,
            **kwargs,
        )


@login_required
@require_POST
def link_add(request: HttpRequest, pk: int) -> HttpResponse:
    project = get_object_or_404(Project.objects.visible_to(request.user), pk=pk)
    if not request.user.has_perm("strategy.link_project", project):
        raise PermissionDenied(_("You are not allowed to change this project."))
    form = LinkForm(request.POST, project=project)
    base.run_action(
        request,
        lambda: services.link_project(project, acting_user=request.user, **form.cleaned_data),
        lambda link: _("Contribution to %(objective)s recorded.") % {"objective": link.objective},
        form,
    )
    return redirect("strategy:project_objectives", pk=project.pk)


@login_required
@require_POST
def link_remove(request: HttpRequest, pk: int, link_pk: int) -> HttpResponse:
    project = get_object_or_404(Project.objects.visible_to(request.user), pk=pk)
    link = get_object_or_404(project.objective_links.select_related("objective", "project"), pk=link_pk)
    if not request.user.has_perm("strategy.change_link", link):
        raise PermissionDenied(_("You are not allowed to change this project."))
    base.run_action(
        request,
        lambda: services.unlink_project(link, acting_user=request.user),
        lambda _result: _("Contribution to %(objective)s removed.") % {"objective": link.objective},
    )
    return redirect("strategy:project_objectives", pk=project.pk)


def _portfolio(request: HttpRequest, pk: int | None = None) -> Portfolio | None:
    """The portfolio asked for (404 when not visible), else the first one the user sees (None: none)."""
    visible = Portfolio.objects.visible_to(request.user)
    if pk is None:
        pk = request.GET.get("portfolio") or None
    if pk is None:
        return visible.order_by("name").first()
    try:
        return get_object_or_404(visible, pk=int(pk))
    except (TypeError, ValueError):
        raise Http404(_("No such portfolio.")) from None


@login_required
def priority_list(request: HttpRequest) -> HttpResponse:
    """Drivers and weights, the projects ranked by strategic score, how sensitive that is, and unaligned work."""
    portfolio = _portfolio(request)
    if portfolio is None:
        return render(request, "strategy/priorities.html", {"portfolio": None, "section": "priorities"})
    result = priorities.priorities(request.user, portfolio)
    weighting = DriverWeighting.objects.filter(portfolio=portfolio).first()
    paginator = Paginator(result.ranking, 50)
    page = paginator.get_page(request.GET.get("page"))
    by_position = result.projects
    stability = [
        {
            "driver": result.drivers[s.driver],
            "weight": s.weight,
            "lower": s.lower,
            "upper": s.upper,
            "lower_swap": [by_position[n] for n in s.lower_swap] if s.lower_swap else None,
            "upper_swap": [by_position[n] for n in s.upper_swap] if s.upper_swap else None,
        }
        for s in result.stability
    ]
    can_weigh = request.user.has_perm("strategy.weigh_drivers", portfolio)
    return render(
        request,
        "strategy/priorities.html",
        {
            "portfolio": portfolio,
            "portfolios": Portfolio.objects.visible_to(request.user).order_by("name"),
            "drivers": list(zip(result.drivers, result.weights, strict=True)),
            "weighted": result.weighted,
            "weighting": weighting,
            "inconsistent": weighting is not None
            and weighting.consistency_ratio is not None
            and weighting.consistency_ratio > ahp.THRESHOLD,
            "threshold": ahp.THRESHOLD,
            "page_obj": page,
            "paginator": paginator,
            "is_paginated": paginator.num_pages > 1,
            "querystring": f"portfolio={portfolio.pk}",
            "object_list": page.object_list,
            "stability": stability,
            "top": priorities.TOP,
            "unaligned": priorities.unaligned(request.user, portfolio),
            "can_weigh": can_weigh,
            "section": "priorities",
        },
    )


@login_required
def weigh_drivers(request: HttpRequest, pk: int) -> HttpResponse:
    """Pairwise comparison (AHP) or direct entry of the drivers' weights."""
    portfolio = _portfolio(request, pk)
    if not request.user.has_perm("strategy.weigh_drivers", portfolio):
        raise PermissionDenied(_("Only the portfolio office sets the weights of the drivers."))
    drivers = priorities.drivers(portfolio)
    kept = priorities.comparisons(portfolio)
    pairwise = PairwiseForm(drivers=drivers, kept=kept)
    direct = DirectWeightsForm(drivers=drivers)
    if request.method == "POST":
        if request.POST.get("method") == "direct":
            direct = DirectWeightsForm(request.POST, drivers=drivers)
            done = base.run_action(
                request,
                lambda: services.weigh_directly(portfolio, direct.weights(), acting_user=request.user),
                lambda _shares: _("Weights saved."),
                direct,
            )
        else:
            pairwise = PairwiseForm(request.POST, drivers=drivers, kept=kept)
            done = base.run_action(
                request,
                lambda: services.weigh_by_comparison(
                    portfolio, pairwise.judgements(), acting_user=request.user
                ),
                lambda result: (
                    _("Weights calculated; consistency ratio %(cr).2f.") % {"cr": result.consistency_ratio}
                ),
                pairwise,
            )
        if done:
            return redirect(f"{reverse('strategy:priorities')}?portfolio={portfolio.pk}")
    return render(
        request,
        "strategy/weights.html",
        {
            "portfolio": portfolio,
            "drivers": drivers,
            "pairwise": pairwise,
            "direct": direct,
            "section": "priorities",
        },
    )
