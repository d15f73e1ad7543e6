"""The onboarding brief of a project: a tab to read, and the same brief as a PDF to hand to someone new."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from pmo.projects.models import Project
from pmo.projects.views import ProjectTab

from . import onboarding


class OnboardingBrief(ProjectTab):
    template_name = "coe/onboarding.html"
    tab = "onboarding"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(
            brief=onboarding.gather(self.object, user=self.request.user), **kwargs
        )


def _no_fetching(url: str, *args, **kwargs):
    """The brief is self-contained: a URL in user-written Markdown (an image, say) is never fetched by the
    server."""
    raise ValueError(f"not fetched: {url}")


@login_required
def onboarding_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    project = get_object_or_404(
        Project.objects.visible_to(request.user).select_related("programme", "manager", "sponsor"), pk=pk
    )
    html = render_to_string(
        "coe/onboarding_print.html",
        {
            "brief": onboarding.gather(project, user=request.user),
            "project": project,
            "today": timezone.localdate(),
        },
        request=request,
    )
    try:
        from weasyprint import HTML
    except OSError:  # WeasyPrint is installed with the app, but needs Pango from the system
        return HttpResponse(
            _("PDF needs the Pango library (Debian: apt install libpango-1.0-0 libpangoft2-1.0-0)."),
            status=503,
            content_type="text/plain; charset=utf-8",
        )
    pdf = HTML(string=html, url_fetcher=_no_fetching).write_pdf()
    response = HttpResponse(pdf, content_type="application/pdf")
    title = _("onboarding brief")
    name = slugify(f"{project.code} {title}")
    response["Content-Disposition"] = f'attachment; filename="{name}.pdf"'
    return response
