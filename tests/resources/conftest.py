from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from pmo.resources import services


@pytest.fixture
def staff(org):
    """Two developers (one of them the team member) and an architect."""
    developer = services.create_role(acting_user=org.admin, name="Developer")
    architect = services.create_role(acting_user=org.admin, name="Architect")
    daan = services.create_person(acting_user=org.admin, name="Daan", role=developer, user=org.member)
    eva = services.create_person(acting_user=org.admin, name="Eva", role=developer, fte=Decimal("0.5"))
    tom = services.create_person(acting_user=org.admin, name="Tom", role=architect)
    return {"developer": developer, "architect": architect, "daan": daan, "eva": eva, "tom": tom}


def month(year: int, number: int) -> dt.date:
    return dt.date(year, number, 1)


def ask(project, user, role, first: dt.date, last: dt.date, amount, **options):
    """`user` asks `amount` of `role` (or of `person=`) for `project` from month `first` to month `last`."""
    return services.set_demand(
        project, acting_user=user, role=role, first=first, last=last, amount=amount, **options
    )
