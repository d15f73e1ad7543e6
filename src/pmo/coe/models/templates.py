"""The Centre of Excellence's template library: document templates for the deliverables the methods ask for,
each kept in numbered versions so a project always starts from the latest one."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from pmo.core.models import AuditedModel

from .method import DeliverableType, EveryoneQuerySet


class DocumentTemplate(AuditedModel):
    """A template for a kind of document (project plan, risk log …), tied to the deliverable types it serves."""

    name = models.CharField(
        _("name"),
        max_length=120,
        unique=True,
        error_messages={"unique": _("A template with this name exists.")},
    )
    description = models.TextField(_("description"), blank=True)
    deliverable_types = models.ManyToManyField(
        DeliverableType, verbose_name=_("deliverable types"), blank=True, related_name="templates"
    )
    objects = EveryoneQuerySet.as_manager()

    class Meta:
        verbose_name = _("document template")
        verbose_name_plural = _("document templates")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("coe:template_detail", args=[self.pk])

    @property
    def latest(self) -> TemplateVersion | None:
        return self.versions.order_by("-number").first()


class TemplateVersion(AuditedModel):
    """One version of a template's file, numbered 1, 2, … with what changed and who uploaded it."""

    template = models.ForeignKey(
        DocumentTemplate, verbose_name=_("template"), on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveIntegerField(_("number"))
    filename = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("content type"), max_length=120)
    size = models.PositiveIntegerField(_("size in bytes"))
    content = models.BinaryField(_("file content"), editable=False)
    notes = models.TextField(_("what changed"), blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), on_delete=models.PROTECT, related_name="+"
    )
    objects = EveryoneQuerySet.as_manager()
    history_excluded_fields = ("content",)  # a version never changes; its history needs no copy of the file

    class Meta:
        verbose_name = _("template version")
        verbose_name_plural = _("template versions")
        ordering = ["template", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["template", "number"],
                name="unique_template_version",
                violation_error_message=_("This version of the template exists."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.template} v{self.number}"

    def get_download_url(self) -> str:
        return reverse("coe:template_download", args=[self.template_id, self.number])

    @property
    def extension(self) -> str:
        return self.filename.rpartition(".")[2].lower() if "." in self.filename else ""
