"""Pages of the template library (list, a template with its versions, new template, new version, download) and
starting a project document from a template."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Prefetch
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from pmo.core import views_base as base
from pmo.projects.models import Project
from pmo.projects.views_documents import file_response

from . import services_templates as services
from .forms_templates import TemplateEditForm, TemplateForm, UseTemplateForm, VersionForm
from .models import DeliverableType, DocumentTemplate, Method, ProjectMethod, TemplateVersion


def _versions() -> Prefetch:
    return Prefetch(
        "versions",
        queryset=TemplateVersion.objects.defer("content").select_related("uploaded_by").order_by("-number"),
    )


def _types() -> Prefetch:
    return Prefetch(
        "deliverable_types",
        queryset=DeliverableType.objects.select_related("phase__method_version__method").order_by("name"),
    )


class TemplateList(base.TableView):
    """The library: filter by method and deliverable, search, sort and page."""

    model = DocumentTemplate
    template_name = "coe/template_list.html"
    sort_fields = {"name": "name", "versions": "n_versions", "updated": "updated_at"}
    default_sort = "name"
    search_fields = ("name", "description")

    def annotate(self, qs):
        return qs.annotate(n_versions=Count("versions", distinct=True)).prefetch_related(
            _versions(), _types()
        )

    def filter_queryset(self, qs):
        params = self.request.GET
        method = base.id_param(params, "method")
        if method is not None:
            qs = qs.filter(
                pk__in=DocumentTemplate.objects.filter(
                    deliverable_types__phase__method_version__method=method
                ).values("pk")
            )
        kind = params.get("type", "").strip()
        if kind:
            qs = qs.filter(pk__in=DocumentTemplate.objects.filter(deliverable_types__name=kind).values("pk"))
        return qs

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(
            can_add=self.request.user.has_perm("coe.manage_templates"),
            methods=Method.objects.order_by("name"),
            type_names=sorted(set(DeliverableType.objects.values_list("name", flat=True))),
            chosen_method=base.id_param(self.request.GET, "method"),
            chosen_type=self.request.GET.get("type", ""),
            section="templates",
            **kwargs,
        )


class TemplateCreate(base.CreateView):
    form_class = TemplateForm
    template_name = "coe/template_form.html"
    permission_required = "coe.manage_templates"
    success_message = gettext_lazy("Template %(object)s added to the library.")
    service = staticmethod(services.create_template)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(section="templates", **kwargs)


class TemplateEdit(base.UpdateView):
    model = DocumentTemplate
    form_class = TemplateEditForm
    template_name = "coe/template_form.html"
    permission_required = "coe.manage_templates"
    success_message = gettext_lazy("Template %(object)s saved.")
    service = staticmethod(services.update_template)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(section="templates", **kwargs)


class TemplateDetail(base.DetailView):
    model = DocumentTemplate
    template_name = "coe/template_detail.html"

    def get_queryset(self):
        return super().get_queryset().prefetch_related(_versions(), _types())

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        can_manage = self.request.user.has_perm("coe.manage_templates")
        return super().get_context_data(
            versions=list(self.object.versions.all()),
            can_manage=can_manage,
            version_form=VersionForm() if can_manage else None,
            section="templates",
            **kwargs,
        )


@login_required
@require_POST
def template_version_add(request: HttpRequest, pk: int) -> HttpResponse:
    template = get_object_or_404(DocumentTemplate.objects.visible_to(request.user), pk=pk)
    if not request.user.has_perm("coe.manage_templates"):
        raise PermissionDenied(_("Only the Centre of Excellence changes the template library."))
    form = VersionForm(request.POST, request.FILES)
    base.run_action(
        request,
        lambda: services.add_template_version(
            template,
            acting_user=request.user,
            file=form.cleaned_data["file"],
            notes=form.cleaned_data["notes"],
        ),
        lambda v: (
            _("Version %(number)s of %(template)s uploaded.") % {"number": v.number, "template": template}
        ),
        form,
    )
    return redirect(template)


@login_required
def template_download(request: HttpRequest, pk: int, number: int) -> HttpResponse:
    version = get_object_or_404(
        TemplateVersion.objects.visible_to(request.user), template_id=pk, number=number
    )
    return file_response(version.content, version.filename, version.content_type)


@login_required
def template_use(request: HttpRequest, pk: int) -> HttpResponse:
    """Pick a template: the project's register gets a draft copy of its latest file."""
    project = get_object_or_404(Project.objects.visible_to(request.user).select_related("programme"), pk=pk)
    if not request.user.has_perm("projects.manage_documents", project):
        raise PermissionDenied(_("You are not allowed to add documents to this project."))
    form = UseTemplateForm(request.POST or None)
    if request.method == "POST":
        back = request.POST.get("back") == "method"
        done = base.run_action(
            request,
            lambda: services.create_from_template(
                project, form.cleaned_data["template"], acting_user=request.user
            ),
            lambda d: _("%(file)s added to the register as a draft.") % {"file": d.filename},
            form,
        )
        if back:
            return redirect("coe:project_method", pk=project.pk)
        if done:
            return redirect("projects:project_documents", pk=project.pk)
    method = ProjectMethod.objects.filter(project=project).select_related("method_version__method").first()
    templates = DocumentTemplate.objects.prefetch_related(_versions(), _types()).order_by("name")
    templates = list(templates)
    for template in templates:
        template.type_names = sorted({kind.name for kind in template.deliverable_types.all()})
    suggested: set[int] = set()
    if method is not None:
        suggested = set(
            DocumentTemplate.objects.filter(
                deliverable_types__phase__method_version=method.method_version_id
            ).values_list("pk", flat=True)
        )
    return render(
        request,
        "coe/template_use.html",
        {
            "project": project,
            "pm": method,
            "templates": [t for t in templates if t.pk in suggested]
            + [t for t in templates if t.pk not in suggested],
            "suggested": suggested,
            "form": form,
        },
    )
