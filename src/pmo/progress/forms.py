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
