"""Forms for strategic objectives and project contributions."""

from __future__ import annotations

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from pmo.projects.forms import VersionedForm
from pmo.projects.models import Portfolio

from .models import Contribution, StrategicObjective


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
    import math

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
