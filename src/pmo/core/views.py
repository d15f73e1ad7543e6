"""The shell's own pages: global search, and the answer when something fails."""

from __future__ import annotations

import sys

from django.contrib.auth.decorators import login_required
from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.utils.translation import gettext
from django.views import defaults
from django.views.decorators.csrf import requires_csrf_token

from .search import search as run_search
from .views_base import search_param


@login_required
def search(request: HttpRequest) -> HttpResponse:
    """One box finds projects, programmes and objectives by code, name or description."""
    query = search_param(request.GET)[:200]
    groups = run_search(request.user, query) if query else []
    context = {"query": query, "groups": groups, "total": sum(len(hits) for _, hits in groups)}
    template = "core/_search_results.html" if request.htmx else "core/search.html"
    return render(request, template, context)


@requires_csrf_token
def server_error(request: HttpRequest) -> HttpResponse:
    """The 500 page; but when the database is away (restarting, unreachable) a 503 that says to try again: the
    next request reconnects by itself (CONN_HEALTH_CHECKS), no restart of PMO is needed."""
    if isinstance(sys.exc_info()[1], OperationalError | InterfaceError):
        if request.path.startswith("/api/"):
            response = JsonResponse(
                {"detail": "The database cannot be reached; try again in a minute."}, status=503
            )
        else:
            response = HttpResponse(loader.get_template("503.html").render(), status=503)
        response["Retry-After"] = "30"
        return response
    return defaults.server_error(request)


def not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    """404: JSON under /api/ (as the API documents its errors), the page for everything else."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": gettext("Not found.")}, status=404)
    return defaults.page_not_found(request, exception)
