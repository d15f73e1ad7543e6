"""Training: completions are checked (no future date, no expiry before completion, no duplicate), the competency
matrix says done / expired / missing per person and course with the share compliant per role and person, and a
person sees only their own training."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from pmo.coe import knowledge
from pmo.coe import services_knowledge as services
from pmo.coe.models import Completion, RequiredRole, RoleRequirement
from pmo.core.roles import OrgRole
from pmo.projects import services as project_services
from pmo.projects.models import ProjectRole

pytestmark = pytest.mark.django_db

TODAY = timezone.localdate()


@pytest.fixture
def courses(org):
    """Basics for every project team member and project manager; PRINCE2 for project managers; risk management
    for the organisation's PMO officers."""
    basics = services.create_course(acting_user=org.coe, code="PW-1", title="Projectmatig werken", hours=8)
    prince = services.create_course(acting_user=org.coe, code="P2-F", title="PRINCE2 Foundation", hours=24)
    risk = services.create_course(acting_user=org.coe, code="RM-1", title="Risicomanagement", hours=4)
    services.add_requirement(basics, "project:team_member", acting_user=org.coe)
    services.add_requirement(basics, "project:project_manager", acting_user=org.coe)
    services.add_requirement(prince, "project:project_manager", acting_user=org.coe)
    services.add_requirement(risk, "org:pmo_officer", acting_user=org.coe)
    return basics, prince, risk


def test_required_roles_cover_every_organisation_and_project_role():
    keys = set(RequiredRole.values)
    assert {f"org:{r}" for r in OrgRole.values} | {f"project:{r}" for r in ProjectRole.values} == keys


def test_bad_completions_are_refused_with_a_clear_error_and_nothing_saved(org, courses):
    basics = courses[0]
    services.record_completion(basics, org.member, acting_user=org.coe, completed_on=dt.date(2025, 2, 1))
    before = Completion.objects.count()
    tomorrow = TODAY + dt.timedelta(days=1)
    with pytest.raises(ValidationError) as future:
        services.record_completion(basics, org.pm, acting_user=org.coe, completed_on=tomorrow)
    assert future.value.message_dict == {
        "completed_on": [f"The completion date {tomorrow} is in the future."]
    }
    with pytest.raises(ValidationError) as early:
        services.record_completion(
            basics,
            org.pm,
            acting_user=org.coe,
            completed_on=dt.date(2025, 3, 1),
            valid_until=dt.date(2025, 2, 1),
        )
    assert early.value.message_dict == {
        "valid_until": [
            "The certificate cannot be valid until 2025-02-01, before it was obtained (2025-03-01)."
        ]
    }
    with pytest.raises(ValidationError) as twice:
        services.record_completion(basics, org.member, acting_user=org.coe, completed_on=dt.date(2025, 2, 1))
    assert twice.value.messages == ["Member's completion of PW-1 on 2025-02-01 is already recorded."]
    with pytest.raises(PermissionDenied):
        services.record_completion(basics, org.pm, acting_user=org.pm, completed_on=dt.date(2025, 2, 1))
    with pytest.raises(ValidationError, match="already requires"):
        services.add_requirement(basics, "project:team_member", acting_user=org.coe)
    assert Completion.objects.count() == before
    assert RoleRequirement.objects.count() == 4


def test_the_competency_matrix_says_done_expired_and_missing(org, courses):
    basics, prince, _risk = courses
    # the member did the basics; the project manager did the basics long ago (expired) and PRINCE2 twice, the
    # latest still valid; the PMO officer has not done the risk course
    services.record_completion(basics, org.member, acting_user=org.coe, completed_on=dt.date(2025, 1, 10))
    services.record_completion(
        basics, org.pm, acting_user=org.coe, completed_on=dt.date(2020, 1, 1), valid_until=dt.date(2022, 1, 1)
    )
    services.record_completion(
        prince, org.pm, acting_user=org.coe, completed_on=dt.date(2019, 5, 1), valid_until=dt.date(2022, 5, 1)
    )
    services.record_completion(
        prince, org.pm, acting_user=org.coe, completed_on=TODAY, valid_until=TODAY + dt.timedelta(days=365)
    )
    matrix = knowledge.competency_matrix(TODAY)
    assert [c.code for c in matrix.courses] == ["P2-F", "PW-1", "RM-1"]
    cells = {
        row.person.username: [(c.course.code, c.required, c.status) for c in row.cells] for row in matrix.rows
    }
    assert cells == {
        "member": [("P2-F", False, ""), ("PW-1", True, "done"), ("RM-1", False, "")],
        "pm": [("P2-F", True, "done"), ("PW-1", True, "expired"), ("RM-1", False, "")],
        "pmo": [("P2-F", False, ""), ("PW-1", False, ""), ("RM-1", True, "missing")],
    }
    percent = {row.person.username: row.percent for row in matrix.rows}
    assert percent == {"member": 100, "pm": 50, "pmo": 0}
    roles = {r.role: (r.people, r.required, r.done, r.percent) for r in matrix.roles}
    assert roles == {
        "org:pmo_officer": (1, 1, 0, 0),
        "project:project_manager": (1, 2, 1, 50),
        "project:team_member": (1, 1, 1, 100),
    }
    # filter by role and department, sort by the share compliant
    only_pm = knowledge.competency_matrix(TODAY, role="project:project_manager")
    assert [r.person.username for r in only_pm.rows] == ["pm"]
    assert [c.code for c in only_pm.courses] == ["P2-F", "PW-1"]
    org.pm.department = "ICT"
    org.pm.save()
    assert [r.person.username for r in knowledge.competency_matrix(TODAY, department="ICT").rows] == ["pm"]
    by_share = knowledge.competency_matrix(TODAY, sort="-percent")
    assert [r.person.username for r in by_share.rows] == ["member", "pm", "pmo"]


def test_the_matrix_page_and_my_training(org, courses, client_for):
    basics = courses[0]
    services.record_completion(basics, org.member, acting_user=org.coe, completed_on=dt.date(2025, 1, 10))
    page = client_for(org.pmo_officer).get(reverse("coe:competency_matrix"), {"sort": "-percent"})
    assert page.status_code == 200
    html = page.content.decode()
    assert "100%" in html and "✓</span>done" in html and "✕</span>missing" in html
    assert client_for(org.member).get(reverse("coe:competency_matrix")).status_code == 403
    mine = client_for(org.member).get(reverse("coe:my_training")).content.decode()
    assert 'id="my-percent">100%<' in mine and "PW-1 Projectmatig werken" in mine
    # on the course page a member sees only their own completion; the CoE sees everyone's
    services.record_completion(basics, org.pm, acting_user=org.coe, completed_on=dt.date(2025, 1, 11))
    url = reverse("coe:course_detail", args=[basics.pk])
    assert client_for(org.pm).get(url).context["completions"] == [Completion.objects.get(user=org.pm)]
    assert len(client_for(org.coe).get(url).context["completions"]) == 2


def test_recording_a_completion_through_the_page(org, courses, client_for):
    basics = courses[0]
    url = reverse("coe:completion_add", args=[basics.pk])
    client = client_for(org.coe)
    response = client.post(
        url, {"user": org.pm.pk, "completed_on": "2025-04-01", "valid_until": "2025-03-01"}, follow=True
    )
    assert "before it was obtained" in response.content.decode()
    assert not Completion.objects.exists()
    client.post(url, {"user": org.pm.pk, "completed_on": "2025-04-01", "certificate": "NR-12"})
    completion = Completion.objects.get()
    assert (completion.user, completion.certificate) == (org.pm, "NR-12")
    assert completion.history.first().history_user == org.coe


def test_the_matrix_takes_a_fixed_number_of_queries(org, courses, client_for, django_assert_num_queries):
    client = client_for(org.pmo_officer)
    url = reverse("coe:competency_matrix")
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for user in (org.outsider, org.executive, org.portfolio_manager):
        project_services.add_project_member(
            org.other_project, acting_user=org.admin, user=user, role=ProjectRole.TEAM_MEMBER
        )
        services.record_completion(courses[0], user, acting_user=org.coe, completed_on=dt.date(2025, 1, 1))
    with django_assert_num_queries(len(few.captured_queries)):
        page = client.get(url)
    assert len(page.context["matrix"].rows) == 6


def test_the_course_list_counts_roles_and_people_once(org, courses, client_for):
    basics = courses[0]  # required for two roles
    for user in (org.pm, org.member, org.pmo_officer):
        services.record_completion(basics, user, acting_user=org.coe, completed_on=dt.date(2026, 1, 5))
    page = client_for(org.member).get(reverse("coe:course_list"))
    row = next(c for c in page.context["object_list"] if c.pk == basics.pk)
    assert (row.n_roles, row.n_done) == (2, 3)
