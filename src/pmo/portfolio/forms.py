"""Forms for portfolio scenarios."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from pmo.projects.forms import VersionedForm
from pmo.projects.models import Portfolio, Programme, Project
from pmo.strategy.models import StrategicObjective

from .models import Scenario

#: How many balance rules the form offers.
BALANCE_ROWS = 3


class ScenarioForm(VersionedForm):
    forced_in = forms.MultipleChoiceField(
        label=_("Forced in"), required=False, help_text=_("Projects that must be in the plan.")
    )
    forced_out = forms.MultipleChoiceField(
        label=_("Forced out"), required=False, help_text=_("Proposals that must stay out of the plan.")
    )

    class Meta:
        model = Scenario
        fields = [
            "portfolio",
            "name",
            "description",
            "first_month",
            "horizon",
            "annual_budget",
            "budget_period",
            "capacity_factor",
            "value_basis",
            "discount_rate",
            "forced_in",
            "forced_out",
            "time_limit",
        ]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 3}),
            "first_month": forms.DateInput(attrs={"type": "date"}),
        }

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        portfolios = Portfolio.objects.visible_to(user)
        self.fields["portfolio"].queryset = portfolios
        projects = Project.objects.visible_to(user).order_by("code").values_list("code", "name")
        choices = [(code, f"{code} {name}") for code, name in projects]
        self.fields["forced_in"].choices = choices
        self.fields["forced_out"].choices = choices
        for name in ("forced_in", "forced_out"):
            self.fields[name].widget.attrs["size"] = 8
        groups = [("", "—")]
        groups += [
            (f"programme:{code}", f"{_('Programme')} {code} {name}")
            for code, name in Programme.objects.filter(portfolio__in=portfolios)
            .order_by("code")
            .values_list("code", "name")
        ]
        groups += [
            (f"objective:{code}", f"{_('Objective')} {code} {title}")
            for code, title in StrategicObjective.objects.filter(portfolio__in=portfolios)
            .order_by("code")
            .values_list("code", "title")
        ]
        kept = list(self.instance.balance or []) if self.instance.pk else []
        for n in range(BALANCE_ROWS):
            rule = kept[n] if n < len(kept) else {}
            number = n + 1
            self.fields[f"rule_{n}_group"] = forms.ChoiceField(
                label=_("Balance rule %(n)d: projects of") % {"n": number},
                choices=groups,
                required=False,
                initial=rule.get("group", ""),
            )
            self.fields[f"rule_{n}_measure"] = forms.ChoiceField(
                label=_("share of"),
                choices=[("cost", _("cost")), ("count", _("number of projects"))],
                required=False,
                initial=rule.get("measure", "cost"),
            )
            self.fields[f"rule_{n}_min"] = forms.DecimalField(
                label=_("at least (%)"), required=False, min_value=0, max_value=100, initial=rule.get("min")
            )
            self.fields[f"rule_{n}_max"] = forms.DecimalField(
                label=_("at most (%)"), required=False, min_value=0, max_value=100, initial=rule.get("max")
            )

    def main_fields(self) -> list:
        """The visible fields but the balance rules (which the template lays out as rows)."""
        return [field for field in self.visible_fields() if not field.name.startswith("rule_")]

    def rule_rows(self) -> list[list]:
        """The balance rule fields, a row per rule (for the template)."""
        return [
            [self[f"rule_{n}_{part}"] for part in ("group", "measure", "min", "max")]
            for n in range(BALANCE_ROWS)
        ]

    def service_data(self) -> dict:
        balance = []
        for n in range(BALANCE_ROWS):
            group = self.cleaned_data.get(f"rule_{n}_group")
            if not group:
                continue
            low, high = (self.cleaned_data.get(f"rule_{n}_{k}") for k in ("min", "max"))
            balance.append(
                {
                    "group": group,
                    "measure": self.cleaned_data.get(f"rule_{n}_measure") or "cost",
                    "min": float(low) if low is not None else None,
                    "max": float(high) if high is not None else None,
                }
            )
        return {**super().service_data(), "balance": balance}
