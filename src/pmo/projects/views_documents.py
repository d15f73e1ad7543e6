"""The project's Documents tab: the register (filter, sort, page), adding a file or a link, editing, deleting and a
permission-checked download."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pmo.core import views_base as base
from pmo.core.services import ConflictError

from . import documents as services
from .forms_documents import DocumentFilterForm, DocumentForm
from .models import Document, Project
from .views import ProjectTab

SORT_FIELDS = {
    "title": "title",
    "kind": "kind",
    "status": "status",
    "revision": "revision",
    "review": "review_date",
    "updated": "updated_at",
}


class ProjectDocuments(ProjectTab):
    """The register: every document of the project, filtered by status and kind, sorted and paged."""

    template_name = "projects/project_documents.html"
    tab = "documents"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        project, params = self.object, self.request.GET
        rows = project.documents.select_related("owner").defer("content")
        kinds = sorted(k for k in project.documents.values_list("kind", flat=True).distinct() if k)
        filters = DocumentFilterForm(params, kinds=kinds)
        if filters.is_valid():
            if filters.cleaned_data["status"]:
                rows = rows.filter(status=filters.cleaned_data["status"])
            if filters.cleaned_data["kind"]:
                rows = rows.filter(kind=filters.cleaned_data["kind"])
            if query := filters.cleaned_data["q"].strip():
                rows = rows.filter(Q(title__icontains=query) | Q(filename__icontains=query))
        sort = params.get("sort", "title")
        if sort.lstrip("-") not in SORT_FIELDS:
            sort = "title"
        field = SORT_FIELDS[sort.lstrip("-")]
        rows = rows.order_by(f"-{field}" if sort.startswith("-") else field, "pk")
        page = Paginator(rows, 25).get_page(params.get("page"))
        query = params.copy()
        query.pop("page", None)
        without_sort = query.copy()
        without_sort.pop("sort", None)
        can_manage = self.request.user.has_perm("projects.manage_documents", project)
        return super().get_context_data(
            documents=page.object_list,
            page_obj=page,
            paginator=page.paginator,
            is_paginated=page.paginator.num_pages > 1,
            filters=filters,
            sort=sort,
            querystring=query.urlencode(),
            sort_querystring=without_sort.urlencode(),
            can_manage=can_manage,
            **kwargs,
        )


def _project(request: HttpRequest, pk: int) -> Project:
    return get_object_or_404(Project.objects.visible_to(request.user).select_related("programme"), pk=pk)


def _document(request: HttpRequest, pk: int, doc_pk: int) -> Document:
    return get_object_or_404(
        Document.objects.visible_to(request.user).select_related("project"), project_id=pk, pk=doc_pk
    )


@login_required
def document_add(request: HttpRequest, pk: int) -> HttpResponse:
    project = _project(request, pk)
    if not request.user.has_perm("projects.manage_documents", project):
        raise PermissionDenied(_("You are not allowed to add documents to this project."))
    form = DocumentForm(request.POST or None, request.FILES or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            document = services.add_document(project, acting_user=request.user, **form.service_data())
        except ValidationError as error:
            base.add_service_errors(form, error)
        else:
            messages.success(request, _("Document %(title)s added.") % {"title": document.title})
            return redirect("projects:project_documents", pk=project.pk)
    return render(
        request, "projects/document_form.html", {"project": project, "form": form, "document": None}
    )


@login_required
def document_edit(request: HttpRequest, pk: int, doc_pk: int) -> HttpResponse:
    document = _document(request, pk, doc_pk)
    project = document.project
    if not request.user.has_perm("projects.manage_documents", project):
        raise PermissionDenied(_("You are not allowed to change the documents of this project."))
    form = DocumentForm(
        request.POST or None,
        request.FILES or None,
        instance=document,
        initial={"version": document.version},
        user=request.user,
    )
    if request.method == "POST" and form.is_valid():
        data = form.service_data()
        try:
            document = services.update_document(
                document, acting_user=request.user, expected_version=form.cleaned_data.get("version"), **data
            )
        except (ValidationError, ConflictError) as error:
            base.add_service_errors(form, error)
        else:
            messages.success(request, _("Document %(title)s saved.") % {"title": document.title})
            return redirect("projects:project_documents", pk=project.pk)
    return render(
        request, "projects/document_form.html", {"project": project, "form": form, "document": document}
    )


@login_required
@require_POST
def document_delete(request: HttpRequest, pk: int, doc_pk: int) -> HttpResponse:
    document = _document(request, pk, doc_pk)
    title = document.title
    base.run_action(
        request,
        lambda: services.delete_document(document, acting_user=request.user),
        lambda _r: _("Document %(title)s deleted.") % {"title": title},
    )
    return redirect("projects:project_documents", pk=pk)


def file_response(content: bytes, filename: str, content_type: str) -> HttpResponse:
    """A stored file, always as a download (never shown inline) and never sniffed into another type."""
    response = HttpResponse(bytes(content), content_type=content_type or "application/octet-stream")
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=filename)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
def document_download(request: HttpRequest, pk: int, doc_pk: int) -> HttpResponse:
    """Only for those who see the project: anyone else gets a 404, whatever URL they guess."""
    document = _document(request, pk, doc_pk)
    if not document.filename:
        return redirect(document.link)
    return file_response(document.content, document.filename, document.content_type)
