"""Forms of the template library: a new template with its first file, a new version, and picking a template to
start a project document from."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from pmo.projects.forms import ServiceModelForm, VersionedForm

from .models import DeliverableType, DocumentTemplate

FILE_HELP = _("PDF, Office or OpenDocument, text, Markdown, CSV, PNG or JPEG.")


class DeliverableTypeChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: DeliverableType) -> str:
        version = obj.phase.method_version
        return f"{version.method.name} v{version.number} · {obj.phase.name} · {obj.name}"


def deliverable_types():
    return DeliverableType.objects.select_related("phase__method_version__method").order_by(
        "phase__method_version__method__name", "-phase__method_version__number", "phase__position", "name"
    )


class TemplateForm(ServiceModelForm):
    deliverable_types = DeliverableTypeChoice(
        label=_("For deliverables"),
        queryset=DeliverableType.objects.none(),
        required=False,
        help_text=_("The deliverables of the methods this template is meant for."),
    )
    file = forms.FileField(label=_("File"), help_text=FILE_HELP)
    notes = forms.CharField(label=_("Notes on this version"), required=False)

    class Meta:
        model = DocumentTemplate
        fields = ["name", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["deliverable_types"].queryset = deliverable_types()
        self.fields["deliverable_types"].widget.attrs["size"] = 8

    def service_data(self) -> dict:
        return {
            name: self.cleaned_data[name]
            for name in ("name", "description", "deliverable_types", "file", "notes")
        }


class VersionForm(forms.Form):
    file = forms.FileField(label=_("File"), help_text=FILE_HELP)
    notes = forms.CharField(label=_("What changed"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class UseTemplateForm(forms.Form):
    template = forms.ModelChoiceField(label=_("Template"), queryset=DocumentTemplate.objects.all())


class TemplateEditForm(VersionedForm):
    deliverable_types = DeliverableTypeChoice(
        label=_("For deliverables"), queryset=DeliverableType.objects.none(), required=False
    )

    class Meta:
        model = DocumentTemplate
        fields = ["name", "description", "deliverable_types"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["deliverable_types"].queryset = deliverable_types()
        self.fields["deliverable_types"].widget.attrs["size"] = 8
