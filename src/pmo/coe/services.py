"""Every write to the method and to projects' progress through it: editing draft versions, publishing, following a
method, deliverables, waivers and gate decisions."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from pmo.core.services import (
    audited_delete,
    audited_save,
    check_version,
    create_object,
    only_fields,
    require,
    update_object,
)
from pmo.projects.models import Project
from pmo.raid import services as raid_services
from pmo.raid.models import Action

from . import compliance
from .models import (
    Answer,
    Decision,
    Deliverable,
    DeliverableType,
    GateDecision,
    Method,
    MethodVersion,
    Need,
    Phase,
    ProjectMethod,
    VersionStatus,
    Waiver,
)

METHOD_FIELDS = frozenset({"name", "description"})
PHASE_FIELDS = frozenset({"name", "description", "gate", "checklist"})
TYPE_FIELDS = frozenset({"name", "description", "small", "medium", "large"})


@transaction.atomic
def create_method(*, acting_user, **fields: Any) -> Method:
    """A new method, with a first (draft) version to fill with phases."""
    method = create_object(
        Method, acting_user=acting_user, perm="coe.manage_methods", allowed=METHOD_FIELDS, fields=fields
    )
    audited_save(MethodVersion(method=method, number=1), acting_user=acting_user)
    return method


@transaction.atomic
def update_method(
    method: Method, *, acting_user, expected_version: int | None = None, **changes: Any
) -> Method:
    return update_object(
        method,
        acting_user=acting_user,
        perm="coe.manage_methods",
        allowed=METHOD_FIELDS,
        expected_version=expected_version,
        changes=changes,
    )[0]


def _draft(version: MethodVersion, acting_user) -> None:
    require(acting_user, "coe.manage_methods")
    if not version.editable:
        raise ValidationError(
            _("%(version)s is published and stays as it is: make a new version to change the method.")
            % {"version": version}
        )


@transaction.atomic
def add_phase(version: MethodVersion, *, acting_user, **fields: Any) -> Phase:
    _draft(version, acting_user)
    last = version.phases.aggregate(last=Max("position"))["last"] or 0
    phase = Phase(method_version=version, position=last + 1, **only_fields(fields, PHASE_FIELDS))
    return audited_save(phase, acting_user=acting_user)


@transaction.atomic
def update_phase(phase: Phase, *, acting_user, expected_version: int | None = None, **changes: Any) -> Phase:
    _draft(phase.method_version, acting_user)
    return update_object(
        phase,
        acting_user=acting_user,
        perm="coe.manage_methods",
        allowed=PHASE_FIELDS,
        expected_version=expected_version,
        changes=changes,
    )[0]


@transaction.atomic
def remove_phase(phase: Phase, *, acting_user) -> None:
    _draft(phase.method_version, acting_user)
    version, position = phase.method_version, phase.position
    audited_delete(phase, acting_user=acting_user)
    for later in version.phases.filter(position__gt=position).order_by("position"):
        later.position -= 1
        audited_save(later, acting_user=acting_user)


@transaction.atomic
def add_deliverable_type(phase: Phase, *, acting_user, **fields: Any) -> DeliverableType:
    _draft(phase.method_version, acting_user)
    return audited_save(
        DeliverableType(phase=phase, **only_fields(fields, TYPE_FIELDS)), acting_user=acting_user
    )


@transaction.atomic
def update_deliverable_type(
    kind: DeliverableType, *, acting_user, expected_version: int | None = None, **changes: Any
) -> DeliverableType:
    _draft(kind.phase.method_version, acting_user)
    return update_object(
        kind,
        acting_user=acting_user,
        perm="coe.manage_methods",
        allowed=TYPE_FIELDS,
        expected_version=expected_version,
        changes=changes,
    )[0]


@transaction.atomic
def remove_deliverable_type(kind: DeliverableType, *, acting_user) -> None:
    _draft(kind.phase.method_version, acting_user)
    audited_delete(kind, acting_user=acting_user)


@transaction.atomic
def publish_version(version: MethodVersion, *, acting_user, notes: str = "") -> MethodVersion:
    """Fix a draft: from now on new projects start on it; projects on older versions stay there until migrated."""
    _draft(version, acting_user)
    version = MethodVersion.objects.select_for_update().get(pk=version.pk)
    if not version.phases.exists():
        raise ValidationError(_("%(version)s has no phases yet.") % {"version": version})
    version.status, version.published_at = VersionStatus.PUBLISHED, timezone.now()
    if notes:
        version.notes = notes
    return audited_save(version, acting_user=acting_user, reason=_("Published"))


@transaction.atomic
def new_version(method: Method, *, acting_user) -> MethodVersion:
    """A draft copy of the method's latest version, to change."""
    require(acting_user, "coe.manage_methods")
    Method.objects.select_for_update().get(pk=method.pk)
    if method.versions.filter(status=VersionStatus.DRAFT).exists():
        raise ValidationError(
            _("%(method)s already has a draft version: change that one.") % {"method": method}
        )
    latest = method.versions.order_by("-number").first()
    draft = audited_save(
        MethodVersion(method=method, number=(latest.number if latest else 0) + 1), acting_user=acting_user
    )
    if latest is not None:
        for phase in latest.phases.prefetch_related("deliverables"):
            copy = audited_save(
                Phase(method_version=draft, **{f: getattr(phase, f) for f in PHASE_FIELDS | {"position"}}),
                acting_user=acting_user,
            )
            for kind in phase.deliverables.all():
                audited_save(
                    DeliverableType(phase=copy, **{f: getattr(kind, f) for f in TYPE_FIELDS}),
                    acting_user=acting_user,
                )
    return draft


def _published(version: MethodVersion) -> Phase:
    if version.status != VersionStatus.PUBLISHED:
        raise ValidationError(_("%(version)s is not published yet.") % {"version": version})
    first = version.phases.order_by("position").first()
    if first is None:
        raise ValidationError(_("%(version)s has no phases.") % {"version": version})
    return first


@transaction.atomic
def follow_method(project: Project, version: MethodVersion, *, size: str, acting_user) -> ProjectMethod:
    """The project starts on `version` of a method, in its first phase."""
    require(acting_user, "coe.follow_method", project)
    if ProjectMethod.objects.filter(project=project).exists():
        raise ValidationError(
            _("%(project)s already follows a method; migrate it to another version instead.")
            % {"project": project.code}
        )
    first = _published(version)
    return audited_save(
        ProjectMethod(project=project, method_version=version, size=size, phase=first),
        acting_user=acting_user,
        reason=_("Follows %(version)s") % {"version": version},
    )


@transaction.atomic
def migrate_project(project: Project, version: MethodVersion, *, acting_user) -> ProjectMethod:
    """Move a project to another published version of its method, into the phase in the same position (or the
    last one)."""
    require(acting_user, "coe.follow_method", project)
    method = (
        ProjectMethod.objects.select_for_update()
        .select_related("phase", "method_version")
        .get(project=project)
    )
    if version.method_id != method.method_version.method_id:
        raise ValidationError(_("A project moves only to another version of its own method."))
    _published(version)
    phases = list(version.phases.order_by("position"))
    method.phase = next((p for p in phases if p.position == method.phase.position), phases[-1])
    old, method.method_version = method.method_version, version
    return audited_save(
        method,
        acting_user=acting_user,
        reason=_("Migrated from %(old)s to %(new)s") % {"old": old, "new": version},
    )


def _asked(project: Project, kind: DeliverableType) -> ProjectMethod:
    method = ProjectMethod.objects.filter(project=project).select_related("method_version", "phase").first()
    if method is None or kind.phase.method_version_id != method.method_version_id:
        raise ValidationError(
            _("%(project)s's method does not ask for %(type)s.") % {"project": project.code, "type": kind}
        )
    return method


UNCHANGED: Any = object()  # documents and templates: `document` not given keeps the deliverable's document


@transaction.atomic
def update_deliverable(
    project: Project,
    kind: DeliverableType,
    *,
    acting_user,
    status: str,
    link: str = "",
    document: Any = UNCHANGED,
    expected_version: int | None = None,
) -> Deliverable:
    """Set a deliverable's status and where it is: a link and/or a document of the project's own register.

    `expected_version`: of the row the user saw; refused when someone changed it since."""
    require(acting_user, "coe.update_deliverable", project)
    _asked(project, kind)
    if document is not UNCHANGED and document is not None and document.project_id != project.pk:
        raise ValidationError(
            {
                "document": _(
                    "The chosen document belongs to another project: pick a document of %(project)s."
                )
                % {"project": project.code}
            }
        )
    row = Deliverable.objects.select_for_update().filter(project=project, type=kind).first() or Deliverable(
        project=project, type=kind
    )
    if row.pk is not None:
        check_version(row, expected_version)
    row.status, row.link = status, link
    if document is not UNCHANGED:
        row.document = document
    return audited_save(row, acting_user=acting_user)


@transaction.atomic
def grant_waiver(project: Project, kind: DeliverableType, *, acting_user, reason: str) -> Waiver:
    """Record that the project may pass its gate without this mandatory deliverable: why, who, when."""
    require(acting_user, "coe.grant_waiver", project)
    method = _asked(project, kind)
    if kind.need(method.size) != Need.MANDATORY:
        raise ValidationError(
            _("%(type)s is not mandatory for this project: no waiver needed.") % {"type": kind}
        )
    if not reason.strip():
        raise ValidationError({"reason": _("Say why the deliverable may be missing.")})
    return audited_save(
        Waiver(project=project, type=kind, reason=reason.strip(), granted_by=acting_user),
        acting_user=acting_user,
    )


@transaction.atomic
def revoke_waiver(waiver: Waiver, *, acting_user) -> None:
    require(acting_user, "coe.grant_waiver", waiver.project)
    audited_delete(waiver, acting_user=acting_user)


@transaction.atomic
def decide_gate(
    project: Project,
    *,
    acting_user,
    decision: str,
    notes: str = "",
    conditions: str = "",
    reviewers=(),
    answers: dict[str, str] | None = None,
) -> GateDecision:
    """Record the decision at the project's current gate, with its reviewers and the answers to the gate's
    checklist. A go (with or without conditions) moves the project to the next phase — refused while a mandatory
    deliverable of the phase is missing and not waived; each condition becomes an action on the project's RAID
    log, owned by the project manager, due in four weeks."""
    require(acting_user, "coe.decide_gate", project)
    method = (
        ProjectMethod.objects.select_for_update()
        .select_related("phase", "method_version")
        .filter(project=project)
        .first()
    )
    if method is None:
        raise ValidationError(_("%(project)s follows no method yet.") % {"project": project.code})
    if method.finished:
        raise ValidationError(
            _("%(project)s has passed every gate of its method.") % {"project": project.code}
        )
    if decision not in Decision.values:
        raise ValidationError({"decision": _("Choose go, go with conditions or no-go.")})
    if decision == Decision.GO_WITH_CONDITIONS and not conditions.strip():
        raise ValidationError({"conditions": _("Write down the conditions of the go.")})
    answers = dict(answers or {})
    questions = method.phase.questions()
    unknown = [q for q in answers if q not in questions]
    if unknown or any(a not in Answer.values for a in answers.values()):
        raise ValidationError(
            {"answers": _("Answer the gate's own questions with yes, no or not applicable.")}
        )
    gate = method.phase.gate
    if decision != Decision.NO_GO:
        missing = compliance.missing_for_gate(method)
        if missing:
            raise ValidationError(
                _(
                    "%(project)s cannot pass “%(gate)s”: mandatory deliverables are missing: %(missing)s. Approve "
                    "them or record a waiver."
                )
                % {"project": project.code, "gate": gate, "missing": ", ".join(str(t) for t in missing)}
            )
    record = audited_save(
        GateDecision(
            project=project,
            phase=method.phase,
            decision=decision,
            notes=notes,
            conditions=conditions.strip(),
            decided_by=acting_user,
            answers=answers,
        ),
        acting_user=acting_user,
    )
    record.reviewers.set(reviewers)
    if decision == Decision.GO_WITH_CONDITIONS:
        due = timezone.localdate() + dt.timedelta(weeks=4)
        for line in record.conditions.splitlines():
            if line.strip():
                action = raid_services.log_item(
                    Action,
                    acting_user=acting_user,
                    project=project,
                    title=line.strip()[:200],
                    owner=project.manager,
                    due=due,
                    description=_("Condition of the go at “%(gate)s”.") % {"gate": gate},
                )
                record.actions.add(action)
    if decision != Decision.NO_GO:
        after = (
            method.method_version.phases.filter(position__gt=method.phase.position)
            .order_by("position")
            .first()
        )
        if after is None:
            method.finished = True
        else:
            method.phase = after
        audited_save(
            method,
            acting_user=acting_user,
            reason=_("%(gate)s: %(decision)s") % {"gate": gate, "decision": record.get_decision_display()},
        )
    return record
