"""The portfolio the navigation links to (read only when a page uses it)."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from .models import Portfolio


def navigation(request: HttpRequest) -> dict:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"nav_portfolio": SimpleLazyObject(lambda: Portfolio.objects.visible_to(user).first())}
