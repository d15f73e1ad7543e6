"""A schedule's resources, their assignments to tasks, and levelling (who waits for what, and why)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pmo.core import views_base as base
from pmo.projects.views import ProjectTab

from . import services
from .adapters import resource_load
from .forms_levelling import AssignmentForm, LevelForm, MaxUnitsForm, ResourceForm
from .models import Assignment, Schedule, ScheduleResource


class Levelling(ProjectTab):
    template_name = "schedule/levelling.html"
    tab = "schedule"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        project = self.object
        schedule = get_object_or_404(Schedule, project=project)
        can_change = self.request.user.has_perm("schedule.change_schedule", schedule)
        assignments = (
            Assignment.objects.filter(task__schedule=schedule)
            .select_related("task", "resource")
            .order_by("task__position", "task_id", "resource__name")
        )
        return super().get_context_data(
            schedule=schedule,
            loads=resource_load(schedule),
            assignments=assignments,
            waiting=schedule.tasks.filter(levelling_delay__gt=0).order_by("position", "pk"),
            can_change=can_change,
            resource_form=ResourceForm() if can_change else None,
            assignment_form=AssignmentForm(schedule=schedule) if can_change else None,
            level_form=LevelForm() if can_change else None,
            **kwargs,
        )


def _post(request: HttpRequest, pk: int, make) -> HttpResponse:
    """Run a POSTed action on the project's schedule: `make(schedule)` gives (action, success message, form)."""
    schedule = get_object_or_404(
        Schedule.objects.visible_to(request.user).select_related("project"), project_id=pk
    )
    action, success, form = make(schedule)
    base.run_action(request, action, success, form)
    return redirect("schedule:levelling", pk=schedule.project_id)


@login_required
@require_POST
def resource_add(request: HttpRequest, pk: int) -> HttpResponse:
    form = ResourceForm(request.POST)
    return _post(
        request,
        pk,
        lambda schedule: (
            lambda: services.add_resource(schedule, acting_user=request.user, **form.cleaned_data),
            lambda resource: _("Resource %(resource)s added.") % {"resource": resource},
            form,
        ),
    )


@login_required
@require_POST
def resource_update(request: HttpRequest, pk: int, resource_pk: int) -> HttpResponse:
    form = MaxUnitsForm(request.POST)

    def make(schedule):
        resource = get_object_or_404(ScheduleResource, schedule=schedule, pk=resource_pk)
        return (
            lambda: services.update_resource(
                resource,
                acting_user=request.user,
                expected_version=form.cleaned_data["version"],
                max_units=form.cleaned_data["max_units"],
            ),
            lambda done: _("Resource %(resource)s saved.") % {"resource": done},
            form,
        )

    return _post(request, pk, make)


@login_required
@require_POST
def resource_remove(request: HttpRequest, pk: int, resource_pk: int) -> HttpResponse:
    def make(schedule):
        resource = get_object_or_404(ScheduleResource, schedule=schedule, pk=resource_pk)
        return (
            lambda: services.remove_resource(resource, acting_user=request.user),
            lambda _done: _("Resource %(resource)s removed.") % {"resource": resource},
            None,
        )

    return _post(request, pk, make)


@login_required
@require_POST
def assignment_add(request: HttpRequest, pk: int) -> HttpResponse:
    def make(schedule):
        form = AssignmentForm(request.POST, schedule=schedule)
        return (
            lambda: services.assign(
                form.cleaned_data["task"],
                form.cleaned_data["resource"],
                acting_user=request.user,
                units=form.cleaned_data["units"],
            ),
            lambda assignment: _("%(assignment)s saved.") % {"assignment": assignment},
            form,
        )

    return _post(request, pk, make)


@login_required
@require_POST
def assignment_remove(request: HttpRequest, pk: int, assignment_pk: int) -> HttpResponse:
    def make(schedule):
        assignment = get_object_or_404(Assignment, task__schedule=schedule, pk=assignment_pk)
        return (
            lambda: services.unassign(assignment, acting_user=request.user),
            lambda _done: _("%(assignment)s removed.") % {"assignment": assignment},
            None,
        )

    return _post(request, pk, make)


def _levelled(result) -> str:
    if result.optimal:
        proven = _("proven shortest")
    else:
        proven = _("at most %(gap)s above the shortest possible") % {"gap": f"{result.gap:.0%}"}
    return _(
        "Levelled: %(count)s task(s) wait for resources; the plan takes %(days)s working days "
        "(%(before)s without levelling), %(proven)s."
    ) % {
        "count": len(result.waits),
        "days": result.makespan,
        "before": result.unlevelled_makespan,
        "proven": proven,
    }


@login_required
@require_POST
def level(request: HttpRequest, pk: int) -> HttpResponse:
    form = LevelForm(request.POST)
    return _post(
        request,
        pk,
        lambda schedule: (
            lambda: services.level_schedule(
                schedule,
                acting_user=request.user,
                exact=form.cleaned_data["method"] == "exact",
                time_limit=form.cleaned_data["time_limit"],
            ),
            _levelled,
            form,
        ),
    )


@login_required
@require_POST
def level_clear(request: HttpRequest, pk: int) -> HttpResponse:
    return _post(
        request,
        pk,
        lambda schedule: (
            lambda: services.clear_levelling(schedule, acting_user=request.user),
            lambda _done: _("Levelling removed: every task starts as early as its links allow."),
            None,
        ),
    )
