"""Reading MS Project XML (MSPDI) safely: size limit, format sniffing, defusedxml parsing; then `mspdi_build`.

Safety first: the input is size-checked before parsing, recognisable other formats are refused with a message that
says what to do, and the XML is parsed with defusedxml with DTDs and entities forbidden (MSPDI never has them; an
external entity or an entity-expansion bomb is refused and named as such).
"""

from __future__ import annotations

import os
from pathlib import Path
from xml.etree.ElementTree import Element, ParseError

import defusedxml.ElementTree as safe_etree
from defusedxml import DefusedXmlException, DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden

from .mspdi_build import build_schedule
from .mspdi_model import NAMESPACE, MspdiSchedule
from .mspdi_notes import Notes
from .mspdi_sniff import describe_other_format, describe_other_xml, entity_attack_message

DEFAULT_MAX_BYTES = 50 * 1024 * 1024


class MspdiError(ValueError):
    """The input cannot be read as MS Project XML; the message says why (and what to do, where it can)."""


def _size(n: int) -> str:
    return f"{n / 1048576:.1f} MB" if n >= 1048576 else f"{n:,} bytes"


def _load(source: bytes | str | Path, max_bytes: int) -> bytes | str:
    if isinstance(max_bytes, bool) or not isinstance(max_bytes, int) or max_bytes <= 0:
        raise ValueError(f"max_bytes must be a positive integer, not {max_bytes!r}")
    if isinstance(source, bytes | bytearray | memoryview):
        data: bytes | str = bytes(source)
        size = len(data)
    elif isinstance(source, str):
        data = source
        size = len(source) if len(source) * 4 <= max_bytes else len(source.encode("utf-8", "surrogatepass"))
    elif isinstance(source, os.PathLike):
        path = Path(source)
        try:
            size = path.stat().st_size
            if size <= max_bytes:
                with path.open("rb") as file:
                    data = file.read(max_bytes + 1)  # the file may grow between stat and read
                size = len(data)
        except OSError as exc:
            raise MspdiError(f"cannot read {path}: {exc.strerror or exc}") from exc
    else:
        raise TypeError(f"source must be bytes, str (the XML text) or a Path, not {type(source).__name__}")
    if size > max_bytes:
        raise MspdiError(
            f"the file is {_size(size)}, more than the limit of {_size(max_bytes)} for MS Project XML"
        )
    return data


def _parse(data: bytes | str) -> Element:
    try:
        return safe_etree.fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except (DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden) as exc:
        raise MspdiError(entity_attack_message(data, exc)) from None
    except DefusedXmlException as exc:  # pragma: no cover - defusedxml has no other refusals today
        raise MspdiError(f"refused: the XML uses a construct MS Project XML never has ({exc})") from None
    except ParseError as exc:
        line, column = getattr(exc, "position", (0, 0))
        raise MspdiError(
            f"the file is not well-formed XML (line {line}, column {column + 1}): {exc}"
        ) from None


def read_mspdi(source: bytes | str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> MspdiSchedule:
    """Read an MS Project XML (MSPDI) document: bytes, its text as `str`, or a `Path` to the file.

    Raises `MspdiError` (a ValueError) for input above `max_bytes`, non-XML or malformed XML, XML with a DTD or
    entities (refused: possible XXE / entity-expansion attack), and other schedule formats (Primavera XER and P6 XML,
    MPX, GanttProject, Planner, binary .mpp, …), naming what the input looks like and how to export MSPDI from it.
    Everything that is not taken over is listed in the schedule's `report`.
    """
    data = _load(source, max_bytes)
    other = describe_other_format(data)
    if other:
        raise MspdiError(other)
    root = _parse(data)
    notes = Notes()
    if root.tag == f"{{{NAMESPACE}}}Project":
        ns = f"{{{NAMESPACE}}}"
    elif root.tag == "Project" and any(child.tag in {"Tasks", "Calendars", "Resources"} for child in root):
        ns = ""
        notes.add("no-namespace")
    else:
        raise MspdiError(describe_other_xml(root))
    try:
        return build_schedule(root, ns, notes)
    except ValueError as exc:
        raise MspdiError(f"the MS Project XML could not be read: {exc}") from exc
