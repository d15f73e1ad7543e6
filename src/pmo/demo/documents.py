"""Demo template library and document registers: real template files made at load time (Excel registers with
openpyxl, a gate presentation with python-pptx, Markdown and text for the written documents), tied to the
deliverables of the demo methods; the running projects get documents made from them — approved deliverables point
at them — and a few links to the intranet."""

from __future__ import annotations

import io

from django.contrib.auth import get_user_model

from pmo.coe import services, services_templates
from pmo.coe.models import Deliverable, DeliverableStatus, DeliverableType, DocumentTemplate, ProjectMethod
from pmo.projects import documents
from pmo.projects.models import DocumentStatus

XLSX = "xlsx"
PPTX = "pptx"


def risk_log() -> bytes:
    """The risk log template: one sheet with the columns the PMO asks for and an example row."""
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill

    book = Workbook()
    sheet = book.active
    sheet.title = "Risicolog"
    header = [
        "Nr",
        "Risico",
        "Oorzaak",
        "Gevolg",
        "Kans (1-5)",
        "Impact (1-5)",
        "Score",
        "Maatregel",
        "Eigenaar",
    ]
    sheet.append(header)
    sheet.append(
        [
            "R1",
            "Leverancier levert te laat",
            "Krappe markt",
            "Uitloop planning",
            3,
            4,
            None,
            "Boeteclausule",
            "PL",
        ]
    )
    sheet["G2"] = "=E2*F2"
    for cell in sheet[1]:
        cell.font = Font(bold=True, color="FFFFFF")
        cell.fill = PatternFill("solid", fgColor="1F4E79")
    for column, width in zip("ABCDEFGHI", (6, 36, 24, 24, 10, 12, 8, 30, 14), strict=True):
        sheet.column_dimensions[column].width = width
    sheet.freeze_panes = "A2"
    return _save_workbook(book)


def stakeholder_analysis() -> bytes:
    """The stakeholder analysis: influence and interest per stakeholder, and how the project engages them."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = "Stakeholders"
    sheet.append(["Stakeholder", "Belang", "Invloed (H/M/L)", "Interesse (H/M/L)", "Strategie", "Eigenaar"])
    sheet.append(["Wethouder", "Politiek draagvlak", "H", "H", "Nauw betrekken", "Opdrachtgever"])
    sheet.append(["Inwoners", "Goede dienstverlening", "L", "H", "Informeren", "Communicatie"])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    legend = book.create_sheet("Toelichting")
    legend.append(["Hoge invloed en hoge interesse: nauw betrekken; lage invloed: informeren."])
    return _save_workbook(book)


def _save_workbook(book) -> bytes:
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def gate_presentation() -> bytes:
    """The steering committee's gate presentation: a title slide and the four questions of every gate."""
    from pptx import Presentation

    deck = Presentation()
    title = deck.slides.add_slide(deck.slide_layouts[0])
    title.shapes.title.text = "Beslismoment stuurgroep"
    title.placeholders[1].text = "[Projectnaam] · [fase] · [datum]"
    for heading, bullets in (
        (
            "Waar staan we?",
            ["Resultaten van deze fase", "Planning en budget ten opzichte van de basisplanning"],
        ),
        ("Risico's en issues", ["Top 5 risico's met maatregelen", "Openstaande issues voor de stuurgroep"]),
        ("Volgende fase", ["Plan en producten", "Benodigde mensen en budget"]),
        ("Besluit", ["Go / go met voorwaarden / no-go", "Voorwaarden en acties"]),
    ):
        slide = deck.slides.add_slide(deck.slide_layouts[1])
        slide.shapes.title.text = heading
        body = slide.placeholders[1].text_frame
        body.text = bullets[0]
        for line in bullets[1:]:
            body.add_paragraph().text = line
    buffer = io.BytesIO()
    deck.save(buffer)
    return buffer.getvalue()


def _text(title: str, sections: tuple[str, ...]) -> bytes:
    lines = [f"# {title}", "", "Project: [code en naam] · Versie: [0.1] · Eigenaar: [naam]", ""]
    for section in sections:
        lines += [f"## {section}", "", "[Invullen]", ""]
    return "\n".join(lines).encode()


PID_V1 = _text(
    "Projectinitiatiedocument (PID)",
    ("Achtergrond", "Doelen en resultaten", "Scope en afbakening", "Organisatie", "Planning", "Budget"),
)
PID_V2 = _text(
    "Projectinitiatiedocument (PID)",
    (
        "Achtergrond",
        "Doelen en resultaten",
        "Scope en afbakening",
        "Organisatie en rollen (RACI)",
        "Planning en mijlpalen",
        "Budget",
        "Baten en batenverantwoordelijke",
        "Risico's",
    ),
)

#: name, description, file name, content (bytes or a maker), deliverable type names
TEMPLATES = (
    ("Projectvoorstel", "Een korte verkenning: probleem, gewenste uitkomst en opdrachtgever.", "projectvoorstel.md",
     _text("Projectvoorstel", ("Aanleiding", "Probleem", "Gewenste uitkomst", "Opdrachtgever")), ("Projectvoorstel",)),
    ("Business case", "Kosten, baten, risico's en opties; de globale versie bij de verkenning, de volledige bij initiatie.",
     "business-case.md", _text("Business case", ("Aanleiding", "Opties", "Kosten", "Baten", "Risico's", "Advies")),
     ("Business case", "Globale business case")),
    ("Projectinitiatiedocument (PID)", "Het projectplan: doelen, scope, organisatie, planning en budget.", "pid.md",
     PID_V1, ("Projectinitiatiedocument (PID)",)),
    ("Risicolog", "Het risicolog in Excel met kans, impact, score en maatregel.", "risicolog.xlsx", risk_log,
     ("Risicolog",)),
    ("Stakeholderanalyse", "Invloed en interesse per stakeholder, als basis voor het communicatieplan.",
     "stakeholderanalyse.xlsx", stakeholder_analysis, ("Communicatieplan",)),
    ("Stuurgroeppresentatie", "De presentatie voor het beslismoment van de stuurgroep.", "stuurgroep.pptx",
     gate_presentation, ("Voortgangsrapportages",)),
    ("Eindrapport", "Resultaten, afwijkingen en de overdracht aan de lijn.", "eindrapport.md",
     _text("Eindrapport", ("Resultaten", "Afwijkingen in tijd en geld", "Overdracht", "Openstaande punten")),
     ("Eindrapport",)),
    ("Lessons learned-rapport", "Wat ging goed, wat kan beter, en voor wie is de les.", "lessons-learned.txt",
     b"Lessons learned\n\nWat ging goed:\n-\n\nWat kan beter:\n-\n\nVoor wie is deze les:\n-\n",
     ("Lessons learned",)),
)  # fmt: skip

#: per running project: intranet links in its register
LINKS = (("Stuurgroepverslagen", "Verslag", "stuurgroep"), ("Projectsite", "Intranetpagina", "site"))


def load_documents(admin) -> int:
    """Create the template library and the running projects' document registers, as far as they are missing;
    returns how many templates, versions and documents were created."""
    created = _load_templates(admin)
    for method in ProjectMethod.objects.select_related("project__manager").order_by("project__code"):
        created += _load_register(method, admin)
    return created


def _load_templates(admin) -> int:
    created = 0
    coe = get_user_model().objects.filter(username="coe").first() or admin
    for name, description, filename, content, type_names in TEMPLATES:
        if DocumentTemplate.objects.filter(name=name).exists():
            continue
        data = content() if callable(content) else content
        services_templates.create_template(
            acting_user=coe,
            name=name,
            description=description,
            deliverable_types=DeliverableType.objects.filter(name__in=type_names),
            file=documents.check_upload(filename, data),
            notes="Eerste versie",
        )
        created += 2  # the template and its first version
        if name == "Projectinitiatiedocument (PID)":
            services_templates.add_template_version(
                DocumentTemplate.objects.get(name=name),
                acting_user=coe,
                file=documents.check_upload(filename, PID_V2),
                notes="RACI, baten en risico's toegevoegd na de audit van 2025.",
            )
            created += 1
    return created


def _load_register(method: ProjectMethod, admin) -> int:
    """Documents for the deliverables the project has approved (from their template, approved, the deliverable
    pointing at them) and a few intranet links."""
    project = method.project
    if project.documents.exists():
        return 0
    user = project.manager or admin
    created = 0
    approved = (
        Deliverable.objects.filter(project=project, status=DeliverableStatus.APPROVED)
        .select_related("type")
        .order_by("type__phase__position", "type__name")
    )
    for deliverable in approved:
        template = DocumentTemplate.objects.filter(deliverable_types=deliverable.type).first()
        if template is None:
            continue
        doc = services_templates.create_from_template(project, template, acting_user=user)
        doc = documents.update_document(
            doc,
            acting_user=user,
            title=deliverable.type.name,
            kind=deliverable.type.name,
            status=DocumentStatus.APPROVED,
            revision="1.0",
        )
        services.update_deliverable(
            project,
            deliverable.type,
            acting_user=user,
            status=DeliverableStatus.APPROVED,
            link="",
            document=doc,
        )
        created += 1
    # the current phase's work in progress: a draft from the stakeholder or risk template
    for name in ("Risicolog", "Stakeholderanalyse"):
        template = DocumentTemplate.objects.filter(name=name).first()
        if template is not None and not project.documents.filter(title=name).exists():
            services_templates.create_from_template(project, template, acting_user=user)
            created += 1
            break
    for title, kind, slug in LINKS:
        documents.add_document(
            project,
            acting_user=user,
            title=title,
            kind=kind,
            revision="—",
            status=DocumentStatus.APPROVED,
            link=f"https://intranet.rivierstad.nl/projecten/{project.code.lower()}/{slug}",
        )
        created += 1
    return created
