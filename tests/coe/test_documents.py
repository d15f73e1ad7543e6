"""The template library (who manages it, versions, validation, the list's filters), creating a project document from a
template (which points the method's deliverable at it) and deliverables pointing at documents of their own project."""

from __future__ import annotations

import re

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from pmo.coe import services, services_templates
from pmo.coe.models import Deliverable, DeliverableType, DocumentTemplate, TemplateVersion
from pmo.projects import documents
from pmo.projects.models import Document

pytestmark = pytest.mark.django_db


def _md(name: str = "bc.md", text: str = "# Business case\n") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode())


@pytest.fixture
def business_case(org, method):
    return services_templates.create_template(
        acting_user=org.coe,
        name="Business case",
        description="Sjabloon",
        deliverable_types=[DeliverableType.objects.get(name="Business case")],
        file=_md(),
    )


def _counts() -> tuple[int, int, int]:
    return DocumentTemplate.objects.count(), TemplateVersion.objects.count(), Document.objects.count()


def test_the_coe_manages_templates_in_numbered_versions(org, business_case):
    assert business_case.latest.number == 1
    assert business_case.latest.uploaded_by == org.coe and business_case.latest.filename == "bc.md"
    with pytest.raises(PermissionDenied):
        services_templates.add_template_version(business_case, acting_user=org.pm, file=_md())
    with pytest.raises(PermissionDenied):
        services_templates.create_template(acting_user=org.portfolio_manager, name="X", file=_md())
    second = services_templates.add_template_version(
        business_case, acting_user=org.admin, file=_md("bc2.md", "# v2\n"), notes="Baten toegevoegd"
    )
    assert (second.number, second.notes, business_case.latest.pk) == (2, "Baten toegevoegd", second.pk)
    assert second.history.first().history_user == org.admin


def test_bad_template_files_and_duplicate_names_are_refused_and_nothing_is_saved(
    org, business_case, client_for
):
    before = _counts()
    with pytest.raises(ValidationError, match=re.escape("virus.exe: files of type .exe are not allowed")):
        services_templates.create_template(
            acting_user=org.coe, name="Nieuw", file=SimpleUploadedFile("virus.exe", b"MZ")
        )
    with pytest.raises(ValidationError, match="A template named business case exists"):
        services_templates.create_template(acting_user=org.coe, name="business case", file=_md())
    with pytest.raises(ValidationError, match=re.escape("plan.xlsx: the content is not a .xlsx file")):
        services_templates.add_template_version(
            business_case, acting_user=org.coe, file=SimpleUploadedFile("plan.xlsx", b"a,b\n")
        )
    client = client_for(org.coe)
    response = client.post(
        reverse("coe:template_create"),
        {"name": "Nieuw", "file": SimpleUploadedFile("page.html", b"<html></html>")},
    )
    assert response.status_code == 200
    assert "page.html: files of type .html are not allowed" in response.content.decode()
    response = client.post(
        reverse("coe:template_version_add", args=[business_case.pk]),
        {"file": SimpleUploadedFile("logo.svg", b"<svg/>")},
        follow=True,
    )
    assert "logo.svg: files of type .svg are not allowed" in response.content.decode()
    assert _counts() == before

    response = client.post(
        reverse("coe:template_create"),
        {"name": "Risicolog", "file": _md("risico.csv", "risico;kans\n")},
    )
    assert response.status_code == 302
    assert DocumentTemplate.objects.get(name="Risicolog").latest.content_type.startswith("text/csv")


def test_the_library_filters_by_method_and_deliverable_and_everyone_downloads(org, business_case, client_for):
    services_templates.create_template(acting_user=org.coe, name="Notulen", file=_md("n.md"))
    client = client_for(org.member)
    url = reverse("coe:template_list")
    names = lambda response: [t.name for t in response.context["object_list"]]  # noqa: E731
    assert names(client.get(url)) == ["Business case", "Notulen"]
    method_id = DeliverableType.objects.get(name="Business case").phase.method_version.method_id
    assert names(client.get(url, {"method": method_id})) == ["Business case"]
    assert names(client.get(url, {"type": "Business case"})) == ["Business case"]
    assert names(client.get(url, {"q": "notu"})) == ["Notulen"]
    assert names(client.get(url, {"method": "x"})) == ["Business case", "Notulen"]
    response = client_for(org.outsider).get(reverse("coe:template_download", args=[business_case.pk, 1]))
    assert response.content == b"# Business case\n"
    assert response["Content-Disposition"] == 'attachment; filename="bc.md"'
    assert response["X-Content-Type-Options"] == "nosniff"


def test_creating_from_a_template_fills_the_register_and_the_deliverable(org, following, business_case):
    services_templates.add_template_version(business_case, acting_user=org.coe, file=_md("v2.md", "# v2\n"))
    doc = services_templates.create_from_template(org.project, business_case, acting_user=org.pm)
    assert (doc.filename, doc.title, doc.kind, doc.status, doc.revision, doc.owner) == (
        "P-1 Business case.md",
        "Business case",
        "Business case",
        "draft",
        "0.1",
        org.pm,
    )
    assert bytes(doc.content) == b"# v2\n" and doc.project == org.project
    deliverable = Deliverable.objects.get(project=org.project, type__name="Business case")
    assert (deliverable.status, deliverable.document) == ("draft", doc)
    # a team member may add documents but not change deliverables: the register gets the copy only
    other = services_templates.create_from_template(org.project, business_case, acting_user=org.member)
    assert Deliverable.objects.get(pk=deliverable.pk).document == doc and other.pk != doc.pk
    with pytest.raises(PermissionDenied):
        services_templates.create_from_template(org.project, business_case, acting_user=org.outsider)


def test_create_from_template_page(org, following, business_case, client_for):
    client = client_for(org.pm)
    url = reverse("coe:template_use", args=[org.project.pk])
    page = client.get(url)
    assert page.status_code == 200 and "asked for by" in page.content.decode()
    response = client.post(url, {"template": business_case.pk})
    assert response.status_code == 302
    assert response["Location"] == reverse("projects:project_documents", args=[org.project.pk])
    assert Document.objects.get(project=org.project).filename == "P-1 Business case.md"
    # from the Method tab's row it goes back to the Method tab
    response = client.post(url, {"template": business_case.pk, "back": "method"})
    assert response["Location"] == reverse("coe:project_method", args=[org.project.pk])
    assert client_for(org.outsider).post(url, {"template": business_case.pk}).status_code == 404
    assert Document.objects.count() == 2


def test_a_deliverable_points_at_a_document_of_its_own_project_only(org, following, client_for):
    kind = DeliverableType.objects.get(name="Business case")
    own = documents.add_document(
        org.project, acting_user=org.pm, title="BC", file=documents.check_upload("bc.pdf", b"%PDF-1.4")
    )
    foreign = documents.add_document(
        org.other_project, acting_user=org.admin, title="Geheim", link="https://x.nl"
    )
    with pytest.raises(ValidationError) as refused:
        services.update_deliverable(
            org.project, kind, acting_user=org.pm, status="approved", document=foreign
        )
    assert refused.value.messages == [
        "The chosen document belongs to another project: pick a document of P-1."
    ]
    assert not Deliverable.objects.exists()

    client = client_for(org.pm)
    url = reverse("coe:deliverable_set", args=[org.project.pk, kind.pk])
    page = client.post(url, {"status": "approved", "link": "", "document": foreign.pk}, follow=True)
    assert "belongs to another project" in page.content.decode()
    assert not Deliverable.objects.exists()
    client.post(url, {"status": "approved", "link": "", "document": own.pk})
    deliverable = Deliverable.objects.get()
    assert (deliverable.status, deliverable.document) == ("approved", own)
    # a form without the field (an older page, the API) keeps the document
    services.update_deliverable(org.project, kind, acting_user=org.pm, status="approved")
    assert Deliverable.objects.get().document == own
    tab = client.get(reverse("coe:project_method", args=[org.project.pk])).content.decode()
    assert own.get_download_url() in tab and "Geheim" not in tab
    # clearing the choice unlinks it
    client.post(url, {"status": "draft", "link": "", "document": ""})
    assert Deliverable.objects.get().document is None


def test_an_approved_deliverable_is_not_downgraded_by_a_new_draft(org, following, business_case):
    kind = DeliverableType.objects.get(name="Business case")
    services.update_deliverable(
        org.project, kind, acting_user=org.pm, status="approved", link="https://x.nl/bc"
    )
    doc = services_templates.create_from_template(org.project, business_case, acting_user=org.pm)
    deliverable = Deliverable.objects.get(project=org.project, type=kind)
    assert (deliverable.status, deliverable.link, deliverable.document) == (
        "approved",
        "https://x.nl/bc",
        None,
    )
    assert doc.kind == "Business case"  # the template's name: no open deliverable to serve


def test_the_coe_edits_a_template_and_a_stale_form_is_refused(org, business_case, client_for):
    url = reverse("coe:template_edit", args=[business_case.pk])
    risk = DeliverableType.objects.get(name="Risicolog")
    data = {"name": "Business case (volledig)", "description": "Nieuw", "deliverable_types": [risk.pk]}
    assert client_for(org.pm).post(url, {**data, "version": business_case.version}).status_code == 403
    response = client_for(org.coe).post(url, {**data, "version": business_case.version})
    assert response.status_code == 302
    business_case.refresh_from_db()
    assert business_case.name == "Business case (volledig)"
    assert list(business_case.deliverable_types.all()) == [risk]
    stale = client_for(org.coe).post(url, {**data, "name": "Anders", "version": business_case.version - 1})
    assert "in the meantime" in stale.content.decode()
    assert DocumentTemplate.objects.get().name == "Business case (volledig)"


def test_the_library_and_the_register_take_a_fixed_number_of_queries(
    org, following, business_case, client_for, django_assert_max_num_queries
):
    client = client_for(org.pm)
    library = reverse("coe:template_list")
    register = reverse("projects:project_documents", args=[org.project.pk])
    services_templates.create_from_template(org.project, business_case, acting_user=org.pm)
    with CaptureQueriesContext(connection) as one_library:
        client.get(library)
    with CaptureQueriesContext(connection) as one_register:
        client.get(register)
    for n in range(5):
        template = services_templates.create_template(
            acting_user=org.coe,
            name=f"Sjabloon {n}",
            file=_md(f"s{n}.md"),
            deliverable_types=DeliverableType.objects.all(),
        )
        services_templates.add_template_version(template, acting_user=org.coe, file=_md(f"s{n}b.md"))
        services_templates.create_from_template(org.project, template, acting_user=org.pm)
    with django_assert_max_num_queries(len(one_library.captured_queries)):
        assert len(client.get(library).context["object_list"]) == 6
    with django_assert_max_num_queries(len(one_register.captured_queries)):
        assert len(client.get(register).context["documents"]) == 6
