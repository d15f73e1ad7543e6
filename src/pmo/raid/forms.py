"""Forms for the RAID log; the services validate and write."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from pmo.projects.forms import DateInput, VersionedForm, people
from pmo.projects.models import Project
from pmo.schedule.models import Task

from .models import (
    SCALE,
    Action,
    Assumption,
    ChangeRequest,
    Decision,
    Dependency,
    Issue,
    Risk,
    RiskStatus,
    ScaleLevel,
    scale_labels,
)

TEXT = {"rows": 2}


class RaidForm(VersionedForm):
    """Offers owners from the active users and linked risks/issues from the same project."""

    def __init__(self, *args, project=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = people()
        project = project or getattr(self.instance, "project", None)
        for name, model in (("risk", Risk), ("issue", Issue)):
            if name in self.fields:
                self.fields[name].queryset = (
                    model.objects.filter(project=project) if project else model.objects.none()
                )
        labels = scale_labels()
        for name in ("probability", "residual_probability", "impact", "residual_impact", "severity"):
            if name in self.fields:
                kind = "probability" if "probability" in name else "impact"
                blank = [] if self.fields[name].required else [("", "—")]
                self.fields[name].widget = forms.Select(
                    choices=blank + [(n, f"{n} · {labels[kind].get(n, '')}") for n in SCALE]
                )


class RiskForm(RaidForm):
    class Meta:
        model = Risk
        fields = [
            "title",
            "cause",
            "event",
            "effect",
            "category",
            "owner",
            "probability",
            "impact",
            "proximity",
            "cost_impact",
            "response_strategy",
            "response",
            "residual_probability",
            "residual_impact",
            "status",
            "tasks",
            "delay_low",
            "delay_likely",
            "delay_high",
        ]
        widgets = {
            "cause": forms.Textarea(attrs=TEXT),
            "event": forms.Textarea(attrs=TEXT),
            "effect": forms.Textarea(attrs=TEXT),
            "response": forms.Textarea(attrs=TEXT),
            "proximity": DateInput(),
        }

    def __init__(self, *args, project=None, **kwargs):
        super().__init__(*args, project=project, **kwargs)
        if not self.instance.pk:
            self.fields["status"].choices = [(RiskStatus.OPEN, RiskStatus.OPEN.label)]
        project = project or self.instance.project
        self.fields["tasks"].queryset = (
            Task.objects.filter(schedule__project=project, is_summary=False).order_by("position", "pk")
            if project
            else Task.objects.none()
        )
        self.fields["tasks"].widget.attrs["size"] = 6


class IssueForm(RaidForm):
    class Meta:
        model = Issue
        fields = [
            "title",
            "description",
            "type",
            "priority",
            "severity",
            "owner",
            "due",
            "risk",
            "status",
            "resolution",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "resolution": forms.Textarea(attrs=TEXT),
            "due": DateInput(),
        }


class ActionForm(RaidForm):
    class Meta:
        model = Action
        fields = ["title", "description", "owner", "due", "status", "risk", "issue"]
        widgets = {"description": forms.Textarea(attrs=TEXT), "due": DateInput()}


class AssumptionForm(RaidForm):
    class Meta:
        model = Assumption
        fields = ["title", "description", "if_wrong", "owner", "check_by", "status"]
        widgets = {
            "description": forms.Textarea(attrs=TEXT),
            "if_wrong": forms.Textarea(attrs=TEXT),
            "check_by": DateInput(),
        }


class DecisionForm(RaidForm):
    class Meta:
        model = Decision
        fields = ["title", "description", "rationale", "decided_by", "decided_on", "owner", "status"]
        widgets = {
            "description": forms.Textarea(attrs=TEXT),
            "rationale": forms.Textarea(attrs=TEXT),
            "decided_on": DateInput(),
        }


class DependencyForm(RaidForm):
    class Meta:
        model = Dependency
        fields = ["title", "description", "depends_on", "external_party", "needed_by", "owner", "status"]
        widgets = {"description": forms.Textarea(attrs=TEXT), "needed_by": DateInput()}

    def __init__(self, *args, project=None, **kwargs):
        super().__init__(*args, project=project, **kwargs)
        mine = project or getattr(self.instance, "project", None)
        choices = Project.objects.visible_to(self.user).order_by("code")
        self.fields["depends_on"].queryset = choices.exclude(pk=mine.pk) if mine else choices


class ChangeRequestForm(RaidForm):
    class Meta:
        model = ChangeRequest
        fields = [
            "title", "description", "reason", "owner", "cost_impact", "time_impact", "scope_impact",
            "status", "decision", "decided_on",
        ]  # fmt: skip
        widgets = {
            "description": forms.Textarea(attrs=TEXT),
            "reason": forms.Textarea(attrs=TEXT),
            "scope_impact": forms.Textarea(attrs=TEXT),
            "decision": forms.Textarea(attrs=TEXT),
            "decided_on": DateInput(),
        }


class EscalateForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=500)


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Register (Excel or CSV)"),
        help_text=_(
            "Columns as in the export; rows with a reference update that item, rows without one are new."
        ),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > 5 * 1024 * 1024:
            raise forms.ValidationError(_("The file is larger than 5 MB."))
        return upload


class ScaleLevelForm(VersionedForm):
    class Meta:
        model = ScaleLevel
        fields = ["label_en", "label_nl", "meaning", "probability"]
