"""Report packs: made by the real worker, opened again — PowerPoint with python-pptx, PDF as PNG pages with
pdftoppm, Excel with openpyxl — in Dutch or English, downloadable only by whoever asked."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.urls import reverse

from pmo.progress import services as progress
from pmo.projects.lifecycle import Lifecycle
from pmo.projects.models import Project
from pmo.raid import services as raid
from pmo.raid.models import Risk
from pmo.reports import services
from pmo.reports.models import PackStatus, ReportPack
from pmo.schedule import services as schedule

LAST_MONTH = (dt.date.today().replace(day=1) - dt.timedelta(days=1)).replace(day=1)


@pytest.fixture
def running(org):
    """Two running projects with a schedule, a baseline, costs, a status report and risks."""
    for project in (org.project, org.other_project):
        Project.objects.filter(pk=project.pk).update(lifecycle=Lifecycle.ACTIVE, budget=Decimal(200_000))
        project.refresh_from_db()
        plan = schedule.create_schedule(
            project, acting_user=org.admin, start=LAST_MONTH - dt.timedelta(days=60)
        )
        a = schedule.create_task(plan, acting_user=org.admin, name="Ontwerp", duration=30)
        b = schedule.create_task(plan, acting_user=org.admin, name="Bouw", duration=40)
        schedule.add_link(a, b, acting_user=org.admin)
        schedule.save_baseline(plan, acting_user=org.admin)
        schedule.update_task(a, acting_user=org.admin, percent_complete=100)
        progress.set_cost(project, acting_user=org.admin, month=LAST_MONTH, actual=Decimal(90_000))
        report = progress.create_report(
            project, acting_user=org.admin, period=LAST_MONTH, cost="amber", cost_note="=SUM(A1:A9) meerwerk"
        )
        progress.submit(report, acting_user=org.admin)
        raid.log_item(
            Risk,
            acting_user=org.admin,
            project=project,
            title="Leverancier failliet",
            probability=4,
            impact=5,
        )
    return org


def _make(org, user, **options):
    pack = services.request_pack(acting_user=user, **options)
    call_command("worker", batch=True)
    pack.refresh_from_db()
    assert pack.status == PackStatus.DONE, pack.error
    return pack


@pytest.mark.django_db(transaction=True)
def test_powerpoint_has_a_summary_and_a_slide_per_project(running):
    from pptx import Presentation

    pack = _make(running, running.portfolio_manager, scope="portfolio", format="pptx", language="en")
    deck = Presentation(io.BytesIO(bytes(pack.content)))
    slides = list(deck.slides)
    assert len(slides) == 3  # summary + P-1 + P-2
    texts = ["\n".join(s.text_frame.text for s in slide.shapes if s.has_text_frame) for slide in slides]
    assert "Portfolio report" in texts[0] and "2 running projects" in texts[0]
    assert "P-1" in texts[1] and "Amber" in texts[1] and "=SUM(A1:A9) meerwerk" in texts[1]
    assert all(any(s.shape_type == 13 for s in slide.shapes) for slide in slides)  # a chart picture on each


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(not shutil.which("pdftoppm"), reason="pdftoppm (poppler-utils) is not installed")
def test_pdf_turns_into_pages_with_the_charts(running, tmp_path):
    pack = _make(running, running.portfolio_manager, scope="portfolio", format="pdf", language="nl")
    pdf = tmp_path / "pack.pdf"
    pdf.write_bytes(bytes(pack.content))
    subprocess.run(["pdftoppm", "-r", "40", "-png", str(pdf), str(tmp_path / "page")], check=True)
    pages = sorted(tmp_path.glob("page-*.png"))
    assert len(pages) == 3
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    assert "Portfoliorapportage" in text and "Oranje" in text  # in Dutch
    from PIL import Image

    for page in pages:  # a chart is a large area of colour: the pages are not just text
        colours = Image.open(page).convert("RGB").getcolors(maxcolors=1_000_000)
        assert len(colours) > 50


@pytest.mark.django_db(transaction=True)
def test_excel_pack_and_who_may_download(running, client_for):
    from openpyxl import load_workbook

    pack = _make(running, running.pm, scope="project", format="xlsx", language="en", project=running.project)
    book = load_workbook(io.BytesIO(bytes(pack.content)))
    assert book.sheetnames == ["Projects", "Risks"]
    assert [c.value for c in book["Projects"][2]][:2] == ["P-1", running.project.name]
    url = reverse("reports:pack_download", args=[pack.pk])
    assert client_for(running.pm).get(url).status_code == 200
    assert client_for(running.portfolio_manager).get(url).status_code == 404  # not theirs: no guessable URL
    assert client_for(running.admin).get(url).status_code == 200


@pytest.mark.django_db
def test_a_project_pack_needs_a_visible_project(org):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match="Choose the project"):
        services.request_pack(acting_user=org.pm, scope="project", format="pdf", language="en")
    with pytest.raises(ValidationError, match="cannot see this project"):
        services.request_pack(
            acting_user=org.member, scope="project", format="pdf", language="en", project=org.other_project
        )
    assert not ReportPack.objects.exists()
