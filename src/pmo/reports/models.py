"""Report packs: a portfolio or project report as PowerPoint, PDF or Excel, made in the background and kept (with
its file) until it is deleted. Only whoever asked for a pack can download it."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from pmo.core.models import AuditedModel
from pmo.projects.models import Project


class Scope(models.TextChoices):
    PORTFOLIO = "portfolio", _("Portfolio report")
    PROJECT = "project", _("Project status report")


class Format(models.TextChoices):
    PPTX = "pptx", _("PowerPoint")
    PDF = "pdf", _("PDF")
    XLSX = "xlsx", _("Excel")


CONTENT_TYPES = {
    Format.PPTX: "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    Format.PDF: "application/pdf",
    Format.XLSX: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


class PackStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Being made")
    DONE = "done", _("Ready")
    FAILED = "failed", _("Failed")


class PackQuerySet(models.QuerySet):
    def visible_to(self, user) -> PackQuerySet:
        """A pack holds what its requester could see: it is theirs alone (administrators see all)."""
        if not getattr(user, "is_authenticated", False):
            return self.none()
        return self if user.is_superuser else self.filter(requested_by=user)


class ReportPack(AuditedModel):
    scope = models.CharField(_("report"), max_length=10, choices=Scope.choices, default=Scope.PORTFOLIO)
    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    format = models.CharField(_("format"), max_length=4, choices=Format.choices, default=Format.PPTX)
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES, default="nl")
    status = models.CharField(
        _("status"), max_length=10, choices=PackStatus.choices, default=PackStatus.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    error = models.TextField(_("error"), blank=True)
    # written with a plain UPDATE when the pack is made, so the history (of who asked what, when) never copies it
    content = models.BinaryField(_("file"), null=True, editable=False)
    size = models.PositiveIntegerField(_("size (bytes)"), default=0, editable=False)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("requested by"), on_delete=models.CASCADE, related_name="+"
    )
    objects = PackQuerySet.as_manager()

    class Meta:
        verbose_name = _("report pack")
        verbose_name_plural = _("report packs")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(scope="portfolio") | models.Q(project__isnull=False),
                name="pack_project_needs_project",
                violation_error_message=_("Choose the project for a project status report."),
            )
        ]

    def __str__(self) -> str:
        subject = self.project.code if self.project_id else _("portfolio")
        return f"{self.get_scope_display()} {subject} ({self.get_format_display()})"

    def get_absolute_url(self) -> str:
        return reverse("reports:pack_detail", args=[self.pk])

    @property
    def filename(self) -> str:
        subject = self.project.code if self.project_id else "portfolio"
        return f"{subject}-{self.created_at:%Y-%m-%d}.{self.format}"
