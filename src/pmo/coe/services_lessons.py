"""Every write to the lessons-learned register and to the feedback on suggested lessons."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from pmo.core.services import audited_delete, audited_save, check_version, only_fields, require
from pmo.projects.models import Project

from . import lessons
from .models import Context, Lesson, LessonFeedback, split_tags

LESSON_FIELDS = frozenset(
    {
        "title",
        "what_happened",
        "cause",
        "recommendation",
        "category",
        "phase",
        "tags",
        "kind",
        "project",
        "recorded_on",
    }
)


def _prepare(lesson: Lesson, acting_user) -> None:
    if lesson.project is not None:
        require(acting_user, "coe.record_lesson", lesson.project)
    else:
        require(acting_user, "coe.manage_lessons")
    lesson.tags = ", ".join(split_tags(lesson.tags))
    for name in ("title", "what_happened", "recommendation"):
        if not getattr(lesson, name).strip():
            raise ValidationError(
                {name: _("A lesson needs %(field)s.") % {"field": Lesson._meta.get_field(name).verbose_name}}
            )
    lesson.full_clean(exclude=["search_terms", "recorded_by"])
    lesson.search_terms = lessons.terms_for(lesson)


@transaction.atomic
def record_lesson(*, acting_user, **fields: Any) -> Lesson:
    """A new lesson in the register; it is searchable at once."""
    lesson = Lesson(recorded_by=acting_user, **only_fields(fields, LESSON_FIELDS))
    _prepare(lesson, acting_user)
    audited_save(lesson, acting_user=acting_user)
    lessons.index([lesson])
    return lesson


@transaction.atomic
def update_lesson(
    lesson: Lesson, *, acting_user, expected_version: int | None = None, **changes: Any
) -> Lesson:
    lesson = Lesson.objects.select_for_update().get(pk=lesson.pk)
    check_version(lesson, expected_version)
    if lesson.project is not None:
        require(acting_user, "coe.record_lesson", lesson.project)
    for name, value in only_fields(changes, LESSON_FIELDS).items():
        setattr(lesson, name, value)
    _prepare(lesson, acting_user)
    audited_save(lesson, acting_user=acting_user)
    lessons.index([lesson])
    return lesson


@transaction.atomic
def delete_lesson(lesson: Lesson, *, acting_user) -> None:
    require(acting_user, "coe.manage_lessons")
    pk = lesson.pk
    audited_delete(lesson, acting_user=acting_user)
    lessons.unindex(pk)


@transaction.atomic
def give_feedback(
    lesson: Lesson, *, acting_user, useful: bool, context: str, context_key: str = "", project=None
) -> LessonFeedback:
    """ "Was this useful?" — one answer per person, lesson and place it was suggested; answering again changes
    the answer."""
    if context not in Context.values:
        raise ValidationError(_("Unknown context %(context)r for feedback.") % {"context": context})
    if project is not None:
        if not Project.objects.visible_to(acting_user).filter(pk=project.pk).exists():
            raise PermissionDenied(_("You are not allowed to see this project."))
    elif context != Context.SEARCH:
        raise ValidationError(_("Feedback on a suggestion for a project needs the project."))
    feedback = LessonFeedback.objects.filter(
        lesson=lesson, user=acting_user, project=project, context=context, context_key=context_key
    ).first()
    if feedback is None:
        feedback = LessonFeedback(
            lesson=lesson, user=acting_user, project=project, context=context, context_key=context_key
        )
    elif feedback.useful == useful:
        return feedback
    feedback.useful = useful
    return audited_save(feedback, acting_user=acting_user)
