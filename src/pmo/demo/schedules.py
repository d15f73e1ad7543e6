"""Demo schedules: a realistic Dutch municipal project plan for several active projects, with a baseline, a few
slipped tasks and progress up to today. Built through the schedule services; skipped where a schedule exists."""

from __future__ import annotations

import datetime as dt
import itertools
import random
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import numpy as np

from pmo.engine.schedule import Activity, Calendar, Link, Network, cpm
from pmo.projects.models import Project
from pmo.schedule import services
from pmo.schedule.exchange import import_schedule
from pmo.schedule.models import Schedule, Task
from pmo.schedule.services import LinkSpec, TaskSpec

#: Projects whose plan comes from an MS Project (MSPDI) file in `plans/`, as PMOs usually receive them.
IMPORTED = {"DD-04": "mijnrivierstad.xml"}
PLANS = Path(__file__).parent / "plans"

#: Projects that get a generated plan, and how many work packages their realisation has.
PROJECTS = {"DD-02": 10, "BV-01": 6, "ET-03": 8, "WR-02": 14, "ET-01": 18}

PHASES = [
    (
        "Initiatie",
        ["Projectopdracht opstellen", "Stakeholderanalyse", "Business case", "Projectteam samenstellen"],
    ),
    (
        "Definitie",
        ["Eisen en wensen inventariseren", "Marktverkenning", "Programma van eisen", "Risicoanalyse"],
    ),
    (
        "Ontwerp",
        ["Voorlopig ontwerp", "Participatie bewoners en partners", "Definitief ontwerp", "Kostenraming"],
    ),
    (
        "Aanbesteding",
        [
            "Aanbestedingsdocumenten",
            "Publicatie en nota van inlichtingen",
            "Beoordeling inschrijvingen",
            "Gunning",
        ],
    ),
    ("Realisatie", []),
    (
        "Implementatie",
        ["Opleiding medewerkers", "Overdracht aan beheerorganisatie", "Communicatie naar inwoners"],
    ),
    ("Nazorg", ["Evaluatie met stuurgroep", "Lessons learned vastleggen"]),
]
GATES = {
    "Initiatie": "Beslismoment: start definitiefase",
    "Definitie": "Beslismoment: PvE vastgesteld",
    "Ontwerp": "Beslismoment: ontwerp vastgesteld",
    "Aanbesteding": "Beslismoment: gunning",
    "Realisatie": "Oplevering",
    "Implementatie": "Livegang",
    "Nazorg": "Decharge projectleider",
}
PACKAGE_STEPS = ["voorbereiding", "uitvoering", "oplevering"]


def plan_for(code: str, packages: int) -> tuple[list[TaskSpec], list[LinkSpec]]:
    """A phased plan: each phase's tasks partly in sequence, partly in parallel, ending in a milestone (gate)."""
    rng = random.Random(code)
    tasks: list[TaskSpec] = []
    links: list[LinkSpec] = []
    previous_gate = None
    for p, (phase, names) in enumerate(PHASES, start=1):
        tasks.append(TaskSpec(key=f"P{p}", name=phase, wbs=str(p)))
        if phase == "Realisatie":
            chains = []
            for k in range(1, packages + 1):
                package = f"P{p}.{k}"
                tasks.append(TaskSpec(key=package, name=f"Werkpakket {k}", wbs=f"{p}.{k}", parent=f"P{p}"))
                chain = [f"{package}.{s}" for s in range(1, len(PACKAGE_STEPS) + 1)]
                for s, (key, step) in enumerate(zip(chain, PACKAGE_STEPS, strict=True), start=1):
                    name = f"Werkpakket {k}: {step}"
                    tasks.append(_task(key, name, f"{p}.{k}.{s}", package, rng.randint(5, 25), rng, 0.8, 1.6))
                links += [LinkSpec(a, b) for a, b in itertools.pairwise(chain)]
                chains.append(chain)
            starts, ends = [c[0] for c in chains], [c[-1] for c in chains]
            # packages start in waves, one to three weeks after the previous one starts
            links += [LinkSpec(a, b, "SS", rng.choice([5, 10, 15])) for a, b in itertools.pairwise(starts)]
            gate_wbs = f"{p}.{packages + 1}"
        else:
            keys = [f"P{p}.{s}" for s in range(1, len(names) + 1)]
            for s, (key, name) in enumerate(zip(keys, names, strict=True), start=1):
                tasks.append(_task(key, name, f"{p}.{s}", f"P{p}", rng.randint(3, 20), rng, 0.9, 1.4))
            starts, ends = keys[:1] + keys[1::2], keys
            links += [LinkSpec(a, b) for a, b in zip(keys[::2], keys[1::2], strict=False)]
            links += [LinkSpec(a, b, "SS", 3) for a, b in zip(keys[1::2], keys[2::2], strict=False)]
            gate_wbs = f"{p}.{len(names) + 1}"
        gate = f"G{p}"
        tasks.append(
            TaskSpec(key=gate, name=GATES[phase], wbs=gate_wbs, parent=f"P{p}", milestone=True, duration=0)
        )
        if previous_gate is not None:
            links += [LinkSpec(previous_gate, start) for start in starts]
        links += [LinkSpec(end, gate) for end in ends]
        previous_gate = gate
    return tasks, _unique(links)


def _task(key, name, wbs, parent, duration, rng, low, high) -> TaskSpec:
    return TaskSpec(
        key=key,
        name=name,
        wbs=wbs,
        parent=parent,
        duration=duration,
        optimistic=Decimal(str(round(duration * low, 1))),
        pessimistic=Decimal(str(round(duration * rng.uniform(1.1, high), 1))),
    )


def fitted(
    tasks: list[TaskSpec], links: list[LinkSpec], start: dt.date, finish: dt.date | None
) -> list[TaskSpec]:
    """Durations stretched (or shrunk) so the critical path fills about 85% of the project's planned span."""
    if finish is None or finish <= start:
        return tasks
    parents = {t.parent for t in tasks}
    target = 0.85 * Calendar(start=start).working_days_between(start, finish)

    def scaled(factor: float) -> list[TaskSpec]:
        def days(value):
            return None if value is None else Decimal(str(round(float(value) * factor, 1)))

        return [
            t
            if t.key in parents or t.milestone
            else replace(
                t,
                duration=max(1, round(t.duration * factor)),
                optimistic=days(t.optimistic),
                pessimistic=days(t.pessimistic),
            )
            for t in tasks
        ]

    def length(plan: list[TaskSpec]) -> int:
        network, _index = Network.build(
            [Activity(t.key, t.duration) for t in plan if t.key not in parents],
            [Link(link.predecessor, link.successor, link.type, link.lag) for link in links],
        )
        return cpm(network).project_duration

    factor, plan = 1.0, tasks
    for _round in range(3):  # lags do not stretch, so a few rounds to converge
        factor *= target / max(length(plan), 1)
        plan = scaled(factor)
    return plan


def _unique(links: list[LinkSpec]) -> list[LinkSpec]:
    seen, result = set(), []
    for link in links:
        if (link.predecessor, link.successor) not in seen and link.predecessor != link.successor:
            seen.add((link.predecessor, link.successor))
            result.append(link)
    return result


def load_schedules(admin, today: dt.date | None = None) -> int:
    """Create the demo schedules that are missing; returns how many tasks were made."""
    today = today or dt.date.today()
    made = 0
    for code, file in IMPORTED.items():
        project = Project.objects.filter(code=code).first()
        if project is None or Schedule.objects.filter(project=project).exists():
            continue
        result = import_schedule(project, PLANS / file, acting_user=admin)
        services.save_baseline(result.schedule, acting_user=admin, name="Planning uit MS Project")
        _progress(result.schedule, admin, today)
        made += result.tasks
    for code, packages in PROJECTS.items():
        project = Project.objects.filter(code=code).first()
        if project is None or Schedule.objects.filter(project=project).exists():
            continue
        schedule = services.create_schedule(project, acting_user=admin, start=project.planned_start or today)
        tasks, links = plan_for(code, packages)
        tasks = fitted(tasks, links, schedule.start, project.planned_finish)
        by_key = services.add_plan(schedule, acting_user=admin, tasks=tasks, links=links)
        services.save_baseline(
            schedule, acting_user=admin, name="Vastgestelde planning", taken_on=schedule.start
        )
        rng = random.Random(code + "slip")
        leaves = [t for t in by_key.values() if not t.milestone and not t.children.exists()]
        slipping = rng.sample(leaves, k=max(2, len(leaves) // 12))  # reality: some tasks take longer
        for round_, taken_on in enumerate(_report_dates(schedule.start, today)):
            for task in slipping[round_::2]:
                services.update_task(task, acting_user=admin, duration=task.duration + rng.randint(3, 12))
            services.save_baseline(
                schedule, acting_user=admin, name=f"Voortgangsrapportage {taken_on:%m-%Y}", taken_on=taken_on
            )
        _progress(schedule, admin, today)
        made += len(by_key)
    return made


def _report_dates(start: dt.date, today: dt.date) -> list[dt.date]:
    """Two progress reports between the start and today (none when the project has not started yet)."""
    if today <= start:
        return []
    span = (today - start).days
    return [start + dt.timedelta(days=span // 3), start + dt.timedelta(days=2 * span // 3)]


def _progress(schedule: Schedule, admin, today: dt.date) -> None:
    progress = {}
    for task in Task.objects.filter(schedule=schedule, is_summary=False):
        if task.early_finish and task.early_finish < today:
            progress[task] = (100, task.early_start, task.early_finish)
        elif task.early_start and task.early_start <= today and task.duration:
            done = np.busday_count(task.early_start, today) / task.duration
            progress[task] = (int(min(95, max(5, 100 * done))), task.early_start, None)
    if progress:
        services.record_progress(schedule, acting_user=admin, status_date=today, progress=progress)
