"""Status report pages: the project's Status reports tab, a report (with submit and review), its edit form, and the
list of late reports."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from pmo.core import views_base as base
from pmo.core.history import history_rows
from pmo.core.tables import xlsx_download
from pmo.core.templatetags.pmo_tags import money
from pmo.interop.tables import write_xlsx
from pmo.projects.lifecycle import Lifecycle
from pmo.projects.models import Project
from pmo.projects.views import ProjectTab

from . import services
from .charts import index_trend, s_curves
from .earned_value import project_evm
from .forms import CostForm, CostImportForm, NewReportForm, ReportForm, ReviewForm
from .models import RAG_BADGES, RAG_ICONS, RAG_WORDS, ReportStatus, StatusReport

STATUS_BADGES = {
    ReportStatus.DRAFT: "b-muted",
    ReportStatus.SUBMITTED: "b-info",
    ReportStatus.APPROVED: "b-ok",
    ReportStatus.RETURNED: "b-warn",
}


class ProjectReports(ProjectTab):
    template_name = "progress/project_reports.html"
    tab = "reports"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        project = self.object
        can_write = self.request.user.has_perm("progress.add_report", project)
        period = services.default_period(project)
        return super().get_context_data(
            reports=project.status_reports.all(),
            can_write=can_write,
            new_form=NewReportForm(initial={"period": period}) if can_write else None,
            rag_words=RAG_WORDS,
            rag_icons=RAG_ICONS,
            rag_badges=RAG_BADGES,
            status_badges=STATUS_BADGES,
            **kwargs,
        )


@login_required
@require_POST
def report_create(request: HttpRequest, pk: int) -> HttpResponse:
    project = get_object_or_404(Project.objects.visible_to(request.user), pk=pk)
    form = NewReportForm(request.POST)
    made = []

    def create():
        report = services.create_report(project, acting_user=request.user, period=form.cleaned_data["period"])
        made.append(report)
        return report

    base.run_action(request, create, lambda r: _("Status report %(report)s started.") % {"report": r}, form)
    if made:
        return redirect("progress:report_edit", pk=made[0].pk)
    return redirect("progress:project_reports", pk=project.pk)


class ReportDetail(base.DetailView):
    model = StatusReport
    related = ("project", "submitted_by", "reviewed_by")
    template_name = "progress/report_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        report, user = self.object, self.request.user
        return super().get_context_data(
            project=report.project,
            can_write=report.editable and user.has_perm("progress.write_report", report),
            can_review=report.status == ReportStatus.SUBMITTED
            and report.submitted_by_id != user.pk
            and user.has_perm("progress.review_report", report),
            review_form=ReviewForm(initial={"version": report.version}),
            status_badge=STATUS_BADGES[report.status],
            history=history_rows(report, limit=20),
            **kwargs,
        )


class ReportEdit(base.UpdateView):
    model = StatusReport
    form_class = ReportForm
    related = ("project",)
    template_name = "progress/report_form.html"
    permission_required = "progress.write_report"
    success_message = gettext_lazy("Status report %(object)s saved.")
    service = staticmethod(services.update_report)

    def get(self, request, *args, **kwargs):
        self.object = self.get_object()
        if not self.object.editable:  # submitted or approved: show it, there is nothing to edit
            return redirect(self.object.get_absolute_url())
        return self.render_to_response(self.get_context_data())


def _report_action(request: HttpRequest, pk: int, action, success: str) -> HttpResponse:
    report = get_object_or_404(StatusReport.objects.visible_to(request.user), pk=pk)
    form = ReviewForm(request.POST)
    base.run_action(
        request,
        lambda: action(report, form.cleaned_data),
        lambda done: success % {"report": done},
        form,
    )
    return redirect(report.get_absolute_url())


@login_required
@require_POST
def report_submit(request: HttpRequest, pk: int) -> HttpResponse:
    return _report_action(
        request,
        pk,
        lambda report, data: services.submit(
            report, acting_user=request.user, expected_version=data["version"]
        ),
        _("Status report %(report)s submitted for review."),
    )


@login_required
@require_POST
def report_approve(request: HttpRequest, pk: int) -> HttpResponse:
    return _report_action(
        request,
        pk,
        lambda report, data: services.approve(
            report, acting_user=request.user, expected_version=data["version"], comment=data["comment"]
        ),
        _("Status report %(report)s approved."),
    )


@login_required
@require_POST
def report_send_back(request: HttpRequest, pk: int) -> HttpResponse:
    return _report_action(
        request,
        pk,
        lambda report, data: services.send_back(
            report, acting_user=request.user, expected_version=data["version"], comment=data["comment"]
        ),
        _("Status report %(report)s sent back to the project."),
    )


class ReportList(base.TableView):
    """All status reports the user may see; `?status=submitted` is the PMO's review queue."""

    model = StatusReport
    related = ("project", "project__manager", "submitted_by")
    template_name = "progress/report_list.html"
    sort_fields = {"project": "project__code", "period": "period", "overall": "overall", "status": "status"}
    default_sort = "-period"
    search_fields = ("project__code", "project__name")

    def filter_queryset(self, qs):
        status = self.request.GET.get("status", "")
        if status in ReportStatus.values:
            qs = qs.filter(status=status)
        return qs

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        active = Project.objects.visible_to(self.request.user).filter(lifecycle=Lifecycle.ACTIVE)
        return super().get_context_data(
            statuses=ReportStatus.choices,
            status_filter=self.request.GET.get("status", ""),
            late=services.late_reports(active.select_related("manager").order_by("code")),
            today=timezone.localdate(),
            rag_words=RAG_WORDS,
            rag_icons=RAG_ICONS,
            rag_badges=RAG_BADGES,
            status_badges=STATUS_BADGES,
            **kwargs,
        )


class ProjectCosts(ProjectTab):
    """Cost and earned value: the EVM figures today, S-curves, the CPI/SPI trend and the monthly costs."""

    template_name = "progress/project_costs.html"
    tab = "costs"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        project = self.object
        evm = project_evm(project, timezone.localdate())
        can_manage = self.request.user.has_perm("progress.manage_costs", project)
        return super().get_context_data(
            evm=evm,
            figures=evm.as_facts(),
            curves=s_curves(evm),
            trend=index_trend(evm.trend),
            entries=project.cost_entries.order_by("-month"),
            can_manage=can_manage,
            cost_form=CostForm(initial={"month": timezone.localdate().replace(day=1)})
            if can_manage
            else None,
            import_form=CostImportForm() if can_manage else None,
            **kwargs,
        )


def _costs(project: Project) -> HttpResponse:
    return redirect("progress:project_costs", pk=project.pk)


@login_required
@require_POST
def cost_set(request: HttpRequest, pk: int) -> HttpResponse:
    project = get_object_or_404(Project.objects.visible_to(request.user), pk=pk)
    form = CostForm(request.POST)
    base.run_action(
        request,
        lambda: services.set_cost(project, acting_user=request.user, **form.cleaned_data),
        lambda _e: _("Costs of %(month)s saved.") % {"month": form.cleaned_data["month"].strftime("%m-%Y")},
        form,
    )
    return _costs(project)


@login_required
@require_POST
def cost_import(request: HttpRequest, pk: int) -> HttpResponse:
    project = get_object_or_404(Project.objects.visible_to(request.user), pk=pk)
    form = CostImportForm(request.POST, request.FILES)
    base.run_action(
        request,
        lambda: services.import_costs(
            project,
            form.cleaned_data["file"].read(),
            form.cleaned_data["file"].name,
            acting_user=request.user,
        ),
        lambda result: (
            _("Imported the costs of %(n)s months (actual %(total)s).")
            % {"n": result.months, "total": money(result.actual_total)}
        ),
        form,
    )
    return _costs(project)


@login_required
def cost_export(request: HttpRequest, pk: int) -> HttpResponse:
    project = get_object_or_404(Project.objects.visible_to(request.user), pk=pk)
    rows = [[e.month.strftime("%Y-%m"), e.budget, e.actual] for e in project.cost_entries.order_by("month")]
    data = write_xlsx([(_("Costs"), ["month", "budget", "actual"], rows)])
    return xlsx_download(data, f"{project.code}-costs.xlsx")
