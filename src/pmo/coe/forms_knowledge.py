"""Forms for training, the knowledge base, the glossary and maturity; they only check the input, the services write."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from pmo.projects.forms import VersionedForm, people

from .models import (
    Article,
    Course,
    GlossaryTerm,
    ImprovementAction,
    MaturityAssessment,
    MaturityLevel,
    Method,
    Perspective,
    Phase,
    RequiredRole,
)

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class CourseForm(VersionedForm):
    class Meta:
        model = Course
        fields = ["code", "title", "provider", "hours", "active", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class CompletionForm(forms.Form):
    user = forms.ModelChoiceField(label=_("Person"), queryset=people())
    completed_on = forms.DateField(label=_("Completed on"), widget=DATE)
    valid_until = forms.DateField(label=_("Valid until"), widget=DATE, required=False)
    certificate = forms.CharField(label=_("Certificate note"), max_length=200, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = people()


class RequirementForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=RequiredRole.choices)


class ArticleForm(VersionedForm):
    class Meta:
        model = Article
        fields = ["title", "slug", "status", "tags", "method", "phase", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 18})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["method"].queryset = Method.objects.order_by("name")
        self.fields["phase"].queryset = Phase.objects.select_related("method_version__method").order_by(
            "method_version__method__name", "-method_version__number", "position"
        )
        self.fields["phase"].label_from_instance = lambda p: f"{p.method_version} · {p}"


class GlossaryTermForm(VersionedForm):
    class Meta:
        model = GlossaryTerm
        fields = ["term", "english", "definition"]
        widgets = {"definition": forms.Textarea(attrs={"rows": 4})}


class AssessmentForm(forms.Form):
    """The assessment and one row per perspective: a level (radio buttons), a target level and the evidence."""

    assessed_on = forms.DateField(label=_("Assessed on"), widget=DATE)
    scope = forms.CharField(label=_("Scope"), max_length=120, initial=_("Organisation"))
    notes = forms.CharField(label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, previous=None, **kwargs):
        super().__init__(*args, **kwargs)
        previous = previous or {}
        for key, label in Perspective.choices:
            before = previous.get(key)
            self.fields[f"{key}-level"] = forms.TypedChoiceField(
                label=label,
                choices=MaturityLevel.choices,
                coerce=int,
                widget=forms.RadioSelect,
                initial=before.level if before else None,
                error_messages={
                    "required": _("Choose a level for %(perspective)s.") % {"perspective": label}
                },
            )
            self.fields[f"{key}-target"] = forms.TypedChoiceField(
                label=_("Target level"),
                choices=[("", "—"), *MaturityLevel.choices],
                coerce=int,
                empty_value=None,
                required=False,
                initial=before.target_level if before else None,
            )
            self.fields[f"{key}-evidence"] = forms.CharField(
                label=_("Evidence"), required=False, widget=forms.Textarea(attrs={"rows": 2})
            )

    def perspectives(self) -> list[dict]:
        return [
            {
                "key": key,
                "label": label,
                "level": self[f"{key}-level"],
                "target": self[f"{key}-target"],
                "evidence": self[f"{key}-evidence"],
            }
            for key, label in Perspective.choices
        ]

    def service_data(self) -> dict:
        data = self.cleaned_data
        return {
            "assessed_on": data["assessed_on"],
            "scope": data["scope"],
            "notes": data["notes"],
            "scores": [
                {
                    "perspective": key,
                    "level": data[f"{key}-level"],
                    "target_level": data[f"{key}-target"],
                    "evidence": data[f"{key}-evidence"],
                }
                for key in Perspective.values
            ],
        }


class ImprovementActionForm(VersionedForm):
    class Meta:
        model = ImprovementAction
        fields = ["perspective", "description", "owner", "due_on", "status", "target_level", "assessment"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3}), "due_on": DATE}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = people()
        self.fields["assessment"].queryset = MaturityAssessment.objects.order_by("-assessed_on")
