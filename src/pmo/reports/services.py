"""Asking for a report pack, and making it (in the background worker)."""

from __future__ import annotations

import time

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from pmo.core.services import audited_save, require
from pmo.projects.models import Project

from .content import portfolio_content, project_content
from .models import PackStatus, ReportPack, Scope
from .render import RENDERERS


@transaction.atomic
def request_pack(*, acting_user, scope: str, format: str, language: str, project: Project | None = None):
    """Queue a pack; the worker makes it after this transaction commits."""
    from .tasks import make_pack

    if scope == Scope.PROJECT:
        if project is None:
            raise ValidationError({"project": _("Choose the project for a project status report.")})
        if not Project.objects.visible_to(acting_user).filter(pk=project.pk).exists():
            raise ValidationError({"project": _("You cannot see this project.")})
    else:
        require(acting_user, "reports.portfolio_pack")
        project = None
    pack = audited_save(
        ReportPack(scope=scope, format=format, language=language, project=project, requested_by=acting_user),
        acting_user=acting_user,
    )
    transaction.on_commit(lambda: make_pack.enqueue(pack.pk))
    return pack


def execute(pack_id: int) -> None:
    """Make one pack (called by the worker); a failure is kept on the pack, never left "being made"."""
    pack = ReportPack.objects.select_related("project", "requested_by").get(pk=pack_id)
    ReportPack.objects.filter(pk=pack_id).update(status=PackStatus.RUNNING, progress=0, error="")
    last = [0.0]

    def progress(percent: int) -> None:
        if time.monotonic() - last[0] > 0.5:
            last[0] = time.monotonic()
            ReportPack.objects.filter(pk=pack_id).update(progress=percent)

    try:
        with translation.override(pack.language):
            if pack.scope == Scope.PROJECT:
                content = project_content(
                    pack.project, _("Status report %(project)s") % {"project": pack.project}
                )
            else:
                content = portfolio_content(pack.requested_by, _("Portfolio report"))
            data = RENDERERS[pack.format](content, progress)
    except Exception as error:  # the pack page shows what went wrong; the worker carries on
        ReportPack.objects.filter(pk=pack_id).update(status=PackStatus.FAILED, error=str(error)[:2000])
        raise
    ReportPack.objects.filter(pk=pack_id).update(
        status=PackStatus.DONE, progress=100, content=data, size=len(data)
    )
