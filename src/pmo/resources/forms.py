"""Forms for roles, people, leave and demand; the services validate and write."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from pmo.projects.forms import VersionedForm, people

from .models import Commitment, Person, ResourceRole

MONTH = {
    "widget": forms.DateInput(attrs={"type": "month"}, format="%Y-%m"),
    "input_formats": ["%Y-%m", "%Y-%m-%d"],
}
DAY = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class RoleForm(VersionedForm):
    class Meta:
        model = ResourceRole
        fields = ["name", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}


class PersonForm(VersionedForm):
    class Meta:
        model = Person
        fields = ["name", "role", "team", "fte", "run_the_business", "start_date", "end_date", "user"]
        widgets = {"start_date": DAY, "end_date": DAY}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = people()
        for name in ("fte", "run_the_business"):  # the service names the person in its refusal
            self.fields[name].validators = []
            self.fields[name].widget.attrs.pop("min", None)
            self.fields[name].widget.attrs.pop("max", None)


class LeaveForm(forms.Form):
    start = forms.DateField(label=_("From"), widget=DAY)
    end = forms.DateField(label=_("Until"), widget=DAY)
    description = forms.CharField(label=_("Description"), required=False, max_length=120)


class DemandForm(forms.Form):
    role = forms.ModelChoiceField(
        label=_("Role"),
        queryset=ResourceRole.objects.all(),
        required=False,
        empty_label=_("Role of the person"),
    )
    person = forms.ModelChoiceField(
        label=_("Person"), queryset=Person.objects.all(), required=False, empty_label=_("Anyone in the role")
    )
    first = forms.DateField(label=_("From month"), **MONTH)
    last = forms.DateField(label=_("Until month"), **MONTH)
    amount = forms.DecimalField(
        label=_("Amount"), max_digits=7, decimal_places=2, help_text=_("0 removes it.")
    )
    unit = forms.ChoiceField(label=_("Unit"), choices=[("fte", _("FTE")), ("hours", _("hours per month"))])
    commitment = forms.ChoiceField(
        label=_("Commitment"),
        required=False,
        choices=[("", _("By project state")), *Commitment.choices],
    )
