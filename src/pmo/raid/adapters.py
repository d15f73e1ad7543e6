"""RAID risks as drivers of the schedule's Monte Carlo analysis: an open risk that delays tasks occurs with the chance
of its probability level and stretches those tasks by its extra-duration range."""

from __future__ import annotations

from pmo.schedule.risk import ExternalDriver

from .models import Risk, RiskStatus, ScaleKind, ScaleLevel


def schedule_drivers(schedule) -> list[ExternalDriver]:
    chance = dict(
        ScaleLevel.objects.filter(kind=ScaleKind.PROBABILITY, probability__isnull=False).values_list(
            "level", "probability"
        )
    )
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
