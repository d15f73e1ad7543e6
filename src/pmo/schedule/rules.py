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
