"""The project's document register: checking uploaded files (shared with the Centre of Excellence's template
library) and every write to a project's documents."""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from pmo.core.services import audited_delete, audited_save, check_version, only_fields, require

from .models import Document, DocumentStatus, Project

#: extension → the content type the file is sent with
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "odt": "application/vnd.oasis.opendocument.text",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
    "odp": "application/vnd.oasis.opendocument.presentation",
    "txt": "text/plain; charset=utf-8",
    "md": "text/markdown; charset=utf-8",
    "csv": "text/csv; charset=utf-8",
    "png": "image/png",
    "jpg": "image/jpeg",
    "jpeg": "image/jpeg",
}
OOXML = frozenset({"docx", "xlsx", "pptx"})
ODF = frozenset({"odt", "ods", "odp"})
TEXT = frozenset({"txt", "md", "csv"})

DOCUMENT_FIELDS = frozenset({"title", "kind", "revision", "owner", "status", "review_date", "link"})


@dataclass(frozen=True)
class Upload:
    """A checked file: a safe name, its bytes and the content type it is stored and sent with."""

    filename: str
    content: bytes
    content_type: str

    @property
    def size(self) -> int:
        return len(self.content)


def max_upload_bytes() -> int:
    return int(getattr(settings, "PMO_UPLOAD_MAX_BYTES", 10 * 1024 * 1024))


def human_size(size: int) -> str:
    """12.3 MB, 10 MB, 11.7 KB: one decimal where it matters."""
    value, unit = (size / (1024 * 1024), "MB") if size >= 1024 * 1024 else (size / 1024, "KB")
    number = f"{value:.1f}"
    return f"{number.removesuffix('.0')} {unit}"


def _too_large(name: str, size: int) -> ValidationError:
    return ValidationError(
        _("%(file)s is %(size)s; the limit is %(limit)s.")
        % {"file": name, "size": human_size(size), "limit": human_size(max_upload_bytes())}
    )


def safe_filename(name: str) -> str:
    """The file's own name without any folder, control characters or quotes."""
    name = posixpath.basename(str(name).replace("\\", "/"))
    name = re.sub(r'[\x00-\x1f\x7f"<>:|?*]', "", name).strip(" .")
    if len(name) > 200:
        stem, dot, ext = name.rpartition(".")
        name = f"{stem[: 199 - len(ext)]}.{ext}" if dot else name[:200]
    return name


def _zip_names(content: bytes) -> set[str] | None:
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            return set(archive.namelist())
    except (zipfile.BadZipFile, ValueError, OSError):
        return None


def _content_agrees(ext: str, content: bytes) -> bool:
    if ext == "pdf":
        return content.startswith(b"%PDF-")
    if ext == "png":
        return content.startswith(b"\x89PNG\r\n\x1a\n")
    if ext in ("jpg", "jpeg"):
        return content.startswith(b"\xff\xd8\xff")
    if ext in OOXML or ext in ODF:
        if not content.startswith(b"PK\x03\x04"):
            return False
        names = _zip_names(content)
        if names is None:
            return False
        return "[Content_Types].xml" in names if ext in OOXML else "mimetype" in names
    if ext in TEXT:
        if b"\x00" in content:
            return False
        try:
            content.decode("utf-8")
        except UnicodeDecodeError:
            return False
        return True
    return False


def check_upload(filename: str, content: bytes) -> Upload:
    """Accept a file only when its type is allowed, its content is what the extension says and it is not too large;
    otherwise a ValidationError naming the file and the problem."""
    name = safe_filename(filename)
    if not name:
        raise ValidationError(_("The file has no name."))
    stem, dot, ext = name.rpartition(".")
    ext = ext.lower() if dot and stem else ""
    allowed = ", ".join(f".{e}" for e in CONTENT_TYPES)
    if ext not in CONTENT_TYPES:
        if ext:
            message = _("%(file)s: files of type .%(ext)s are not allowed; allowed: %(allowed)s.")
        else:
            message = _("%(file)s: files without an extension are not allowed; allowed: %(allowed)s.")
        raise ValidationError(message % {"file": name, "ext": ext, "allowed": allowed})
    if len(content) > max_upload_bytes():
        raise _too_large(name, len(content))
    if not content:
        raise ValidationError(_("%(file)s is empty.") % {"file": name})
    if not _content_agrees(ext, content):
        raise ValidationError(
            _("%(file)s: the content is not a .%(ext)s file (the name and the content do not agree).")
            % {"file": name, "ext": ext}
        )
    return Upload(filename=name, content=content, content_type=CONTENT_TYPES[ext])


def read_upload(uploaded) -> Upload:
    """Check an uploaded file (a Django UploadedFile); a file over the limit is refused before it is read whole."""
    name = safe_filename(getattr(uploaded, "name", "") or "")
    size = getattr(uploaded, "size", None)
    if size is not None and size > max_upload_bytes():
        raise _too_large(name, size)
    uploaded.seek(0)
    return check_upload(name, uploaded.read())


def as_upload(file: Upload | Any | None) -> Upload | None:
    if file is None or isinstance(file, Upload):
        return file
    return read_upload(file)


def _check_link(link: str) -> str:
    link = (link or "").strip()
    if link and not re.match(r"^https?://", link, re.IGNORECASE):
        raise ValidationError({"link": _("A link must start with http:// or https://.")})
    return link


def _set_file(document: Document, upload: Upload) -> None:
    document.filename, document.content_type = upload.filename, upload.content_type
    document.size, document.content = upload.size, upload.content
    document.link = ""


def _clear_file(document: Document) -> None:
    document.filename, document.content_type, document.size, document.content = "", "", 0, None


def _file_or_link(document: Document) -> None:
    if document.link and document.filename:
        raise ValidationError(_("Give either a file or a link, not both."))
    if not document.link and not document.filename:
        raise ValidationError(_("Upload a file or give a link to the document."))


@transaction.atomic
def add_document(
    project: Project, *, acting_user, file: Upload | Any | None = None, **fields: Any
) -> Document:
    """Add a document to the project's register: an uploaded file (checked) or a link."""
    require(acting_user, "projects.manage_documents", project)
    fields = only_fields(fields, DOCUMENT_FIELDS)
    fields["link"] = _check_link(fields.get("link", ""))
    upload = as_upload(file)
    if upload is not None and fields["link"]:
        raise ValidationError(_("Give either a file or a link, not both."))
    document = Document(project=project, **fields)
    if document.owner is None:
        document.owner = acting_user
    if upload is not None:
        _set_file(document, upload)
    _file_or_link(document)
    return audited_save(document, acting_user=acting_user)


@transaction.atomic
def update_document(
    document: Document,
    *,
    acting_user,
    expected_version: int | None = None,
    file: Upload | Any | None = None,
    **changes: Any,
) -> Document:
    """Change a document's details; a new file replaces the old one (and a link), a new link replaces a file."""
    require(acting_user, "projects.manage_documents", document.project)
    changes = only_fields(changes, DOCUMENT_FIELDS)
    if "link" in changes:
        changes["link"] = _check_link(changes["link"])
    upload = as_upload(file)
    document = Document.objects.select_for_update().select_related("project").get(pk=document.pk)
    check_version(document, expected_version)
    if upload is not None and changes.get("link") == document.link:
        changes.pop("link")  # the form sends the link it showed: a new file replaces it
    if upload is not None and changes.get("link"):
        raise ValidationError(_("Give either a file or a link, not both."))
    for name, value in changes.items():
        if name == "link" and not value and document.filename:
            continue  # an empty link field on a file document keeps the file
        setattr(document, name, value)
    if upload is not None:
        _set_file(document, upload)
    elif document.link and document.filename:
        _clear_file(document)  # the document now lives behind the link
    _file_or_link(document)
    return audited_save(document, acting_user=acting_user)


@transaction.atomic
def delete_document(document: Document, *, acting_user) -> None:
    require(acting_user, "projects.manage_documents", document.project)
    audited_delete(document, acting_user=acting_user)


def add_file_document(
    project: Project, upload: Upload, *, acting_user, title: str, kind: str = "", revision: str = "0.1"
) -> Document:
    """A draft document made from a file the system produced (for example a copy of a template)."""
    return add_document(
        project,
        acting_user=acting_user,
        file=upload,
        title=title,
        kind=kind,
        revision=revision,
        status=DocumentStatus.DRAFT,
    )
