"""The Schedule risk tab: risk drivers, starting an analysis, and the result page of each run."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pmo.core import views_base as base
from pmo.projects.models import Project
from pmo.projects.views import ProjectTab

from . import services
from .charts import histogram_bars, s_curve_points, tornado_bars
from .forms import RiskDriverForm, RiskRunForm
from .models import RiskDriver, RiskRun, RunStatus, Schedule
from .risk import DRIVER_SOURCES


class ProjectRisk(ProjectTab):
    template_name = "schedule/project_risk.html"
    tab = "risk"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        schedule = Schedule.objects.filter(project=self.object).first()
        context: dict[str, Any] = {"schedule": schedule}
        if schedule is not None:
            user = self.request.user
            can_change = user.has_perm("schedule.change_schedule", schedule)
            context.update(
                drivers=schedule.risk_drivers.prefetch_related("tasks"),
                external=[driver for source in DRIVER_SOURCES for driver in source(schedule)],
                runs=schedule.risk_runs.select_related("requested_by")[:10],
                driver_form=RiskDriverForm(schedule=schedule) if can_change else None,
                run_form=RiskRunForm() if user.has_perm("schedule.analyse_schedule", schedule) else None,
                estimated=schedule.tasks.filter(pessimistic__isnull=False).count(),
                task_count=schedule.tasks.filter(is_summary=False).count(),
            )
        return super().get_context_data(**context, **kwargs)


class RiskRunDetail(base.DetailView):
    model = RiskRun
    related = ("schedule__project", "requested_by")
    template_name = "schedule/risk_run.html"

    def get_template_names(self) -> list[str]:
        if self.request.htmx and self.object.status in (RunStatus.QUEUED, RunStatus.RUNNING):
            return ["schedule/_risk_progress.html"]
        return [self.template_name]

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        if request.htmx and self.object.status not in (RunStatus.QUEUED, RunStatus.RUNNING):
            response["HX-Refresh"] = "true"  # finished: show the whole result page
        return response

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        result = self.object.result or {}
        charts = {}
        if result:
            charts = {
                "s_curve": s_curve_points(result),
                "histogram": histogram_bars(result),
                "tornado": tornado_bars(result),
            }
        return super().get_context_data(
            project=self.object.schedule.project, r=result, charts=charts, **kwargs
        )


def _schedule(request: HttpRequest, pk: int) -> Schedule:
    project = get_object_or_404(Project.objects.visible_to(request.user), pk=pk)
    return get_object_or_404(Schedule, project=project)


@login_required
@require_POST
def risk_driver_add(request: HttpRequest, pk: int) -> HttpResponse:
    schedule = _schedule(request, pk)
    if not request.user.has_perm("schedule.change_schedule", schedule):
        raise PermissionDenied(_("You are not allowed to change this project's schedule."))
    form = RiskDriverForm(request.POST, schedule=schedule)
    base.run_action(
        request,
        lambda: services.create_risk_driver(
            schedule,
            acting_user=request.user,
            tasks=list(form.cleaned_data["tasks"]),
            **{k: v for k, v in form.cleaned_data.items() if k != "tasks"},
        ),
        lambda driver: _("Risk driver %(name)s added.") % {"name": driver},
        form,
    )
    return redirect("schedule:project_risk", pk=pk)


@login_required
@require_POST
def risk_driver_delete(request: HttpRequest, pk: int, driver_pk: int) -> HttpResponse:
    schedule = _schedule(request, pk)
    driver = get_object_or_404(RiskDriver, pk=driver_pk, schedule=schedule)
    if not request.user.has_perm("schedule.change_schedule", schedule):
        raise PermissionDenied(_("You are not allowed to change this project's schedule."))
    base.run_action(
        request,
        lambda: services.delete_risk_driver(driver, acting_user=request.user),
        lambda _r: _("Risk driver %(name)s removed.") % {"name": driver},
    )
    return redirect("schedule:project_risk", pk=pk)


@login_required
@require_POST
def risk_run_request(request: HttpRequest, pk: int) -> HttpResponse:
    schedule = _schedule(request, pk)
    if not request.user.has_perm("schedule.analyse_schedule", schedule):
        raise PermissionDenied(_("You are not allowed to analyse this schedule."))
    form = RiskRunForm(request.POST)
    ok = base.run_action(
        request,
        lambda: services.request_risk_analysis(schedule, acting_user=request.user, **form.cleaned_data),
        lambda run: _("The analysis has been queued; this page follows its progress."),
        form,
    )
    if ok:
        return redirect(schedule.risk_runs.first())
    return redirect("schedule:project_risk", pk=pk)
