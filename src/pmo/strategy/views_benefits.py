"""Pages for benefits management: benefit profiles with plan and measurements, changes, the benefit map and the
portfolio roll-up."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from pmo.core import views_base as base
from pmo.engine import benefits as maths
from pmo.projects.models import Portfolio, Project

from . import benefits, charts, services
from .forms import BenefitForm, ChangeForm, MapLinkForm, MeasurementForm, PlanForm, node_value
from .models import (
    Benefit,
    BenefitKind,
    BenefitLink,
    Change,
    ChangeKind,
    StrategicObjective,
    ValueKind,
)
from .views import _portfolio

SORTS = {
    "code": lambda r: r.benefit.code,
    "title": lambda r: r.benefit.title.lower(),
    "owner": lambda r: str(r.benefit.owner or "~"),
    "progress": lambda r: (r.progress is None, r.progress or 0),
    "flags": lambda r: -len(r.flags),
}


@login_required
def benefit_list(request: HttpRequest) -> HttpResponse:
    """The portfolio's benefits: owner, measure, how far realised, what enables them, and what is missing."""
    portfolio = _portfolio(request)
    context: dict[str, Any] = {"portfolio": portfolio, "section": "benefits", "kinds": BenefitKind.choices}
    if portfolio is None:
        return render(request, "strategy/benefit_list.html", context)
    all_rows = benefits.rows(request.user, portfolio)
    shown = all_rows
    query = request.GET.get("q", "").strip().lower()
    if query:
        shown = [
            r for r in shown if query in f"{r.benefit.code} {r.benefit.title} {r.benefit.measure}".lower()
        ]
    kind = request.GET.get("kind", "")
    if kind in BenefitKind.values:
        shown = [r for r in shown if r.benefit.kind == kind]
    if request.GET.get("flagged"):
        shown = [r for r in shown if r.flags]
    sort = request.GET.get("sort", "code")
    if sort.lstrip("-") not in SORTS:
        sort = "code"
    shown = sorted(shown, key=SORTS[sort.lstrip("-")], reverse=sort.startswith("-"))
    page = Paginator(shown, 50).get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    without_sort = params.copy()
    without_sort.pop("sort", None)
    context.update(
        portfolios=Portfolio.objects.visible_to(request.user).order_by("name"),
        page_obj=page,
        paginator=page.paginator,
        is_paginated=page.paginator.num_pages > 1,
        object_list=page.object_list,
        sort=sort,
        query=request.GET.get("q", ""),
        kind=kind,
        flagged_only=bool(request.GET.get("flagged")),
        querystring=params.urlencode(),
        sort_querystring=without_sort.urlencode(),
        total=len(all_rows),
        flagged=sum(1 for r in all_rows if r.flags),
        can_manage=request.user.has_perm("strategy.manage_benefits"),
    )
    return render(request, "strategy/benefit_list.html", context)


class BenefitDetail(base.DetailView):
    model = Benefit
    related = ("portfolio", "owner")
    template_name = "strategy/benefit_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        user, benefit = self.request.user, self.object
        row = benefits.rows(user, benefit.portfolio, Benefit.objects.filter(pk=benefit.pk))[0]
        links = BenefitLink.objects.visible_to(user).select_related(
            "source_project", "source_change", "target_objective"
        )
        enablers = _visible(user, links.filter(target_benefit=benefit))
        served = list(links.filter(source_benefit=benefit))
        can_manage = user.has_perm("strategy.manage_benefits", benefit)
        linked = {link.source for link in enablers} | {link.target for link in served}
        can_link = user.has_perm("strategy.change_benefit_link", BenefitLink(portfolio=benefit.portfolio))
        projects = Project.objects.visible_to(user).filter(portfolio=benefit.portfolio).order_by("code")
        if not can_link:  # a project manager links only the projects they manage
            projects = [
                p
                for p in projects
                if user.has_perm("strategy.change_benefit_link", BenefitLink(source_project=p))
            ]
        changes = Change.objects.filter(portfolio=benefit.portfolio) if can_link else []
        sources = [node for node in (*projects, *changes) if node not in linked]
        objectives = [
            o for o in StrategicObjective.objects.filter(portfolio=benefit.portfolio) if o not in linked
        ]
        today = timezone.localdate()
        return super().get_context_data(
            row=row,
            periods=list(reversed(maths.realisation(row.series))),
            chart=charts.benefit_chart(row.series, today),
            measurements=benefit.values.filter(kind=ValueKind.ACTUAL).order_by("-period"),
            measurement_form=MeasurementForm(initial={"period": today.replace(day=1)})
            if user.has_perm("strategy.measure_benefit", benefit)
            else None,
            enablers=enablers,
            served=served,
            enabler_form=MapLinkForm(sources=sources, targets=[benefit]) if sources else None,
            objective_form=MapLinkForm(sources=[benefit], targets=objectives)
            if objectives and can_link
            else None,
            can_manage=can_manage,
            can_unlink={
                link.pk for link in enablers + served if user.has_perm("strategy.change_benefit_link", link)
            },
            node_value=node_value(benefit),
            section="benefits",
            **kwargs,
        )


def _visible(user, links) -> list[BenefitLink]:
    """The links whose project (if they start at one) the user sees."""
    links = list(links)
    wanted = {link.source_project_id for link in links} - {None}
    seen = set(Project.objects.visible_to(user).filter(pk__in=wanted).values_list("pk", flat=True))
    return [link for link in links if link.source_project_id is None or link.source_project_id in seen]


class BenefitHistory(base.HistoryView):
    model = Benefit
    template_name = "strategy/benefit_history.html"


class InPortfolio:
    """A create form that starts in the portfolio the user came from (?portfolio=)."""

    def get_initial(self) -> dict[str, Any]:
        return {**super().get_initial(), "portfolio": base.id_param(self.request.GET, "portfolio")}


class BenefitCreate(InPortfolio, base.CreateView):
    form_class = BenefitForm
    template_name = "strategy/benefit_form.html"
    permission_required = "strategy.manage_benefits"
    success_message = gettext_lazy("Benefit %(object)s created.")
    service = staticmethod(services.create_benefit)


class BenefitEdit(base.UpdateView):
    model = Benefit
    form_class = BenefitForm
    template_name = "strategy/benefit_form.html"
    permission_required = "strategy.manage_benefits"
    success_message = gettext_lazy("Benefit %(object)s saved.")
    service = staticmethod(services.update_benefit)


@login_required
def benefit_plan(request: HttpRequest, pk: int) -> HttpResponse:
    """The planned value per month, typed or pasted as lines."""
    benefit = get_object_or_404(Benefit.objects.visible_to(request.user).select_related("portfolio"), pk=pk)
    if not request.user.has_perm("strategy.manage_benefits", benefit):
        raise PermissionDenied(_("Only the portfolio office plans benefits."))
    planned = benefit.values.filter(kind=ValueKind.PLANNED).order_by("period")
    form = PlanForm(initial={"version": benefit.version, "plan": PlanForm.text(planned)})
    if request.method == "POST":
        form = PlanForm(request.POST)
        done = (
            base.run_action(
                request,
                lambda: services.set_benefit_plan(
                    benefit,
                    form.cleaned_data["plan"],
                    acting_user=request.user,
                    expected_version=form.cleaned_data["version"],
                ),
                lambda _b: _("Plan of %(benefit)s saved.") % {"benefit": benefit.code},
            )
            if form.is_valid()
            else False
        )
        if done:
            return redirect(benefit)
    return render(
        request, "strategy/benefit_plan.html", {"object": benefit, "form": form, "section": "benefits"}
    )


@login_required
@require_POST
def measurement_add(request: HttpRequest, pk: int) -> HttpResponse:
    benefit = get_object_or_404(Benefit.objects.visible_to(request.user), pk=pk)
    if not request.user.has_perm("strategy.measure_benefit", benefit):
        raise PermissionDenied(_("Only the benefit owner and the portfolio office record measurements."))
    form = MeasurementForm(request.POST)
    base.run_action(
        request,
        lambda: services.record_measurement(benefit, acting_user=request.user, **form.cleaned_data),
        lambda row: _("Measurement for %(month)s recorded.") % {"month": f"{row.period:%m/%Y}"},
        form,
    )
    return redirect(benefit)


@login_required
@require_POST
def measurement_remove(request: HttpRequest, pk: int, value_pk: int) -> HttpResponse:
    benefit = get_object_or_404(Benefit.objects.visible_to(request.user), pk=pk)
    row = get_object_or_404(benefit.values.filter(kind=ValueKind.ACTUAL), pk=value_pk)
    if not request.user.has_perm("strategy.measure_benefit", benefit):
        raise PermissionDenied(_("Only the benefit owner and the portfolio office record measurements."))
    base.run_action(
        request,
        lambda: services.remove_measurement(row, acting_user=request.user),
        lambda _r: _("Measurement for %(month)s removed.") % {"month": f"{row.period:%m/%Y}"},
    )
    return redirect(benefit)


class ChangeDetail(base.DetailView):
    model = Change
    related = ("portfolio", "owner")
    template_name = "strategy/change_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        user, change = self.request.user, self.object
        links = BenefitLink.objects.visible_to(user).select_related(
            "source_project", "source_change", "target_change", "target_benefit"
        )
        incoming = _visible(user, links.filter(target_change=change))
        outgoing = list(links.filter(source_change=change))
        linked = {link.source for link in incoming} | {link.target for link in outgoing} | {change}
        can_link = user.has_perm("strategy.change_benefit_link", BenefitLink(portfolio=change.portfolio))
        others = Change.objects.filter(portfolio=change.portfolio)
        sources = [
            *Project.objects.visible_to(user).filter(portfolio=change.portfolio).order_by("code"),
            *others.filter(kind=ChangeKind.ENABLING),
        ]
        targets = [*Benefit.objects.filter(portfolio=change.portfolio)]
        if change.kind == ChangeKind.ENABLING:
            targets = [*others.filter(kind=ChangeKind.BUSINESS), *targets]
        sources = [s for s in sources if s not in linked]
        targets = [t for t in targets if t not in linked]
        return super().get_context_data(
            incoming=incoming,
            outgoing=outgoing,
            source_form=MapLinkForm(sources=sources, targets=[change]) if sources and can_link else None,
            target_form=MapLinkForm(sources=[change], targets=targets) if targets and can_link else None,
            can_manage=user.has_perm("strategy.manage_benefits", change),
            can_unlink={
                link.pk for link in incoming + outgoing if user.has_perm("strategy.change_benefit_link", link)
            },
            node_value=node_value(change),
            section="benefit_map",
            **kwargs,
        )


class ChangeHistory(base.HistoryView):
    model = Change
    template_name = "strategy/change_history.html"


class ChangeCreate(InPortfolio, base.CreateView):
    form_class = ChangeForm
    template_name = "strategy/change_form.html"
    permission_required = "strategy.manage_benefits"
    success_message = gettext_lazy("Change %(object)s created.")
    service = staticmethod(services.create_change)


class ChangeEdit(base.UpdateView):
    model = Change
    form_class = ChangeForm
    template_name = "strategy/change_form.html"
    permission_required = "strategy.manage_benefits"
    success_message = gettext_lazy("Change %(object)s saved.")
    service = staticmethod(services.update_change)


def _back(request: HttpRequest, fallback) -> HttpResponse:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect(fallback)


def _map_form(user, portfolio: Portfolio, data=None) -> MapLinkForm:
    """Any arrow of the portfolio's map: from a project, change or benefit to a change, benefit or objective."""
    changes = list(Change.objects.filter(portfolio=portfolio))
    benefits_ = list(Benefit.objects.filter(portfolio=portfolio))
    return MapLinkForm(
        data,
        sources=[
            *Project.objects.visible_to(user).filter(portfolio=portfolio).order_by("code"),
            *changes,
            *benefits_,
        ],
        targets=[*changes, *benefits_, *StrategicObjective.objects.filter(portfolio=portfolio)],
    )


@login_required
@require_POST
def map_link_add(request: HttpRequest, pk: int) -> HttpResponse:
    """Draw an arrow on portfolio `pk`'s benefit map."""
    portfolio = _portfolio(request, pk)
    form = _map_form(request.user, portfolio, request.POST)
    base.run_action(
        request,
        lambda: services.link_benefit_map(*form.pair(), acting_user=request.user),
        lambda link: _("Linked: %(link)s.") % {"link": link},
        form,
    )
    return _back(request, "strategy:benefit_map")


@login_required
@require_POST
def map_link_remove(request: HttpRequest, pk: int) -> HttpResponse:
    link = get_object_or_404(BenefitLink.objects.visible_to(request.user), pk=pk)
    if not request.user.has_perm("strategy.change_benefit_link", link):
        raise PermissionDenied(_("You are not allowed to change the benefit map."))
    text = str(link)
    base.run_action(
        request,
        lambda: services.unlink_benefit_map(link, acting_user=request.user),
        lambda _r: _("Link removed: %(link)s.") % {"link": text},
    )
    return _back(request, "strategy:benefit_map")


@login_required
def benefit_map(request: HttpRequest) -> HttpResponse:
    """The benefits dependency network: projects → enabling and business changes → benefits → objectives."""
    portfolio = _portfolio(request)
    context: dict[str, Any] = {"portfolio": portfolio, "section": "benefit_map"}
    if portfolio is not None:
        context.update(
            portfolios=Portfolio.objects.visible_to(request.user).order_by("name"),
            map=benefits.benefit_map(request.user, portfolio),
            can_manage=request.user.has_perm("strategy.manage_benefits"),
            link_form=_map_form(request.user, portfolio),
        )
    return render(request, "strategy/benefit_map.html", context)


@login_required
def benefit_rollup(request: HttpRequest) -> HttpResponse:
    """The portfolio's financial benefits in money per month, planned against realised, shared benefits once."""
    portfolio = _portfolio(request)
    context: dict[str, Any] = {"portfolio": portfolio, "section": "benefits"}
    if portfolio is not None:
        rollup = benefits.rollup(request.user, portfolio)
        today = timezone.localdate()
        measured = [p for p in rollup.cumulative if p.actual is not None]
        context.update(
            portfolios=Portfolio.objects.visible_to(request.user).order_by("name"),
            rollup=rollup,
            chart=charts.rollup_chart(rollup.cumulative, today),
            periods=list(zip(rollup.periods, rollup.cumulative, strict=True)),
            planned_total=rollup.cumulative[-1].planned if rollup.cumulative else None,
            realised=measured[-1] if measured else None,
        )
    return render(request, "strategy/benefit_rollup.html", context)
