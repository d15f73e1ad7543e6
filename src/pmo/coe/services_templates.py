"""Every write to the template library, and starting a project document from a template (which also points the
project's deliverable of the template's type at the new document)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from pmo.core.services import audited_save, require, update_object
from pmo.projects.documents import Upload, add_file_document, as_upload, safe_filename
from pmo.projects.models import Document, Project

from .models import (
    Deliverable,
    DeliverableStatus,
    DeliverableType,
    DocumentTemplate,
    ProjectMethod,
    TemplateVersion,
)

TEMPLATE_FIELDS = frozenset({"name", "description"})


def _name(name: str) -> str:
    name = (name or "").strip()
    if not name:
        raise ValidationError({"name": _("Give the template a name.")})
    return name


def _unique(name: str, exclude: int | None = None) -> None:
    clash = DocumentTemplate.objects.filter(name__iexact=name).exclude(pk=exclude)
    if clash.exists():
        raise ValidationError({"name": _("A template named %(name)s exists.") % {"name": name}})


def _store(template: DocumentTemplate, upload: Upload, *, acting_user, notes: str) -> TemplateVersion:
    number = (template.versions.aggregate(n=Max("number"))["n"] or 0) + 1
    return audited_save(
        TemplateVersion(
            template=template,
            number=number,
            filename=upload.filename,
            content_type=upload.content_type,
            size=upload.size,
            content=upload.content,
            notes=notes.strip(),
            uploaded_by=acting_user,
        ),
        acting_user=acting_user,
    )


@transaction.atomic
def create_template(
    *,
    acting_user,
    name: str,
    file: Upload | Any,
    description: str = "",
    deliverable_types: Iterable[DeliverableType] = (),
    notes: str = "",
) -> DocumentTemplate:
    """A new template with its first file (version 1)."""
    require(acting_user, "coe.manage_templates")
    name = _name(name)
    _unique(name)
    if file is None:
        raise ValidationError({"file": _("Upload the template's file.")})
    upload = as_upload(file)
    template = audited_save(DocumentTemplate(name=name, description=description), acting_user=acting_user)
    template.deliverable_types.set(list(deliverable_types))
    _store(template, upload, acting_user=acting_user, notes=notes or _("First version"))
    return template


@transaction.atomic
def update_template(
    template: DocumentTemplate,
    *,
    acting_user,
    expected_version: int | None = None,
    deliverable_types: Iterable[DeliverableType] | None = None,
    **changes: Any,
) -> DocumentTemplate:
    if "name" in changes:
        changes["name"] = _name(changes["name"])
        _unique(changes["name"], exclude=template.pk)
    template, _changed = update_object(
        template,
        acting_user=acting_user,
        perm="coe.manage_templates",
        allowed=TEMPLATE_FIELDS,
        expected_version=expected_version,
        changes=changes,
    )
    if deliverable_types is not None:
        template.deliverable_types.set(list(deliverable_types))
    return template


@transaction.atomic
def add_template_version(
    template: DocumentTemplate, *, acting_user, file: Upload | Any, notes: str = ""
) -> TemplateVersion:
    """Upload a new version of the template's file: projects starting from it from now on get this one."""
    require(acting_user, "coe.manage_templates")
    if file is None:
        raise ValidationError({"file": _("Upload the new version's file.")})
    upload = as_upload(file)
    template = DocumentTemplate.objects.select_for_update().get(pk=template.pk)
    return _store(template, upload, acting_user=acting_user, notes=notes)


def _target_type(project: Project, template: DocumentTemplate) -> DeliverableType | None:
    """The deliverable a new document from the template is for: among the template's types that the project's
    method asks for and that are not approved yet, the one of the current phase, else the earliest."""
    method = ProjectMethod.objects.filter(project=project).first()
    if method is None:
        return None
    approved = Deliverable.objects.filter(project=project, status=DeliverableStatus.APPROVED).values(
        "type_id"
    )
    types = list(
        template.deliverable_types.filter(phase__method_version=method.method_version_id)
        .exclude(pk__in=approved)
        .select_related("phase")
        .order_by("phase__position", "name")
    )
    current = [t for t in types if t.phase_id == method.phase_id]
    return (current or types or [None])[0]


@transaction.atomic
def create_from_template(project: Project, template: DocumentTemplate, *, acting_user) -> Document:
    """A draft document in the project's register with a copy of the template's latest file; when the project's
    method asks for a deliverable the template serves (and it is not approved yet), that deliverable becomes a draft
    pointing at the document."""
    require(acting_user, "projects.manage_documents", project)
    latest = template.latest
    if latest is None:
        raise ValidationError(_("Template %(template)s has no file yet.") % {"template": template})
    kind = _target_type(project, template)
    ext = latest.extension
    filename = safe_filename(f"{project.code} {template.name}" + (f".{ext}" if ext else ""))
    upload = Upload(filename=filename, content=bytes(latest.content), content_type=latest.content_type)
    document = add_file_document(
        project,
        upload,
        acting_user=acting_user,
        title=template.name,
        kind=kind.name if kind else template.name,
    )
    if kind is not None and acting_user.has_perm("coe.update_deliverable", project):
        row = Deliverable.objects.select_for_update().filter(
            project=project, type=kind
        ).first() or Deliverable(project=project, type=kind)
        row.status, row.document, row.link = DeliverableStatus.DRAFT, document, ""
        audited_save(
            row,
            acting_user=acting_user,
            reason=_("Started from template %(template)s") % {"template": template},
        )
    return document
