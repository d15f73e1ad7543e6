"""The lessons-learned register: what happened in a project, why, and what to do next time; and whether a
suggested lesson was useful to the one it was suggested to."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pmo.core.models import AuditedModel
from pmo.projects.models import Project

from .method import EveryoneQuerySet


class LessonCategory(models.TextChoices):
    PLANNING = "planning", _("Planning")
    SCOPE = "scope", _("Scope")
    STAKEHOLDERS = "stakeholders", _("Stakeholders")
    PROCUREMENT = "procurement", _("Procurement")
    RESOURCES = "resources", _("People and capacity")
    RISKS = "risks", _("Risks")
    QUALITY = "quality", _("Quality")
    GOVERNANCE = "governance", _("Governance")
    TECHNOLOGY = "technology", _("Technology")
    COMMUNICATION = "communication", _("Communication")
    FINANCE = "finance", _("Finance")
    BENEFITS = "benefits", _("Benefits")


class LessonKind(models.TextChoices):
    POSITIVE = "positive", _("Went well")
    NEGATIVE = "negative", _("To improve")


class Lesson(AuditedModel):
    """A lesson learned: what happened, its cause and the recommendation, for the next projects to find."""

    title = models.CharField(_("title"), max_length=200)
    what_happened = models.TextField(_("what happened"))
    cause = models.TextField(_("cause"), blank=True)
    recommendation = models.TextField(_("recommendation"))
    category = models.CharField(_("category"), max_length=20, choices=LessonCategory.choices)
    phase = models.CharField(
        _("phase"), max_length=120, blank=True, help_text=_("The phase of the method it happened in.")
    )
    tags = models.CharField(_("tags"), max_length=300, blank=True, help_text=_("Separated by commas."))
    kind = models.CharField(_("kind"), max_length=10, choices=LessonKind.choices, default=LessonKind.NEGATIVE)
    project = models.ForeignKey(
        Project,
        verbose_name=_("project"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="lessons",
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    recorded_on = models.DateField(_("recorded on"), default=timezone.localdate)
    search_terms = models.TextField(_("search terms"), blank=True, editable=False)
    objects = EveryoneQuerySet.as_manager()

    class Meta:
        verbose_name = _("lesson learned")
        verbose_name_plural = _("lessons learned")
        ordering = ["-recorded_on", "-pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("coe:lesson_detail", args=[self.pk])

    @property
    def tag_list(self) -> list[str]:
        return split_tags(self.tags)

    @property
    def text(self) -> str:
        """The free text a search reads: what happened, the cause and the recommendation."""
        return "\n".join(part for part in (self.what_happened, self.cause, self.recommendation) if part)


def split_tags(tags: str) -> list[str]:
    """Tags as typed ("Inkoop, scope creep,") → ["inkoop", "scope creep"], without doubles."""
    seen: dict[str, None] = {}
    for tag in tags.split(","):
        tag = " ".join(tag.split()).lower()
        if tag:
            seen.setdefault(tag)
    return list(seen)


class Context(models.TextChoices):
    PROJECT = "project", _("New project")
    PHASE = "phase", _("Phase")
    RISK = "risk", _("Risk")
    SEARCH = "search", _("Search")


class LessonFeedback(AuditedModel):
    """Someone's answer to "was this useful?" for a lesson suggested to them in a context: a project, the phase
    it entered, a risk logged on it, or a search."""

    lesson = models.ForeignKey(
        Lesson, verbose_name=_("lesson"), on_delete=models.CASCADE, related_name="feedback"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="+"
    )
    project = models.ForeignKey(
        Project,
        verbose_name=_("project"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="lesson_feedback",
    )
    context = models.CharField(_("suggested for"), max_length=10, choices=Context.choices)
    context_key = models.CharField(_("context"), max_length=120, blank=True)
    useful = models.BooleanField(_("useful"))
    objects = EveryoneQuerySet.as_manager()

    class Meta:
        verbose_name = _("lesson feedback")
        verbose_name_plural = _("lesson feedback")
        constraints = [
            models.UniqueConstraint(
                fields=["lesson", "user", "project", "context", "context_key"],
                name="coe_lessonfeedback_once",
                violation_error_message=_("This feedback was given already."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.lesson}: {'+' if self.useful else '-'}"
