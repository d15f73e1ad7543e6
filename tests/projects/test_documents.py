"""The project's document register: upload validation (type, content sniff, size) in the service and through the
form, file-or-link, the permission-checked download, the Documents tab's filter and sort, and the read-only API."""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from pmo.projects import documents
from pmo.projects.models import Document, DocumentStatus

pytestmark = pytest.mark.django_db


def _docx() -> bytes:
    """A minimal OOXML package: a zip with [Content_Types].xml."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<document/>")
    return buffer.getvalue()


def _add(org, **fields) -> Document:
    fields.setdefault("title", "Projectplan")
    return documents.add_document(org.project, acting_user=org.pm, **fields)


def test_allowed_files_pass_and_keep_their_type():
    assert documents.check_upload("plan.pdf", b"%PDF-1.7 ...").content_type == "application/pdf"
    docx = documents.check_upload("C:\\Users\\pm\\Plan.DOCX", _docx())
    assert (docx.filename, docx.size) == ("Plan.DOCX", len(_docx()))
    assert docx.content_type.endswith("wordprocessingml.document")
    assert documents.check_upload("notes.md", "# Notities — één".encode()).content_type.startswith(
        "text/markdown"
    )
    assert documents.check_upload("logo.png", b"\x89PNG\r\n\x1a\n....").content_type == "image/png"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "report.exe",
            b"MZ\x90\x00",
            "report.exe: files of type .exe are not allowed; allowed: .pdf, .docx, .xlsx, .pptx, .odt, .ods, "
            ".odp, .txt, .md, .csv, .png, .jpg, .jpeg.",
        ),
        ("page.html", b"<html></html>", "page.html: files of type .html are not allowed"),
        ("drawing.svg", b"<svg/>", "drawing.svg: files of type .svg are not allowed"),
        ("README", b"hello", "README: files without an extension are not allowed"),
        (
            "plan.docx",
            b"<html><script>alert(1)</script></html>",
            "plan.docx: the content is not a .docx file (the name and the content do not agree).",
        ),
        ("scan.pdf", b"\x89PNG\r\n\x1a\n", "scan.pdf: the content is not a .pdf file"),
        ("foto.jpg", b"GIF89a", "foto.jpg: the content is not a .jpg file"),
        ("data.csv", b"\xff\xfe\x00a\x00b", "data.csv: the content is not a .csv file"),
        ("leeg.txt", b"", "leeg.txt is empty."),
    ],
)
def test_forbidden_or_disguised_files_are_refused_with_the_file_and_the_problem(name, content, message):
    with pytest.raises(ValidationError) as refused:
        documents.check_upload(name, content)
    assert refused.value.messages[0].startswith(message)


def test_a_file_over_the_limit_is_refused(settings):
    too_big = b"%PDF-" + b"0" * (int(12.3 * 1024 * 1024) - 5)
    with pytest.raises(ValidationError) as refused:
        documents.check_upload("plan.pdf", too_big)
    assert refused.value.messages == ["plan.pdf is 12.3 MB; the limit is 10 MB."]
    settings.PMO_UPLOAD_MAX_BYTES = 1024 * 1024
    with pytest.raises(ValidationError, match=r"^\['notes.txt is 1.5 MB; the limit is 1 MB.'\]$"):
        documents.check_upload("notes.txt", b"a" * (1024 * 1024 + 512 * 1024))


def test_the_service_saves_nothing_for_a_bad_file_and_wants_a_file_or_a_link(org):
    bad = SimpleUploadedFile("report.exe", b"MZ\x90\x00")
    with pytest.raises(ValidationError, match=re.escape("report.exe: files of type .exe are not allowed")):
        _add(org, file=bad)
    with pytest.raises(ValidationError, match="Upload a file or give a link"):
        _add(org)
    with pytest.raises(ValidationError, match="either a file or a link, not both"):
        _add(org, file=SimpleUploadedFile("plan.md", b"# Plan"), link="https://example.nl/plan")
    with pytest.raises(ValidationError, match="http:// or https://"):
        _add(org, link="javascript:alert(1)")
    with pytest.raises(PermissionDenied):
        documents.add_document(org.project, acting_user=org.outsider, title="X", link="https://example.nl")
    assert Document.objects.count() == 0

    doc = _add(org, file=SimpleUploadedFile("plan.md", b"# Plan"), revision="1.0")
    assert (doc.filename, doc.size, bytes(doc.content), doc.owner) == ("plan.md", 6, b"# Plan", org.pm)
    assert doc.history.first().history_user == org.pm
    # a link replaces the file; an empty link on a file keeps the file
    doc = documents.update_document(
        doc, acting_user=org.pm, expected_version=doc.version, link="https://x.nl/p"
    )
    assert (doc.link, doc.filename, doc.content, doc.size) == ("https://x.nl/p", "", None, 0)
    doc = documents.update_document(doc, acting_user=org.member, file=SimpleUploadedFile("p.txt", b"tekst"))
    assert (doc.link, doc.filename) == ("", "p.txt")
    doc = documents.update_document(doc, acting_user=org.member, link="", status=DocumentStatus.APPROVED)
    assert (doc.filename, doc.status) == ("p.txt", "approved")


def test_the_form_refuses_bad_files_and_saves_nothing(org, client_for, settings):
    client = client_for(org.pm)
    url = reverse("projects:document_add", args=[org.project.pk])
    base = {"title": "Plan", "revision": "1.0", "status": "draft"}
    response = client.post(url, {**base, "file": SimpleUploadedFile("report.exe", b"MZ")})
    assert response.status_code == 200
    assert "report.exe: files of type .exe are not allowed; allowed: .pdf" in response.content.decode()
    response = client.post(url, {**base, "file": SimpleUploadedFile("plan.docx", b"<html>nope</html>")})
    assert "plan.docx: the content is not a .docx file" in response.content.decode()
    settings.PMO_UPLOAD_MAX_BYTES = 10 * 1024
    response = client.post(url, {**base, "file": SimpleUploadedFile("plan.pdf", b"%PDF-" + b"0" * 12_000)})
    assert "plan.pdf is 11.7 KB; the limit is 10 KB." in response.content.decode()
    response = client.post(url, base)
    assert "Upload a file or give a link to the document." in response.content.decode()
    assert Document.objects.count() == 0

    response = client.post(url, {**base, "file": SimpleUploadedFile("plan.docx", _docx())})
    assert response.status_code == 302
    assert Document.objects.get().filename == "plan.docx"


def test_the_download_is_an_attachment_for_those_who_see_the_project_only(org, client_for):
    doc = _add(org, file=documents.check_upload("Plan <v1>.pdf", b"%PDF-1.4 body"))
    url = reverse("projects:document_download", args=[org.project.pk, doc.pk])
    response = client_for(org.member).get(url)
    assert response.status_code == 200
    assert response.content == b"%PDF-1.4 body"
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="Plan v1.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert client_for(org.outsider).get(url).status_code == 404
    # the same document guessed under another project's URL is not found either
    other = reverse("projects:document_download", args=[org.other_project.pk, doc.pk])
    assert client_for(org.portfolio_manager).get(other).status_code == 404
    assert client_for(None).get(url).status_code == 302


def test_the_tab_filters_and_sorts(org, client_for):
    _add(org, title="Bplan", kind="Projectplan", link="https://x.nl/b")
    _add(org, title="Arisico", kind="Risicolog", status=DocumentStatus.APPROVED, link="https://x.nl/a")
    _add(org, title="Cnotulen", kind="Notulen", file=documents.check_upload("n.txt", b"notulen"))
    client = client_for(org.member)
    url = reverse("projects:project_documents", args=[org.project.pk])
    page = client.get(url).content.decode()
    assert page.index("Arisico") < page.index("Bplan") < page.index("Cnotulen")
    page = client.get(url, {"sort": "-title"}).content.decode()
    assert page.index("Cnotulen") < page.index("Bplan") < page.index("Arisico")
    response = client.get(url, {"status": "approved"})
    assert [d.title for d in response.context["documents"]] == ["Arisico"]
    response = client.get(url, {"kind": "Notulen"})
    assert [d.title for d in response.context["documents"]] == ["Cnotulen"]
    assert client_for(org.outsider).get(url).status_code == 404


def test_the_api_lists_visible_documents_without_their_content(org, api_for):
    doc = _add(org, file=documents.check_upload("n.txt", b"geheim"))
    documents.add_document(org.other_project, acting_user=org.admin, title="Ander", link="https://x.nl/o")
    data = api_for(org.member).get(reverse("document-list")).json()
    assert data["count"] == 1
    row = data["results"][0]
    assert (row["id"], row["filename"], row["size"]) == (doc.pk, "n.txt", 6)
    assert "content" not in row and "geheim" not in str(row)
    assert api_for(org.outsider).get(reverse("document-list")).json()["count"] == 0
    everything = api_for(org.portfolio_manager)
    assert everything.get(reverse("document-list")).json()["count"] == 2
    only = everything.get(reverse("document-list"), {"project": org.other_project.pk}).json()
    assert [r["title"] for r in only["results"]] == ["Ander"]


def test_a_new_file_replaces_the_link_the_edit_form_still_shows(org):
    document = documents.add_document(
        org.project, acting_user=org.pm, title="Plan", link="https://intranet.example/plan"
    )
    document = documents.update_document(
        document, acting_user=org.pm, expected_version=document.version, link="https://intranet.example/plan",
        file=SimpleUploadedFile("plan.txt", b"Het plan."),
    )  # fmt: skip
    assert (document.link, document.filename, document.size) == ("", "plan.txt", 9)
