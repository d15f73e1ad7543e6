"""Forms for portfolio scenarios."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from pmo.projects.forms import VersionedForm
from pmo.projects.models import Portfolio, Project

from .models import Scenario


class ScenarioForm(VersionedForm):
    forced_in = forms.MultipleChoiceField(
        label=_("Forced in"), required=False, help_text=_("Projects that must be in the plan.")
    )
    forced_out = forms.MultipleChoiceField(
        label=_("Forced out"), required=False, help_text=_("Proposals that must stay out of the plan.")
    )

    class Meta:
        model = Scenario
        fields = [
            "portfolio",
            "name",
            "description",
            "first_month",
            "horizon",
            "annual_budget",
            "capacity_factor",
            "forced_in",
            "forced_out",
            "time_limit",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "first_month": forms.DateInput(attrs={"type": "date"}),
        }

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["portfolio"].queryset = Portfolio.objects.visible_to(user)
        projects = Project.objects.visible_to(user).order_by("code").values_list("code", "name")
        choices = [(code, f"{code} {name}") for code, name in projects]
        self.fields["forced_in"].choices = choices
        self.fields["forced_out"].choices = choices
        for name in ("forced_in", "forced_out"):
            self.fields[name].widget.attrs["size"] = 8
