"""Forms for portfolios, programmes, projects and teams; they only validate input, services do the writing."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from .lifecycle import Lifecycle, allowed_next
from .models import Portfolio, Programme, ProgrammeRole, Project, ProjectRole


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


def people():
    """The active people, by name: whom a form offers as manager, sponsor, owner or team member."""
    return get_user_model().objects.filter(is_active=True).order_by("first_name", "last_name", "username")


class ServiceModelForm(forms.ModelForm):
    """A model form that only checks the input: uniqueness and the model's rules are checked by the service, in the
    transaction that saves (its refusals become form errors). `user` is the person filling it in (the views pass it),
    for forms that offer only what that person may choose."""

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def _post_clean(self) -> None:
        pass


class VersionedForm(ServiceModelForm):
    """Carries the version the user started from, so a stale save is refused instead of overwriting."""

    version = forms.IntegerField(
        widget=forms.HiddenInput,
        required=False,
        error_messages={
            "required": _("This form is out of date: reload the page and make your change again.")
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["version"].required = bool(self.instance.pk)  # an edit must say which version it changes

    def service_data(self) -> dict:
        return {name: self.cleaned_data[name] for name in self._meta.fields}


class ProjectForm(VersionedForm):
    class Meta:
        model = Project
        fields = [
            "code",
            "name",
            "description",
            "portfolio",
            "programme",
            "manager",
            "sponsor",
            "planned_start",
            "planned_finish",
            "budget",
        ]
        widgets = {
            "planned_start": DateInput(),
            "planned_finish": DateInput(),
            "description": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["portfolio"].queryset = Portfolio.objects.visible_to(user)
        self.fields["programme"].queryset = Programme.objects.visible_to(user)
        self.fields["manager"].queryset = people()
        self.fields["sponsor"].queryset = people()
        if self.fields["portfolio"].queryset.count() == 1 and not self.initial.get("portfolio"):
            self.initial["portfolio"] = self.fields["portfolio"].queryset.first()


class ProgrammeForm(VersionedForm):
    class Meta:
        model = Programme
        fields = ["portfolio", "code", "name", "description", "manager", "sponsor"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["portfolio"].queryset = Portfolio.objects.visible_to(user)
        self.fields["manager"].queryset = people()
        self.fields["sponsor"].queryset = people()


class TransitionForm(forms.Form):
    to = forms.ChoiceField(label=_("New state"))
    reason = forms.CharField(label=_("Reason"), required=False, max_length=500)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, project: Project, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to"].choices = [(s, Lifecycle(s).label) for s in allowed_next(project.lifecycle)]


class MemberForm(forms.Form):
    user = forms.ModelChoiceField(label=_("Person"), queryset=get_user_model().objects.none())
    role = forms.ChoiceField(
        label=_("Role"),
        choices=[
            (ProjectRole.TEAM_MEMBER, ProjectRole.TEAM_MEMBER.label),
            (ProjectRole.PMO_OFFICER, ProjectRole.PMO_OFFICER.label),
        ],
        initial=ProjectRole.TEAM_MEMBER,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = people()


class PortfolioForm(VersionedForm):
    class Meta:
        model = Portfolio
        fields = ["name", "description", "owner"]
        widgets = {"description": forms.Textarea(attrs={"rows": 5})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = people()


class ProgrammeMemberForm(forms.Form):
    user = forms.ModelChoiceField(label=_("Person"), queryset=get_user_model().objects.none())
    role = forms.ChoiceField(
        label=_("Role"), choices=ProgrammeRole.choices, initial=ProgrammeRole.PMO_OFFICER
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = people()
