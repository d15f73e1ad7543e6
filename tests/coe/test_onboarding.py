"""The onboarding brief: gathered from the project's own records, as a page and as a PDF."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess

import pytest
from django.urls import reverse

from pmo.coe import onboarding
from pmo.coe.services_lessons import record_lesson
from pmo.projects.documents import add_document
from pmo.projects.models import ProjectRole
from pmo.raid import services as raid_services
from pmo.raid.models import Decision, Issue, Risk


@pytest.fixture
def briefed(org, following):
    """P-1 with a team, documents, risks, an issue, a decision, a lesson elsewhere and a glossary term."""
    from pmo.coe.services_knowledge import create_term

    project = org.project
    project.description = (
        "Een nieuw e-loket waar inwoners hun aanvragen digitaal indienen; aanbesteding loopt."
    )
    project.save()
    add_document(
        project, acting_user=org.pm, title="Projectplan e-loket", kind="Projectplan", status="approved",
        link="https://intranet.example/projectplan",
    )  # fmt: skip
    add_document(project, acting_user=org.pm, title="Conceptontwerp", link="https://intranet.example/ontwerp")
    for title, score in (("Aanbesteding vertraagt", 4), ("Koppeling DigiD faalt", 2)):
        raid_services.log_item(
            Risk, acting_user=org.pm, project=project, title=title, probability=score, impact=4
        )
    raid_services.log_item(Issue, acting_user=org.pm, project=project, title="Testomgeving ontbreekt")
    raid_services.log_item(
        Decision, acting_user=org.pm, project=project, title="We kiezen voor het standaardpakket",
        status="decided", decided_on=dt.date(2026, 10, 1),
    )  # fmt: skip
    record_lesson(
        acting_user=org.coe, project=org.other_project, title="Aanbesteding liep maanden uit",
        what_happened="De aanbesteding voor het loket duurde vijf maanden langer.",
        recommendation="Betrek inkoop al in de initiatiefase.", category="procurement", phase="Initiatie",
    )  # fmt: skip
    create_term(
        acting_user=org.coe, term="Aanbesteding", definition="Het **inkoopproces** voor een opdracht."
    )
    return project


def test_the_brief_gathers_the_projects_records(org, briefed):
    brief = onboarding.gather(briefed, user=org.member)
    roles = [(p.name, p.role) for p in brief.people]
    assert roles[0] == (org.pm.get_full_name() or org.pm.username, ProjectRole.PROJECT_MANAGER)
    assert (org.member.get_full_name() or org.member.username, ProjectRole.TEAM_MEMBER) in roles
    assert [d.title for d in brief.documents] == ["Projectplan e-loket", "Conceptontwerp"]  # approved first
    assert [r.title for r in brief.risks] == ["Aanbesteding vertraagt", "Koppeling DigiD faalt"]  # by score
    assert [i.title for i in brief.issues] == ["Testomgeving ontbreekt"]
    assert [d.title for d in brief.decisions] == ["We kiezen voor het standaardpakket"]
    assert brief.method.phase.name == "Initiatie" and [t.name for t in brief.next_gate_missing] == [
        "Business case"
    ]
    assert [f.lesson.title for f in brief.lessons] == ["Aanbesteding liep maanden uit"]
    assert [t.term for t in brief.glossary] == ["Aanbesteding"]
    # every RACI row gives each role a letter, and exactly one role is accountable
    assert all(letters.count("A") == 1 and all(letters) for _a, letters in brief.raci)


def test_the_brief_page(client, org, briefed):
    client.force_login(org.member)
    page = client.get(reverse("coe:onboarding", args=[briefed.pk])).content.decode()
    for text in ("Projectplan e-loket", "Aanbesteding vertraagt", "Testomgeving ontbreekt",
                 "We kiezen voor het standaardpakket", "Aanbesteding liep maanden uit", "<strong>inkoopproces</strong>",
                 "Business case", 'id="brief-glossary"'):  # fmt: skip
        assert text in page, text
    client.force_login(org.outsider)
    assert client.get(reverse("coe:onboarding", args=[briefed.pk])).status_code == 404


def test_an_empty_project_gets_an_honest_brief(client, org):
    client.force_login(org.pm)
    page = client.get(reverse("coe:onboarding", args=[org.other_project.pk]))
    assert page.status_code == 404  # pm is not on P-2
    client.force_login(org.admin)
    page = client.get(reverse("coe:onboarding", args=[org.other_project.pk])).content.decode()
    assert "The project follows no method yet." in page and "The document register is empty." in page


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="pdftotext (poppler-utils) is not installed")
def test_the_brief_as_pdf(client, org, briefed, tmp_path):
    client.force_login(org.member)
    response = client.get(reverse("coe:onboarding_pdf", args=[briefed.pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith('attachment; filename="p-1-')
    pdf = tmp_path / "brief.pdf"
    pdf.write_bytes(response.content)
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    for expected in (
        "P-1",
        "Projectplan e-loket",
        "Aanbesteding vertraagt",
        "RACI",
        "Aanbesteding liep maanden uit",
    ):
        assert expected in text, expected
