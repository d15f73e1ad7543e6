"""Forms for strategic objectives and project contributions."""

from __future__ import annotations

import datetime as dt
import math
import re

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from pmo.projects.forms import VersionedForm, people
from pmo.projects.models import Portfolio

from .models import Benefit, Change, Contribution, StrategicObjective


class ObjectiveForm(VersionedForm):
    class Meta:
        model = StrategicObjective
        fields = ["portfolio", "code", "title", "description", "parent"]
        widgets = {"description": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["portfolio"].queryset = Portfolio.objects.visible_to(user)
        self.fields["parent"].queryset = StrategicObjective.objects.visible_to(user)


class LinkForm(forms.Form):
    objective = forms.ModelChoiceField(
        label=_("Strategic objective"), queryset=StrategicObjective.objects.none()
    )
    contribution = forms.ChoiceField(
        label=_("Contribution"), choices=Contribution.choices, initial=Contribution.MEDIUM
    )

    def __init__(self, *args, project, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["objective"].queryset = StrategicObjective.objects.filter(
            portfolio=project.portfolio_id
        ).exclude(project_links__project=project)


_MORE = {
    9: _("extremely more important"),
    7: _("very strongly more important"),
    5: _("strongly more important"),
    3: _("moderately more important"),
}
_LESS = {
    9: _("extremely less important"),
    7: _("very strongly less important"),
    5: _("strongly less important"),
    3: _("moderately less important"),
}

#: Saaty's scale 9 … 1 … 1/9 as choices for "how does A compare with B" (the value: how much more important A is);
#: the even points lie in between the named ones.
SAATY = (
    *((str(v), format_lazy("{} · {}", v, _MORE.get(v, _("in between")))) for v in range(9, 1, -1)),
    ("1", format_lazy("1 · {}", _("equally important"))),
    *((f"1/{v}", format_lazy("1/{} · {}", v, _LESS.get(v, _("in between")))) for v in range(2, 10)),
)


def saaty_value(text: str) -> float:
    top, _slash, bottom = text.partition("/")
    return float(top) / float(bottom or 1)


def saaty_choice(value: float) -> str:
    """The scale point nearest to a kept judgement (on a log scale)."""
    return min((key for key, _label in SAATY), key=lambda k: abs(math.log(saaty_value(k)) - math.log(value)))


class PairwiseForm(forms.Form):
    """One question per pair of drivers: how important is the first compared with the second?"""

    def __init__(self, *args, drivers, kept=None, **kwargs):
        super().__init__(*args, **kwargs)
        kept = kept or {}
        self.pairs = {}
        for i, first in enumerate(drivers):
            for second in drivers[i + 1 :]:
                name = f"pair_{first.pk}_{second.pk}"
                value = kept.get((first.pk, second.pk)) or (
                    1 / kept[(second.pk, first.pk)] if (second.pk, first.pk) in kept else 1.0
                )
                self.fields[name] = forms.ChoiceField(
                    label=_("%(first)s compared with %(second)s")
                    % {"first": first.code, "second": second.code},
                    choices=SAATY,
                    initial=saaty_choice(value),
                )
                self.pairs[name] = (first, second)

    def judgements(self) -> dict[tuple[int, int], float]:
        return {
            (first.pk, second.pk): saaty_value(self.cleaned_data[name])
            for name, (first, second) in self.pairs.items()
        }


class DirectWeightsForm(forms.Form):
    def __init__(self, *args, drivers, **kwargs):
        super().__init__(*args, **kwargs)
        self.drivers = drivers
        for d in drivers:
            self.fields[f"weight_{d.pk}"] = forms.DecimalField(
                label=f"{d.code} {d.title}",
                min_value=0,
                max_value=1000,
                decimal_places=2,
                initial=round(100 * d.weight, 1) if d.weight is not None else None,
            )

    def weights(self) -> dict[int, float]:
        return {d.pk: float(self.cleaned_data[f"weight_{d.pk}"]) for d in self.drivers}


class BenefitForm(VersionedForm):
    class Meta:
        model = Benefit
        fields = [
            "portfolio",
            "code",
            "title",
            "description",
            "owner",
            "kind",
            "measure",
            "unit",
            "baseline",
            "target",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["portfolio"].queryset = Portfolio.objects.visible_to(user)
        self.fields["owner"].queryset = people()


class ChangeForm(VersionedForm):
    class Meta:
        model = Change
        fields = ["portfolio", "code", "title", "kind", "description", "owner"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        self.fields["portfolio"].queryset = Portfolio.objects.visible_to(user)
        self.fields["owner"].queryset = people()


MONTH = {
    "widget": forms.DateInput(attrs={"type": "month"}, format="%Y-%m"),
    "input_formats": ["%Y-%m", "%Y-%m-%d"],
}


def parse_number(text: str) -> float:
    """A number as people type or paste it: 1234.5, 1234,5, 1.234,5 or 1,234.5 (the last separator is the
    decimal one); raises ValueError."""
    text = text.strip().replace(" ", "").replace("\u00a0", "").replace("€", "")
    if "," in text and "." in text:
        decimal = "," if text.rfind(",") > text.rfind(".") else "."
        text = text.replace("." if decimal == "," else ",", "").replace(decimal, ".")
    else:
        text = text.replace(",", ".")
    value = float(text)
    if not math.isfinite(value):
        raise ValueError(text)
    return value


def parse_month(text: str) -> dt.date:
    """2027-03, 03/2027 or 3-2027 → 1 March 2027; raises ValueError."""
    text = text.strip()
    if re.fullmatch(r"\d{4}-\d{1,2}", text):
        year, month = text.split("-")
    elif re.fullmatch(r"\d{1,2}[/-]\d{4}", text):
        month, year = re.split(r"[/-]", text)
    else:
        raise ValueError(text)
    return dt.date(int(year), int(month), 1)


class PlanForm(forms.Form):
    """The planned values as lines of “month value” (typed, or pasted from a spreadsheet)."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    plan = forms.CharField(
        label=_("Planned value per month"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 12, "spellcheck": "false"}),
        help_text=_(
            "One month per line: the month (2027-03 or 03/2027) and the planned value of the measure."
        ),
    )

    def clean_plan(self) -> dict[dt.date, float]:
        plan: dict[dt.date, float] = {}
        errors = []
        for number, line in enumerate(self.cleaned_data["plan"].splitlines(), start=1):
            if not line.strip():
                continue
            parts = re.split(r"[\t;]|\s+", line.strip(), maxsplit=1)
            try:
                month = parse_month(parts[0])
            except ValueError:
                errors.append(
                    _("Line %(n)d: “%(text)s” is not a month (write 2027-03 or 03/2027).")
                    % {"n": number, "text": parts[0]}
                )
                continue
            try:
                value = parse_number(parts[1] if len(parts) > 1 else "")
            except ValueError:
                errors.append(
                    _("Line %(n)d: “%(text)s” is not a number.")
                    % {"n": number, "text": parts[1] if len(parts) > 1 else ""}
                )
                continue
            if month in plan:
                errors.append(
                    _("Line %(n)d: %(month)s appears twice.") % {"n": number, "month": f"{month:%m/%Y}"}
                )
            plan[month] = value
        if errors:
            raise forms.ValidationError(errors)
        return plan

    @staticmethod
    def text(values) -> str:
        return "\n".join(f"{v.period:%Y-%m}\t{v.value:g}" for v in values)


class MeasurementForm(forms.Form):
    period = forms.DateField(label=_("Month"), **MONTH)
    value = forms.FloatField(label=_("Measured value"))
    note = forms.CharField(label=_("Note"), max_length=200, required=False)

    def clean_period(self) -> dt.date:
        return self.cleaned_data["period"].replace(day=1)

    def clean_value(self) -> float:
        value = self.cleaned_data["value"]
        if not math.isfinite(value):
            raise forms.ValidationError(_("Enter a finite number."))
        return value


def node_value(obj) -> str:
    """How a form names a node of the benefit map: “benefit:3”."""
    return f"{type(obj).__name__.lower()}:{obj.pk}"


class MapLinkForm(forms.Form):
    """An arrow on the benefit map, from and to nodes given as “kind:id”."""

    source = forms.ChoiceField(label=_("From"))
    target = forms.ChoiceField(label=_("To"))

    def __init__(self, *args, sources, targets, **kwargs):
        super().__init__(*args, **kwargs)
        self.objects = {}
        for name, options in (("source", sources), ("target", targets)):
            choices = []
            for obj in options:
                value = node_value(obj)
                self.objects[value] = obj
                choices.append((value, str(obj)))
            self.fields[name].choices = choices

    def pair(self):
        return self.objects[self.cleaned_data["source"]], self.objects[self.cleaned_data["target"]]
