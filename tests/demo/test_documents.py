"""The demo's template library and document registers: real Excel and PowerPoint files that open again, a template
in two versions, documents made from templates with the approved deliverables pointing at them; idempotent."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook
from pptx import Presentation

from pmo.coe import services
from pmo.coe.models import Deliverable, DocumentTemplate, Method
from pmo.demo.documents import load_documents
from pmo.demo.methods import STAGE_GATE, _method
from pmo.projects.models import Document

pytestmark = pytest.mark.django_db


@pytest.fixture
def stage_gate(org):
    """The demo's stage-gate method, with the org's project in its first phase and its proposal approved."""
    method = _method(STAGE_GATE, org.admin)
    services.follow_method(org.project, method.current, size="medium", acting_user=org.admin)
    proposal = method.current.phases.get(position=1).deliverables.get(name="Projectvoorstel")
    services.update_deliverable(
        org.project, proposal, acting_user=org.admin, status="approved", link="https://x.nl"
    )
    return method


def test_the_templates_are_real_files_tied_to_the_methods_deliverables(org, stage_gate):
    created = load_documents(org.admin)
    assert created > 0
    risk = DocumentTemplate.objects.get(name="Risicolog")
    book = load_workbook(io.BytesIO(bytes(risk.latest.content)))
    assert book.sheetnames == ["Risicolog"]
    assert [c.value for c in book["Risicolog"][1]][:3] == ["Nr", "Risico", "Oorzaak"]
    stakeholders = load_workbook(
        io.BytesIO(bytes(DocumentTemplate.objects.get(name="Stakeholderanalyse").latest.content))
    )
    assert stakeholders.sheetnames == ["Stakeholders", "Toelichting"]
    deck = Presentation(
        io.BytesIO(bytes(DocumentTemplate.objects.get(name="Stuurgroeppresentatie").latest.content))
    )
    assert deck.slides[0].shapes.title.text == "Beslismoment stuurgroep" and len(deck.slides) == 5
    pid = DocumentTemplate.objects.get(name="Projectinitiatiedocument (PID)")
    assert list(pid.versions.values_list("number", flat=True)) == [2, 1]
    assert b"RACI" in bytes(pid.latest.content)
    assert set(risk.deliverable_types.values_list("name", flat=True)) == {"Risicolog"}
    assert risk.deliverable_types.get().phase.method_version.method == Method.objects.get()


def test_the_register_holds_template_copies_and_links_and_is_loaded_once(org, stage_gate):
    load_documents(org.admin)
    proposal = Deliverable.objects.get(project=org.project, type__name="Projectvoorstel")
    assert proposal.status == "approved"
    assert proposal.document.filename == "P-1 Projectvoorstel.md"
    assert (proposal.document.status, proposal.document.revision) == ("approved", "1.0")
    docs = Document.objects.filter(project=org.project)
    assert docs.filter(link="").count() == 2  # the proposal and a risk log in progress
    risk = docs.get(title="Risicolog")
    assert load_workbook(io.BytesIO(bytes(risk.content))).sheetnames == ["Risicolog"]
    assert docs.exclude(link="").count() == 2
    before = (DocumentTemplate.objects.count(), Document.objects.count())
    assert load_documents(org.admin) == 0
    assert (DocumentTemplate.objects.count(), Document.objects.count()) == before
