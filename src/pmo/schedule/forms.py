"""Forms for schedules, tasks and links; the services validate and write."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from pmo.projects.forms import DateInput, ServiceModelForm, VersionedForm

from .models import LinkType, NonWorkingDay, RiskDriver, RiskRun, Schedule, Task


class ScheduleForm(ServiceModelForm):
    class Meta:
        model = Schedule
        fields = ["start", "working_weekdays", "dutch_holidays"]
        widgets = {"start": DateInput()}


class WeekdaysWidget(forms.CheckboxSelectMultiple):
    """The seven-digit working-week code ("1111100") as seven checkboxes, Monday first."""

    def format_value(self, value):
        if isinstance(value, str):
            return [str(i) for i, c in enumerate(value) if c == "1"]
        return super().format_value(value)

    def value_from_datadict(self, data, files, name):
        chosen = set(super().value_from_datadict(data, files, name) or [])
        return "".join("1" if str(i) in chosen else "0" for i in range(7))


WEEKDAYS = [
    (str(i), day)
    for i, day in enumerate(
        [_("Monday"), _("Tuesday"), _("Wednesday"), _("Thursday"), _("Friday"), _("Saturday"), _("Sunday")]
    )
]


class ScheduleSettingsForm(VersionedForm):
    class Meta:
        model = Schedule
        fields = ["start", "status_date", "working_weekdays", "dutch_holidays"]
        widgets = {
            "start": DateInput(),
            "status_date": DateInput(),
            "working_weekdays": WeekdaysWidget(choices=WEEKDAYS),
        }
        help_texts = {
            "status_date": _(
                "Progress is reported up to and including this day: work not done by then is planned after it."
            ),
            "working_weekdays": "",
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["working_weekdays"].widget.attrs.pop("maxlength", None)  # seven checkboxes, not a text


class NonWorkingDayForm(ServiceModelForm):
    class Meta:
        model = NonWorkingDay
        fields = ["date", "name"]
        widgets = {"date": DateInput()}


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

    def __init__(self, *args, schedule: Schedule, **kwargs):
        super().__init__(*args, **kwargs)
        choices = schedule.tasks.order_by("position", "pk")
        if self.instance.pk:
            choices = choices.exclude(pk=self.instance.pk)
        self.fields["parent"].queryset = choices
        # the "Add a task" form asks only for name, duration, parent and milestone: a new task starts at 0 %
        self.fields["percent_complete"].required = bool(self.instance.pk)

    def clean_percent_complete(self):
        value = self.cleaned_data.get("percent_complete")
        return 0 if value is None else value


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
