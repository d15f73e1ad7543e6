"""The tabs of a project page. Apps add theirs in `AppConfig.ready()`; the project page shows them in order."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Tab:
    key: str
    label: str
    url_name: str  # takes the project's pk
    order: int


TABS: dict[str, Tab] = {}


def register(tab: Tab) -> None:
    TABS[tab.key] = tab


def tabs() -> list[Tab]:
    return sorted(TABS.values(), key=lambda t: t.order)


register(Tab("overview", _("Overview"), "projects:project_detail", 0))
register(Tab("team", _("Team"), "projects:project_team", 10))
register(Tab("documents", _("Documents"), "projects:project_documents", 50))
register(Tab("history", _("History"), "projects:project_history", 100))
