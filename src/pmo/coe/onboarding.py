"""The onboarding brief: what someone joining a project needs on day one — purpose and objectives, who's who and who
does what (RACI), where the project stands in its method, its key documents, top risks and issues, recent
decisions, the lessons that fit it, and the words people will use. One gathering function feeds the page and the
PDF.

The brief lives in the Centre of Excellence rather than in projects (as DESIGN.md first placed it): it shows the
method's phase and gate, lessons and the glossary, which are the CoE's, and projects may not import the CoE."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.db.models import Case, Q, Value, When
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from pmo.projects.models import Document, DocumentStatus, Project, ProjectRole
from pmo.raid.models import Decision, DecisionStatus, Issue, IssueStatus, Risk, RiskStatus

from . import compliance, lessons
from .knowledge import glossary_for
from .models import GateDecision, ProjectMethod

TOP = 5

#: Who does what, as the method assigns it to the project's roles: Responsible, Accountable, Consulted, Informed.
RACI: list[tuple[Any, dict[str, str]]] = [
    (_("Business case and project plan"), {"sponsor": "A", "project_manager": "R", "pmo_officer": "C", "team_member": "C"}),
    (_("Preparing the gate decision"), {"sponsor": "A", "project_manager": "R", "pmo_officer": "C", "team_member": "I"}),
    (_("Deliverables of the phase"), {"sponsor": "I", "project_manager": "A", "pmo_officer": "C", "team_member": "R"}),
    (_("Status report"), {"sponsor": "I", "project_manager": "A", "pmo_officer": "R", "team_member": "C"}),
    (_("Risks and issues"), {"sponsor": "I", "project_manager": "A", "pmo_officer": "C", "team_member": "R"}),
    (_("Changes to scope, time or budget"), {"sponsor": "A", "project_manager": "R", "pmo_officer": "C", "team_member": "I"}),
    (_("Lessons learned"), {"sponsor": "I", "project_manager": "A", "pmo_officer": "C", "team_member": "R"}),
]  # fmt: skip


@dataclass
class Person:
    name: str
    email: str
    role: str  # ProjectRole value
    role_label: str


@dataclass
class Brief:
    project: Project
    objectives: list = field(default_factory=list)
    people: list[Person] = field(default_factory=list)
    raci_roles: list[tuple[str, str, list[str]]] = field(default_factory=list)  # role, label, names
    raci: list[tuple[Any, list[str]]] = field(default_factory=list)  # activity, letter per role
    method: ProjectMethod | None = None
    next_gate_missing: list[str] = field(default_factory=list)
    compliance: float | None = None
    documents: list[Document] = field(default_factory=list)
    risks: list[Risk] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)
    decisions: list[Decision] = field(default_factory=list)
    gate_decisions: list[GateDecision] = field(default_factory=list)
    lessons: list = field(default_factory=list)
    glossary: list = field(default_factory=list)


def _people(project: Project) -> list[Person]:
    """Manager and sponsor first, then the team by role and name; each person once per role."""
    seen: set[tuple[int, str]] = set()
    people = []

    def add(user, role: str) -> None:
        if user is None or (user.pk, role) in seen:
            return
        seen.add((user.pk, role))
        people.append(
            Person(user.get_full_name() or user.username, user.email, role, ProjectRole(role).label)
        )

    add(project.manager, ProjectRole.PROJECT_MANAGER)
    add(project.sponsor, ProjectRole.SPONSOR)
    order = {role: n for n, role in enumerate(ProjectRole.values)}
    memberships = sorted(
        project.memberships.select_related("user"),
        key=lambda m: (order[m.role], m.user.get_full_name() or m.user.username),
    )
    for membership in memberships:
        add(membership.user, membership.role)
    return people


def gather(project: Project, *, user) -> Brief:
    """Everything the brief shows, for a project the user sees (the caller has checked)."""
    brief = Brief(project=project)
    brief.objectives = list(project.objective_links.select_related("objective").order_by("objective__code"))
    brief.people = _people(project)
    brief.raci_roles = [
        (role, label, [p.name for p in brief.people if p.role == role]) for role, label in ProjectRole.choices
    ]
    brief.raci = [
        (activity, [letters.get(role, "") for role, _l, _n in brief.raci_roles]) for activity, letters in RACI
    ]

    method = (
        ProjectMethod.objects.filter(project=project)
        .select_related("method_version__method", "phase")
        .first()
    )
    if method is not None:
        brief.method = method
        rows = compliance.rows_for(method)
        brief.compliance = compliance.score(rows)
        brief.next_gate_missing = [] if method.finished else compliance.missing_for_gate(method, rows)
        brief.gate_decisions = list(
            GateDecision.objects.filter(project=project).select_related("phase").order_by("-created_at")[:3]
        )

    approved_first = Case(When(status=DocumentStatus.APPROVED, then=Value(0)), default=Value(1))
    brief.documents = list(
        Document.objects.filter(project=project)
        .exclude(status=DocumentStatus.SUPERSEDED)
        .defer("content")
        .select_related("owner")
        .order_by(approved_first, Lower("title"))[: TOP * 2]
    )
    brief.risks = list(
        Risk.objects.filter(project=project, status=RiskStatus.OPEN)
        .select_related("owner")
        .order_by("-score")[:TOP]
    )
    brief.issues = list(
        Issue.objects.filter(project=project)
        .filter(Q(status=IssueStatus.OPEN) | Q(status=IssueStatus.IN_PROGRESS))
        .select_related("owner")
        .order_by("-priority", "due")[:TOP]
    )
    brief.decisions = list(
        Decision.objects.filter(project=project, status=DecisionStatus.DECIDED).order_by(
            "-decided_on", "-pk"
        )[:TOP]
    )
    found = lessons.for_project(project, limit=3)
    if method is not None and method.phase is not None and not method.finished:
        found += lessons.for_phase(project, method.phase.name, limit=3, exclude=[f.lesson.pk for f in found])
    lessons.hide_unseen_projects([f.lesson for f in found], user)
    brief.lessons = found
    text = " ".join(
        [project.name, project.description]
        + (
            [method.phase.name, method.phase.gate, method.phase.description]
            if method and method.phase
            else []
        )
        + [d.kind for d in brief.documents]
        + [r.title for r in brief.risks]
    )
    brief.glossary = glossary_for(text)
    return brief
