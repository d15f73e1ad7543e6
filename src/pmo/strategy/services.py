"""Every write to strategic objectives and project–objective links."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from pmo.core.services import audited_delete, audited_save, create_object, require, update_object
from pmo.projects.models import Project

from .models import ProjectObjective, StrategicObjective

OBJECTIVE_FIELDS = frozenset({"portfolio", "code", "title", "description", "parent"})


@transaction.atomic
def create_objective(*, acting_user, **fields: Any) -> StrategicObjective:
    return create_object(
        StrategicObjective,
        acting_user=acting_user,
        perm="strategy.add_objective",
        allowed=OBJECTIVE_FIELDS,
        fields=fields,
    )


@transaction.atomic
def update_objective(
    objective: StrategicObjective, *, acting_user, expected_version: int | None = None, **changes: Any
) -> StrategicObjective:
    return update_object(
        objective,
        acting_user=acting_user,
        perm="strategy.change_objective",
        allowed=OBJECTIVE_FIELDS,
        expected_version=expected_version,
        changes=changes,
    )[0]


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
