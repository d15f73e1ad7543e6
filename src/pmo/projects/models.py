"""Portfolio, programmes, projects and who works on them.

Visibility is decided here, once: `Project.objects.visible_to(user)`; programmes, portfolios and everything that
hangs off a project derive their visibility from it.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from pmo.core.models import AuditedModel, person_field
from pmo.core.roles import sees_everything
from pmo.core.text import identifier_errors

from .lifecycle import Lifecycle


class ProjectRole(models.TextChoices):
    PROJECT_MANAGER = "project_manager", _("Project manager")
    PMO_OFFICER = "pmo_officer", _("PMO officer")
    SPONSOR = "sponsor", _("Sponsor")
    TEAM_MEMBER = "team_member", _("Team member")


class ProgrammeRole(models.TextChoices):
    PROGRAMME_MANAGER = "programme_manager", _("Programme manager")
    PMO_OFFICER = "pmo_officer", _("PMO officer")


class ProjectQuerySet(models.QuerySet):
    def involving(self, user) -> ProjectQuerySet:
        """The projects `user` works on: as manager, sponsor, team member or in the programme office."""
        return self.filter(
            Q(pk__in=ProjectMembership.objects.filter(user=user).values("project_id"))
            | Q(manager=user)
            | Q(sponsor=user)
            | Q(programme__in=ProgrammeMembership.objects.filter(user=user).values("programme_id"))
        )

    def visible_to(self, user) -> ProjectQuerySet:
        """The projects `user` may see: all for the portfolio-wide roles, else those they belong to."""
        if sees_everything(user):
            return self
        if not getattr(user, "is_authenticated", False):
            return self.none()
        return self.involving(user)


class ProgrammeQuerySet(models.QuerySet):
    def visible_to(self, user) -> ProgrammeQuerySet:
        """The programmes of the projects `user` sees, and the programmes they manage or support."""
        if sees_everything(user):
            return self
        if not getattr(user, "is_authenticated", False):
            return self.none()
        return self.filter(
            Q(pk__in=Project.objects.visible_to(user).values("programme_id"))
            | Q(pk__in=self.steered_by(user))
        )

    def steered_by(self, user) -> ProgrammeQuerySet:
        """The programmes `user` manages, sponsors or supports in its programme office."""
        return self.filter(
            Q(pk__in=ProgrammeMembership.objects.filter(user=user).values("programme_id"))
            | Q(manager=user)
            | Q(sponsor=user)
        )


class PortfolioQuerySet(models.QuerySet):
    def visible_to(self, user) -> PortfolioQuerySet:
        if sees_everything(user):
            return self
        if not getattr(user, "is_authenticated", False):
            return self.none()
        return self.filter(
            Q(pk__in=Project.objects.visible_to(user).values("portfolio_id"))
            | Q(pk__in=Programme.objects.visible_to(user).values("portfolio_id"))
        )


class Portfolio(AuditedModel):
    """The whole set of change initiatives an organisation steers as one."""

    name = models.CharField(_("name"), max_length=200, unique=True)
    description = models.TextField(_("description"), blank=True)
    owner = person_field(_("owner"), "owned_portfolios")
    objects = PortfolioQuerySet.as_manager()

    class Meta:
        verbose_name = _("portfolio")
        verbose_name_plural = _("portfolios")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("projects:portfolio_detail", args=[self.pk])

    def clean(self) -> None:
        if errors := identifier_errors(self, names=("name",)):
            raise ValidationError(errors)


class Programme(AuditedModel):
    """A group of related projects steered together towards shared benefits."""

    portfolio = models.ForeignKey(
        Portfolio, verbose_name=_("portfolio"), on_delete=models.PROTECT, related_name="programmes"
    )
    code = models.CharField(_("code"), max_length=20, unique=True)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    manager = person_field(_("programme manager"), "managed_programmes")
    sponsor = person_field(_("sponsor"), "sponsored_programmes")
    objects = ProgrammeQuerySet.as_manager()

    class Meta:
        verbose_name = _("programme")
        verbose_name_plural = _("programmes")
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    def get_absolute_url(self) -> str:
        return reverse("projects:programme_detail", args=[self.pk])

    def clean(self) -> None:
        if errors := identifier_errors(self, codes=("code",), names=("name",)):
            raise ValidationError(errors)


class Project(AuditedModel):
    """A temporary organisation that delivers an agreed change within time, budget and quality."""

    code = models.CharField(
        _("code"),
        max_length=20,
        unique=True,
        error_messages={"unique": _("A project with this code already exists.")},
    )
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    portfolio = models.ForeignKey(
        Portfolio, verbose_name=_("portfolio"), on_delete=models.PROTECT, related_name="projects"
    )
    programme = models.ForeignKey(
        Programme,
        verbose_name=_("programme"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="projects",
    )
    sponsor = person_field(_("sponsor"), "sponsored_projects")
    manager = person_field(_("project manager"), "managed_projects")
    planned_start = models.DateField(_("planned start"), null=True, blank=True)
    planned_finish = models.DateField(_("planned finish"), null=True, blank=True)
    budget = models.DecimalField(
        _("budget"),
        max_digits=14,
        decimal_places=2,
        default=0,
        validators=[MinValueValidator(0)],
        help_text=_("Approved budget in euros."),
    )
    lifecycle = models.CharField(
        _("lifecycle state"), max_length=20, choices=Lifecycle.choices, default=Lifecycle.PROPOSAL
    )
    objects = ProjectQuerySet.as_manager()

    class Meta:
        verbose_name = _("project")
        verbose_name_plural = _("projects")
        ordering = ["code"]
        constraints = [
            models.CheckConstraint(
                condition=Q(planned_finish__isnull=True)
                | Q(planned_start__isnull=True)
                | Q(planned_finish__gte=models.F("planned_start")),
                name="project_finish_after_start",
                violation_error_message=_("The planned finish cannot be before the planned start."),
            ),
            models.CheckConstraint(
                condition=Q(budget__gte=0),
                name="project_budget_not_negative",
                violation_error_message=_("The budget cannot be negative."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    def get_absolute_url(self) -> str:
        return reverse("projects:project_detail", args=[self.pk])

    def clean(self) -> None:
        errors = identifier_errors(self, codes=("code",), names=("name",))
        if self.programme_id and self.portfolio_id and self.programme.portfolio_id != self.portfolio_id:
            errors["programme"] = [_("The programme belongs to another portfolio than the project.")]
        if errors:
            raise ValidationError(errors)


def visible_through(path: str) -> type[models.QuerySet]:
    """A queryset class for rows that belong to a project: `visible_to(user)` keeps those whose `path` (e.g.
    "project" or "schedule__project") leads to a project the user sees — visibility stays decided in one place."""

    class VisibleThroughProject(models.QuerySet):
        def visible_to(self, user) -> models.QuerySet:
            return self.filter(**{f"{path}__in": Project.objects.visible_to(user)})

    return VisibleThroughProject


class ProjectMembership(AuditedModel):
    """A person's role in a project."""

    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="memberships"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="project_memberships",
    )
    role = models.CharField(_("role"), max_length=20, choices=ProjectRole.choices)
    objects = visible_through("project").as_manager()

    class Meta:
        verbose_name = _("project membership")
        verbose_name_plural = _("project memberships")
        ordering = ["project", "role", "user"]
        constraints = [
            models.UniqueConstraint(
                fields=["project", "user", "role"],
                name="unique_project_membership",
                violation_error_message=_("This person already has this role in the project."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} ({self.project.code})"


class ProgrammeMembershipQuerySet(models.QuerySet):
    def visible_to(self, user) -> ProgrammeMembershipQuerySet:
        return self.filter(programme__in=Programme.objects.visible_to(user))


class ProgrammeMembership(AuditedModel):
    """A person's role in a programme; a PMO officer here supports (and may edit) all its projects."""

    programme = models.ForeignKey(
        Programme, verbose_name=_("programme"), on_delete=models.CASCADE, related_name="memberships"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="programme_memberships",
    )
    role = models.CharField(_("role"), max_length=20, choices=ProgrammeRole.choices)
    objects = ProgrammeMembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("programme membership")
        verbose_name_plural = _("programme memberships")
        ordering = ["programme", "role", "user"]
        constraints = [
            models.UniqueConstraint(
                fields=["programme", "user", "role"],
                name="unique_programme_membership",
                violation_error_message=_("This person already has this role in the programme."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} ({self.programme.code})"


class DocumentStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    IN_REVIEW = "in_review", _("In review")
    APPROVED = "approved", _("Approved")
    SUPERSEDED = "superseded", _("Superseded")


class Document(AuditedModel):
    """A document in a project's register: either an uploaded file kept in the database, or a link to where the
    document lives (never both, never neither)."""

    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="documents"
    )
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(
        _("kind of document"), max_length=120, blank=True, help_text=_("For example Project plan.")
    )
    revision = models.CharField(_("revision"), max_length=20, default="0.1")
    owner = person_field(_("owner"), "+")
    status = models.CharField(
        _("status"), max_length=12, choices=DocumentStatus.choices, default=DocumentStatus.DRAFT
    )
    review_date = models.DateField(_("review date"), null=True, blank=True)
    link = models.URLField(_("link"), max_length=500, blank=True)
    filename = models.CharField(_("file name"), max_length=255, blank=True)
    content_type = models.CharField(_("content type"), max_length=120, blank=True)
    size = models.PositiveIntegerField(_("size in bytes"), default=0)
    content = models.BinaryField(_("file content"), null=True, blank=True, editable=False)
    objects = visible_through("project").as_manager()
    history_excluded_fields = ("content",)

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["project", "title"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(link="") & ~Q(filename="")) | (~Q(link="") & Q(filename="")),
                name="document_file_or_link",
                violation_error_message=_(
                    "A document is either an uploaded file or a link, not both or neither."
                ),
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("projects:project_documents", args=[self.project_id])

    def get_download_url(self) -> str:
        return reverse("projects:document_download", args=[self.project_id, self.pk])

    @property
    def is_file(self) -> bool:
        return bool(self.filename)
