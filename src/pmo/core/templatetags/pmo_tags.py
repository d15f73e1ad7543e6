"""Template helpers: money in the user's locale, sortable column headers, initials."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from django import template
from django.utils.formats import number_format
from django.utils.html import format_html

register = template.Library()


@register.filter
def money(value: Decimal | int | float | None, decimals: int = 0) -> str:
    """€ 1.234.567 in Dutch, € 1,234,567 in English; '—' when there is no amount."""
    if value in (None, ""):
        return "—"
    rounded = Decimal(str(value)).quantize(Decimal(1).scaleb(-int(decimals)), rounding=ROUND_HALF_UP)
    return "€\u00a0" + number_format(rounded, decimal_pos=int(decimals), use_l10n=True, force_grouping=True)


@register.simple_tag(takes_context=True)
def sort_header(context, key: str, label: str, css: str = "") -> str:
    """A column header that sorts by `key`, and reverses when it already does."""
    current = context.get("sort", "")
    base = context.get("sort_querystring", "")
    if current == key:
        target, arrow, aria = f"-{key}", "▲", "ascending"
    elif current == f"-{key}":
        target, arrow, aria = key, "▼", "descending"
    else:
        target, arrow, aria = key, "", "none"
    query = f"{base}&sort={target}" if base else f"sort={target}"
    return format_html(
        '<th class="{}" aria-sort="{}"><a href="?{}">{} <span class="dir" aria-hidden="true">{}</span></a></th>',
        css,
        aria,
        query,
        label,
        arrow,
    )


@register.filter
def initials(user) -> str:
    name = (user.get_full_name() or user.username).split()
    return "".join(part[0] for part in name[:2]).upper()


@register.filter
def isodate(value: str | None):
    """'2026-08-13' (as stored in JSON results) → a date, so templates can format it in the user's locale."""
    import datetime as dt

    try:
        return dt.date.fromisoformat(value) if value else None
    except (TypeError, ValueError):
        return None


@register.filter
def get(mapping, key):
    """mapping[key] in a template (None when absent)."""
    return mapping.get(key) if hasattr(mapping, "get") else None


@register.filter
def percent(value, digits: int = 1) -> str:
    """A share (0.1834) as a percentage in the user's locale ('18.3 %' / '18,3 %')."""
    from django.utils.formats import number_format

    if value is None:
        return "—"
    return f"{number_format(round(float(value) * 100, int(digits)), int(digits))} %"
