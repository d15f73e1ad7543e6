"""Demo status reports: six months for each active project, written and submitted by the project manager and
approved by the PMO officer; the latest month is left submitted or not yet written, so the review queue and the
late list have something in them."""

from __future__ import annotations

import datetime as dt
import random

from django.contrib.auth import get_user_model

from pmo.progress import services
from pmo.progress.earned_value import project_evm
from pmo.progress.models import ASPECTS, StatusReport, month_start
from pmo.projects.lifecycle import Lifecycle
from pmo.projects.models import Project

NOTES = {
    "schedule": "Oplevering van werkpakket 3 loopt twee weken uit door late levering.",
    "cost": "Meerwerk bij de leverancier; de post onvoorzien is voor de helft gebruikt.",
    "scope": "Stuurgroep vraagt een extra koppeling met het zaaksysteem.",
    "risks": "Twee nieuwe risico's met een hoge score; beheersmaatregelen lopen.",
    "resources": "Informatieanalist is langdurig ziek; vervanging wordt gezocht.",
    "overall": "Aandacht nodig: zie de toelichting per onderdeel.",
}
RANK = ["green", "amber", "red"]
DONE = [
    "Ontwerp vastgesteld in de stuurgroep.",
    "Aanbesteding gepubliceerd; nota van inlichtingen verstuurd.",
    "Eerste werkpakket opgeleverd en getest.",
    "Bewonersavond gehouden; reacties verwerkt.",
    "Koppeling met het zaaksysteem in de testomgeving.",
]


def _months(today: dt.date, n: int) -> list[dt.date]:
    months, month = [], month_start(today)
    for _i in range(n):
        month = month_start(month - dt.timedelta(days=1))
        months.append(month)
    return months[::-1]


def _as_it_was(report: StatusReport, pace: float) -> None:
    """The demo loads its history in one go, so the facts a report gathers describe today. Give each report the
    earned value it would have shown at the end of its month: the baseline's planned share of work at `pace`."""
    if "work_done" not in report.facts.get("work", {}):
        return  # no schedule: no earned value, then or now
    end = report.period_end
    planned = project_evm(report.project, end)
    if not planned.bac or planned.pv is None:
        return
    done = min(1.0, planned.pv / planned.bac * pace)
    facts = {**report.facts, "work": {**report.facts.get("work", {}), "work_done": round(done, 6)}}
    facts["evm"] = project_evm(report.project, end, work_done=done).as_facts()
    StatusReport.objects.filter(pk=report.pk).update(facts=facts)


def load_reports(admin, today: dt.date | None = None) -> int:
    today = today or dt.date.today()
    reviewer = get_user_model().objects.filter(username="pmo").first() or admin
    made = 0
    for project in (
        Project.objects.filter(lifecycle=Lifecycle.ACTIVE).select_related("manager").order_by("code")
    ):
        if StatusReport.objects.filter(project=project).exists():
            continue
        rng = random.Random(project.code + "rag")
        author = project.manager if project.manager and project.manager.is_active else admin
        months = _months(today, 6)
        if rng.random() < 0.3:
            months = months[:-1]  # last month not written yet: a late report
        level = 0  # 0 green … 2 red, drifting month by month
        pace = rng.uniform(0.85, 1.02)  # work done against the baseline
        for k, period in enumerate(months):
            level = max(0, min(2, level + rng.choice([-1, 0, 0, 1])))
            report = services.create_report(project, acting_user=author, period=period)
            slip = max(
                (m["slip_days"] or 0 for m in report.facts.get("milestones", {}).get("slipped", [])),
                default=0,
            )
            fields = {"accomplishments": rng.choice(DONE), "next_period": rng.choice(DONE)}
            for key, _label in ASPECTS:
                fields[key] = RANK[max(0, min(2, level + rng.choice([-1, 0, 0, 0, 1])))]
            if slip:  # the schedule's own facts decide its colour at least this far
                fields["schedule"] = max(fields["schedule"], "amber" if slip < 20 else "red", key=RANK.index)
            worst = max((fields[key] for key, _label in ASPECTS), key=RANK.index)
            fields["overall"] = worst
            for key in [k for k, _label in ASPECTS] + ["overall"]:
                fields[f"{key}_note"] = NOTES[key] if fields[key] != "green" else ""
            report = services.update_report(report, acting_user=author, **fields)
            report = services.submit(report, acting_user=author)
            if k < len(months) - 1 or rng.random() < 0.5:
                report = services.approve(report, acting_user=reviewer if reviewer != author else admin)
            _as_it_was(report, pace)
            made += 1
    return made
