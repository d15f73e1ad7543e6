from __future__ import annotations

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from pmo.projects.models import Project

from .models import Format, Scope


class PackForm(forms.Form):
    scope = forms.ChoiceField(label=_("Report"), choices=Scope.choices, initial=Scope.PORTFOLIO)
    project = forms.ModelChoiceField(label=_("Project"), queryset=Project.objects.none(), required=False)
    format = forms.ChoiceField(label=_("Format"), choices=Format.choices, initial=Format.PPTX)
    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["project"].queryset = Project.objects.visible_to(user).order_by("code")
