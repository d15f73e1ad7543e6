"""Forms for schedules, tasks and links; the services validate and write."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from pmo.projects.forms import DateInput, ServiceModelForm, VersionedForm

from .models import LinkType, RiskDriver, RiskRun, Schedule, Task


class ScheduleForm(ServiceModelForm):
    class Meta:
        model = Schedule
        fields = ["start", "working_weekdays", "dutch_holidays"]
        widgets = {"start": DateInput()}


class TaskForm(VersionedForm):
    class Meta:
        model = Task
        fields = [
            "name",
            "parent",
            "duration",
            "milestone",
            "optimistic",
            "pessimistic",
            "percent_complete",
            "actual_start",
            "actual_finish",
            "constraint_type",
            "constraint_date",
            "notes",
        ]
        widgets = {
            "actual_start": DateInput(),
            "actual_finish": DateInput(),
            "constraint_date": DateInput(),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, schedule: Schedule, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        choices = schedule.tasks.order_by("position", "pk")
        if self.instance.pk:
            choices = choices.exclude(pk=self.instance.pk)
        self.fields["parent"].queryset = choices


class LinkForm(forms.Form):
    predecessor = forms.ModelChoiceField(label=_("Predecessor"), queryset=Task.objects.none())
    successor = forms.ModelChoiceField(label=_("Successor"), queryset=Task.objects.none())
    type = forms.ChoiceField(label=_("Type"), choices=LinkType.choices, initial=LinkType.FS)
    lag = forms.IntegerField(label=_("Lag (working days)"), initial=0, min_value=-9999, max_value=9999)

    def __init__(self, *args, schedule: Schedule, **kwargs):
        super().__init__(*args, **kwargs)
        tasks = schedule.tasks.order_by("position", "pk")
        self.fields["predecessor"].queryset = tasks
        self.fields["successor"].queryset = tasks


class BaselineForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=120, required=False)


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("MS Project file (XML)"),
        help_text=_("Save the plan in MS Project as 'XML format (*.xml)'; at most 20 MB."),
    )

    def clean_file(self):
        from .exchange import MAX_UPLOAD

        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD:
            raise forms.ValidationError(_("The file is larger than 20 MB."))
        return upload


class RiskDriverForm(ServiceModelForm):
    tasks = forms.ModelMultipleChoiceField(label=_("Tasks"), queryset=Task.objects.none())

    class Meta:
        model = RiskDriver
        fields = ["name", "probability", "impact_low", "impact_likely", "impact_high", "tasks"]

    def __init__(self, *args, schedule: Schedule, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tasks"].queryset = schedule.tasks.order_by("position", "pk")
        self.fields["tasks"].widget.attrs["size"] = 8


class RiskRunForm(ServiceModelForm):
    class Meta:
        model = RiskRun
        fields = ["iterations", "seed", "distribution", "latin_hypercube"]
