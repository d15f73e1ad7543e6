"""Template helpers for projects: the lifecycle badge."""

from __future__ import annotations

from django import template
from django.utils.html import format_html

from ..lifecycle import BADGES, Lifecycle

register = template.Library()


@register.simple_tag
def state_badge(state: str) -> str:
    """A lifecycle state as colour, icon and word (never colour alone)."""
    tone, icon = BADGES.get(state, ("muted", "•"))
    label = Lifecycle(state).label if state in Lifecycle.values else state
    return format_html(
        '<span class="badge b-{}"><span class="i" aria-hidden="true">{}</span>{}</span>', tone, icon, label
    )
