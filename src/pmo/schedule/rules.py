"""Who may change a schedule: whoever may change its project."""

import rules

from pmo.projects.rules import can_edit_project


@rules.predicate
def can_edit_schedule_of(user, obj) -> bool:
    """`obj` is a schedule, or something in one (a task, a link)."""
    if obj is None:
        return False
    schedule = obj if hasattr(obj, "project_id") else obj.schedule
    return can_edit_project(user, schedule.project)


rules.add_perm("schedule.change_schedule", can_edit_schedule_of)


@rules.predicate
def can_see_schedule(user, schedule) -> bool:
    from .models import Schedule

    return schedule is not None and Schedule.objects.visible_to(user).filter(pk=schedule.pk).exists()


# analysing risk changes no plan: everyone who sees the schedule may run it (executives included)
rules.add_perm("schedule.analyse_schedule", can_see_schedule)
