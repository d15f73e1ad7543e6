"""A pack's content as PowerPoint (python-pptx), PDF (WeasyPrint, from the same HTML as the preview page) or Excel."""

from __future__ import annotations

import base64
import io
from collections.abc import Callable

from django.template.loader import render_to_string
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from pmo.core.templatetags.pmo_tags import money
from pmo.interop.tables import write_xlsx

from . import charts
from .content import PackContent, ProjectPage

Progress = Callable[[int], None]
RAG_RGB = {"green": (0x2E, 0x8B, 0x57), "amber": (0xD6, 0x9A, 0x14), "red": (0xC0, 0x39, 0x2B)}


def rag_word(rag: str | None) -> str:
    return {"green": _("Green"), "amber": _("Amber"), "red": _("Red")}.get(rag or "", _("No report"))


def _figures(page: ProjectPage) -> list[tuple[str, str]]:
    facts = page.evm.as_facts()

    def ratio(key: str) -> str:
        return f"{facts[key]:.2f}" if facts.get(key) is not None else "—"

    return [
        (_("Budget"), money(page.project.budget)),
        (_("Actual cost"), money(facts.get("ac"))),
        ("CPI", ratio("cpi")),
        ("SPI", ratio("spi")),
        (_("Estimate at completion"), money(facts.get("eac"))),
    ]


# --- PowerPoint ---------------------------------------------------------------------------------------------


def render_pptx(content: PackContent, progress: Progress) -> bytes:
    from pptx import Presentation
    from pptx.dml.color import RGBColor
    from pptx.util import Cm, Pt

    deck = Presentation()
    deck.slide_width, deck.slide_height = Cm(33.867), Cm(19.05)  # 16:9
    blank = deck.slide_layouts[6]

    def text(slide, left, top, width, height, value, size=14, bold=False, colour=None):
        box = slide.shapes.add_textbox(Cm(left), Cm(top), Cm(width), Cm(height))
        frame = box.text_frame
        frame.word_wrap = True
        lines = value if isinstance(value, list) else [value]
        for i, line in enumerate(lines):
            paragraph = frame.paragraphs[0] if i == 0 else frame.add_paragraph()
            paragraph.text = str(line)
            paragraph.font.size, paragraph.font.bold = Pt(size), bold
            if colour:
                paragraph.font.color.rgb = RGBColor(*colour)
        return box

    def picture(slide, png: bytes | None, left, top, width):
        if png:
            slide.shapes.add_picture(io.BytesIO(png), Cm(left), Cm(top), width=Cm(width))

    # summary
    slide = deck.slides.add_slide(blank)
    text(slide, 1.5, 1, 30, 2, content.title, 28, True)
    text(slide, 1.5, 2.8, 30, 1, date_format(content.date, "DATE_FORMAT"), 14)
    if content.portfolio:
        t, r = content.totals, content.risks
        text(
            slide,
            1.5,
            4.5,
            14,
            8,
            [
                _("%(n)s running projects") % {"n": t["projects"]},
                f"{rag_word('green')}: {t['green']}   {rag_word('amber')}: {t['amber']}   {rag_word('red')}: {t['red']}",
                f"{_('Budget')}: {money(t['budget'])}",
                f"{_('Actual cost')}: {money(t['actual'])}",
                f"{_('Open risks')}: {r.get('count') or 0} · {_('Risk exposure')}: {money(r.get('expected'))}",
                f"{_('Overdue actions')}: {len(content.overdue)}",
            ],
            16,
        )
        picture(slide, charts.rag_bars(t), 17, 4.5, 15)
        if content.top_risks:
            text(slide, 1.5, 13, 30, 1, _("Top risks"), 16, True)
            text(
                slide,
                1.5,
                14,
                30,
                5,
                [f"{r.project.code} · {r.title} ({r.score})" for r in content.top_risks[:5]],
                12,
            )
    # a slide per project
    total = len(content.pages) or 1
    for i, page in enumerate(content.pages, start=1):
        slide = deck.slides.add_slide(blank)
        project, report = page.project, page.report
        text(slide, 1.5, 0.8, 24, 1.6, f"{project.code} {project.name}", 22, True)
        rag = report.overall if report else None
        text(slide, 26, 0.8, 6.5, 1.6, rag_word(rag), 20, True, RAG_RGB.get(rag or ""))
        meta = [f"{_('Project manager')}: {project.manager or '—'}"]
        if report:
            meta.append(f"{_('Status report')}: {date_format(report.period, 'YEAR_MONTH_FORMAT')}")
        text(slide, 1.5, 2.4, 30, 1.2, " · ".join(meta), 12)
        lines = [f"{aspect['label']}: {aspect['word']}" + (f" — {aspect['note']}" if aspect["note"] else "")
                 for aspect in report.aspects()] if report else [_("No status report yet.")]  # fmt: skip
        text(slide, 1.5, 3.8, 15, 7, lines, 12)
        text(slide, 1.5, 11, 15, 1, _("Key figures"), 14, True)
        text(slide, 1.5, 12, 15, 4, [f"{k}: {v}" for k, v in _figures(page)], 12)
        picture(slide, charts.s_curves(page.evm), 17, 3.8, 15)
        if page.risks:
            text(slide, 17, 12, 15, 1, _("Top risks"), 14, True)
            text(slide, 17, 13, 15, 5, [f"{r.reference} {r.title} ({r.score})" for r in page.risks], 11)
        progress(int(90 * i / total))
    out = io.BytesIO()
    deck.save(out)
    return out.getvalue()


# --- HTML and PDF -------------------------------------------------------------------------------------------


def _data_uri(png: bytes | None) -> str:
    return "data:image/png;base64," + base64.b64encode(png).decode() if png else ""


def render_html(content: PackContent, progress: Progress | None = None) -> str:
    """The pack as one HTML document with its charts inline: shown as the preview page and printed to PDF."""
    total = len(content.pages) or 1
    for i, page in enumerate(content.pages, start=1):
        page.chart = _data_uri(charts.s_curves(page.evm))
        page.figures = _figures(page)
        page.rag_word = rag_word(page.report.overall if page.report else None)
        if progress:
            progress(int(70 * i / total))
    return render_to_string(
        "reports/pack.html",
        {
            "content": content,
            "summary_chart": _data_uri(charts.rag_bars(content.totals)) if content.portfolio else "",
        },
    )


def render_pdf(content: PackContent, progress: Progress) -> bytes:
    from weasyprint import HTML

    html = render_html(content, progress)
    return HTML(string=html).write_pdf()


# --- Excel --------------------------------------------------------------------------------------------------


def render_xlsx(content: PackContent, progress: Progress) -> bytes:
    projects = []
    for page in content.pages:
        p, facts = page.project, page.evm.as_facts()
        projects.append([
            p.code, p.name, p.programme.code if p.programme_id else "", str(p.manager or ""),
            page.report.overall if page.report else "", page.report.period if page.report else None,
            p.budget, facts.get("ac"), facts.get("cpi"), facts.get("spi"), facts.get("eac"),
        ])  # fmt: skip
    progress(50)
    risks = [
        [
            r.reference,
            page.project.code,
            r.title,
            r.probability,
            r.impact,
            r.score,
            r.cost_impact,
            str(r.owner or ""),
        ]
        for page in content.pages
        for r in page.risks
    ]
    return write_xlsx(
        [
            (
                _("Projects"),
                [
                    "code",
                    "name",
                    "programme",
                    "manager",
                    "status",
                    "report month",
                    "budget",
                    "actual",
                    "cpi",
                    "spi",
                    "eac",
                ],
                projects,
            ),
            (
                _("Risks"),
                ["reference", "project", "title", "probability", "impact", "score", "cost impact", "owner"],
                risks,
            ),
        ]
    )


RENDERERS = {"pptx": render_pptx, "pdf": render_pdf, "xlsx": render_xlsx}
