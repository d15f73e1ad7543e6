"""Forms for the lessons-learned register: recording a lesson, searching, and "was this useful?"."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from pmo.projects.forms import DateInput, VersionedForm
from pmo.projects.models import Project

from .models import Context, Lesson, LessonCategory, LessonKind, Phase


def phase_names() -> list[str]:
    """The phase names of every method, for the phase field's suggestions."""
    return sorted(set(Phase.objects.values_list("name", flat=True)))


class LessonForm(VersionedForm):
    class Meta:
        model = Lesson
        fields = [
            "title",
            "what_happened",
            "cause",
            "recommendation",
            "category",
            "kind",
            "phase",
            "tags",
            "project",
            "recorded_on",
        ]
        widgets = {
            "what_happened": forms.Textarea(attrs={"rows": 3}),
            "cause": forms.Textarea(attrs={"rows": 2}),
            "recommendation": forms.Textarea(attrs={"rows": 2}),
            "phase": forms.TextInput(attrs={"list": "phase-names"}),
            "recorded_on": DateInput(),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["project"].queryset = Project.objects.visible_to(self.user).order_by("code")
        self.phase_names = phase_names()


class SearchForm(forms.Form):
    """The register's search and filters; anything unknown is ignored rather than refused."""

    q = forms.CharField(label=_("Search"), required=False, max_length=300)
    category = forms.ChoiceField(
        label=_("Category"), required=False, choices=[("", _("All")), *LessonCategory.choices]
    )
    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=[("", _("All")), *LessonKind.choices])
    phase = forms.CharField(label=_("Phase"), required=False, max_length=120)
    tag = forms.CharField(label=_("Tag"), required=False, max_length=60)


class FeedbackForm(forms.Form):
    useful = forms.TypedChoiceField(choices=[("yes", "yes"), ("no", "no")], coerce=lambda v: v == "yes")
    context = forms.ChoiceField(choices=Context.choices)
    key = forms.CharField(required=False, max_length=120)
    project = forms.IntegerField(required=False, min_value=1)
