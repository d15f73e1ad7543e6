"""Reading the values of MSPDI elements: each child's text by name, numbers, dates and durations.

An unreadable value is left empty (the default) and reported as a warning, rather than failing the import.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from xml.etree.ElementTree import Element

from .mspdi_model import DEFAULT_FORMAT, DURATION_FORMATS, parse_duration
from .mspdi_notes import Notes

_REPEATED = frozenset(
    {
        "PredecessorLink",
        "Baseline",
        "ExtendedAttribute",
        "OutlineCode",
        "TimephasedData",
        "AvailabilityPeriods",
        "Rates",
    }
)
_VERBATIM = frozenset({"Name", "WBS", "Notes"})  # text kept as written; other values are stripped

Fields = dict[str, str]
Repeated = dict[str, list[Element]]


def element_fields(elem: Element, plen: int) -> tuple[Fields, Repeated]:
    """Text of each single child, by local name, and the repeated children (links, baselines, custom fields …)."""
    fields: Fields = {}
    repeated: Repeated = {}
    for child in elem:
        tag = child.tag[plen:]
        if tag in _REPEATED:
            repeated.setdefault(tag, []).append(child)
        elif tag in _VERBATIM:
            fields[tag] = child.text or ""
        else:
            fields[tag] = (child.text or "").strip()
    return fields, repeated


def nonzero(fields: Fields, names: tuple[str, ...]) -> bool:
    """Whether any of the named fields holds a number other than 0 (costs, rates …)."""
    for name in names:
        try:
            if float(fields.get(name) or 0):
                return True
        except ValueError:
            continue
    return False


class FieldReader:
    """Value parsing shared by the builder: `ns` is the namespace prefix of the tags, `notes` the report."""

    def __init__(self, ns: str, notes: Notes) -> None:
        self.ns, self.plen, self.notes, self.note = ns, len(ns), notes, notes.add
        self.omitted: Counter[str] = Counter()
        self.calendar_uids: set[int] = set()

    def _int(self, fields: Fields, tag: str, default: int | None, label: str) -> int | None:
        text = fields.get(tag, "")
        if not text:
            return default
        try:
            return int(text)
        except ValueError:
            try:
                return int(float(text))
            except (ValueError, OverflowError):
                self.note("bad-value", f"{label}: {tag} {text!r}")
                return default

    def _float(self, fields: Fields, tag: str, default: float, label: str) -> float:
        text = fields.get(tag, "")
        if not text:
            return default
        try:
            value = float(text)
        except ValueError:
            value = float("nan")
        if value != value or abs(value) == float("inf"):
            self.note("bad-value", f"{label}: {tag} {text!r}")
            return default
        return value

    def _date(self, fields: Fields, tag: str, label: str) -> dt.datetime | None:
        text = fields.get(tag, "")
        if not text or text.upper() == "NA":
            return None
        try:
            return dt.datetime.fromisoformat(text).replace(tzinfo=None)
        except ValueError:
            self.note("bad-value", f"{label}: {tag} {text!r}")
            return None

    def _duration(self, fields: Fields, tag: str, label: str) -> float | None:
        text = fields.get(tag, "")
        if not text:
            return None
        try:
            return parse_duration(text)
        except ValueError:
            self.note("bad-value", f"{label}: {tag} {text!r}")
            return None

    def _format(self, fields: Fields, tag: str, label: str) -> int:
        code = self._int(fields, tag, DEFAULT_FORMAT, label)
        if code is None or code not in DURATION_FORMATS:
            self.note("bad-format", f"{label}: {tag} {code}")
            return DEFAULT_FORMAT
        return code

    def _calendar_ref(self, fields: Fields, label: str) -> int | None:
        uid = self._int(fields, "CalendarUID", None, label)
        if uid is None or uid < 0:
            return None
        if uid not in self.calendar_uids:
            self.note("bad-calendar-ref", f"{label}: calendar {uid}")
            return None
        return uid

    def _extras(self, kind: str, repeated: Repeated, label: str) -> None:
        if repeated.get("ExtendedAttribute") or repeated.get("OutlineCode"):
            self.note(f"custom-{kind}", label)
        if repeated.get("TimephasedData"):
            self.note(f"timephased-{kind}", label)

    def _omit(self, key: str, note: str, item: str = "") -> None:
        self.omitted[key] += 1
        self.note(note, item)

    def _children(self, container: Element | None, tag: str, key: str) -> list[tuple[int, Element]]:
        found = []
        for position, elem in enumerate(container if container is not None else ()):
            if elem.tag == self.ns + tag:
                found.append((position, elem))
            else:
                self._omit(key, "unknown-element", f"<{elem.tag[self.plen :]}> in <{key.capitalize()}>")
        return found
