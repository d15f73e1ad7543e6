"""The form for a document in a project's register: its details and either a file or a link."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .forms import VersionedForm, people
from .models import Document, DocumentStatus


class DocumentForm(VersionedForm):
    file = forms.FileField(
        label=_("File"),
        required=False,
        help_text=_("PDF, Office or OpenDocument, text, Markdown, CSV, PNG or JPEG. Or give a link instead."),
    )

    link = forms.URLField(
        label=_("Link"),
        required=False,
        max_length=500,
        assume_scheme="https",
        help_text=_("Where the document lives, if it is not uploaded here (http or https)."),
    )

    class Meta:
        model = Document
        fields = ["title", "kind", "revision", "owner", "status", "review_date", "link"]
        widgets = {"review_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = people()
        if self.instance.pk and self.instance.filename:
            self.fields["file"].help_text = _("Now: %(file)s. Upload a file to replace it.") % {
                "file": self.instance.filename
            }

    def service_data(self) -> dict:
        data = super().service_data()
        data["file"] = self.cleaned_data.get("file")
        return data


class DocumentFilterForm(forms.Form):
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All")), *list(DocumentStatus.choices)]
    )
    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=[("", _("All"))])
    q = forms.CharField(label=_("Search"), required=False)

    def __init__(self, *args, kinds=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("All"))] + [(k, k) for k in kinds]
