"""Forms for the method and for projects following it; they only validate input, the services write."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from pmo.projects.forms import VersionedForm, people
from pmo.projects.models import Document

from .models import (
    Answer,
    Decision,
    DeliverableStatus,
    DeliverableType,
    Method,
    MethodVersion,
    Phase,
    SizeClass,
    VersionStatus,
)


class MethodForm(VersionedForm):
    class Meta:
        model = Method
        fields = ["name", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class PhaseForm(forms.ModelForm):
    class Meta:
        model = Phase
        fields = ["name", "gate", "description", "checklist"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 2}),
            "checklist": forms.Textarea(attrs={"rows": 3}),
        }


class DeliverableTypeForm(forms.ModelForm):
    class Meta:
        model = DeliverableType
        fields = ["name", "small", "medium", "large", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 2})}


class FollowForm(forms.Form):
    version = forms.ModelChoiceField(
        label=_("Method"), queryset=MethodVersion.objects.filter(status=VersionStatus.PUBLISHED)
    )
    size = forms.ChoiceField(label=_("Size class"), choices=SizeClass.choices, initial=SizeClass.MEDIUM)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        latest = {}
        for version in MethodVersion.objects.filter(status=VersionStatus.PUBLISHED).select_related("method"):
            if version.method_id not in latest or version.number > latest[version.method_id].number:
                latest[version.method_id] = version
        self.fields["version"].queryset = MethodVersion.objects.filter(
            pk__in=[v.pk for v in latest.values()]
        ).select_related("method")


class MigrateForm(forms.Form):
    version = forms.ModelChoiceField(label=_("Version"), queryset=MethodVersion.objects.none())

    def __init__(self, *args, current: MethodVersion, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"].queryset = MethodVersion.objects.filter(
            method=current.method_id, status=VersionStatus.PUBLISHED, number__gt=current.number
        )


class DeliverableForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=DeliverableStatus.choices)
    link = forms.URLField(
        label=_("Link to the document"), required=False, max_length=500, assume_scheme="https"
    )
    # documents and templates: a document of the project's register (the service refuses another project's)
    document = forms.ModelChoiceField(
        label=_("Document"), required=False, queryset=Document.objects.defer("content")
    )
    version = forms.IntegerField(required=False, widget=forms.HiddenInput)  # of the row the user saw

    def service_data(self) -> dict:
        data = {
            "status": self.cleaned_data["status"],
            "link": self.cleaned_data["link"],
            "expected_version": self.cleaned_data["version"],
        }
        if "document" in self.data:  # a form without the field keeps the deliverable's document
            data["document"] = self.cleaned_data["document"]
        return data


class WaiverForm(forms.Form):
    reason = forms.CharField(label=_("Reason for the waiver"), widget=forms.Textarea(attrs={"rows": 2}))


class GateForm(forms.Form):
    """The gate review: the checklist's questions, who reviewed, the decision and its conditions."""

    decision = forms.ChoiceField(label=_("Decision"), choices=Decision.choices)
    reviewers = forms.ModelMultipleChoiceField(label=_("Reviewers"), queryset=people(), required=False)
    notes = forms.CharField(label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    conditions = forms.CharField(
        label=_("Conditions"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_(
            "One condition per line (for a go with conditions); each becomes an action for the project."
        ),
    )

    def __init__(self, *args, questions=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reviewers"].widget.attrs["size"] = 5
        self.questions = list(questions)
        for n, question in enumerate(self.questions):
            self.fields[f"q_{n}"] = forms.ChoiceField(
                label=question, choices=Answer.choices, initial=Answer.YES
            )
        order = [f"q_{n}" for n in range(len(self.questions))] + [
            "reviewers",
            "decision",
            "conditions",
            "notes",
        ]
        self.order_fields(order)

    def service_data(self) -> dict:
        data = {k: self.cleaned_data[k] for k in ("decision", "notes", "conditions", "reviewers")}
        data["answers"] = {q: self.cleaned_data[f"q_{n}"] for n, q in enumerate(self.questions)}
        return data
