"""The project method the Centre of Excellence keeps: methods in versions, their phases with a gate at the end of
each, and the deliverables each phase requires by project size; and where each project stands in its method."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from pmo.core.models import AuditedModel
from pmo.projects.models import Project, visible_through


class EveryoneQuerySet(models.QuerySet):
    def visible_to(self, user) -> models.QuerySet:
        """The method is the whole organisation's: everyone signed in reads it."""
        return self if getattr(user, "is_authenticated", False) else self.none()


class Method(AuditedModel):
    """A way of running projects: a stage-gate method, an agile or hybrid one."""

    name = models.CharField(
        _("name"),
        max_length=120,
        unique=True,
        error_messages={"unique": _("A method with this name exists.")},
    )
    description = models.TextField(_("description"), blank=True)
    objects = EveryoneQuerySet.as_manager()

    class Meta:
        verbose_name = _("method")
        verbose_name_plural = _("methods")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("coe:method_detail", args=[self.pk])

    @property
    def current(self) -> MethodVersion | None:
        """The latest published version: the one new projects start on."""
        return self.versions.filter(status=VersionStatus.PUBLISHED).order_by("-number").first()


class VersionStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class MethodVersion(AuditedModel):
    """One version of a method. A draft is edited; a published version is fixed, and projects on it stay on it until
    they are migrated to a newer one."""

    method = models.ForeignKey(
        Method, verbose_name=_("method"), on_delete=models.CASCADE, related_name="versions"
    )
    number = models.PositiveIntegerField(_("version"))
    status = models.CharField(
        _("status"), max_length=10, choices=VersionStatus.choices, default=VersionStatus.DRAFT
    )
    notes = models.TextField(_("what changed"), blank=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    objects = EveryoneQuerySet.as_manager()

    class Meta:
        verbose_name = _("method version")
        verbose_name_plural = _("method versions")
        ordering = ["method", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["method", "number"],
                name="unique_method_version",
                violation_error_message=_("This version of the method exists."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.method} v{self.number}"

    def get_absolute_url(self) -> str:
        return reverse("coe:version_detail", args=[self.pk])

    @property
    def editable(self) -> bool:
        return self.status == VersionStatus.DRAFT


class Phase(AuditedModel):
    """A phase of a method version, closed by a gate where the project is reviewed before it may go on."""

    method_version = models.ForeignKey(
        MethodVersion, verbose_name=_("method version"), on_delete=models.CASCADE, related_name="phases"
    )
    position = models.PositiveSmallIntegerField(_("position"))
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("description"), blank=True)
    gate = models.CharField(_("gate"), max_length=120, help_text=_("The decision at the end of the phase."))
    checklist = models.TextField(
        _("gate checklist"), blank=True, help_text=_("One question per line, answered at the gate review.")
    )
    objects = EveryoneQuerySet.as_manager()

    class Meta:
        verbose_name = _("phase")
        verbose_name_plural = _("phases")
        ordering = ["method_version", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["method_version", "position"],
                name="unique_phase_position",
                violation_error_message=_("The version already has a phase in this position."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.name}"

    def questions(self) -> list[str]:
        return [line.strip() for line in self.checklist.splitlines() if line.strip()]


class SizeClass(models.TextChoices):
    SMALL = "small", _("Small")
    MEDIUM = "medium", _("Medium")
    LARGE = "large", _("Large")


class Need(models.TextChoices):
    MANDATORY = "mandatory", _("Mandatory")
    OPTIONAL = "optional", _("Optional")
    NONE = "none", _("Not needed")


def _need(label) -> models.CharField:
    return models.CharField(label, max_length=10, choices=Need.choices, default=Need.MANDATORY)


class DeliverableType(AuditedModel):
    """A deliverable a phase asks for (business case, project plan, test report …), mandatory, optional or not
    needed depending on the project's size."""

    phase = models.ForeignKey(
        Phase, verbose_name=_("phase"), on_delete=models.CASCADE, related_name="deliverables"
    )
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("description"), blank=True)
    small = _need(_("small projects"))
    medium = _need(_("medium projects"))
    large = _need(_("large projects"))
    objects = EveryoneQuerySet.as_manager()

    class Meta:
        verbose_name = _("deliverable type")
        verbose_name_plural = _("deliverable types")
        ordering = ["phase", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["phase", "name"],
                name="unique_deliverable_type",
                violation_error_message=_("The phase already asks for a deliverable with this name."),
            )
        ]

    def __str__(self) -> str:
        return self.name

    def need(self, size: str) -> str:
        return getattr(self, size)


class ProjectMethod(AuditedModel):
    """Where a project stands in its method: the version it follows, its size class and its current phase
    (`finished` once the last gate is passed)."""

    project = models.OneToOneField(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="method"
    )
    method_version = models.ForeignKey(
        MethodVersion, verbose_name=_("method version"), on_delete=models.PROTECT, related_name="projects"
    )
    size = models.CharField(
        _("size class"), max_length=10, choices=SizeClass.choices, default=SizeClass.MEDIUM
    )
    phase = models.ForeignKey(
        Phase, verbose_name=_("current phase"), on_delete=models.PROTECT, related_name="+"
    )
    finished = models.BooleanField(_("all gates passed"), default=False)
    objects = visible_through("project").as_manager()

    class Meta:
        verbose_name = _("project method")
        verbose_name_plural = _("project methods")
        ordering = ["project"]

    def __str__(self) -> str:
        return f"{self.project.code}: {self.method_version}, {self.phase.name}"


class DeliverableStatus(models.TextChoices):
    MISSING = "missing", _("Missing")
    DRAFT = "draft", _("Draft")
    APPROVED = "approved", _("Approved")


class Deliverable(AuditedModel):
    """A project's deliverable of a type its method asks for: its status and where it is (a link)."""

    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="deliverables"
    )
    type = models.ForeignKey(
        DeliverableType, verbose_name=_("deliverable type"), on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=DeliverableStatus.choices, default=DeliverableStatus.MISSING
    )
    link = models.URLField(_("link to the document"), max_length=500, blank=True)
    document = models.ForeignKey(
        "projects.Document",
        verbose_name=_("document"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="deliverables",
    )
    objects = visible_through("project").as_manager()

    class Meta:
        verbose_name = _("deliverable")
        verbose_name_plural = _("deliverables")
        constraints = [
            models.UniqueConstraint(
                fields=["project", "type"],
                name="unique_project_deliverable",
                violation_error_message=_("The project already has this deliverable."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.project.code}: {self.type}"


class Waiver(AuditedModel):
    """Permission to pass a gate without a mandatory deliverable: why, who granted it and when."""

    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="waivers"
    )
    type = models.ForeignKey(
        DeliverableType, verbose_name=_("deliverable type"), on_delete=models.PROTECT, related_name="+"
    )
    reason = models.TextField(_("reason"))
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("granted by"), on_delete=models.PROTECT, related_name="+"
    )
    objects = visible_through("project").as_manager()

    class Meta:
        verbose_name = _("waiver")
        verbose_name_plural = _("waivers")
        constraints = [
            models.UniqueConstraint(
                fields=["project", "type"],
                name="unique_waiver",
                violation_error_message=_("A waiver for this deliverable exists."),
            )
        ]

    def __str__(self) -> str:
        return f"{self.project.code}: {self.type} ({_('waived')})"


class Decision(models.TextChoices):
    GO = "go", pgettext_lazy("gate decision", "Go")
    GO_WITH_CONDITIONS = "conditions", pgettext_lazy("gate decision", "Go with conditions")
    NO_GO = "no_go", pgettext_lazy("gate decision", "No-go")


class Answer(models.TextChoices):
    YES = "yes", _("Yes")
    NO = "no", _("No")
    NA = "na", _("Not applicable")


class GateDecision(AuditedModel):
    """The decision taken at a project's gate; a go moves the project to the next phase."""

    project = models.ForeignKey(
        Project, verbose_name=_("project"), on_delete=models.CASCADE, related_name="gate_decisions"
    )
    phase = models.ForeignKey(Phase, verbose_name=_("phase"), on_delete=models.PROTECT, related_name="+")
    decision = models.CharField(_("decision"), max_length=12, choices=Decision.choices)
    notes = models.TextField(_("notes"), blank=True)
    conditions = models.TextField(_("conditions"), blank=True, help_text=_("One condition per line."))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("decided by"), on_delete=models.PROTECT, related_name="+"
    )
    reviewers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("reviewers"), blank=True, related_name="+"
    )
    answers = models.JSONField(
        _("checklist answers"), default=dict, blank=True, help_text=_("Question → yes, no or not applicable.")
    )
    actions = models.ManyToManyField(
        "raid.Action", verbose_name=_("actions for the conditions"), blank=True, related_name="+"
    )
    objects = visible_through("project").as_manager()

    class Meta:
        verbose_name = _("gate decision")
        verbose_name_plural = _("gate decisions")
        ordering = ["project", "-created_at"]

    def __str__(self) -> str:
        return f"{self.project.code}: {self.phase.gate} — {self.get_decision_display()}"
