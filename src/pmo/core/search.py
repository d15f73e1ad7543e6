"""The global search: each app registers what may be found; visibility comes from the models' `visible_to`."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models
from django.db.models import Q


@dataclass(frozen=True)
class Searchable:
    key: str
    label: str  # lazy-translated plural name shown above the results
    model: type[models.Model]
    fields: tuple[str, ...]
    related: tuple[str, ...] = ()


REGISTRY: list[Searchable] = []


def register(searchable: Searchable) -> None:
    if all(s.key != searchable.key for s in REGISTRY):
        REGISTRY.append(searchable)


def search(user, query: str, limit: int = 20) -> list[tuple[Searchable, list[models.Model]]]:
    """At most `limit` visible hits per registered kind, in registration order."""
    results = []
    for searchable in REGISTRY:
        condition = Q()
        for name in searchable.fields:
            condition |= Q(**{f"{name}__icontains": query})
        hits = searchable.model.objects.visible_to(user).filter(condition).select_related(*searchable.related)
        results.append((searchable, list(hits[:limit])))
    return results
