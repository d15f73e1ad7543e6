"""Checks for short identifying texts (codes and names): no characters that are invisible or that reorder what is
shown, so a code or name cannot be made to look like another one (spoofing) or hide a control character."""

from __future__ import annotations

import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

#: explicit bidirectional formatting: embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069)
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def _hidden(text: str, *, allow_joiners: bool) -> list[str]:
    found = []
    for char in text:
        category = unicodedata.category(char)
        if (
            category in ("Cc", "Cs", "Co", "Cn")
            or char in BIDI_CONTROLS
            or (category == "Cf" and not (allow_joiners and char in "\u200c\u200d\ufe0f"))
        ):
            name = f"U+{ord(char):04X}"
            if name not in found:
                found.append(name)
    return found


def check_code(value: str | None) -> None:
    """A code (P-12, PRG-A): printable characters only, no invisible or direction-changing ones."""
    hidden = _hidden(value or "", allow_joiners=False)
    if hidden:
        raise ValidationError(
            _(
                "The code contains invisible or control characters (%(chars)s); use letters, digits and dashes."
            )
            % {"chars": ", ".join(hidden)}
        )


def check_name(value: str | None) -> None:
    """A name or title on one line: no control characters and no direction overrides (emoji and accents are fine)."""
    hidden = _hidden(value or "", allow_joiners=True)
    if hidden:
        raise ValidationError(
            _("The text contains invisible or control characters (%(chars)s); remove them.")
            % {"chars": ", ".join(hidden)}
        )


def identifier_errors(
    instance, codes: tuple[str, ...] = (), names: tuple[str, ...] = ()
) -> dict[str, list[str]]:
    """The problems of `instance`'s code and name fields, keyed by field (for a model's clean())."""
    errors: dict[str, list[str]] = {}
    for fields, check in ((codes, check_code), (names, check_name)):
        for field in fields:
            try:
                check(getattr(instance, field, ""))
            except ValidationError as error:
                errors[field] = error.messages
    return errors
