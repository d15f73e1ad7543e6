"""Every write to training records, the knowledge base, the glossary and the maturity assessments."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pmo.core.services import audited_delete, audited_save, create_object, only_fields, require, update_object

from .models import (
    Article,
    Completion,
    Course,
    GlossaryTerm,
    ImprovementAction,
    ImprovementStatus,
    MaturityAssessment,
    MaturityScore,
    Perspective,
    RequiredRole,
    RoleRequirement,
)

COURSE_FIELDS = frozenset({"code", "title", "description", "provider", "hours", "active"})
COMPLETION_FIELDS = frozenset({"completed_on", "valid_until", "certificate"})
ARTICLE_FIELDS = frozenset({"title", "slug", "body", "tags", "method", "phase", "status"})
TERM_FIELDS = frozenset({"term", "english", "definition"})
ASSESSMENT_FIELDS = frozenset({"assessed_on", "scope", "notes"})
ACTION_FIELDS = frozenset(
    {"perspective", "description", "owner", "due_on", "status", "target_level", "assessment"}
)


# -- training -------------------------------------------------------------------------------------------------------


@transaction.atomic
def create_course(*, acting_user, **fields: Any) -> Course:
    return create_object(
        Course, acting_user=acting_user, perm="coe.manage_training", allowed=COURSE_FIELDS, fields=fields
    )


@transaction.atomic
def update_course(
    course: Course, *, acting_user, expected_version: int | None = None, **changes: Any
) -> Course:
    return update_object(
        course,
        acting_user=acting_user,
        perm="coe.manage_training",
        allowed=COURSE_FIELDS,
        expected_version=expected_version,
        changes=changes,
    )[0]


@transaction.atomic
def record_completion(course: Course, user, *, acting_user, **fields: Any) -> Completion:
    """Record that `user` completed `course`: not in the future, not expiring before it was done, not twice."""
    require(acting_user, "coe.manage_training")
    fields = only_fields(fields, COMPLETION_FIELDS)
    completed_on, valid_until = fields.get("completed_on"), fields.get("valid_until")
    if completed_on is None:
        raise ValidationError({"completed_on": _("Say when the course was completed.")})
    if completed_on > timezone.localdate():
        raise ValidationError(
            {"completed_on": _("The completion date %(date)s is in the future.") % {"date": completed_on}}
        )
    if valid_until is not None and valid_until < completed_on:
        raise ValidationError(
            {
                "valid_until": _(
                    "The certificate cannot be valid until %(until)s, before it was obtained (%(on)s)."
                )
                % {"until": valid_until, "on": completed_on}
            }
        )
    if Completion.objects.filter(course=course, user=user, completed_on=completed_on).exists():
        raise ValidationError(
            _("%(person)s's completion of %(course)s on %(date)s is already recorded.")
            % {"person": user, "course": course.code, "date": completed_on}
        )
    return audited_save(Completion(course=course, user=user, **fields), acting_user=acting_user)


@transaction.atomic
def remove_completion(completion: Completion, *, acting_user) -> None:
    require(acting_user, "coe.manage_training")
    audited_delete(completion, acting_user=acting_user)


@transaction.atomic
def add_requirement(course: Course, role: str, *, acting_user) -> RoleRequirement:
    require(acting_user, "coe.manage_training")
    if role not in RequiredRole.values:
        raise ValidationError(_("Unknown role: %(role)s.") % {"role": role})
    if RoleRequirement.objects.filter(course=course, role=role).exists():
        raise ValidationError(
            _("%(role)s already requires %(course)s.")
            % {"role": RequiredRole(role).label, "course": course.code}
        )
    return audited_save(RoleRequirement(course=course, role=role), acting_user=acting_user)


@transaction.atomic
def remove_requirement(requirement: RoleRequirement, *, acting_user) -> None:
    require(acting_user, "coe.manage_training")
    audited_delete(requirement, acting_user=acting_user)


# -- knowledge base -------------------------------------------------------------------------------------------------


def normalise_tags(tags: str) -> str:
    """Comma-separated tags, trimmed, lower-case, each once, in the order given."""
    seen: list[str] = []
    for tag in (tags or "").split(","):
        tag = " ".join(tag.split()).lower()
        if tag and tag not in seen:
            seen.append(tag)
    return ", ".join(seen)


def _article_fields(fields: dict[str, Any]) -> dict[str, Any]:
    if "tags" in fields:
        fields["tags"] = normalise_tags(fields["tags"])
    phase, method = fields.get("phase"), fields.get("method")
    if phase is not None:
        if method is None:
            fields["method"] = phase.method_version.method
        elif phase.method_version.method_id != method.pk:
            raise ValidationError(
                {
                    "phase": _("The phase %(phase)s belongs to %(owner)s, not to %(method)s.")
                    % {"phase": phase.name, "owner": phase.method_version.method, "method": method}
                }
            )
    return fields


@transaction.atomic
def create_article(*, acting_user, **fields: Any) -> Article:
    require(acting_user, "coe.manage_knowledge")
    fields = _article_fields(only_fields(fields, ARTICLE_FIELDS))
    return audited_save(Article(updated_by=acting_user, **fields), acting_user=acting_user)


@transaction.atomic
def update_article(
    article: Article, *, acting_user, expected_version: int | None = None, **changes: Any
) -> Article:
    changes = only_fields(changes, ARTICLE_FIELDS)
    if "phase" in changes and "method" not in changes:
        changes["method"] = article.method
    changes = _article_fields(changes)
    article, changed = update_object(
        article,
        acting_user=acting_user,
        perm="coe.manage_knowledge",
        allowed=ARTICLE_FIELDS,
        expected_version=expected_version,
        changes=changes,
    )
    if changed and article.updated_by_id != acting_user.pk:
        article.updated_by = acting_user
        article.save(update_fields=["updated_by"])
    return article


@transaction.atomic
def create_term(*, acting_user, **fields: Any) -> GlossaryTerm:
    fields = only_fields(fields, TERM_FIELDS)
    require(acting_user, "coe.manage_knowledge")
    term = " ".join((fields.get("term") or "").split())
    if term and GlossaryTerm.objects.filter(term__iexact=term).exists():
        raise ValidationError({"term": _("The glossary already has the term “%(term)s”.") % {"term": term}})
    return audited_save(GlossaryTerm(**{**fields, "term": term}), acting_user=acting_user)


@transaction.atomic
def update_term(
    term: GlossaryTerm, *, acting_user, expected_version: int | None = None, **changes: Any
) -> GlossaryTerm:
    if "term" in changes:
        changes["term"] = " ".join((changes["term"] or "").split())
        if GlossaryTerm.objects.filter(term__iexact=changes["term"]).exclude(pk=term.pk).exists():
            raise ValidationError(
                {"term": _("The glossary already has the term “%(term)s”.") % {"term": changes["term"]}}
            )
    return update_object(
        term,
        acting_user=acting_user,
        perm="coe.manage_knowledge",
        allowed=TERM_FIELDS,
        expected_version=expected_version,
        changes=changes,
    )[0]


# -- maturity -------------------------------------------------------------------------------------------------------


def _checked_scores(scores: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Every perspective exactly once, levels (and target levels) 1–5; the first problem is named."""
    rows = [dict(row) for row in scores]
    labels = dict(Perspective.choices)
    unknown = [str(r.get("perspective")) for r in rows if r.get("perspective") not in labels]
    if unknown:
        raise ValidationError(_("Unknown perspective: %(names)s.") % {"names": ", ".join(unknown)})
    counts = Counter(r["perspective"] for r in rows)
    twice = [str(labels[p]) for p in Perspective.values if counts[p] > 1]
    if twice:
        raise ValidationError(
            _("Score every perspective exactly once: %(names)s is scored more than once.")
            % {"names": ", ".join(twice)}
        )
    missing = [str(labels[p]) for p in Perspective.values if counts[p] == 0]
    if missing:
        raise ValidationError(
            _("Score every perspective exactly once: %(names)s has no score.") % {"names": ", ".join(missing)}
        )
    for row in rows:
        for key, what in (("level", _("level")), ("target_level", _("target level"))):
            value = row.get(key)
            if value is None and key == "target_level":
                continue
            if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= 5:
                raise ValidationError(
                    _("%(perspective)s: the %(what)s must be a whole number from 1 to 5, not %(value)s.")
                    % {"perspective": labels[row["perspective"]], "what": what, "value": value}
                )
    return rows


@transaction.atomic
def create_assessment(
    *, acting_user, scores: Iterable[Mapping[str, Any]], assessed_on: dt.date, scope: str, notes: str = ""
) -> MaturityAssessment:
    """A self-assessment with one score per perspective: `scores` rows have perspective, level, and optionally
    target_level and evidence."""
    require(acting_user, "coe.assess_maturity")
    rows = _checked_scores(scores)
    if assessed_on is None:
        raise ValidationError({"assessed_on": _("Say when the assessment was made.")})
    if assessed_on > timezone.localdate():
        raise ValidationError(
            {"assessed_on": _("The assessment date %(date)s is in the future.") % {"date": assessed_on}}
        )
    assessment = audited_save(
        MaturityAssessment(assessed_on=assessed_on, scope=scope, notes=notes, assessed_by=acting_user),
        acting_user=acting_user,
    )
    for row in rows:
        audited_save(
            MaturityScore(
                assessment=assessment,
                perspective=row["perspective"],
                level=row["level"],
                target_level=row.get("target_level"),
                evidence=row.get("evidence") or "",
            ),
            acting_user=acting_user,
        )
    return assessment


@transaction.atomic
def create_action(*, acting_user, **fields: Any) -> ImprovementAction:
    return create_object(
        ImprovementAction,
        acting_user=acting_user,
        perm="coe.assess_maturity",
        allowed=ACTION_FIELDS,
        fields=fields,
    )


@transaction.atomic
def update_action(
    action: ImprovementAction, *, acting_user, expected_version: int | None = None, **changes: Any
) -> ImprovementAction:
    return update_object(
        action,
        acting_user=acting_user,
        perm="coe.assess_maturity",
        allowed=ACTION_FIELDS,
        expected_version=expected_version,
        changes=changes,
    )[0]


@transaction.atomic
def set_action_status(action: ImprovementAction, status: str, *, acting_user) -> ImprovementAction:
    if status not in ImprovementStatus.values:
        raise ValidationError(_("Unknown status: %(status)s.") % {"status": status})
    return update_action(action, acting_user=acting_user, status=status)
