"""Panels that later apps add to an earlier app's pages without the earlier app importing them (dependencies
point one way): e.g. the Centre of Excellence shows lessons learned on a risk's page. An app registers a
function in `AppConfig.ready()`; the page renders what the functions return for its object."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest
from django.utils.safestring import SafeString

Panel = Callable[[HttpRequest, object], "SafeString | str"]
PANELS: dict[str, dict[str, Panel]] = {}


def register(model_label: str, key: str, panel: Panel) -> None:
    """Show `panel(request, obj)` on the page of each object of `model_label` (e.g. "raid.risk")."""
    PANELS.setdefault(model_label, {})[key] = panel


def render(request: HttpRequest, obj) -> list[SafeString | str]:
    """The panels for this object's page, in the order they were registered; an empty one is left out."""
    return [html for panel in PANELS.get(obj._meta.label_lower, {}).values() if (html := panel(request, obj))]
