"""Shared fixtures: a small organisation built through the services, and logged-in clients."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from pmo.core.models import User
from pmo.core.roles import OrgRole
from pmo.projects import services as project_services
from pmo.projects.models import Portfolio, Programme, ProgrammeRole, Project, ProjectRole
from pmo.strategy import services as strategy_services
from pmo.strategy.models import StrategicObjective


@pytest.fixture(autouse=True)
def _english_by_default(settings):
    """Tests read English text unless they ask for Dutch (the product's default language is Dutch)."""
    settings.LANGUAGE_CODE = "en"
    # Password hashing is deliberately slow; tests that create many users need not pay for it.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def make_user(username: str, *roles: str, superuser: bool = False) -> User:
    user = User.objects.create_user(
        username=username,
        password="demo",
        first_name=username.title(),
        is_superuser=superuser,
        is_staff=superuser,
    )
    for role in roles:
        user.groups.add(Group.objects.get_or_create(name=role)[0])  # transactional tests flush the groups
    return user


@dataclass
class Org:
    admin: User
    portfolio_manager: User
    pmo_officer: User
    coe: User
    executive: User
    pm: User
    member: User
    outsider: User
    portfolio: Portfolio
    programme: Programme
    other_programme: Programme
    objective: StrategicObjective
    project: Project  # managed by pm, member on its team, in `programme`
    other_project: Project  # nobody of the above is on it, in `other_programme`


@pytest.fixture
def org(db) -> Org:
    admin = make_user("admin", superuser=True)
    people = {
        "portfolio_manager": make_user("portfolio", OrgRole.PORTFOLIO_MANAGER),
        "pmo_officer": make_user("pmo", OrgRole.PMO_OFFICER),
        "coe": make_user("coe", OrgRole.COE_LEAD),
        "executive": make_user("exec", OrgRole.EXECUTIVE),
        "pm": make_user("pm", OrgRole.MEMBER),
        "member": make_user("member", OrgRole.MEMBER),
        "outsider": make_user("outsider", OrgRole.MEMBER),
    }
    portfolio = project_services.create_portfolio(acting_user=admin, name="Gemeente Test")
    programme = project_services.create_programme(
        acting_user=admin, portfolio=portfolio, code="PRG-A", name="Digitaal"
    )
    other = project_services.create_programme(
        acting_user=admin, portfolio=portfolio, code="PRG-B", name="Wonen"
    )
    project_services.add_programme_member(
        programme, acting_user=admin, user=people["pmo_officer"], role=ProgrammeRole.PMO_OFFICER
    )
    objective = strategy_services.create_objective(
        acting_user=admin, portfolio=portfolio, code="SD1", title="Dienstverlening digitaal"
    )
    project = project_services.create_project(
        acting_user=admin,
        code="P-1",
        name="Nieuw e-loket",
        portfolio=portfolio,
        programme=programme,
        manager=people["pm"],
        planned_start=dt.date(2026, 1, 1),
        planned_finish=dt.date(2026, 12, 31),
        budget=Decimal("250000"),
    )
    project_services.add_project_member(
        project, acting_user=admin, user=people["member"], role=ProjectRole.TEAM_MEMBER
    )
    other_project = project_services.create_project(
        acting_user=admin, code="P-2", name="Woningbouw", portfolio=portfolio, programme=other
    )
    return Org(
        admin=admin,
        portfolio=portfolio,
        programme=programme,
        other_programme=other,
        objective=objective,
        project=project,
        other_project=other_project,
        **people,
    )


@pytest.fixture
def client_for():
    """A page client logged in as the given user (or anonymous for None)."""

    def make(user: User | None) -> Client:
        client = Client()
        if user is not None:
            client.force_login(user)
        return client

    return make


@pytest.fixture
def api_for():
    """An API client that authenticates with the user's token (or anonymous for None)."""

    def make(user: User | None) -> APIClient:
        client = APIClient()
        if user is not None:
            token, _ = Token.objects.get_or_create(user=user)
            client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
        return client

    return make


BENCHDATA = Path(__file__).resolve().parents[1].parent / "shared" / "benchdata"


@pytest.fixture(scope="session")
def benchdata() -> Path:
    """../shared/benchdata beside the repository: real third-party data (never copied into the project)."""
    if not BENCHDATA.is_dir():
        pytest.skip(f"benchmark data not found at {BENCHDATA} (../shared/benchdata beside the repository)")
    return BENCHDATA


def align(org: Org) -> None:
    """Link P-1 to objective SD1, as it must be before it can be approved (the alignment guarantee)."""
    strategy_services.link_project(org.project, org.objective, acting_user=org.admin, contribution="medium")
