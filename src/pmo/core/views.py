"""The shell's own pages: global search."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from .search import search as run_search


@login_required
def search(request: HttpRequest) -> HttpResponse:
    """One box finds projects, programmes and objectives by code, name or description."""
    query = request.GET.get("q", "").strip()[:200]
    groups = run_search(request.user, query) if query else []
    context = {"query": query, "groups": groups, "total": sum(len(hits) for _, hits in groups)}
    template = "core/_search_results.html" if request.htmx else "core/search.html"
    return render(request, template, context)
