"""Forms for reviews and audits; they only validate input, the services in services_reviews write."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pmo.projects.forms import DateInput, VersionedForm, people
from pmo.projects.models import Project

from .models import Audit, AuditStatus, Finding, Opinion, Question, Questionnaire


class QuestionnaireForm(VersionedForm):
    class Meta:
        model = Questionnaire
        fields = ["name", "description", "scale_min", "scale_max", "active"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class QuestionForm(forms.ModelForm):
    class Meta:
        model = Question
        fields = ["text", "area", "weight", "help_text"]
        widgets = {"help_text": forms.Textarea(attrs={"rows": 2})}

    def _post_clean(self) -> None:  # the service checks the model's rules, in its transaction
        pass


class CopyForm(forms.Form):
    name = forms.CharField(label=_("Name of the copy"), max_length=120, required=False)


class HealthCheckForm(forms.Form):
    """The questionnaire's questions, each answered with a radio button on its scale, plus a comment."""

    date = forms.DateField(label=_("Date"), widget=DateInput())
    notes = forms.CharField(label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, questionnaire: Questionnaire, **kwargs):
        kwargs.setdefault("initial", {"date": timezone.localdate()})
        super().__init__(*args, **kwargs)
        self.questionnaire = questionnaire
        self.questions = list(questionnaire.questions.all())
        scale = [(str(v), str(v)) for v in questionnaire.scale]
        for question in self.questions:
            named = {"position": question.position, "question": question.text}
            self.fields[f"q_{question.pk}"] = forms.ChoiceField(
                label=question.text,
                choices=scale,
                widget=forms.RadioSelect,
                help_text=question.help_text,
                error_messages={
                    "required": _("Question %(position)s “%(question)s” has no answer.") % named,
                    "invalid_choice": _(
                        "Question %(position)s “%(question)s”: choose an answer from %(low)s to %(high)s."
                    )
                    % {**named, "low": questionnaire.scale_min, "high": questionnaire.scale_max},
                },
            )
            self.fields[f"c_{question.pk}"] = forms.CharField(
                label=_("Comment on question %(position)s") % named, required=False, max_length=1000
            )

    def rows(self) -> list[tuple[Question, forms.BoundField, forms.BoundField]]:
        return [(q, self[f"q_{q.pk}"], self[f"c_{q.pk}"]) for q in self.questions]

    def service_data(self) -> dict:
        return {
            "date": self.cleaned_data["date"],
            "notes": self.cleaned_data["notes"],
            "answers": {q.pk: self.cleaned_data[f"q_{q.pk}"] for q in self.questions},
            "comments": {q.pk: self.cleaned_data[f"c_{q.pk}"] for q in self.questions},
        }


class AuditForm(VersionedForm):
    """A new audit (of a project the user sees) or an open audit's plan; status only moves between planned and in
    progress here."""

    status = forms.ChoiceField(
        label=_("Status"),
        choices=[
            (AuditStatus.PLANNED, AuditStatus.PLANNED.label),
            (AuditStatus.IN_PROGRESS, AuditStatus.IN_PROGRESS.label),
        ],
        required=False,
    )

    class Meta:
        model = Audit
        fields = ["project", "title", "scope", "planned_on", "performed_on", "lead_auditor"]
        widgets = {
            "scope": forms.Textarea(attrs={"rows": 3}),
            "planned_on": DateInput(),
            "performed_on": DateInput(),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead_auditor"].queryset = people()
        if self.instance.pk:
            del self.fields["project"]
            self.fields["status"].initial = self.instance.status
        else:
            del self.fields["status"]
            self.fields["project"].queryset = Project.objects.visible_to(self.user).order_by("code")

    def service_data(self) -> dict:
        names = [n for n in (*self._meta.fields, "status") if n in self.fields]
        data = {name: self.cleaned_data[name] for name in names}
        if not data.get("status"):
            data.pop("status", None)
        return data


class FindingForm(forms.ModelForm):
    class Meta:
        model = Finding
        fields = ["description", "severity", "owner", "due", "recommendation"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 2}),
            "recommendation": forms.Textarea(attrs={"rows": 2}),
            "due": DateInput(),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = people()

    def _post_clean(self) -> None:  # the service checks the model's rules, in its transaction
        pass


class CloseAuditForm(forms.Form):
    opinion = forms.ChoiceField(label=_("Opinion"), choices=Opinion.choices)
    conclusion = forms.CharField(label=_("Conclusion"), widget=forms.Textarea(attrs={"rows": 3}))
    performed_on = forms.DateField(label=_("Performed on"), required=False, widget=DateInput())
