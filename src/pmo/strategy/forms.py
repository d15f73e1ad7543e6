"""Forms for strategic objectives and project contributions."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from pmo.projects.forms import VersionedForm
from pmo.projects.models import Portfolio

from .models import Contribution, StrategicObjective


class ObjectiveForm(VersionedForm):
    class Meta:
        model = StrategicObjective
        fields = ["portfolio", "code", "title", "description", "parent"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["portfolio"].queryset = Portfolio.objects.visible_to(user)
        self.fields["parent"].queryset = StrategicObjective.objects.visible_to(user)


class LinkForm(forms.Form):
    objective = forms.ModelChoiceField(
        label=_("Strategic objective"), queryset=StrategicObjective.objects.none()
    )
    contribution = forms.ChoiceField(
        label=_("Contribution"), choices=Contribution.choices, initial=Contribution.MEDIUM
    )

    def __init__(self, *args, project, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["objective"].queryset = StrategicObjective.objects.filter(
            portfolio=project.portfolio_id
        ).exclude(project_links__project=project)
