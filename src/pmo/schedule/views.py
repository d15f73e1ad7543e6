"""The project's Schedule tab: task table, Gantt chart with critical path and baseline, and the edits."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from pmo.core import views_base as base
from pmo.projects.models import Project
from pmo.projects.views import ProjectTab

from . import services
from .adapters import calendar_for, tree_order
from .exchange import export_schedule, import_schedule
from .forms import (
    BaselineForm,
    ImportForm,
    LinkForm,
    NonWorkingDayForm,
    ScheduleForm,
    ScheduleSettingsForm,
    TaskForm,
)
from .gantt import ZOOMS, build_chart
from .models import NonWorkingDay, Schedule, Task, TaskLink
from .mta import build as build_mta


class ProjectSchedule(ProjectTab):
    template_name = "schedule/project_schedule.html"
    tab = "schedule"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        project = self.object
        schedule = Schedule.objects.filter(project=project).first()
        context: dict[str, Any] = {"schedule": schedule}
        can_change = self.request.user.has_perm("projects.change_project", project)
        if schedule is None:
            context["schedule_form"] = ScheduleForm(
                initial={"start": project.planned_start or timezone.localdate()}
            )
            return super().get_context_data(can_change=can_change, **context, **kwargs)
        tasks = tree_order(list(schedule.tasks.order_by("position", "pk")))
        links = list(schedule.links.select_related("predecessor", "successor"))
        baseline = schedule.baselines.first()
        baseline_dates = (
            {b.task_id: (b.start, b.finish) for b in baseline.tasks.all()} if baseline is not None else {}
        )
        for task in tasks:
            planned = baseline_dates.get(task.pk)
            task.slip = (
                (task.early_finish - planned[1]).days
                if planned and planned[1] and task.early_finish
                else None
            )
        zoom = self.request.GET.get("zoom", "month")
        critical = {t.pk for t in tasks if t.critical}
        chart = build_chart(
            tasks,
            [
                (
                    link.predecessor_id,
                    link.successor_id,
                    link.type,
                    link.predecessor_id in critical and link.successor_id in critical,
                )
                for link in links
            ],
            baseline_dates,
            zoom if zoom in ZOOMS else "month",
            timezone.localdate(),
            schedule.status_date,
        )
        milestones = [t for t in tasks if t.milestone][:8]
        history = [
            (
                b.taken_on,
                {e.task_id: e.finish for e in b.tasks.all() if e.task_id in {m.pk for m in milestones}},
            )
            for b in schedule.baselines.order_by("taken_on", "created_at").prefetch_related("tasks")
        ]
        context.update(
            mta=build_mta(milestones, history, timezone.localdate()),
            tasks=tasks,
            links=links,
            baseline=baseline,
            chart=chart,
            zooms=list(ZOOMS),
            task_form=TaskForm(schedule=schedule) if can_change else None,
            link_form=LinkForm(schedule=schedule) if can_change and len(tasks) > 1 else None,
            baseline_form=BaselineForm() if can_change else None,
            critical_count=len([t for t in tasks if t.critical and not t.is_summary]),
        )
        return super().get_context_data(can_change=can_change, **context, **kwargs)


def _project(request: HttpRequest, pk: int, perm: str = "projects.change_project") -> Project:
    project = get_object_or_404(Project.objects.visible_to(request.user), pk=pk)
    if not request.user.has_perm(perm, project):
        raise PermissionDenied(_("You are not allowed to change this project's schedule."))
    return project


def _back(project: Project) -> HttpResponse:
    return redirect("schedule:project_schedule", pk=project.pk)


@login_required
@require_POST
def schedule_create(request: HttpRequest, pk: int) -> HttpResponse:
    project = _project(request, pk)
    form = ScheduleForm(request.POST)
    base.run_action(
        request,
        lambda: services.create_schedule(project, acting_user=request.user, **form.cleaned_data),
        lambda _s: _("The schedule has been created."),
        form,
    )
    return _back(project)


@login_required
@require_POST
def schedule_import(request: HttpRequest, pk: int) -> HttpResponse:
    project = _project(request, pk)
    form = ImportForm(request.POST, request.FILES)

    def run():
        result = import_schedule(project, form.cleaned_data["file"].read(), acting_user=request.user)
        for level, message in result.report[:12]:
            (messages.warning if level == "warning" else messages.info)(request, message)
        return result

    base.run_action(
        request,
        run,
        lambda result: (
            _("Imported %(tasks)s tasks and %(links)s links from MS Project.")
            % {"tasks": result.tasks, "links": result.links}
        ),
        form,
    )
    return _back(project)


@login_required
def schedule_export(request: HttpRequest, pk: int) -> HttpResponse:
    project = get_object_or_404(Project.objects.visible_to(request.user), pk=pk)
    schedule = get_object_or_404(Schedule, project=project)
    response = HttpResponse(export_schedule(schedule), content_type="application/xml")
    response["Content-Disposition"] = f'attachment; filename="{project.code}.xml"'
    return response


@login_required
@require_POST
def task_add(request: HttpRequest, pk: int) -> HttpResponse:
    project = _project(request, pk)
    schedule = get_object_or_404(Schedule, project=project)
    form = TaskForm(request.POST, schedule=schedule)
    base.run_action(
        request,
        lambda: services.create_task(
            schedule,
            acting_user=request.user,
            **{k: v for k, v in form.cleaned_data.items() if k != "version"},
        ),
        lambda task: _("Task %(task)s added.") % {"task": task},
        form,
    )
    return _back(project)


class ScheduleSettings(base.UpdateView):
    """The project calendar (start, working week, holidays, extra days off) and the status date."""

    model = Schedule
    form_class = ScheduleSettingsForm
    template_name = "schedule/schedule_settings.html"
    permission_required = "schedule.change_schedule"
    success_message = gettext_lazy("Calendar and status date of %(object)s saved.")
    service = staticmethod(services.update_schedule)
    related = ("project",)

    def get_object(self, queryset=None):
        schedule = get_object_or_404(self.get_queryset(), project_id=self.kwargs["pk"])
        self.check_object_permission(schedule)
        return schedule

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        schedule = self.object
        days = list(schedule.non_working_days.all())
        extra = {day.date for day in days}
        span = calendar_for(schedule).holidays_between(schedule.start, schedule.finish or schedule.start)
        return super().get_context_data(
            project=schedule.project,
            days=days,
            holidays=[day for day in span if day not in extra],
            day_form=NonWorkingDayForm(),
            **kwargs,
        )


def _settings(project: Project) -> HttpResponse:
    return redirect("schedule:schedule_settings", pk=project.pk)


@login_required
@require_POST
def non_working_day_add(request: HttpRequest, pk: int) -> HttpResponse:
    project = _project(request, pk)
    schedule = get_object_or_404(Schedule, project=project)
    form = NonWorkingDayForm(request.POST)
    base.run_action(
        request,
        lambda: services.add_non_working_day(schedule, acting_user=request.user, **form.cleaned_data),
        lambda day: (
            _("%(date)s is now a day off; the schedule has been recalculated.")
            % {"date": date_format(day.date, "SHORT_DATE_FORMAT")}
        ),
        form,
    )
    return _settings(project)


@login_required
@require_POST
def non_working_day_remove(request: HttpRequest, pk: int, day_pk: int) -> HttpResponse:
    project = _project(request, pk)
    day = get_object_or_404(NonWorkingDay, pk=day_pk, schedule__project=project)
    base.run_action(
        request,
        lambda: services.remove_non_working_day(day, acting_user=request.user),
        lambda _r: (
            _("%(date)s is a working day again.") % {"date": date_format(day.date, "SHORT_DATE_FORMAT")}
        ),
    )
    return _settings(project)


class TaskEdit(base.UpdateView):
    model = Task
    form_class = TaskForm
    template_name = "schedule/task_form.html"
    permission_required = "schedule.change_schedule"
    success_message = gettext_lazy("Task %(object)s saved.")
    service = staticmethod(services.update_task)
    related = ("schedule__project",)

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "schedule": self.object.schedule}


INLINE_FIELDS = {"duration": (0, 100_000), "percent_complete": (0, 100)}


@login_required
@require_POST
def task_inline(request: HttpRequest, pk: int, task_pk: int) -> HttpResponse:
    """Edit one number of a task straight in the table (duration, % complete); the page then reloads, because
    the change moves other tasks too."""
    project = _project(request, pk)
    task = get_object_or_404(Task, pk=task_pk, schedule__project=project)
    changes, errors = {}, []
    for name, (low, high) in INLINE_FIELDS.items():
        if name in request.POST:
            value = base.id_param(request.POST, name)
            if value is None or not low <= value <= high:
                errors.append(_("%(field)s must be a whole number from %(low)s to %(high)s.") % {
                    "field": Task._meta.get_field(name).verbose_name, "low": low, "high": high,
                })  # fmt: skip
            else:
                changes[name] = value
    version = base.id_param(request.POST, "version")
    if errors or version is None:
        for message in errors or [_("This form is out of date: reload the page and make your change again.")]:
            messages.error(request, message)
    else:
        base.run_action(
            request,
            lambda: services.update_task(task, acting_user=request.user, expected_version=version, **changes),
            lambda saved: _("Task %(object)s saved.") % {"object": saved},
        )
    if request.htmx:
        response = HttpResponse(status=204)
        response["HX-Refresh"] = "true"
        return response
    return _back(project)


@login_required
@require_POST
def task_delete(request: HttpRequest, pk: int, task_pk: int) -> HttpResponse:
    project = _project(request, pk)
    task = get_object_or_404(Task, pk=task_pk, schedule__project=project)
    base.run_action(
        request,
        lambda: services.delete_task(task, acting_user=request.user),
        lambda _r: _("Task %(task)s deleted.") % {"task": task},
    )
    return _back(project)


@login_required
@require_POST
def link_add(request: HttpRequest, pk: int) -> HttpResponse:
    project = _project(request, pk)
    schedule = get_object_or_404(Schedule, project=project)
    form = LinkForm(request.POST, schedule=schedule)
    base.run_action(
        request,
        lambda: services.add_link(
            form.cleaned_data["predecessor"],
            form.cleaned_data["successor"],
            acting_user=request.user,
            type=form.cleaned_data["type"],
            lag=form.cleaned_data["lag"],
        ),
        lambda link: _("Link %(link)s added.") % {"link": link},
        form,
    )
    return _back(project)


@login_required
@require_POST
def link_remove(request: HttpRequest, pk: int, link_pk: int) -> HttpResponse:
    project = _project(request, pk)
    link = get_object_or_404(
        TaskLink.objects.select_related("schedule"), pk=link_pk, schedule__project=project
    )
    base.run_action(
        request,
        lambda: services.remove_link(link, acting_user=request.user),
        lambda _r: _("Link removed."),
    )
    return _back(project)


@login_required
@require_POST
def baseline_save(request: HttpRequest, pk: int) -> HttpResponse:
    project = _project(request, pk)
    schedule = get_object_or_404(Schedule, project=project)
    form = BaselineForm(request.POST)
    base.run_action(
        request,
        lambda: services.save_baseline(schedule, acting_user=request.user, name=form.cleaned_data["name"]),
        lambda baseline: _("Baseline %(name)s saved.") % {"name": baseline},
        form,
    )
    return _back(project)
