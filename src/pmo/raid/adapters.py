"""RAID risks as input elsewhere: drivers of the schedule's Monte Carlo analysis (an open risk that delays tasks
occurs with the chance of its probability level and stretches those tasks by its extra-duration range), and the
chance that a project succeeds, for the portfolio's risk-adjusted value."""

from __future__ import annotations

from pmo.schedule.risk import ExternalDriver

from .models import Risk, RiskStatus, ScaleKind, ScaleLevel

#: From this impact level (4: high, 5: very high) a risk that strikes is taken to defeat the project's benefits.
HIGH_IMPACT = 4


def chances() -> dict[int, int]:
    """Probability level → its chance in percent, as set on the risk scale."""
    return dict(
        ScaleLevel.objects.filter(kind=ScaleKind.PROBABILITY, probability__isnull=False).values_list(
            "level", "probability"
        )
    )


def success_probabilities(projects) -> dict[int, float]:
    """Per project: the chance that none of its open high-impact risks strikes (risks taken as independent);
    projects without such risks are not listed (their chance is 1)."""
    chance = chances()
    out: dict[int, float] = {}
    for project_id, level in Risk.objects.filter(
        project__in=projects, status=RiskStatus.OPEN, impact__gte=HIGH_IMPACT
    ).values_list("project_id", "probability"):
        out[project_id] = out.get(project_id, 1.0) * (1 - chance.get(level, 0) / 100)
    return out


def schedule_drivers(schedule) -> list[ExternalDriver]:
    chance = chances()
    risks = Risk.objects.filter(
        project_id=schedule.project_id,
        status=RiskStatus.OPEN,
        delay_likely__isnull=False,
        tasks__isnull=False,
    ).distinct()
    return [
        ExternalDriver(
            name=str(risk),
            probability=chance.get(risk.probability, 0) / 100,
            task_ids=tuple(risk.tasks.values_list("pk", flat=True)),
            impact=tuple(1 + p / 100 for p in (risk.delay_low, risk.delay_likely, risk.delay_high)),
        )
        for risk in risks
    ]
