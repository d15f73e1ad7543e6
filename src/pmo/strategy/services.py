"""Every write to strategic objectives and project–objective links."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from pmo.core.services import apply_changes, audited_delete, audited_save, check_version, only_fields, require
from pmo.projects.models import Project

from .models import ProjectObjective, StrategicObjective

OBJECTIVE_FIELDS = frozenset({"portfolio", "code", "title", "description", "parent"})


@transaction.atomic
def create_objective(*, acting_user, **fields: Any) -> StrategicObjective:
    require(acting_user, "strategy.add_objective")
    return audited_save(StrategicObjective(**only_fields(fields, OBJECTIVE_FIELDS)), acting_user=acting_user)


@transaction.atomic
def update_objective(
    objective: StrategicObjective, *, acting_user, expected_version: int | None = None, **changes: Any
) -> StrategicObjective:
    require(acting_user, "strategy.change_objective", objective)
    objective = StrategicObjective.objects.select_for_update().get(pk=objective.pk)
    check_version(objective, expected_version)
    if apply_changes(objective, only_fields(changes, OBJECTIVE_FIELDS)):
        audited_save(objective, acting_user=acting_user)
    return objective


@transaction.atomic
def link_project(
    project: Project, objective: StrategicObjective, *, acting_user, contribution: str
) -> ProjectObjective:
    require(acting_user, "strategy.link_project", project)
    return audited_save(
        ProjectObjective(project=project, objective=objective, contribution=contribution),
        acting_user=acting_user,
    )


@transaction.atomic
def unlink_project(link: ProjectObjective, *, acting_user) -> None:
    require(acting_user, "strategy.change_link", link)
    audited_delete(link, acting_user=acting_user)
