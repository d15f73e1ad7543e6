"""Pages of the lessons-learned register: search, record and edit lessons; the lessons suggested to a project
(its Lessons tab) and to a risk (a panel on the risk's page); "was this useful?"."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.loader import render_to_string
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from pmo.core import views_base as base
from pmo.projects.models import Project
from pmo.projects.views import ProjectTab
from pmo.raid.models import Risk, RiskStatus

from . import lessons, services_lessons
from .forms_lessons import FeedbackForm, LessonForm, SearchForm
from .models import Context, Lesson, LessonFeedback, ProjectMethod

SEARCH_RESULTS = 50


class LessonList(base.TableView):
    """The register: filtered and sorted, or — with a search text — ranked by relevance."""

    model = Lesson
    related = ("project",)
    template_name = "coe/lesson_list.html"
    sort_fields = {"recorded": "recorded_on", "title": "title", "category": "category"}
    default_sort = "-recorded"

    def get_queryset(self):
        self.search = SearchForm(self.request.GET)
        self.search.is_valid()
        data = {k: v for k, v in getattr(self.search, "cleaned_data", {}).items() if v}
        qs = super().get_queryset().defer("search_terms")
        if data.get("category"):
            qs = qs.filter(category=data["category"])
        if data.get("kind"):
            qs = qs.filter(kind=data["kind"])
        if data.get("phase"):
            qs = qs.filter(phase__iexact=data["phase"])
        if data.get("tag"):
            qs = qs.filter(tags__icontains=data["tag"])
        self.found = None
        if data.get("q"):
            self.found = lessons.search(
                data["q"],
                phase=data.get("phase", ""),
                category=data.get("category", ""),
                lessons=qs,
                limit=SEARCH_RESULTS,
            )
            return [f.lesson for f in self.found]
        return qs

    def search_queryset(self, qs):
        return qs  # the search is ranked in get_queryset

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        matched = {f.lesson.pk: f.matched for f in self.found or []}
        context = super().get_context_data(
            form=self.search,
            ranked=self.found is not None,
            matched=matched,
            can_add=self.request.user.has_perm("coe.manage_lessons"),
            counts=Lesson.objects.aggregate(
                total=Count("pk"), positive=Count("pk", filter=Q(kind="positive"))
            ),
            section="lessons",
            **kwargs,
        )
        lessons.hide_unseen_projects(context["object_list"], self.request.user)
        return context


class LessonDetail(base.DetailView):
    model = Lesson
    related = ("project", "recorded_by")
    template_name = "coe/lesson_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        lesson, user = self.object, self.request.user
        votes = lesson.feedback.aggregate(
            yes=Count("pk", filter=Q(useful=True)), no=Count("pk", filter=Q(useful=False))
        )
        can_edit = user.has_perm("coe.manage_lessons") or (
            lesson.project is not None and user.has_perm("coe.record_lesson", lesson.project)
        )
        similar = lessons.search(
            f"{lesson.title} {lesson.text}", tags=lesson.tag_list, exclude=[lesson.pk], limit=5
        )
        lessons.hide_unseen_projects([lesson, *(f.lesson for f in similar)], user)
        return super().get_context_data(
            similar=similar,
            votes=votes,
            can_edit=can_edit,
            can_delete=user.has_perm("coe.manage_lessons"),
            section="lessons",
            **kwargs,
        )


def _project_param(request: HttpRequest) -> Project | None:
    pk = base.id_param(request.GET, "project") or base.id_param(request.POST, "project")
    return get_object_or_404(Project.objects.visible_to(request.user), pk=pk) if pk else None


class LessonCreate(base.CreateView):
    form_class = LessonForm
    template_name = "coe/lesson_form.html"
    permission_required = "coe.manage_lessons"
    success_message = gettext_lazy("Lesson “%(object)s” recorded.")
    service = staticmethod(services_lessons.record_lesson)

    def check_object_permission(self, obj: Any = None) -> None:
        project = _project_param(self.request)
        allowed = self.request.user.has_perm("coe.manage_lessons") or (
            project is not None and self.request.user.has_perm("coe.record_lesson", project)
        )
        if not allowed:
            raise PermissionDenied(_("You are not allowed to record lessons here."))
        self.project = project

    def get_initial(self) -> dict[str, Any]:
        initial = super().get_initial()
        if self.project is not None:
            initial["project"] = self.project
            method = ProjectMethod.objects.filter(project=self.project).select_related("phase").first()
            if method is not None and method.phase is not None:
                initial["phase"] = method.phase.name
        return initial

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(section="lessons", **kwargs)


class LessonEdit(base.UpdateView):
    model = Lesson
    form_class = LessonForm
    template_name = "coe/lesson_form.html"
    permission_required = "coe.manage_lessons"
    success_message = gettext_lazy("Lesson “%(object)s” saved.")
    service = staticmethod(services_lessons.update_lesson)

    def check_object_permission(self, obj: Any = None) -> None:
        user = self.request.user
        if not (
            user.has_perm("coe.manage_lessons")
            or (obj.project is not None and user.has_perm("coe.record_lesson", obj.project))
        ):
            raise PermissionDenied(_("You are not allowed to change this lesson."))

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(section="lessons", **kwargs)


@login_required
@require_POST
def lesson_delete(request: HttpRequest, pk: int) -> HttpResponse:
    lesson = get_object_or_404(Lesson.objects.visible_to(request.user), pk=pk)
    title = lesson.title
    services_lessons.delete_lesson(lesson, acting_user=request.user)
    messages.success(request, _("Lesson “%(title)s” deleted.") % {"title": title})
    return redirect("coe:lesson_list")


@login_required
@require_POST
def lesson_feedback(request: HttpRequest, pk: int) -> HttpResponse:
    """ "Was this useful?" on a suggested lesson; back to the page it was suggested on."""
    lesson = get_object_or_404(Lesson.objects.visible_to(request.user), pk=pk)
    form = FeedbackForm(request.POST)
    project = _project_param(request)
    base.run_action(
        request,
        lambda: services_lessons.give_feedback(
            lesson,
            acting_user=request.user,
            useful=form.cleaned_data["useful"],
            context=form.cleaned_data["context"],
            context_key=form.cleaned_data["key"],
            project=project,
        ),
        lambda feedback: (
            _("Thank you: your answer helps the next suggestions.")
            if feedback.useful
            else _("Thank you: this lesson is no longer suggested here.")
        ),
        form,
    )
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect(lesson)


def _answers(user, project, context: str, key: str, found) -> dict[int, bool]:
    """The user's earlier answers for these suggestions."""
    return dict(
        LessonFeedback.objects.filter(
            user=user, project=project, context=context, context_key=key, lesson__in=[f.lesson for f in found]
        ).values_list("lesson", "useful")
    )


def _block(user, project, context: str, key: str, label: str, found) -> dict[str, Any]:
    lessons.hide_unseen_projects([f.lesson for f in found], user)
    return {
        "context": context,
        "key": key,
        "label": label,
        "found": found,
        "answers": _answers(user, project, context, key, found),
    }


class ProjectLessons(ProjectTab):
    """The lessons suggested for this project: as a new project, for the phase it is in, for its open risks;
    and the lessons it recorded itself."""

    template_name = "coe/project_lessons.html"
    tab = "lessons"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        project, user = self.object, self.request.user
        first = lessons.for_project(project)
        blocks = [_block(user, project, Context.PROJECT, "", _("For this project"), first)]
        method = ProjectMethod.objects.filter(project=project).select_related("phase").first()
        if method is not None and method.phase is not None and not method.finished:
            phase = method.phase.name
            blocks.append(
                _block(
                    user,
                    project,
                    Context.PHASE,
                    phase,
                    _("For the phase %(phase)s") % {"phase": phase},
                    lessons.for_phase(project, phase, exclude=[f.lesson.pk for f in first]),
                )
            )
        risks = Risk.objects.filter(project=project).exclude(status=RiskStatus.CLOSED).order_by("-score")[:5]
        for risk in risks:
            blocks.append(
                _block(
                    user,
                    project,
                    Context.RISK,
                    str(risk.pk),
                    _("For the risk %(risk)s") % {"risk": risk},
                    lessons.for_risk(risk),
                )
            )
        return super().get_context_data(
            blocks=blocks,
            recorded=project.lessons.all(),
            can_record=user.has_perm("coe.record_lesson", project),
            **kwargs,
        )


def risk_panel(request: HttpRequest, risk: Risk) -> str:
    """On a risk's page: the lessons about the same trouble."""
    if risk.project is None or not risk.pk:
        return ""
    found = lessons.for_risk(risk)
    block = _block(request.user, risk.project, Context.RISK, str(risk.pk), _("Lessons learned"), found)
    return render_to_string(
        "coe/_risk_lessons.html",
        {"block": block, "project": risk.project, "next": request.get_full_path()},
        request=request,
    )


def phase_block(user, project, phase_name: str, *, limit: int = 3) -> dict[str, Any]:
    """The lessons for the phase a project is in, for its Method tab: what it sees right after a gate."""
    label = _("Lessons for the phase %(phase)s") % {"phase": phase_name}
    found = lessons.for_phase(project, phase_name, limit=limit)
    return _block(user, project, Context.PHASE, phase_name, label, found)


def project_panel(request: HttpRequest, project: Project) -> str:
    """On a project's overview, from the day it is created: the lessons of other projects like it."""
    found = lessons.for_project(project, limit=3)
    block = _block(request.user, project, Context.PROJECT, "", _("Lessons from other projects"), found)
    return render_to_string(
        "coe/_project_lessons_panel.html",
        {"block": block, "project": project, "next": request.get_full_path()},
        request=request,
    )
