"""Demo costs: for every active project a monthly budget (the project budget spread over its planned months, or over
the baseline where there is a schedule) and actual costs up to last month, running a little over or under."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from pmo.progress import services
from pmo.progress.earned_value import project_evm
from pmo.progress.models import CostEntry, month_start
from pmo.projects.lifecycle import Lifecycle
from pmo.projects.models import Project


def _months(first: dt.date, last: dt.date) -> list[dt.date]:
    months, month = [], month_start(first)
    while month <= last:
        months.append(month)
        month = month_start(month + dt.timedelta(days=32))
    return months


def load_costs(admin, today: dt.date | None = None) -> int:
    today = today or dt.date.today()
    made = 0
    projects = Project.objects.filter(lifecycle=Lifecycle.ACTIVE, budget__gt=0).order_by("code")
    for project in projects:
        if CostEntry.objects.filter(project=project).exists() or not project.planned_start:
            continue
        rng = random.Random(project.code + "cost")
        pace = rng.uniform(0.92, 1.25)  # actual cost against plan
        curve = project_evm(project, today).pv_curve  # from the baseline where there is one
        if curve:
            planned = {month_start(d): v for d, v in curve}
        else:
            months = _months(project.planned_start, project.planned_finish or project.planned_start)
            step = float(project.budget) / len(months)
            planned = {m: step * (k + 1) for k, m in enumerate(months)}
        previous = 0.0
        for month, cumulative in sorted(planned.items()):
            budget = Decimal(str(round(cumulative - previous, 2)))
            previous = cumulative
            actual = None
            if month < month_start(today):
                actual = Decimal(str(round(float(budget) * pace * rng.uniform(0.85, 1.15), 2)))
            services.set_cost(project, acting_user=admin, month=month, budget=budget, actual=actual)
            made += 1
    return made
