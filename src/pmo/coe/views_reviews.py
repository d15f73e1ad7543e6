"""Pages for reviews and audits: questionnaires, a project's health checks and its Reviews tab (trend, area scores,
audits), the portfolio's health-check overview, and audits with their findings."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from pmo.core import views_base as base
from pmo.core.services import ConflictError
from pmo.projects.models import Programme, Project
from pmo.projects.views import ProjectTab
from pmo.raid.models import OPEN_ACTION

from . import services_reviews as services
from .charts_reviews import trend_chart
from .forms_reviews import (
    AuditForm,
    CloseAuditForm,
    CopyForm,
    FindingForm,
    HealthCheckForm,
    QuestionForm,
    QuestionnaireForm,
)
from .models import (
    BLOCKING_SEVERITIES,
    Audit,
    AuditStatus,
    HealthCheck,
    Opinion,
    Question,
    Questionnaire,
    Severity,
)

SEVERITY_BADGES = {
    Severity.LOW: "b-muted",
    Severity.MEDIUM: "b-info",
    Severity.HIGH: "b-warn",
    Severity.CRITICAL: "b-bad",
}
OPINION_BADGES = {
    Opinion.SUFFICIENT: "b-ok",
    Opinion.NEEDS_IMPROVEMENT: "b-warn",
    Opinion.INSUFFICIENT: "b-bad",
}


# -- questionnaires --------------------------------------------------------------------------------------------


class QuestionnaireList(base.TableView):
    model = Questionnaire
    template_name = "coe/review_questionnaire_list.html"
    sort_fields = {"name": "name", "questions": "n_questions", "checks": "n_checks"}
    default_sort = "name"
    search_fields = ("name", "description")

    def annotate(self, qs):
        return qs.annotate(
            n_questions=Count("questions", distinct=True), n_checks=Count("health_checks", distinct=True)
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(
            can_add=self.request.user.has_perm("coe.manage_questionnaires"), section="health", **kwargs
        )


class QuestionnaireCreate(base.CreateView):
    form_class = QuestionnaireForm
    template_name = "coe/review_questionnaire_form.html"
    permission_required = "coe.manage_questionnaires"
    success_message = gettext_lazy("Questionnaire %(object)s created: add its questions.")
    service = staticmethod(services.create_questionnaire)


class QuestionnaireEdit(base.UpdateView):
    model = Questionnaire
    form_class = QuestionnaireForm
    template_name = "coe/review_questionnaire_form.html"
    permission_required = "coe.manage_questionnaires"
    success_message = gettext_lazy("Questionnaire %(object)s saved.")
    service = staticmethod(services.update_questionnaire)


class QuestionnaireDetail(base.DetailView):
    model = Questionnaire
    template_name = "coe/review_questionnaire_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        questionnaire = self.object
        can_manage = self.request.user.has_perm("coe.manage_questionnaires")
        used = questionnaire.used
        return super().get_context_data(
            questions=list(questionnaire.questions.all()),
            used=used,
            n_checks=questionnaire.health_checks.count(),
            can_manage=can_manage,
            question_form=QuestionForm(prefix="question") if can_manage and not used else None,
            copy_form=CopyForm(prefix="copy") if can_manage else None,
            section="health",
            **kwargs,
        )


def _manage(request: HttpRequest) -> None:
    if not request.user.has_perm("coe.manage_questionnaires"):
        raise PermissionDenied(_("Only the Centre of Excellence changes questionnaires."))


@login_required
@require_POST
def question_add(request: HttpRequest, pk: int) -> HttpResponse:
    questionnaire = get_object_or_404(Questionnaire.objects.visible_to(request.user), pk=pk)
    _manage(request)
    form = QuestionForm(request.POST, prefix="question")
    base.run_action(
        request,
        lambda: services.add_question(questionnaire, acting_user=request.user, **form.cleaned_data),
        lambda q: _("Question %(position)s added.") % {"position": q.position},
        form,
    )
    return redirect(questionnaire)


@login_required
@require_POST
def question_remove(request: HttpRequest, pk: int) -> HttpResponse:
    question = get_object_or_404(
        Question.objects.visible_to(request.user).select_related("questionnaire"), pk=pk
    )
    _manage(request)
    base.run_action(
        request,
        lambda: services.remove_question(question, acting_user=request.user),
        lambda _r: _("Question “%(question)s” removed.") % {"question": question.text},
    )
    return redirect(question.questionnaire)


@login_required
@require_POST
def questionnaire_copy(request: HttpRequest, pk: int) -> HttpResponse:
    questionnaire = get_object_or_404(Questionnaire.objects.visible_to(request.user), pk=pk)
    _manage(request)
    form = CopyForm(request.POST, prefix="copy")
    result: dict[str, Questionnaire] = {}

    def copy() -> Questionnaire:
        result["copy"] = services.copy_questionnaire(
            questionnaire, acting_user=request.user, name=form.cleaned_data["name"]
        )
        return result["copy"]

    base.run_action(
        request, copy, lambda c: _("Copy %(name)s made: change it as you need.") % {"name": c}, form
    )
    return redirect(result.get("copy", questionnaire))


# -- health checks ---------------------------------------------------------------------------------------------


def _project(request: HttpRequest, pk: int) -> Project:
    return get_object_or_404(Project.objects.visible_to(request.user), pk=pk)


class ProjectReviewsTab(ProjectTab):
    """The project's Reviews tab: its health checks over time, the latest check's area scores, and its audits."""

    template_name = "coe/review_project.html"
    tab = "reviews"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        project, user = self.object, self.request.user
        checks = list(
            project.health_checks.select_related("questionnaire", "performed_by").order_by("-date", "-pk")
        )
        latest = checks[0] if checks else None
        return super().get_context_data(
            checks=checks,
            latest=latest,
            areas=services.area_scores(latest) if latest else [],
            chart=trend_chart([(c.date, c.score) for c in checks]),
            audits=project.audits.select_related("lead_auditor").annotate(n_findings=Count("findings")),
            can_check=user.has_perm("coe.perform_health_check", project),
            can_audit=user.has_perm("coe.audit", project),
            opinion_badges=OPINION_BADGES,
            **kwargs,
        )


@login_required
def health_check_new(request: HttpRequest, pk: int) -> HttpResponse:
    """Answer a questionnaire for the project: each question on its scale, with a comment."""
    project = _project(request, pk)
    if not request.user.has_perm("coe.perform_health_check", project):
        raise PermissionDenied(_("You may not perform health checks on this project."))
    active = Questionnaire.objects.filter(active=True).order_by("name")
    params = request.POST if request.method == "POST" else request.GET
    chosen = base.id_param(params, "questionnaire")
    questionnaire = (active.filter(pk=chosen).first() if chosen else None) or active.first()
    if questionnaire is None:
        messages.error(
            request, _("There is no questionnaire in use yet: the Centre of Excellence makes one.")
        )
        return redirect("coe:project_reviews", pk=project.pk)
    form = HealthCheckForm(request.POST or None, questionnaire=questionnaire)
    if request.method == "POST" and form.is_valid():
        try:
            check = services.record_health_check(
                project, questionnaire, acting_user=request.user, **form.service_data()
            )
        except (ValidationError, ConflictError) as error:
            base.add_service_errors(form, error)
        else:
            messages.success(request, _("Health check recorded: score %(score)s.") % {"score": check.score})
            return redirect(check)
    return render(
        request,
        "coe/health_check_form.html",
        {"project": project, "questionnaire": questionnaire, "questionnaires": active, "form": form},
        status=400 if request.method == "POST" else 200,
    )


class HealthCheckDetail(base.DetailView):
    model = HealthCheck
    related = ("project", "questionnaire", "performed_by")
    template_name = "coe/health_check_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        check = self.object
        return super().get_context_data(
            answers=check.answers.select_related("question").order_by("question__position"),
            areas=services.area_scores(check),
            project=check.project,
            section="health",
            **kwargs,
        )


@login_required
def health_overview(request: HttpRequest) -> HttpResponse:
    """The latest health-check score of every project the user sees, with its change since the check before."""
    projects = Project.objects.visible_to(request.user)
    programmes = Programme.objects.visible_to(request.user).order_by("code")
    chosen = base.id_param(request.GET, "programme")
    if chosen:
        projects = projects.filter(programme=chosen)
    elif request.GET.get("programme") == "none":
        projects = projects.filter(programme__isnull=True)
    query = base.search_param(request.GET)
    if query:
        projects = projects.filter(Q(code__icontains=query) | Q(name__icontains=query))
    latest: dict[int, list[HealthCheck]] = {}
    for check in (
        HealthCheck.objects.filter(project__in=projects)
        .select_related("project__programme", "questionnaire")
        .order_by("project_id", "-date", "-pk")
    ):
        kept = latest.setdefault(check.project_id, [])
        if len(kept) < 2:
            kept.append(check)
    rows = []
    for checks in latest.values():
        last = checks[0]
        change = last.score - checks[1].score if len(checks) > 1 else None
        rows.append({"project": last.project, "check": last, "change": change})
    sort = request.GET.get("sort", "score")
    keys = {
        "project": lambda r: r["project"].code,
        "programme": lambda r: r["project"].programme.code if r["project"].programme else "",
        "score": lambda r: r["check"].score,
        "change": lambda r: (r["change"] is None, r["change"] or 0),
        "date": lambda r: r["check"].date,
    }
    if sort.lstrip("-") not in keys:
        sort = "score"
    rows.sort(key=keys[sort.lstrip("-")], reverse=sort.startswith("-"))
    paginator = Paginator(rows, 25)
    page = paginator.get_page(request.GET.get("page"))
    params = request.GET.copy()
    params.pop("page", None)
    without_sort = params.copy()
    without_sort.pop("sort", None)
    return render(
        request,
        "coe/health_overview.html",
        {
            "rows": page.object_list,
            "page_obj": page,
            "paginator": paginator,
            "is_paginated": page.has_other_pages(),
            "sort": sort,
            "querystring": params.urlencode(),
            "sort_querystring": without_sort.urlencode(),
            "programmes": programmes,
            "programme": request.GET.get("programme", ""),
            "query": query,
            "without": projects.exclude(pk__in=list(latest)).count(),
            "can_manage": request.user.has_perm("coe.manage_questionnaires"),
            "section": "health",
        },
    )


# -- audits ----------------------------------------------------------------------------------------------------


class AuditList(base.TableView):
    model = Audit
    related = ("project", "lead_auditor")
    template_name = "coe/audit_list.html"
    sort_fields = {
        "project": "project__code",
        "title": "title",
        "planned": "planned_on",
        "status": "status",
        "opinion": "opinion",
        "findings": "n_findings",
        "open": "n_open",
    }
    default_sort = "-planned"
    search_fields = ("title", "scope", "project__code", "project__name")

    def annotate(self, qs):
        return qs.annotate(
            n_findings=Count("findings", distinct=True),
            n_open=Count(
                "findings",
                filter=Q(findings__action__status__in=OPEN_ACTION),
                distinct=True,
            ),
        )

    def filter_queryset(self, qs):
        status, opinion = self.request.GET.get("status", ""), self.request.GET.get("opinion", "")
        if status in AuditStatus.values:
            qs = qs.filter(status=status)
        if opinion in Opinion.values:
            qs = qs.filter(opinion=opinion)
        return qs

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(
            can_add=self.request.user.has_perm("coe.audit"),
            statuses=AuditStatus.choices,
            opinions=Opinion.choices,
            status=self.request.GET.get("status", ""),
            opinion=self.request.GET.get("opinion", ""),
            opinion_badges=OPINION_BADGES,
            section="audits",
            **kwargs,
        )


class AuditCreate(base.CreateView):
    form_class = AuditForm
    template_name = "coe/audit_form.html"
    permission_required = "coe.audit"
    success_message = gettext_lazy("Audit %(object)s planned.")
    service = staticmethod(services.create_audit)

    def get_initial(self) -> dict[str, Any]:
        project = base.id_param(self.request.GET, "project")
        return {**super().get_initial(), **({"project": project} if project else {})}


class AuditEdit(base.UpdateView):
    model = Audit
    related = ("project",)
    form_class = AuditForm
    template_name = "coe/audit_form.html"
    permission_required = "coe.audit"
    success_message = gettext_lazy("Audit %(object)s saved.")
    service = staticmethod(services.update_audit)

    def check_object_permission(self, obj: Any = None) -> None:
        if not self.request.user.has_perm(self.permission_required, obj.project if obj else None):
            raise PermissionDenied(_("You are not allowed to do this."))


class AuditDetail(base.DetailView):
    model = Audit
    related = ("project", "lead_auditor")
    template_name = "coe/audit_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        audit = self.object
        can_audit = (
            self.request.user.has_perm("coe.audit", audit.project) and audit.status != AuditStatus.CLOSED
        )
        findings = list(audit.findings.select_related("owner", "action"))
        return super().get_context_data(
            project=audit.project,
            findings=findings,
            severity_badges=SEVERITY_BADGES,
            opinion_badges=OPINION_BADGES,
            blocking=[
                f
                for f in findings
                if f.severity in BLOCKING_SEVERITIES and f.action and f.action.status in OPEN_ACTION
            ],
            can_audit=can_audit,
            finding_form=FindingForm(prefix="finding") if can_audit else None,
            close_form=CloseAuditForm(prefix="close") if can_audit else None,
            section="audits",
            **kwargs,
        )


def _audit(request: HttpRequest, pk: int) -> Audit:
    audit = get_object_or_404(Audit.objects.visible_to(request.user).select_related("project"), pk=pk)
    if not request.user.has_perm("coe.audit", audit.project):
        raise PermissionDenied(_("Only auditors of the Centre of Excellence change audits."))
    return audit


@login_required
@require_POST
def finding_add(request: HttpRequest, pk: int) -> HttpResponse:
    audit = _audit(request, pk)
    form = FindingForm(request.POST, prefix="finding")
    base.run_action(
        request,
        lambda: services.add_finding(audit, acting_user=request.user, **form.cleaned_data),
        lambda f: (
            _("Finding recorded; action %(action)s tracks it on the project's RAID log.")
            % {"action": f.action.reference}
        ),
        form,
    )
    return redirect(audit)


@login_required
@require_POST
def audit_close(request: HttpRequest, pk: int) -> HttpResponse:
    audit = _audit(request, pk)
    form = CloseAuditForm(request.POST, prefix="close")
    base.run_action(
        request,
        lambda: services.close_audit(audit, acting_user=request.user, **form.cleaned_data),
        lambda a: _("Audit closed: %(opinion)s.") % {"opinion": a.get_opinion_display()},
        form,
    )
    return redirect(audit)
