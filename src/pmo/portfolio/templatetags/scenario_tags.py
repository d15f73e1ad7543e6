"""How a scenario's values read: a strategic score as a number, a net present value as money."""

from __future__ import annotations

from django import template
from django.template.defaultfilters import floatformat

from pmo.core.templatetags.pmo_tags import money

register = template.Library()

MONEY = ("benefits", "risk")


@register.filter
def worth(value, basis: str = "score") -> str:
    """`{{ value|worth:r.basis }}`: € 1.234.567 when the scenario values money, else 646.0."""
    if value is None:
        return "—"
    return money(value) if basis in MONEY else floatformat(value, 1)
