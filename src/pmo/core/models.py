"""Users and the shared base of every domain model."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class User(AbstractUser):
    """A person in the organisation; signs in to PMO or only appears as sponsor, manager or team member."""

    job_title = models.CharField(_("job title"), max_length=120, blank=True)
    department = models.CharField(_("department"), max_length=120, blank=True)
    history = HistoricalRecords(excluded_fields=["password", "last_login"], m2m_fields=["groups"])

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["first_name", "last_name", "username"]

    def __str__(self) -> str:
        return self.get_full_name() or self.username


def person_field(verbose_name, related_name: str) -> models.ForeignKey:
    """An optional reference to a person (owner, sponsor, manager); a referenced person cannot be deleted."""
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=verbose_name,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name=related_name,
    )


class AuditHistory(HistoricalRecords):
    """The history of audited models; a model leaves fields out of it with `history_excluded_fields` (a stored
    file's bytes: the history keeps its name, type and size, not a copy at every change)."""

    def fields_included(self, model):
        excluded = set(getattr(model, "history_excluded_fields", ()))
        return [field for field in super().fields_included(model) if field.name not in excluded]


class AuditedModel(models.Model):
    """Base of every domain model: creation and change times, an optimistic-lock version and a full history."""

    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    version = models.PositiveIntegerField(
        _("version"), default=1, help_text=_("Raised on every change; a stale edit is refused.")
    )
    history = AuditHistory(inherit=True)

    class Meta:
        abstract = True


class WorkerBeat(models.Model):
    """A running `pmo worker` and when it was last heard from (see pmo.core.jobs).

    Operational state, not a record of the organisation: it has no history."""

    worker_id = models.CharField(_("worker"), max_length=64, unique=True)
    host = models.CharField(_("host"), max_length=100)
    pid = models.PositiveIntegerField(_("process"))
    started_at = models.DateTimeField(_("started at"), auto_now_add=True)
    last_seen = models.DateTimeField(_("last seen"), db_index=True)

    class Meta:
        verbose_name = _("worker")
        verbose_name_plural = _("workers")

    def __str__(self) -> str:
        return self.worker_id
