"""Report packs: ask for one, follow it while it is made, download it; and the HTML preview the PDF is made from."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pmo.core import views_base as base

from . import services
from .content import portfolio_content
from .forms import PackForm
from .models import CONTENT_TYPES, PackStatus, ReportPack
from .render import render_html


class PackList(base.TableView):
    model = ReportPack
    related = ("project",)
    template_name = "reports/pack_list.html"
    sort_fields = {"created": "created_at", "status": "status"}
    default_sort = "-created"

    def get_queryset(self):
        return super().get_queryset().defer("content")

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        project = base.id_param(self.request.GET, "project")
        initial = {"language": get_language()[:2]}
        if project is not None:
            initial.update(scope="project", project=project)
        return super().get_context_data(form=PackForm(user=self.request.user, initial=initial), **kwargs)


@login_required
@require_POST
def pack_request(request: HttpRequest) -> HttpResponse:
    form = PackForm(request.POST, user=request.user)
    made = []

    def request_pack():
        made.append(services.request_pack(acting_user=request.user, **form.cleaned_data))
        return made[0]

    base.run_action(request, request_pack, lambda p: _("%(pack)s is being made.") % {"pack": p}, form)
    return redirect(made[0].get_absolute_url() if made else "reports:pack_list")


class PackDetail(base.DetailView):
    model = ReportPack
    related = ("project",)

    def get_queryset(self):
        return super().get_queryset().defer("content")

    def get_template_names(self) -> list[str]:
        if self.request.htmx:
            return ["reports/_pack_progress.html"]
        return ["reports/pack_detail.html"]

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(
            running=self.object.status in (PackStatus.QUEUED, PackStatus.RUNNING), **kwargs
        )


@login_required
def pack_download(request: HttpRequest, pk: int) -> HttpResponse:
    pack = get_object_or_404(ReportPack.objects.visible_to(request.user), pk=pk, status=PackStatus.DONE)
    response = HttpResponse(bytes(pack.content), content_type=CONTENT_TYPES[pack.format])
    response["Content-Disposition"] = f'attachment; filename="{pack.filename}"'
    return response


@login_required
def preview(request: HttpRequest) -> HttpResponse:
    """The portfolio report as the HTML its PDF is printed from."""
    return HttpResponse(render_html(portfolio_content(request.user, _("Portfolio report"))))
