"""Pages of the Centre of Excellence: the methods and their versions, a project's Method tab (phase, deliverables,
waivers, gate decisions) and compliance across the portfolio."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, prefetch_related_objects
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from pmo.core import views_base as base
from pmo.projects.models import Portfolio, Project
from pmo.projects.views import ProjectTab

from . import compliance, services
from .forms import (
    DeliverableForm,
    DeliverableTypeForm,
    FollowForm,
    GateForm,
    MethodForm,
    MigrateForm,
    PhaseForm,
    WaiverForm,
)
from .models import (
    DeliverableStatus,
    DeliverableType,
    Method,
    MethodVersion,
    Phase,
    ProjectMethod,
    VersionStatus,
    Waiver,
)
from .views_lessons import phase_block


class MethodList(base.TableView):
    model = Method
    template_name = "coe/method_list.html"
    sort_fields = {"name": "name", "projects": "n_projects"}
    default_sort = "name"
    search_fields = ("name", "description")

    def annotate(self, qs):
        return qs.annotate(n_projects=Count("versions__projects"))

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(
            can_add=self.request.user.has_perm("coe.manage_methods"), section="methods", **kwargs
        )


class MethodCreate(base.CreateView):
    form_class = MethodForm
    template_name = "coe/method_form.html"
    permission_required = "coe.manage_methods"
    success_message = gettext_lazy("Method %(object)s created: add its phases to the draft version.")
    service = staticmethod(services.create_method)


class MethodEdit(base.UpdateView):
    model = Method
    form_class = MethodForm
    template_name = "coe/method_form.html"
    permission_required = "coe.manage_methods"
    success_message = gettext_lazy("Method %(object)s saved.")
    service = staticmethod(services.update_method)


@login_required
def method_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """A method opens on its draft version (for the CoE) or its current one."""
    method = get_object_or_404(Method.objects.visible_to(request.user), pk=pk)
    draft = method.versions.filter(status=VersionStatus.DRAFT).first()
    version = (draft if request.user.has_perm("coe.manage_methods") else None) or method.current or draft
    if version is None:
        raise PermissionDenied(_("This method has no published version yet."))
    return redirect(version)


class VersionDetail(base.DetailView):
    model = MethodVersion
    related = ("method",)
    template_name = "coe/version_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        version = self.object
        can_edit = version.editable and self.request.user.has_perm("coe.manage_methods")
        phases = list(version.phases.prefetch_related("deliverables"))
        return super().get_context_data(
            phases=phases,
            versions=version.method.versions.annotate(n_projects=Count("projects")),
            can_edit=can_edit,
            can_manage=self.request.user.has_perm("coe.manage_methods"),
            has_draft=version.method.versions.filter(status=VersionStatus.DRAFT).exists(),
            phase_form=PhaseForm(prefix="phase") if can_edit else None,
            type_form=DeliverableTypeForm(prefix="type") if can_edit else None,
            section="methods",
            **kwargs,
        )


def _manage(request: HttpRequest) -> None:
    if not request.user.has_perm("coe.manage_methods"):
        raise PermissionDenied(_("Only the Centre of Excellence changes the method."))


@login_required
@require_POST
def phase_add(request: HttpRequest, pk: int) -> HttpResponse:
    version = get_object_or_404(MethodVersion.objects.visible_to(request.user), pk=pk)
    _manage(request)
    form = PhaseForm(request.POST, prefix="phase")
    base.run_action(
        request,
        lambda: services.add_phase(version, acting_user=request.user, **form.cleaned_data),
        lambda phase: _("Phase %(phase)s added.") % {"phase": phase.name},
        form,
    )
    return redirect(version)


@login_required
@require_POST
def phase_remove(request: HttpRequest, pk: int) -> HttpResponse:
    phase = get_object_or_404(Phase.objects.visible_to(request.user).select_related("method_version"), pk=pk)
    _manage(request)
    base.run_action(
        request,
        lambda: services.remove_phase(phase, acting_user=request.user),
        lambda _r: _("Phase %(phase)s removed.") % {"phase": phase.name},
    )
    return redirect(phase.method_version)


@login_required
@require_POST
def type_add(request: HttpRequest, pk: int) -> HttpResponse:
    phase = get_object_or_404(Phase.objects.visible_to(request.user).select_related("method_version"), pk=pk)
    _manage(request)
    form = DeliverableTypeForm(request.POST, prefix="type")
    base.run_action(
        request,
        lambda: services.add_deliverable_type(phase, acting_user=request.user, **form.cleaned_data),
        lambda kind: _("Deliverable %(type)s added to %(phase)s.") % {"type": kind, "phase": phase.name},
        form,
    )
    return redirect(phase.method_version)


@login_required
@require_POST
def type_remove(request: HttpRequest, pk: int) -> HttpResponse:
    kind = get_object_or_404(
        DeliverableType.objects.visible_to(request.user).select_related("phase__method_version"), pk=pk
    )
    _manage(request)
    base.run_action(
        request,
        lambda: services.remove_deliverable_type(kind, acting_user=request.user),
        lambda _r: _("Deliverable %(type)s removed.") % {"type": kind},
    )
    return redirect(kind.phase.method_version)


@login_required
@require_POST
def version_publish(request: HttpRequest, pk: int) -> HttpResponse:
    version = get_object_or_404(MethodVersion.objects.visible_to(request.user), pk=pk)
    _manage(request)
    base.run_action(
        request,
        lambda: services.publish_version(
            version, acting_user=request.user, notes=request.POST.get("notes", "")
        ),
        lambda v: _("%(version)s published: new projects start on it.") % {"version": v},
    )
    return redirect(version)


@login_required
@require_POST
def version_new(request: HttpRequest, pk: int) -> HttpResponse:
    method = get_object_or_404(Method.objects.visible_to(request.user), pk=pk)
    _manage(request)
    done = base.run_action(
        request,
        lambda: services.new_version(method, acting_user=request.user),
        lambda v: _("Draft %(version)s made from the latest version.") % {"version": v},
    )
    draft = method.versions.filter(status=VersionStatus.DRAFT).first()
    return redirect(draft if done and draft else method)


class ProjectMethodTab(ProjectTab):
    """The project's Method tab: its phase, what the phase asks for, waivers and the gate."""

    template_name = "coe/project_method.html"
    tab = "method"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        project, user = self.object, self.request.user
        method = (
            ProjectMethod.objects.filter(project=project)
            .select_related("method_version__method", "phase")
            .first()
        )
        context: dict[str, Any] = {
            "pm": method,
            "can_follow": user.has_perm("coe.follow_method", project),
            "can_update": user.has_perm("coe.update_deliverable", project),
            "can_waive": user.has_perm("coe.grant_waiver", project),
            "can_decide": user.has_perm("coe.decide_gate", project),
            "statuses": DeliverableStatus.choices,
        }
        if method is None:
            context["follow_form"] = FollowForm()
        else:
            rows = compliance.rows_for(method)
            # documents and templates: the register's documents to pick from, and each deliverable's document
            documents = {d.pk: d for d in project.documents.defer("content").order_by("title")}
            for row in rows:
                if row.deliverable is not None and row.deliverable.document_id in documents:
                    row.deliverable.document = documents[row.deliverable.document_id]
            context["documents"] = list(documents.values())
            context["can_document"] = user.has_perm("projects.manage_documents", project)
            prefetch_related_objects([row.type for row in rows], "templates")
            context.update(
                phases=list(method.method_version.phases.all()),
                rows=rows,
                current=[r for r in rows if r.phase.pk == method.phase_id],
                earlier=[r for r in rows if r.phase.pk != method.phase_id],
                score=compliance.score(rows),
                missing=compliance.missing_for_gate(method, rows) if not method.finished else [],
                gate_form=GateForm(questions=method.phase.questions()) if not method.finished else None,
                phase_lessons=None if method.finished else phase_block(user, project, method.phase.name),
                migrate_form=MigrateForm(current=method.method_version),
                decisions=project.gate_decisions.select_related("phase", "decided_by").prefetch_related(
                    "reviewers", "actions"
                ),
            )
        return super().get_context_data(**context, **kwargs)


def _project(request: HttpRequest, pk: int) -> Project:
    return get_object_or_404(Project.objects.visible_to(request.user), pk=pk)


def _to_tab(project: Project) -> HttpResponse:
    return redirect("coe:project_method", pk=project.pk)


@login_required
@require_POST
def method_follow(request: HttpRequest, pk: int) -> HttpResponse:
    project = _project(request, pk)
    form = FollowForm(request.POST)
    base.run_action(
        request,
        lambda: services.follow_method(
            project, form.cleaned_data["version"], size=form.cleaned_data["size"], acting_user=request.user
        ),
        lambda m: (
            _("%(project)s follows %(version)s from phase %(phase)s.")
            % {"project": project.code, "version": m.method_version, "phase": m.phase.name}
        ),
        form,
    )
    return _to_tab(project)


@login_required
@require_POST
def method_migrate(request: HttpRequest, pk: int) -> HttpResponse:
    project = _project(request, pk)
    method = get_object_or_404(ProjectMethod.objects.select_related("method_version"), project=project)
    form = MigrateForm(request.POST, current=method.method_version)
    base.run_action(
        request,
        lambda: services.migrate_project(project, form.cleaned_data["version"], acting_user=request.user),
        lambda m: (
            _("%(project)s now follows %(version)s.") % {"project": project.code, "version": m.method_version}
        ),
        form,
    )
    return _to_tab(project)


def _kind(project: Project, type_pk: int) -> DeliverableType:
    return get_object_or_404(
        DeliverableType.objects.filter(phase__method_version__projects__project=project).select_related(
            "phase"
        ),
        pk=type_pk,
    )


@login_required
@require_POST
def deliverable_set(request: HttpRequest, pk: int, type_pk: int) -> HttpResponse:
    project = _project(request, pk)
    kind = _kind(project, type_pk)
    form = DeliverableForm(request.POST)
    base.run_action(
        request,
        lambda: services.update_deliverable(project, kind, acting_user=request.user, **form.service_data()),
        lambda d: _("%(type)s: %(status)s.") % {"type": kind, "status": d.get_status_display()},
        form,
    )
    return _to_tab(project)


@login_required
@require_POST
def waiver_grant(request: HttpRequest, pk: int, type_pk: int) -> HttpResponse:
    project = _project(request, pk)
    kind = _kind(project, type_pk)
    form = WaiverForm(request.POST)
    base.run_action(
        request,
        lambda: services.grant_waiver(project, kind, acting_user=request.user, **form.cleaned_data),
        lambda _w: _("Waiver for %(type)s recorded.") % {"type": kind},
        form,
    )
    return _to_tab(project)


@login_required
@require_POST
def waiver_revoke(request: HttpRequest, pk: int, waiver_pk: int) -> HttpResponse:
    project = _project(request, pk)
    waiver = get_object_or_404(Waiver.objects.filter(project=project).select_related("type"), pk=waiver_pk)
    base.run_action(
        request,
        lambda: services.revoke_waiver(waiver, acting_user=request.user),
        lambda _r: _("Waiver for %(type)s withdrawn.") % {"type": waiver.type},
    )
    return _to_tab(project)


@login_required
@require_POST
def gate_decide(request: HttpRequest, pk: int) -> HttpResponse:
    project = _project(request, pk)
    method = ProjectMethod.objects.filter(project=project).select_related("phase").first()
    form = GateForm(request.POST, questions=method.phase.questions() if method else ())
    base.run_action(
        request,
        lambda: services.decide_gate(project, acting_user=request.user, **form.service_data()),
        lambda record: (
            _("%(gate)s: %(decision)s.")
            % {"gate": record.phase.gate, "decision": record.get_decision_display()}
        ),
        form,
    )
    return _to_tab(project)


@login_required
def compliance_overview(request: HttpRequest) -> HttpResponse:
    """Compliance with the method per project, programme and portfolio."""
    portfolios = Portfolio.objects.visible_to(request.user).order_by("name")
    chosen = base.id_param(request.GET, "portfolio")
    portfolio = portfolios.filter(pk=chosen).first() if chosen else portfolios.first()
    context: dict[str, Any] = {"portfolio": portfolio, "portfolios": portfolios, "section": "compliance"}
    if portfolio is not None:
        projects = list(
            Project.objects.visible_to(request.user)
            .filter(portfolio=portfolio)
            .select_related("programme", "method__phase", "method__method_version__method")
            .order_by("code")
        )
        methods = {p.pk: m for p in projects if (m := getattr(p, "method", None)) is not None}
        scores = compliance.scores(methods.values())
        rows = [(p, methods.get(p.pk), scores.get(p.pk)) for p in projects]
        sort = request.GET.get("sort", "score")
        if sort in ("score", "-score"):
            rows.sort(key=lambda r: (r[2] is None, r[2] or 0), reverse=sort == "-score")
        programmes: dict[str, list] = {}
        for project, _m, value in rows:
            programmes.setdefault(str(project.programme or _("No programme")), []).append(value)
        context.update(
            rows=rows,
            sort=sort,
            sort_querystring=f"portfolio={portfolio.pk}",
            programmes=sorted((name, compliance.pooled(values)) for name, values in programmes.items()),
            total=compliance.pooled(scores.values()),
            without=sum(1 for _p, m, _v in rows if m is None),
        )
    return render(request, "coe/compliance.html", context)
