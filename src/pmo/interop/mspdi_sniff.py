"""Recognising what an upload is when it is not MS Project XML, to refuse it with a message that helps.

Recognised: Primavera P6 XER and P6 XML (PMXML), MPX, GanttProject `.gan`, GNOME Planner, binary `.mpp` (and other
OLE documents), ZIP archives (Excel workbooks, …), PDF, HTML, MSBuild project files, plain text; and XML with a
DTD or entities, which MSPDI never contains (an external entity is an XXE attack, nested entities a
"billion laughs" bomb).
"""

from __future__ import annotations

import re
from xml.etree.ElementTree import Element

from .mspdi_model import NAMESPACE

EXPECTED = f'an MS Project XML (MSPDI) file, whose root is <Project xmlns="{NAMESPACE}">'
SAVE_AS = "in MS Project use File → Save As → XML Format (*.xml)"

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_EXTERNAL_ENTITY = re.compile(r"<!ENTITY\s+(?:%\s*)?[^\s>]+\s+(?:SYSTEM|PUBLIC)\b", re.IGNORECASE)
_ENTITY = re.compile(r"<!ENTITY\b", re.IGNORECASE)


def _head_text(data: bytes | str, size: int = 4096) -> str:
    if isinstance(data, str):
        return data[:size]
    head = data[:size]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return head.decode("utf-16", "replace")
    return head.decode("utf-8", "replace")


def describe_other_format(data: bytes | str) -> str | None:
    """A message naming what `data` is when it is clearly not XML; None when it may be XML."""
    if isinstance(data, bytes):
        if data.startswith(_OLE):
            return (
                "this looks like a binary Microsoft Project file (.mpp) or another Office document, not MS Project "
                f"XML; {SAVE_AS} and import that file"
            )
        if data.startswith(b"PK\x03\x04"):
            return f"this is a ZIP archive (for example an Excel workbook), not {EXPECTED}"
        if data.startswith(b"%PDF"):
            return f"this is a PDF document, not {EXPECTED}"
    text = _head_text(data).lstrip("\ufeff \t\r\n")
    if not text:
        return "the file is empty"
    if text.startswith("ERMHDR"):
        return (
            "this looks like a Primavera P6 XER file, not MS Project XML; export it from Primavera as MS Project XML "
            "(MSPDI) and import that file"
        )
    if re.match(r"MPX[,;\t]", text):
        return (
            "this looks like an MPX file (the text exchange format of MS Project 98 and earlier), not MS Project XML; "
            f"open it in MS Project and save it as XML ({SAVE_AS})"
        )
    if not text.startswith("<"):
        if "\x00" in text or text.count("\ufffd") > len(text) // 10:
            return f"this is binary data, not {EXPECTED}"
        first = text.splitlines()[0][:40]
        hint = ""
        if isinstance(data, str) and "\n" not in data.strip() and len(data) < 1024:
            hint = " (a str is read as the XML text itself; pass a pathlib.Path to read a file)"
        return f"this is plain text, not XML: it starts with {first!r}; expected {EXPECTED}{hint}"
    return None


def describe_other_xml(root: Element) -> str:
    """A message naming what an XML document whose root is not MSPDI's `<Project>` looks like."""
    tag = root.tag
    namespace, local = tag[1:].split("}", 1) if tag.startswith("{") else ("", tag)
    if local == "APIBusinessObjects":
        return (
            "this looks like a Primavera P6 XML (PMXML) file, not MS Project XML; export it from Primavera as MS "
            "Project XML (MSPDI) and import that file"
        )
    if local == "project":
        if "mrproject-version" in root.attrib:
            return (
                "this looks like a GNOME Planner file, not MS Project XML; convert it to MS Project XML first (for "
                "example with a tool built on MPXJ, or by opening it in a program that can save MSPDI)"
            )
        if {"webLink", "view-date", "gantt-divider-location"} & set(root.attrib) or root.find(
            "view"
        ) is not None:
            return (
                "this looks like a GanttProject (.gan) file, not MS Project XML; in GanttProject use Project → Export → "
                "Microsoft Project (XML) and import that file"
            )
        return f"this XML has a lower-case <project> root (GanttProject or GNOME Planner?), not {EXPECTED}"
    if local == "Project" and "msbuild" in namespace.lower():
        return f"this is a Visual Studio / MSBuild project file, not {EXPECTED}"
    if local == "Project":
        where = f"namespace {namespace!r}" if namespace else "no namespace"
        return f"this XML has a <Project> root in {where}; expected {EXPECTED}"
    if local.lower() == "html":
        return f"this is an HTML page, not {EXPECTED}"
    if local == "Workbook" or "spreadsheetml" in namespace:
        return f"this is an Excel XML workbook, not {EXPECTED}"
    where = f" (namespace {namespace!r})" if namespace else ""
    return f"this XML file is not MS Project XML: its root element is <{local}>{where}; expected {EXPECTED}"


def entity_attack_message(data: bytes | str, exc: Exception) -> str:
    """The refusal message for XML with a DTD or entity declarations (defusedxml stopped the parse at `exc`)."""
    text = _head_text(data, 65536)
    if (
        _EXTERNAL_ENTITY.search(text)
        or getattr(exc, "system_id", None)
        or type(exc).__name__ == "ExternalReferenceForbidden"
    ):
        what = "an external entity (an XXE attack could read local files or reach other servers)"
    elif _ENTITY.search(text) or type(exc).__name__ == "EntitiesForbidden":
        what = "entity declarations (nested entities are a 'billion laughs' entity-expansion bomb)"
    elif getattr(exc, "sysid", None):
        what = "a reference to an external DTD"
    else:
        what = "a document type declaration (DTD)"
    return f"refused: the file contains {what}; MS Project XML never does, so it was not read (possible XML attack)"
