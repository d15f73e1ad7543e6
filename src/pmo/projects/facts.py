"""Facts about a project at a date, gathered from the apps that know them (the schedule knows milestones, the RAID
log knows risks, …) for status reports and dashboards. Apps register a provider in `AppConfig.ready()`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

Provider = Callable[[Any, dt.date, dt.date], dict[str, Any]]  # (project, period start, period end) → facts

PROVIDERS: dict[str, Provider] = {}


def register(key: str, provider: Provider) -> None:
    PROVIDERS[key] = provider


def gather(project, start: dt.date, end: dt.date) -> dict[str, Any]:
    """{key: what its provider says} for every registered provider, as JSON-friendly values."""
    return {key: provider(project, start, end) for key, provider in sorted(PROVIDERS.items())}


def one(key: str, project, start: dt.date, end: dt.date) -> dict[str, Any]:
    """What one provider says ({} when no app provides `key`)."""
    provider = PROVIDERS.get(key)
    return provider(project, start, end) if provider else {}
