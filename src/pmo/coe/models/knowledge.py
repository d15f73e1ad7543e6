"""Training (courses, completions, what each role requires), the knowledge base (articles, guide pages of the
method, the glossary) and the organisation's project-management maturity (P3M3-style self-assessments and the
improvement plan)."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from pmo.core.models import AuditedModel
from pmo.core.roles import sees_everything

from .method import EveryoneQuerySet, Method, Phase

# -- training -------------------------------------------------------------------------------------------------------


class Course(AuditedModel):
    """A training course the organisation offers or recognises (an internal course or an external certificate)."""

    code = models.CharField(
        _("code"), max_length=30, unique=True, error_messages={"unique": _("A course with this code exists.")}
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    provider = models.CharField(_("provider"), max_length=120, blank=True)
    hours = models.DecimalField(
        _("hours"), max_digits=6, decimal_places=1, default=0, validators=[MinValueValidator(0)]
    )
    active = models.BooleanField(
        _("active"), default=True, help_text=_("Inactive courses are no longer offered.")
    )
    objects = EveryoneQuerySet.as_manager()

    class Meta:
        verbose_name = _("course")
        verbose_name_plural = _("courses")
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(hours__gte=0),
                name="course_hours_not_negative",
                violation_error_message=_("The hours cannot be negative."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"

    def get_absolute_url(self) -> str:
        return reverse("coe:course_detail", args=[self.pk])


class CompletionQuerySet(models.QuerySet):
    def visible_to(self, user) -> models.QuerySet:
        """Everyone sees their own training; the organisation-wide roles see everyone's."""
        if not getattr(user, "is_authenticated", False):
            return self.none()
        if sees_everything(user):
            return self
        return self.filter(user=user)


class Completion(AuditedModel):
    """A person finished a course on a date; a certificate may only be valid until a later date."""

    course = models.ForeignKey(
        Course, verbose_name=_("course"), on_delete=models.PROTECT, related_name="completions"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="completions",
    )
    completed_on = models.DateField(_("completed on"))
    valid_until = models.DateField(
        _("valid until"), null=True, blank=True, help_text=_("Leave empty when the course does not expire.")
    )
    certificate = models.CharField(
        _("certificate note"),
        max_length=200,
        blank=True,
        help_text=_("Certificate number or where it is kept."),
    )
    objects = CompletionQuerySet.as_manager()

    class Meta:
        verbose_name = _("course completion")
        verbose_name_plural = _("course completions")
        ordering = ["course", "user", "-completed_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["course", "user", "completed_on"],
                name="unique_course_completion",
                violation_error_message=_("This completion is already recorded."),
            ),
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True) | Q(valid_until__gte=models.F("completed_on")),
                name="completion_valid_after_completed",
                violation_error_message=_("The certificate cannot expire before the course was completed."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.course.code} ({self.completed_on:%Y-%m-%d})"


class RequiredRole(models.TextChoices):
    """A role that can require training: an organisation role (pmo.core.roles.OrgRole, held through a group) or a
    project role (pmo.projects.models.ProjectRole, held in any project). The key says which: "org:…" or "project:…"."""

    PORTFOLIO_MANAGER = "org:portfolio_manager", _("Portfolio manager (organisation)")
    PMO_OFFICER = "org:pmo_officer", _("PMO officer (organisation)")
    COE_LEAD = "org:coe_lead", _("CoE lead (organisation)")
    EXECUTIVE = "org:executive", _("Executive (organisation)")
    MEMBER = "org:member", _("Team member (organisation)")
    PROJECT_MANAGER = "project:project_manager", _("Project manager (project)")
    PROJECT_PMO_OFFICER = "project:pmo_officer", _("PMO officer (project)")
    SPONSOR = "project:sponsor", _("Sponsor (project)")
    TEAM_MEMBER = "project:team_member", _("Team member (project)")


class RoleRequirement(AuditedModel):
    """A course everyone holding a role must have completed (and keep valid)."""

    course = models.ForeignKey(
        Course, verbose_name=_("course"), on_delete=models.CASCADE, related_name="requirements"
    )
    role = models.CharField(_("role"), max_length=40, choices=RequiredRole.choices)
    objects = EveryoneQuerySet.as_manager()

    class Meta:
        verbose_name = _("role requirement")
        verbose_name_plural = _("role requirements")
        ordering = ["role", "course"]
        constraints = [
            models.UniqueConstraint(
                fields=["course", "role"],
                name="unique_role_requirement",
                violation_error_message=_("This role already requires this course."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()}: {self.course.code}"


# -- knowledge base -------------------------------------------------------------------------------------------------


class ArticleStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class ArticleQuerySet(models.QuerySet):
    def visible_to(self, user) -> models.QuerySet:
        """Published articles for everyone signed in; drafts only for those who write the knowledge base."""
        if not getattr(user, "is_authenticated", False):
            return self.none()
        if user.has_perm("coe.manage_knowledge"):
            return self
        return self.filter(status=ArticleStatus.PUBLISHED)


class Article(AuditedModel):
    """A knowledge-base article in Markdown; with a method (and phase) it is a guide page of that method."""

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(
        _("slug"),
        max_length=120,
        unique=True,
        help_text=_("The article's address: lower-case letters, digits and hyphens."),
        error_messages={"unique": _("An article with this slug exists.")},
    )
    body = models.TextField(_("body"), blank=True, help_text=_("Markdown: headings, lists, tables, links."))
    tags = models.CharField(_("tags"), max_length=300, blank=True, help_text=_("Comma-separated."))
    method = models.ForeignKey(
        Method,
        verbose_name=_("method"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="articles",
    )
    phase = models.ForeignKey(
        Phase,
        verbose_name=_("phase"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="articles",
    )
    status = models.CharField(
        _("status"), max_length=10, choices=ArticleStatus.choices, default=ArticleStatus.DRAFT
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("updated by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    objects = ArticleQuerySet.as_manager()

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("coe:article_detail", args=[self.slug])

    @property
    def tag_list(self) -> list[str]:
        return [t.strip() for t in self.tags.split(",") if t.strip()]


class GlossaryTerm(AuditedModel):
    """A word the organisation uses in projects, with what it means (Markdown) and its English counterpart."""

    term = models.CharField(_("term"), max_length=120)
    english = models.CharField(_("English term"), max_length=120, blank=True)
    definition = models.TextField(_("definition"), help_text=_("Markdown."))
    objects = EveryoneQuerySet.as_manager()

    class Meta:
        verbose_name = _("glossary term")
        verbose_name_plural = _("glossary terms")
        ordering = [Lower("term")]
        constraints = [
            models.UniqueConstraint(
                Lower("term"),
                name="unique_glossary_term",
                violation_error_message=_("The glossary already has this term."),
            )
        ]

    def __str__(self) -> str:
        return self.term

    def get_absolute_url(self) -> str:
        return reverse("coe:glossary") + f"#term-{self.pk}"

    @property
    def letter(self) -> str:
        first = self.term[:1].upper()
        return first if first.isalpha() else "#"


# -- maturity -------------------------------------------------------------------------------------------------------


class Perspective(models.TextChoices):
    """The seven perspectives of a P3M3-style maturity model."""

    GOVERNANCE = "governance", _("Organisational governance")
    CONTROL = "control", _("Management control")
    BENEFITS = "benefits", _("Benefits management")
    RISK = "risk", _("Risk management")
    STAKEHOLDERS = "stakeholders", _("Stakeholder management")
    FINANCE = "finance", _("Finance management")
    RESOURCES = "resources", _("Resource management")


class MaturityLevel(models.IntegerChoices):
    AWARENESS = 1, _("1 Awareness")
    REPEATABLE = 2, _("2 Repeatable")
    DEFINED = 3, _("3 Defined")
    MANAGED = 4, _("4 Managed")
    OPTIMISED = 5, _("5 Optimised")


def _level(label, **kwargs) -> models.PositiveSmallIntegerField:
    return models.PositiveSmallIntegerField(
        label,
        choices=MaturityLevel.choices,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
        **kwargs,
    )


class MaturityAssessment(AuditedModel):
    """A self-assessment of project-management maturity on a date: every perspective scored once."""

    assessed_on = models.DateField(_("assessed on"))
    scope = models.CharField(_("scope"), max_length=120, help_text=_("The organisation, or a portfolio."))
    assessed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assessed by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    notes = models.TextField(_("notes"), blank=True)
    objects = EveryoneQuerySet.as_manager()

    class Meta:
        verbose_name = _("maturity assessment")
        verbose_name_plural = _("maturity assessments")
        ordering = ["-assessed_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.scope} {self.assessed_on:%Y-%m-%d}"

    def get_absolute_url(self) -> str:
        return reverse("coe:maturity_detail", args=[self.pk])

    @property
    def ordered_scores(self) -> list[MaturityScore]:
        """The scores in the order of the perspectives (use with prefetched scores)."""
        order = list(Perspective.values)
        return sorted(self.scores.all(), key=lambda s: order.index(s.perspective))


class MaturityScore(AuditedModel):
    """The level one perspective reached in an assessment, with the evidence and the level aimed for."""

    assessment = models.ForeignKey(
        MaturityAssessment, verbose_name=_("assessment"), on_delete=models.CASCADE, related_name="scores"
    )
    perspective = models.CharField(_("perspective"), max_length=20, choices=Perspective.choices)
    level = _level(_("level"))
    target_level = _level(_("target level"), null=True, blank=True)
    evidence = models.TextField(_("evidence"), blank=True)
    objects = EveryoneQuerySet.as_manager()

    class Meta:
        verbose_name = _("maturity score")
        verbose_name_plural = _("maturity scores")
        ordering = ["assessment", "perspective"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "perspective"],
                name="unique_maturity_score",
                violation_error_message=_("The assessment already scores this perspective."),
            ),
            models.CheckConstraint(
                condition=Q(level__gte=1, level__lte=5),
                name="maturity_level_1_to_5",
                violation_error_message=_("The level must be between 1 and 5."),
            ),
            models.CheckConstraint(
                condition=Q(target_level__isnull=True) | Q(target_level__gte=1, target_level__lte=5),
                name="maturity_target_1_to_5",
                violation_error_message=_("The target level must be between 1 and 5."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_perspective_display()}: {self.level}"


class ImprovementStatus(models.TextChoices):
    OPEN = "open", _("Open")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")


class ImprovementAction(AuditedModel):
    """A step of the improvement plan: what to do to lift one perspective to a target level, by whom and when."""

    perspective = models.CharField(_("perspective"), max_length=20, choices=Perspective.choices)
    description = models.TextField(_("description"))
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="improvement_actions",
    )
    due_on = models.DateField(_("due date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=ImprovementStatus.choices, default=ImprovementStatus.OPEN
    )
    target_level = _level(_("target level"), null=True, blank=True)
    assessment = models.ForeignKey(
        MaturityAssessment,
        verbose_name=_("assessment"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="actions",
    )
    objects = EveryoneQuerySet.as_manager()

    class Meta:
        verbose_name = _("improvement action")
        verbose_name_plural = _("improvement actions")
        ordering = ["status", "due_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(target_level__isnull=True) | Q(target_level__gte=1, target_level__lte=5),
                name="improvement_target_1_to_5",
                violation_error_message=_("The target level must be between 1 and 5."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_perspective_display()}: {self.description[:60]}"

    def get_absolute_url(self) -> str:
        return reverse("coe:maturity_actions") + f"#action-{self.pk}"
