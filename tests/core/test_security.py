"""Login throttling, security headers and the audit entry every service writes."""

from __future__ import annotations

import io
import os
import secrets
import subprocess
import sys
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.urls import reverse

from pmo.projects import services
from pmo.projects.lifecycle import Lifecycle
from pmo.projects.models import ProgrammeRole, ProjectRole
from pmo.strategy import services as strategy_services

pytestmark = pytest.mark.django_db


def test_repeated_wrong_passwords_lock_the_login(org, client_for, settings):
    client = client_for(None)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": "member", "password": "wrong"})
    locked = client.post(reverse("login"), {"username": "member", "password": "demo"})
    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session


def test_pages_carry_a_content_security_policy(org, client_for):
    response = client_for(org.member).get(reverse("projects:project_list"))
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "frame-ancestors 'none'" in policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_user_text_is_escaped(org, client_for):
    services.update_project(org.project, acting_user=org.admin, description="<script>alert(1)</script>")
    page = (
        client_for(org.member).get(reverse("projects:project_detail", args=[org.project.pk])).content.decode()
    )
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;" in page


#: (service, who calls it, the call, the attribute of `org` it changes — None: the object it returns)
WRITES = [
    (
        "update_project",
        "pm",
        lambda o, u: services.update_project(o.project, acting_user=u, budget=Decimal(1)),
        "project",
    ),
    (
        "transition_project",
        "portfolio_manager",
        lambda o, u: services.transition_project(o.project, acting_user=u, to=Lifecycle.ON_HOLD),
        "project",
    ),
    (
        "add_project_member",
        "pm",
        lambda o, u: services.add_project_member(
            o.project, acting_user=u, user=o.outsider, role=ProjectRole.PMO_OFFICER
        ),
        None,
    ),
    (
        "add_programme_member",
        "portfolio_manager",
        lambda o, u: services.add_programme_member(
            o.programme, acting_user=u, user=o.outsider, role=ProgrammeRole.PROGRAMME_MANAGER
        ),
        None,
    ),
    (
        "update_programme",
        "pmo_officer",
        lambda o, u: services.update_programme(o.programme, acting_user=u, name="X"),
        "programme",
    ),
    (
        "update_portfolio",
        "portfolio_manager",
        lambda o, u: services.update_portfolio(o.portfolio, acting_user=u, name="X"),
        "portfolio",
    ),
    (
        "update_objective",
        "portfolio_manager",
        lambda o, u: strategy_services.update_objective(o.objective, acting_user=u, title="X"),
        "objective",
    ),
    (
        "link_project",
        "pm",
        lambda o, u: strategy_services.link_project(
            o.project, o.objective, acting_user=u, contribution="low"
        ),
        None,
    ),
]


@pytest.mark.parametrize(("name", "who", "write", "target"), WRITES, ids=[w[0] for w in WRITES])
def test_every_service_write_leaves_an_audit_entry_naming_the_user(org, name, who, write, target):
    user = getattr(org, who)
    result = write(org, user)
    obj = getattr(org, target) if target else result
    assert type(obj).history.filter(id=obj.pk).latest().history_user == user


def test_passwords_are_hashed_with_scrypt_and_old_hashes_are_upgraded(org, settings):
    from django.contrib.auth.hashers import make_password

    from pmo import settings as pmo_settings

    settings.PASSWORD_HASHERS = pmo_settings.PASSWORD_HASHERS  # the real list, not the tests' fast one
    org.member.set_password("een lang wachtwoord")
    org.member.save()
    assert org.member.password.startswith("scrypt$")
    org.member.password = make_password("oud wachtwoord", hasher="pbkdf2_sha256")
    org.member.save()
    assert org.member.check_password("oud wachtwoord")  # still works, and is rehashed
    org.member.refresh_from_db()
    assert org.member.password.startswith("scrypt$")


def test_an_api_token_can_be_revoked(org, client):
    from pmo.core.models import User

    call_command("token", org.member.username, stdout=io.StringIO())
    key = User.objects.get(pk=org.member.pk).auth_token.key
    assert client.get("/api/projects/", HTTP_AUTHORIZATION=f"Token {key}").status_code == 200
    out = io.StringIO()
    call_command("token", org.member.username, "--revoke", stdout=out)
    assert "revoked" in out.getvalue()
    assert client.get("/api/projects/", HTTP_AUTHORIZATION=f"Token {key}").status_code == 401


def test_the_production_settings_pass_the_deployment_check(tmp_path):
    """`pmo check --deploy` with what docs/deployment.md tells an operator to set: no warnings at all."""
    env = {
        **os.environ,
        "PMO_SECRET_KEY": secrets.token_urlsafe(50),
        "PMO_ALLOWED_HOSTS": "pmo.example.nl",
        "PMO_SECURE_COOKIES": "1",
        "PMO_BEHIND_PROXY": "1",
        "PMO_CSRF_TRUSTED_ORIGINS": "https://pmo.example.nl",
        "PMO_DATA_DIR": str(tmp_path),
    }
    for test_only in ("PMO_DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE"):  # the browser tests set the latter
        env.pop(test_only, None)
    done = subprocess.run(
        [sys.executable, "-m", "pmo.cli", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "System check identified no issues (0 silenced)." in done.stdout


def test_no_inline_or_evaluated_scripts_are_allowed(org, client_for):
    policy = client_for(org.member).get(reverse("projects:project_list"))["Content-Security-Policy"]
    scripts = next(part for part in policy.split(";") if part.strip().startswith("script-src"))
    assert "'self'" in scripts and "unsafe-inline" not in scripts and "unsafe-eval" not in scripts
