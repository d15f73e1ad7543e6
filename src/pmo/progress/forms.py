"""Forms for status reports; the services validate and write."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from pmo.projects.forms import VersionedForm

from .models import ASPECTS, Rag, StatusReport

NOTE = {"rows": 2}


class ReportForm(VersionedForm):
    class Meta:
        model = StatusReport
        fields = [
            "overall",
            "overall_note",
            *[name for key, _label in ASPECTS for name in (key, f"{key}_note")],
            "accomplishments",
            "next_period",
            "escalations",
            "help_needed",
        ]
        widgets = {
            **{
                name: forms.RadioSelect(choices=Rag.choices)
                for name in ["overall", *[key for key, _label in ASPECTS]]
            },
            **{
                name: forms.Textarea(attrs=NOTE)
                for name in ["overall_note", *[f"{key}_note" for key, _label in ASPECTS]]
            },
            "accomplishments": forms.Textarea(attrs={"rows": 4}),
            "next_period": forms.Textarea(attrs={"rows": 4}),
            "escalations": forms.Textarea(attrs=NOTE),
            "help_needed": forms.Textarea(attrs=NOTE),
        }


class NewReportForm(forms.Form):
    period = forms.DateField(
        label=_("Month"),
        widget=forms.DateInput(attrs={"type": "month"}, format="%Y-%m"),
        input_formats=["%Y-%m"],
    )


class ReviewForm(forms.Form):
    comment = forms.CharField(
        label=_("Comment"), required=False, max_length=2000, widget=forms.Textarea(NOTE)
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class CostForm(forms.Form):
    month = forms.DateField(
        label=_("Month"),
        widget=forms.DateInput(attrs={"type": "month"}, format="%Y-%m"),
        input_formats=["%Y-%m"],
    )
    budget = forms.DecimalField(
        label=_("Budgeted cost"), required=False, min_value=0, max_digits=14, decimal_places=2
    )
    actual = forms.DecimalField(
        label=_("Actual cost"), required=False, min_value=0, max_digits=14, decimal_places=2
    )


class CostImportForm(forms.Form):
    file = forms.FileField(
        label=_("Actual costs (CSV or Excel)"),
        help_text=_("Columns: month (2026-03), actual and optionally budget; at most 5 MB."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > 5 * 1024 * 1024:
            raise forms.ValidationError(_("The file is larger than 5 MB."))
        return upload
