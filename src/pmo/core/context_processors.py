"""What every page's shell (navigation, language switch) needs."""

from __future__ import annotations

from django.conf import settings
from django.http import HttpRequest

from .roles import OrgRole, roles_of


def shell(request: HttpRequest) -> dict:
    user = getattr(request, "user", None)
    roles = roles_of(user) if user is not None else frozenset()
    return {
        "LANGUAGES": settings.LANGUAGES,
        "user_roles": [OrgRole(r).label for r in OrgRole.values if r in roles],
    }
