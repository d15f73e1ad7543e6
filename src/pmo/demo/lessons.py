"""Demo lessons learned: the register of Rivierstad's Centre of Excellence (pmo.demo.lessons_data), collected by the
CoE lead from the projects' evaluations over the last three years, with some
"was this useful?" answers on the suggestions the running projects get."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model

from pmo.coe import lessons as search
from pmo.coe.models import Context, Lesson
from pmo.coe.services_lessons import give_feedback, record_lesson
from pmo.projects.lifecycle import Lifecycle
from pmo.projects.models import Project

from .lessons_data import LESSONS

FIRST_DAY = dt.date(2023, 11, 1)


def load_lessons(admin) -> int:
    """Record the demo lessons unless the register has them; returns how many it recorded."""
    if Lesson.objects.exists():
        return 0
    coe = get_user_model().objects.filter(username="coe").first() or admin
    projects = {p.code: p for p in Project.objects.all()}
    for n, fields in enumerate(LESSONS):
        project = projects.get(fields["project"])
        record_lesson(
            acting_user=coe,
            title=fields["title"],
            what_happened=fields["what_happened"],
            cause=fields["cause"],
            recommendation=fields["recommendation"],
            category=fields["category"],
            phase=fields["phase"],
            tags=", ".join(fields["tags"]),
            kind=fields["kind"],
            project=project,
            recorded_on=FIRST_DAY + dt.timedelta(days=(n * 1061) % 1090),
        )
    _feedback()
    return len(LESSONS)


def _feedback() -> None:
    """The managers of a few running projects say whether the first suggestions were useful to them."""
    running = Project.objects.filter(lifecycle=Lifecycle.ACTIVE, manager__isnull=False).order_by("code")[:6]
    for i, project in enumerate(running):
        for j, found in enumerate(search.for_project(project, limit=3)):
            useful = (i + j) % 4 != 3
            give_feedback(
                found.lesson,
                acting_user=project.manager,
                useful=useful,
                context=Context.PROJECT,
                project=project,
            )
