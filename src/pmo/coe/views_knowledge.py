"""Pages of training (courses, the competency matrix, my training), the knowledge base with the glossary, and the
maturity self-assessments with the improvement plan."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Prefetch, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from pmo.core import views_base as base

from . import knowledge
from . import services_knowledge as services
from .forms_knowledge import (
    ArticleForm,
    AssessmentForm,
    CompletionForm,
    CourseForm,
    GlossaryTermForm,
    ImprovementActionForm,
    RequirementForm,
)
from .markdown import render_markdown
from .models import (
    Article,
    ArticleStatus,
    Completion,
    Course,
    GlossaryTerm,
    ImprovementAction,
    ImprovementStatus,
    MaturityAssessment,
    MaturityScore,
    Method,
    Perspective,
    RequiredRole,
    RoleRequirement,
)

# -- training -------------------------------------------------------------------------------------------------------


class CourseList(base.TableView):
    model = Course
    template_name = "coe/course_list.html"
    sort_fields = {
        "code": "code",
        "title": "title",
        "provider": "provider",
        "hours": "hours",
        "done": "n_done",
    }
    default_sort = "code"
    search_fields = ("code", "title", "provider", "description")

    def annotate(self, qs):
        return qs.annotate(
            n_done=Count("completions__user", distinct=True), n_roles=Count("requirements", distinct=True)
        )

    def filter_queryset(self, qs):
        active = self.request.GET.get("active", "")
        return qs.filter(active=active == "1") if active in ("0", "1") else qs

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        user = self.request.user
        return super().get_context_data(
            can_add=user.has_perm("coe.manage_training"),
            can_view=user.has_perm("coe.view_training"),
            active=self.request.GET.get("active", ""),
            section="training",
            **kwargs,
        )


class CourseCreate(base.CreateView):
    form_class = CourseForm
    template_name = "coe/course_form.html"
    permission_required = "coe.manage_training"
    success_message = gettext_lazy("Course %(object)s created.")
    service = staticmethod(services.create_course)


class CourseEdit(base.UpdateView):
    model = Course
    form_class = CourseForm
    template_name = "coe/course_form.html"
    permission_required = "coe.manage_training"
    success_message = gettext_lazy("Course %(object)s saved.")
    service = staticmethod(services.update_course)


class CourseDetail(base.DetailView):
    model = Course
    template_name = "coe/course_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        user = self.request.user
        can_manage = user.has_perm("coe.manage_training")
        today = timezone.localdate()
        completions = list(
            Completion.objects.visible_to(user)
            .filter(course=self.object)
            .select_related("user")
            .order_by("user__first_name", "user__last_name", "-completed_on")
        )
        for completion in completions:
            completion.expired = completion.valid_until is not None and completion.valid_until < today
        return super().get_context_data(
            completions=completions,
            requirements=self.object.requirements.all(),
            can_manage=can_manage,
            completion_form=CompletionForm(initial={"completed_on": today}) if can_manage else None,
            requirement_form=RequirementForm() if can_manage else None,
            section="training",
            **kwargs,
        )


def _manage_training(request: HttpRequest) -> None:
    if not request.user.has_perm("coe.manage_training"):
        raise PermissionDenied(_("Only the Centre of Excellence records training."))


@login_required
@require_POST
def completion_add(request: HttpRequest, pk: int) -> HttpResponse:
    course = get_object_or_404(Course.objects.visible_to(request.user), pk=pk)
    _manage_training(request)
    form = CompletionForm(request.POST)
    base.run_action(
        request,
        lambda: services.record_completion(
            course,
            form.cleaned_data["user"],
            acting_user=request.user,
            **{k: v for k, v in form.cleaned_data.items() if k != "user"},
        ),
        lambda c: (
            _("Completion of %(course)s by %(person)s recorded.") % {"course": course.code, "person": c.user}
        ),
        form,
    )
    return redirect(course)


@login_required
@require_POST
def completion_remove(request: HttpRequest, pk: int) -> HttpResponse:
    completion = get_object_or_404(
        Completion.objects.visible_to(request.user).select_related("course", "user"), pk=pk
    )
    _manage_training(request)
    base.run_action(
        request,
        lambda: services.remove_completion(completion, acting_user=request.user),
        lambda _r: (
            _("Completion of %(course)s by %(person)s removed.")
            % {"course": completion.course.code, "person": completion.user}
        ),
    )
    return redirect(completion.course)


@login_required
@require_POST
def requirement_add(request: HttpRequest, pk: int) -> HttpResponse:
    course = get_object_or_404(Course.objects.visible_to(request.user), pk=pk)
    _manage_training(request)
    form = RequirementForm(request.POST)
    base.run_action(
        request,
        lambda: services.add_requirement(course, form.cleaned_data["role"], acting_user=request.user),
        lambda r: (
            _("%(role)s now requires %(course)s.") % {"role": r.get_role_display(), "course": course.code}
        ),
        form,
    )
    return redirect(course)


@login_required
@require_POST
def requirement_remove(request: HttpRequest, pk: int) -> HttpResponse:
    requirement = get_object_or_404(
        RoleRequirement.objects.visible_to(request.user).select_related("course"), pk=pk
    )
    _manage_training(request)
    base.run_action(
        request,
        lambda: services.remove_requirement(requirement, acting_user=request.user),
        lambda _r: (
            _("%(role)s no longer requires %(course)s.")
            % {"role": requirement.get_role_display(), "course": requirement.course.code}
        ),
    )
    return redirect(requirement.course)


@login_required
def competency_matrix(request: HttpRequest) -> HttpResponse:
    """People in the roles that require training × the courses they require: done, expired or missing."""
    if not request.user.has_perm("coe.view_training"):
        raise PermissionDenied(_("The competency matrix is for the Centre of Excellence and the PMO."))
    role = request.GET.get("role", "")
    role = role if role in RequiredRole.values else ""
    departments = knowledge.departments()
    department = request.GET.get("department", "")
    department = department if department in departments else ""
    sort = request.GET.get("sort", "name")
    sort = sort if sort.lstrip("-") in ("name", "department", "percent") else "name"
    matrix = knowledge.competency_matrix(timezone.localdate(), role=role, department=department, sort=sort)
    params = request.GET.copy()
    params.pop("sort", None)
    return render(
        request,
        "coe/competency_matrix.html",
        {
            "matrix": matrix,
            "roles": RequiredRole.choices,
            "role": role,
            "departments": departments,
            "department": department,
            "sort": sort,
            "sort_querystring": params.urlencode(),
            "section": "competency",
        },
    )


@login_required
def my_training(request: HttpRequest) -> HttpResponse:
    """The signed-in person's required courses and what they completed."""
    rows, completions = knowledge.training_of(request.user, timezone.localdate())
    done = sum(1 for _c, state, _x, _r in rows if state == knowledge.DONE)
    return render(
        request,
        "coe/course_mine.html",
        {
            "rows": rows,
            "completions": completions,
            "percent": round(100 * done / len(rows)) if rows else None,
            "today": timezone.localdate(),
            "section": "my_training",
        },
    )


# -- knowledge base -------------------------------------------------------------------------------------------------


def tag_filter(tag: str) -> Q:
    """Articles carrying `tag` (tags are stored normalised: lower case, ", " between them)."""
    tag = tag.strip().lower()
    return (
        Q(tags__iexact=tag)
        | Q(tags__istartswith=f"{tag}, ")
        | Q(tags__iendswith=f", {tag}")
        | Q(tags__icontains=f", {tag}, ")
    )


class ArticleList(base.TableView):
    model = Article
    related = ("method", "phase", "updated_by")
    template_name = "coe/article_list.html"
    sort_fields = {"title": "title", "updated": "updated_at", "method": "method__name"}
    default_sort = "title"
    search_fields = ("title", "body", "tags")

    def filter_queryset(self, qs):
        tag = self.request.GET.get("tag", "").strip()
        if tag:
            qs = qs.filter(tag_filter(tag))
        method = base.id_param(self.request.GET, "method")
        if method:
            qs = qs.filter(method_id=method)
        status = self.request.GET.get("status", "")
        if status in ArticleStatus.values:
            qs = qs.filter(status=status)
        return qs

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        tags = sorted(
            {t for tags in Article.objects.visible_to(self.request.user).values_list("tags", flat=True)
             for t in (x.strip() for x in tags.split(",")) if t}
        )  # fmt: skip
        can_add = self.request.user.has_perm("coe.manage_knowledge")
        return super().get_context_data(
            can_add=can_add,
            tags=tags,
            tag=self.request.GET.get("tag", "").strip().lower(),
            methods=Method.objects.order_by("name"),
            method=base.id_param(self.request.GET, "method"),
            statuses=ArticleStatus.choices if can_add else None,
            status=self.request.GET.get("status", ""),
            section="knowledge",
            **kwargs,
        )


class ArticleDetail(base.DetailView):
    model = Article
    related = ("method", "phase__method_version", "updated_by")
    template_name = "coe/article_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        article = self.object
        related = Article.objects.none()
        if article.method_id:
            related = (
                Article.objects.visible_to(self.request.user)
                .filter(method_id=article.method_id)
                .exclude(pk=article.pk)
                .select_related("phase")
                .order_by("phase__position", "title")
            )
        return super().get_context_data(
            body=render_markdown(article.body),
            related=related,
            can_edit=self.request.user.has_perm("coe.manage_knowledge"),
            section="knowledge",
            **kwargs,
        )


class ArticleCreate(base.CreateView):
    form_class = ArticleForm
    template_name = "coe/article_form.html"
    permission_required = "coe.manage_knowledge"
    success_message = gettext_lazy("Article %(object)s created.")
    service = staticmethod(services.create_article)

    def get_initial(self) -> dict[str, Any]:
        initial = super().get_initial()
        if (method := base.id_param(self.request.GET, "method")) is not None:
            initial["method"] = method
        if (phase := base.id_param(self.request.GET, "phase")) is not None:
            initial["phase"] = phase
        return initial


class ArticleEdit(base.UpdateView):
    model = Article
    form_class = ArticleForm
    template_name = "coe/article_form.html"
    permission_required = "coe.manage_knowledge"
    success_message = gettext_lazy("Article %(object)s saved.")
    service = staticmethod(services.update_article)


@login_required
def glossary(request: HttpRequest) -> HttpResponse:
    """The glossary A–Z, searchable in term, English term and definition."""
    query = base.search_param(request.GET)
    terms = GlossaryTerm.objects.visible_to(request.user)
    if query:
        terms = terms.filter(
            Q(term__icontains=query) | Q(english__icontains=query) | Q(definition__icontains=query)
        )
    groups: dict[str, list] = {}
    for term in terms:
        term.html = render_markdown(term.definition)
        groups.setdefault(term.letter, []).append(term)
    return render(
        request,
        "coe/glossary.html",
        {
            "groups": sorted(groups.items()),
            "query": query,
            "letters": [chr(c) for c in range(ord("A"), ord("Z") + 1)],
            "can_edit": request.user.has_perm("coe.manage_knowledge"),
            "section": "glossary",
        },
    )


class GlossaryCreate(base.CreateView):
    form_class = GlossaryTermForm
    template_name = "coe/glossary_form.html"
    permission_required = "coe.manage_knowledge"
    success_message = gettext_lazy("Term %(object)s added to the glossary.")
    service = staticmethod(services.create_term)


class GlossaryEdit(base.UpdateView):
    model = GlossaryTerm
    form_class = GlossaryTermForm
    template_name = "coe/glossary_form.html"
    permission_required = "coe.manage_knowledge"
    success_message = gettext_lazy("Term %(object)s saved.")
    service = staticmethod(services.update_term)


# -- maturity -------------------------------------------------------------------------------------------------------


def _with_scores(qs):
    return qs.select_related("assessed_by").prefetch_related(
        Prefetch("scores", queryset=MaturityScore.objects.order_by("perspective"))
    )


@login_required
def maturity_overview(request: HttpRequest) -> HttpResponse:
    """The latest assessment (current against target per perspective) and how each perspective moved."""
    assessments = list(
        _with_scores(MaturityAssessment.objects.visible_to(request.user)).order_by("-assessed_on", "-pk")
    )
    latest = assessments[0] if assessments else None
    open_actions = (
        ImprovementAction.objects.visible_to(request.user)
        .exclude(status=ImprovementStatus.DONE)
        .select_related("owner")
        .order_by("due_on", "pk")
    )
    return render(
        request,
        "coe/maturity_overview.html",
        {
            "latest": latest,
            "bars": knowledge.bars_chart(latest) if latest else None,
            "history": knowledge.history_chart(assessments[:8]),
            "assessments": assessments,
            "open_actions": list(open_actions[:10]),
            "can_assess": request.user.has_perm("coe.assess_maturity"),
            "today": timezone.localdate(),
            "section": "maturity",
        },
    )


class MaturityDetail(base.DetailView):
    model = MaturityAssessment
    related = ("assessed_by",)
    template_name = "coe/maturity_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        assessment = self.object
        scores = {s.perspective: s for s in assessment.scores.all()}
        previous = (
            _with_scores(MaturityAssessment.objects.filter(assessed_on__lt=assessment.assessed_on))
            .order_by("-assessed_on", "-pk")
            .first()
        )
        before = {s.perspective: s.level for s in previous.scores.all()} if previous else {}
        rows = [
            {"label": label, "score": scores.get(key), "before": before.get(key)}
            for key, label in Perspective.choices
        ]
        return super().get_context_data(
            rows=rows,
            previous=previous,
            bars=knowledge.bars_chart(assessment),
            actions=assessment.actions.select_related("owner"),
            section="maturity",
            **kwargs,
        )


@login_required
def maturity_assess(request: HttpRequest) -> HttpResponse:
    """A new self-assessment: one row per perspective, levels as radio buttons (starting from the last one)."""
    if not request.user.has_perm("coe.assess_maturity"):
        raise PermissionDenied(
            _("Only the Centre of Excellence, portfolio managers and administrators assess.")
        )
    latest = knowledge.latest_assessment(_with_scores(MaturityAssessment.objects.all()))
    previous = {s.perspective: s for s in latest.scores.all()} if latest else {}
    initial = {"assessed_on": timezone.localdate(), "scope": latest.scope if latest else _("Organisation")}
    form = AssessmentForm(request.POST or None, previous=previous, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            assessment = services.create_assessment(acting_user=request.user, **form.service_data())
        except ValidationError as error:
            base.add_service_errors(form, error)
        else:
            messages.success(request, _("Assessment of %(date)s saved.") % {"date": assessment.assessed_on})
            return redirect(assessment)
    return render(request, "coe/maturity_form.html", {"form": form, "latest": latest, "section": "maturity"})


class ActionList(base.TableView):
    model = ImprovementAction
    related = ("owner", "assessment")
    template_name = "coe/maturity_actions.html"
    sort_fields = {
        "perspective": "perspective",
        "due": "due_on",
        "status": "status",
        "owner": "owner__first_name",
    }
    default_sort = "due"
    search_fields = ("description",)

    def filter_queryset(self, qs):
        status = self.request.GET.get("status", "")
        if status in ImprovementStatus.values:
            qs = qs.filter(status=status)
        perspective = self.request.GET.get("perspective", "")
        if perspective in Perspective.values:
            qs = qs.filter(perspective=perspective)
        return qs

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(
            can_edit=self.request.user.has_perm("coe.assess_maturity"),
            statuses=ImprovementStatus.choices,
            status=self.request.GET.get("status", ""),
            perspectives=Perspective.choices,
            perspective=self.request.GET.get("perspective", ""),
            today=timezone.localdate(),
            section="maturity_actions",
            **kwargs,
        )


class ActionCreate(base.CreateView):
    form_class = ImprovementActionForm
    template_name = "coe/maturity_action_form.html"
    permission_required = "coe.assess_maturity"
    success_message = gettext_lazy("Improvement action added.")
    service = staticmethod(services.create_action)

    def get_initial(self) -> dict[str, Any]:
        latest = knowledge.latest_assessment()
        return {**super().get_initial(), "assessment": latest.pk if latest else None}


class ActionEdit(base.UpdateView):
    model = ImprovementAction
    form_class = ImprovementActionForm
    template_name = "coe/maturity_action_form.html"
    permission_required = "coe.assess_maturity"
    success_message = gettext_lazy("Improvement action saved.")
    service = staticmethod(services.update_action)


@login_required
@require_POST
def action_status(request: HttpRequest, pk: int) -> HttpResponse:
    action = get_object_or_404(ImprovementAction.objects.visible_to(request.user), pk=pk)
    if not request.user.has_perm("coe.assess_maturity"):
        raise PermissionDenied(_("You are not allowed to do this."))
    status = request.POST.get("status", "")
    base.run_action(
        request,
        lambda: services.set_action_status(action, status, acting_user=request.user),
        lambda a: _("Action %(action)s: %(status)s.") % {"action": a.pk, "status": a.get_status_display()},
    )
    return redirect("coe:maturity_actions")
