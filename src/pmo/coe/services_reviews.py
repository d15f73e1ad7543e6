"""Every write to reviews and audits: questionnaires and their questions, health checks (answers and score), audits,
their findings (each tracked as an action on the project's RAID log) and closing an audit."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from pmo.core.services import audited_delete, audited_save, create_object, only_fields, require, update_object
from pmo.projects.models import Project
from pmo.raid import services as raid_services
from pmo.raid.models import OPEN_ACTION, Action

from .models import (
    BLOCKING_SEVERITIES,
    Audit,
    AuditStatus,
    Finding,
    HealthAnswer,
    HealthCheck,
    Opinion,
    Question,
    Questionnaire,
    Severity,
)

QUESTIONNAIRE_FIELDS = frozenset({"name", "description", "scale_min", "scale_max", "active"})
QUESTION_FIELDS = frozenset({"text", "area", "weight", "help_text"})
AUDIT_FIELDS = frozenset({"title", "scope", "planned_on", "performed_on", "lead_auditor"})
FINDING_FIELDS = frozenset({"description", "severity", "owner", "due", "recommendation"})
ONE_DECIMAL = Decimal("0.1")


# -- scoring ---------------------------------------------------------------------------------------------------


def weighted_score(answers: Iterable[tuple[Decimal | float, int]], low: int, high: int) -> Decimal | None:
    """The weighted mean of (value - low) / (high - low) × 100 over (weight, value) pairs, to one decimal; None
    without answers."""
    total = weighted = Decimal(0)
    for weight, value in answers:
        weight = Decimal(weight)
        total += weight
        weighted += weight * (Decimal(value) - low) / Decimal(high - low)
    if not total:
        return None
    return (weighted / total * 100).quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP)


def area_scores(check: HealthCheck) -> list[tuple[str, Decimal]]:
    """The check's score per area (area label, score), in the order the areas first appear in the questionnaire."""
    questionnaire = check.questionnaire
    by_area: dict[str, list[tuple[Decimal, int]]] = {}
    labels: dict[str, str] = {}
    for answer in check.answers.select_related("question").order_by("question__position"):
        question = answer.question
        by_area.setdefault(question.area, []).append((question.weight, answer.value))
        labels[question.area] = question.get_area_display()
    return [
        (labels[area], weighted_score(pairs, questionnaire.scale_min, questionnaire.scale_max))
        for area, pairs in by_area.items()
    ]


# -- questionnaires --------------------------------------------------------------------------------------------


def _check_scale(low: Any, high: Any) -> None:
    if low is None or high is None or int(high) <= int(low):
        raise ValidationError({"scale_max": _("The highest answer must be above the lowest.")})


def _unused(questionnaire: Questionnaire) -> None:
    if questionnaire.used:
        raise ValidationError(
            _(
                "%(questionnaire)s has been used for health checks, so its questions and scale stay as they are "
                "(earlier scores must stay comparable). Make a copy to change them."
            )
            % {"questionnaire": questionnaire}
        )


@transaction.atomic
def create_questionnaire(*, acting_user, **fields: Any) -> Questionnaire:
    require(acting_user, "coe.manage_questionnaires")
    _check_scale(fields.get("scale_min", 1), fields.get("scale_max", 5))
    return create_object(
        Questionnaire,
        acting_user=acting_user,
        perm="coe.manage_questionnaires",
        allowed=QUESTIONNAIRE_FIELDS,
        fields=fields,
    )


@transaction.atomic
def update_questionnaire(
    questionnaire: Questionnaire, *, acting_user, expected_version: int | None = None, **changes: Any
) -> Questionnaire:
    """Change the name, description or whether it is in use; the scale only while no health check used it."""
    require(acting_user, "coe.manage_questionnaires")
    only_fields(changes, QUESTIONNAIRE_FIELDS)
    low = changes.get("scale_min", questionnaire.scale_min)
    high = changes.get("scale_max", questionnaire.scale_max)
    if (low, high) != (questionnaire.scale_min, questionnaire.scale_max):
        _unused(questionnaire)
        _check_scale(low, high)
    return update_object(
        questionnaire,
        acting_user=acting_user,
        perm="coe.manage_questionnaires",
        allowed=QUESTIONNAIRE_FIELDS,
        expected_version=expected_version,
        changes=changes,
    )[0]


@transaction.atomic
def add_question(questionnaire: Questionnaire, *, acting_user, **fields: Any) -> Question:
    require(acting_user, "coe.manage_questionnaires")
    _unused(questionnaire)
    fields = only_fields(fields, QUESTION_FIELDS)
    if fields.get("weight") is None or Decimal(fields["weight"]) <= 0:
        raise ValidationError({"weight": _("A question's weight must be more than zero.")})
    last = questionnaire.questions.aggregate(last=Max("position"))["last"] or 0
    return audited_save(
        Question(questionnaire=questionnaire, position=last + 1, **fields), acting_user=acting_user
    )


@transaction.atomic
def remove_question(question: Question, *, acting_user) -> None:
    require(acting_user, "coe.manage_questionnaires")
    questionnaire, position = question.questionnaire, question.position
    _unused(questionnaire)
    audited_delete(question, acting_user=acting_user)
    for later in questionnaire.questions.filter(position__gt=position).order_by("position"):
        later.position -= 1
        audited_save(later, acting_user=acting_user)


@transaction.atomic
def copy_questionnaire(questionnaire: Questionnaire, *, acting_user, name: str = "") -> Questionnaire:
    """A new (unused, so changeable) questionnaire with the same scale and questions."""
    require(acting_user, "coe.manage_questionnaires")
    name = name.strip() or _("%(name)s (copy)") % {"name": questionnaire.name}
    copy = audited_save(
        Questionnaire(
            name=name,
            description=questionnaire.description,
            scale_min=questionnaire.scale_min,
            scale_max=questionnaire.scale_max,
        ),
        acting_user=acting_user,
    )
    for question in questionnaire.questions.all():
        audited_save(
            Question(
                questionnaire=copy,
                position=question.position,
                **{f: getattr(question, f) for f in QUESTION_FIELDS},
            ),
            acting_user=acting_user,
        )
    return copy


# -- health checks ---------------------------------------------------------------------------------------------


def _as_int(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    text = str(value).strip() if value is not None else ""
    return int(text) if re.fullmatch(r"-?[0-9]{1,9}", text) else None


def _checked_answers(questionnaire: Questionnaire, answers: Mapping[Any, Any]) -> dict[Question, int]:
    """Each of the questionnaire's questions with its answer, or a ValidationError naming every question that is
    unanswered, answered out of the scale or not a number, and every answer to a question of another
    questionnaire."""
    questions = list(questionnaire.questions.all())
    if not questions:
        raise ValidationError(_("%(questionnaire)s has no questions yet.") % {"questionnaire": questionnaire})
    by_pk = {q.pk: q for q in questions}
    given: dict[int, Any] = {}
    errors: list[str] = []
    for key, value in answers.items():
        pk = key.pk if isinstance(key, Question) else _as_int(key)
        if pk not in by_pk:
            other = Question.objects.filter(pk=pk).select_related("questionnaire").first() if pk else None
            errors.append(
                _("“%(question)s” is a question of %(other)s, not of %(questionnaire)s.")
                % {"question": other.text, "other": other.questionnaire, "questionnaire": questionnaire}
                if other
                else _("There is no question %(key)s in %(questionnaire)s.")
                % {"key": key, "questionnaire": questionnaire}
            )
            continue
        given[pk] = value
    low, high = questionnaire.scale_min, questionnaire.scale_max
    checked: dict[Question, int] = {}
    for question in questions:
        raw = given.get(question.pk)
        label = {"position": question.position, "question": question.text, "low": low, "high": high}
        if raw is None or str(raw).strip() == "":
            errors.append(_("Question %(position)s “%(question)s” has no answer.") % label)
            continue
        value = _as_int(raw)
        if value is None:
            errors.append(
                _(
                    "Question %(position)s “%(question)s”: “%(value)s” is not a whole number from %(low)s to %(high)s."
                )
                % {**label, "value": raw}
            )
        elif not low <= value <= high:
            errors.append(
                _("Question %(position)s “%(question)s”: %(value)s lies outside the scale %(low)s–%(high)s.")
                % {**label, "value": value}
            )
        else:
            checked[question] = value
    if errors:
        raise ValidationError(errors)
    return checked


@transaction.atomic
def record_health_check(
    project: Project,
    questionnaire: Questionnaire,
    *,
    acting_user,
    answers: Mapping[Any, Any],
    date: dt.date | None = None,
    notes: str = "",
    comments: Mapping[Any, str] | None = None,
) -> HealthCheck:
    """Record a project's health check: every question of the questionnaire answered on its scale (keys are
    questions or their ids); the score is the weighted mean of the answers on a 0–100 scale."""
    require(acting_user, "coe.perform_health_check", project)
    questionnaire = Questionnaire.objects.get(
        pk=questionnaire.pk
    )  # as it is now, not as the caller loaded it
    if not questionnaire.active:
        raise ValidationError(
            _("%(questionnaire)s is no longer used for health checks.") % {"questionnaire": questionnaire}
        )
    date = date or timezone.localdate()
    if date > timezone.localdate():
        raise ValidationError({"date": _("A health check cannot be dated in the future.")})
    checked = _checked_answers(questionnaire, answers)
    notes_for = {(k.pk if isinstance(k, Question) else _as_int(k)): v for k, v in (comments or {}).items()}
    score = weighted_score(
        ((q.weight, v) for q, v in checked.items()), questionnaire.scale_min, questionnaire.scale_max
    )
    check = audited_save(
        HealthCheck(
            project=project,
            questionnaire=questionnaire,
            date=date,
            performed_by=acting_user,
            notes=notes.strip(),
            score=score,
        ),
        acting_user=acting_user,
    )
    for question, value in checked.items():
        audited_save(
            HealthAnswer(
                health_check=check,
                question=question,
                value=value,
                comment=(notes_for.get(question.pk) or "").strip(),
            ),
            acting_user=acting_user,
        )
    return check


# -- audits ----------------------------------------------------------------------------------------------------


def _open(audit: Audit) -> None:
    if audit.status == AuditStatus.CLOSED:
        raise ValidationError(_("The audit “%(audit)s” is closed.") % {"audit": audit.title})


@transaction.atomic
def create_audit(*, acting_user, project: Project, **fields: Any) -> Audit:
    require(acting_user, "coe.audit", project)
    audit = Audit(project=project, **only_fields(fields, AUDIT_FIELDS))
    return audited_save(audit, acting_user=acting_user)


@transaction.atomic
def update_audit(audit: Audit, *, acting_user, expected_version: int | None = None, **changes: Any) -> Audit:
    """Change an open audit's plan; `status` may move between planned and in progress (closing has its own
    service)."""
    require(acting_user, "coe.audit", audit.project)
    _open(audit)
    status = changes.pop("status", None)
    if status is not None:
        if status not in (AuditStatus.PLANNED, AuditStatus.IN_PROGRESS):
            raise ValidationError(
                {"status": _("An audit is closed with “Close the audit”, with its opinion.")}
            )
        changes["status"] = status
    return update_object(
        audit,
        acting_user=acting_user,
        perm="coe.audit",
        allowed=AUDIT_FIELDS | {"status"},
        expected_version=expected_version,
        changes=changes,
    )[0]


def _action_title(audit: Audit, description: str) -> str:
    first = description.strip().splitlines()[0] if description.strip() else ""
    title = _("Audit “%(audit)s”: %(finding)s") % {"audit": audit.title, "finding": first}
    return title if len(title) <= 200 else title[:199] + "…"


@transaction.atomic
def add_finding(audit: Audit, *, acting_user, **fields: Any) -> Finding:
    """Record a finding of an open audit; it becomes an action on the project's RAID log, owned by the finding's
    owner and due when the finding is, so it is tracked with the project's other actions."""
    require(acting_user, "coe.audit", audit.project)
    audit = Audit.objects.select_for_update().select_related("project").get(pk=audit.pk)
    _open(audit)
    fields = only_fields(fields, FINDING_FIELDS)
    if not str(fields.get("description") or "").strip():
        raise ValidationError({"description": _("Describe what the audit found.")})
    if fields.get("severity") not in Severity.values:
        raise ValidationError({"severity": _("Choose a severity: low, medium, high or critical.")})
    if fields.get("owner") is None:
        raise ValidationError({"owner": _("Say who deals with the finding.")})
    if fields.get("due") is None:
        raise ValidationError({"due": _("Say by when the finding must be dealt with.")})
    finding = Finding(audit=audit, **fields)
    finding.full_clean(exclude=["action"])
    finding.action = raid_services.log_item(
        Action,
        acting_user=acting_user,
        project=audit.project,
        title=_action_title(audit, finding.description),
        owner=finding.owner,
        due=finding.due,
        description=finding.recommendation or finding.description,
    )
    finding = audited_save(finding, acting_user=acting_user)
    if audit.status == AuditStatus.PLANNED:
        audit.status = AuditStatus.IN_PROGRESS
        audited_save(audit, acting_user=acting_user, reason=_("First finding recorded"))
    return finding


def blocking_findings(audit: Audit) -> list[Finding]:
    """The high and critical findings whose action is still open: they keep the audit from closing."""
    return list(
        audit.findings.filter(
            severity__in=BLOCKING_SEVERITIES, action__status__in=OPEN_ACTION
        ).select_related("action")
    )


@transaction.atomic
def close_audit(
    audit: Audit, *, acting_user, conclusion: str, opinion: str, performed_on: dt.date | None = None
) -> Audit:
    """Close the audit with its conclusion and opinion — refused while a high or critical finding's action is
    still open (the audit closes when what matters most has been dealt with)."""
    require(acting_user, "coe.audit", audit.project)
    audit = Audit.objects.select_for_update().select_related("project").get(pk=audit.pk)
    _open(audit)
    if opinion not in Opinion.values:
        raise ValidationError(
            {"opinion": _("Give the audit's opinion: sufficient, needs improvement or insufficient.")}
        )
    if not conclusion.strip():
        raise ValidationError({"conclusion": _("Write down the audit's conclusion.")})
    blocking = blocking_findings(audit)
    if blocking:
        raise ValidationError(
            _(
                "The audit cannot be closed while the actions of its high and critical findings are open: "
                "%(actions)s."
            )
            % {
                "actions": ", ".join(
                    f"{f.action.reference or f.action.pk} ({f.get_severity_display()})" for f in blocking
                )
            }
        )
    audit.status, audit.opinion, audit.conclusion = AuditStatus.CLOSED, opinion, conclusion.strip()
    audit.performed_on = performed_on or audit.performed_on or timezone.localdate()
    return audited_save(audit, acting_user=acting_user, reason=_("Closed"))
