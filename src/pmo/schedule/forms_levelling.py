"""Forms for a schedule's resources, assignments and levelling; the services validate and write."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import ScheduleResource, Task


class ResourceForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=255)
    max_units = forms.DecimalField(
        label=_("Maximum units"),
        max_digits=8,
        decimal_places=2,
        initial=1,
        help_text=_("1 is one full-time person."),
    )


class MaxUnitsForm(forms.Form):
    max_units = forms.DecimalField(label=_("Maximum units"), max_digits=8, decimal_places=2)
    version = forms.IntegerField(widget=forms.HiddenInput)


class AssignmentForm(forms.Form):
    task = forms.ModelChoiceField(label=_("Task"), queryset=Task.objects.none())
    resource = forms.ModelChoiceField(label=_("Resource"), queryset=ScheduleResource.objects.none())
    units = forms.DecimalField(label=_("Units"), max_digits=8, decimal_places=2, initial=1)

    def __init__(self, *args, schedule, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["task"].queryset = schedule.tasks.filter(is_summary=False).order_by("position", "pk")
        self.fields["resource"].queryset = schedule.resources.order_by("name")


class LevelForm(forms.Form):
    method = forms.ChoiceField(
        label=_("Method"),
        choices=[
            ("quick", _("Quick: priority rules (instant)")),
            ("exact", _("Best: exact solver (proves the shortest plan)")),
        ],
        initial="quick",
        widget=forms.RadioSelect,
    )
    time_limit = forms.FloatField(
        label=_("Time limit (seconds)"),
        min_value=0.5,
        max_value=30,
        initial=5,
        help_text=_("For the exact solver."),
    )
