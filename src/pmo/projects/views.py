"""Pages for the portfolio, programmes and projects."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q, Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from pmo.core import panels
from pmo.core import views_base as base
from pmo.core.roles import OrgRole, has_role

from . import services
from .forms import MemberForm, PortfolioForm, ProgrammeForm, ProgrammeMemberForm, ProjectForm, TransitionForm
from .history import PROJECT_RELATED_HISTORY
from .lifecycle import BADGES, MAIN_PATH, OPEN_STATES, TRANSITIONS, Lifecycle
from .models import Portfolio, Programme, Project
from .tabs import tabs as project_tabs

PROJECT_RELATED = ("programme", "manager", "sponsor", "portfolio")


def state_counts(projects) -> list[dict[str, Any]]:
    """Number of projects per lifecycle state, with the share of the total, for the state bars."""
    counts = dict(projects.order_by().values_list("lifecycle").annotate(n=Count("pk")))
    total = sum(counts.values()) or 1
    return [
        {
            "state": state,
            "label": label,
            "count": counts.get(state, 0),
            "percent": round(100 * counts.get(state, 0) / total),
            "badge": BADGES[state],
        }
        for state, label in Lifecycle.choices
    ]


# --- home and method -----------------------------------------------------------------------------------------


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """Each role lands on its own work: the portfolio dashboard, or the projects one works on."""
    user = request.user
    if has_role(user, OrgRole.PORTFOLIO_MANAGER, OrgRole.EXECUTIVE):
        portfolio = Portfolio.objects.visible_to(user).first()
        if portfolio is not None:
            return redirect(portfolio)
    mine = (
        Project.objects.visible_to(user)
        .involving(user)
        .filter(lifecycle__in=OPEN_STATES)
        .select_related(*PROJECT_RELATED)
        .order_by("planned_finish", "code")
    )
    return render(
        request,
        "projects/home.html",
        {
            "my_projects": mine,
            "is_coe": has_role(user, OrgRole.COE_LEAD),
            "state_counts": state_counts(Project.objects.visible_to(user)),
        },
    )


@login_required
def method(request: HttpRequest) -> HttpResponse:
    """Centre of Excellence: the project lifecycle every project follows, and where the projects are in it."""
    rows = [
        {
            "state": state,
            "label": label,
            "badge": BADGES[state],
            "next": [(s, Lifecycle(s).label, BADGES[s]) for s in TRANSITIONS[state]],
        }
        for state, label in Lifecycle.choices
    ]
    return render(
        request,
        "projects/method.html",
        {
            "rows": rows,
            "main_path": [(s, Lifecycle(s).label, BADGES[s]) for s in MAIN_PATH],
            "state_counts": state_counts(Project.objects.visible_to(request.user)),
        },
    )


# --- portfolio -----------------------------------------------------------------------------------------------


class PortfolioDetail(base.DetailView):
    model = Portfolio
    template_name = "projects/portfolio_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        projects = Project.objects.visible_to(self.request.user).filter(portfolio=self.object)
        open_projects = projects.filter(lifecycle__in=OPEN_STATES)
        programmes = (
            Programme.objects.visible_to(self.request.user)
            .filter(portfolio=self.object)
            .select_related("manager")
            .annotate(
                n_projects=Count(
                    "projects", filter=Q(projects__lifecycle__in=OPEN_STATES, projects__in=projects)
                ),
                budget=Sum(
                    "projects__budget", filter=Q(projects__lifecycle__in=OPEN_STATES, projects__in=projects)
                ),
            )
        )
        max_budget = max([p.budget or 0 for p in programmes], default=0) or 1
        totals = open_projects.aggregate(budget=Sum("budget"), n=Count("pk"))
        return super().get_context_data(
            state_counts=state_counts(projects),
            programmes=[(p, round(100 * (p.budget or 0) / max_budget)) for p in programmes],
            totals=totals,
            active=projects.filter(lifecycle=Lifecycle.ACTIVE).count(),
            proposals=projects.filter(lifecycle=Lifecycle.PROPOSAL).select_related(*PROJECT_RELATED)[:10],
            objectives=self.object.objectives.annotate(
                n_projects=Count("project_links", filter=Q(project_links__project__in=projects))
            ).select_related("parent"),
            **kwargs,
        )


class PortfolioReport(base.DetailView):
    """Reports: every visible project of the portfolio, grouped by programme, with budget totals (printable)."""

    model = Portfolio
    template_name = "projects/portfolio_report.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        projects = (
            Project.objects.visible_to(self.request.user)
            .filter(portfolio=self.object)
            .select_related(*PROJECT_RELATED)
            .order_by("programme__code", "code")
        )
        groups: dict[int | None, dict[str, Any]] = {}
        for project in projects:
            group = groups.setdefault(
                project.programme_id, {"programme": project.programme, "projects": [], "budget": 0}
            )
            group["projects"].append(project)
            group["budget"] += project.budget
        ordered = sorted(
            groups.values(), key=lambda g: (g["programme"] is None, g["programme"] and g["programme"].code)
        )
        return super().get_context_data(groups=ordered, total=sum(g["budget"] for g in ordered), **kwargs)


class PortfolioEdit(base.UpdateView):
    model = Portfolio
    form_class = PortfolioForm
    template_name = "projects/portfolio_form.html"
    permission_required = "projects.change_portfolio"
    success_message = gettext_lazy("Portfolio %(object)s saved.")
    service = staticmethod(services.update_portfolio)


class PortfolioHistory(base.HistoryView):
    model = Portfolio
    template_name = "projects/portfolio_history.html"


# --- programmes ----------------------------------------------------------------------------------------------


class ProgrammeList(base.TableView):
    model = Programme
    related = ("manager", "portfolio")
    template_name = "projects/programme_list.html"
    sort_fields = {"code": "code", "name": "name", "manager": "manager__last_name", "projects": "n_projects"}
    default_sort = "code"
    search_fields = ("code", "name", "description")

    def annotate(self, qs):
        visible = Q(projects__in=Project.objects.visible_to(self.request.user))
        return qs.annotate(
            n_projects=Count("projects", filter=visible), budget=Sum("projects__budget", filter=visible)
        )


class ProgrammeDetail(base.DetailView):
    model = Programme
    related = ("manager", "sponsor", "portfolio")
    template_name = "projects/programme_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        projects = (
            Project.objects.visible_to(self.request.user)
            .filter(programme=self.object)
            .select_related(*PROJECT_RELATED)
        )
        return super().get_context_data(
            projects=projects,
            totals=projects.aggregate(budget=Sum("budget")),
            members=self.object.memberships.select_related("user"),
            can_edit=self.request.user.has_perm("projects.change_programme", self.object),
            member_form=ProgrammeMemberForm()
            if self.request.user.has_perm("projects.manage_programme_team", self.object)
            else None,
            **kwargs,
        )


class ProgrammeHistory(base.HistoryView):
    model = Programme
    template_name = "projects/programme_history.html"


class ProgrammeCreate(base.CreateView):
    form_class = ProgrammeForm
    template_name = "projects/programme_form.html"
    permission_required = "projects.add_programme"
    success_message = gettext_lazy("Programme %(object)s created.")
    service = staticmethod(services.create_programme)


class ProgrammeEdit(base.UpdateView):
    model = Programme
    form_class = ProgrammeForm
    template_name = "projects/programme_form.html"
    permission_required = "projects.change_programme"
    success_message = gettext_lazy("Programme %(object)s saved.")
    service = staticmethod(services.update_programme)


# --- projects ------------------------------------------------------------------------------------------------


class ProjectList(base.TableView):
    model = Project
    related = PROJECT_RELATED
    template_name = "projects/project_list.html"
    sort_fields = {
        "code": "code",
        "name": "name",
        "programme": "programme__code",
        "manager": "manager__last_name",
        "state": "lifecycle",
        "start": "planned_start",
        "finish": "planned_finish",
        "budget": "budget",
    }
    default_sort = "code"
    search_fields = ("code", "name", "description")

    def filter_queryset(self, qs):
        params = self.request.GET
        if params.get("state") in Lifecycle.values:
            qs = qs.filter(lifecycle=params["state"])
        elif params.get("state") == "open":
            qs = qs.filter(lifecycle__in=OPEN_STATES)
        programme, manager = base.id_param(params, "programme"), base.id_param(params, "manager")
        if programme is not None:
            qs = qs.filter(programme_id=programme)
        elif params.get("programme") == "none":
            qs = qs.filter(programme__isnull=True)
        if manager is not None:
            qs = qs.filter(manager_id=manager)
        if params.get("mine"):
            qs = qs.involving(self.request.user)
        return qs

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        user = self.request.user
        return super().get_context_data(
            states=Lifecycle.choices,
            programmes=Programme.objects.visible_to(user).only("pk", "code", "name"),
            filters={k: self.request.GET.get(k, "") for k in ("state", "programme", "manager", "mine")},
            can_add=user.has_perm("projects.add_project"),
            total_budget=self.object_list.aggregate(total=Sum("budget"))["total"],
            **kwargs,
        )


class ProjectTab(base.DetailView):
    """Shared by the project's tabs: header, lifecycle bar and what the user may do."""

    model = Project
    related = PROJECT_RELATED

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        project, user = self.object, self.request.user
        can_edit = user.has_perm("projects.change_project", project)
        return super().get_context_data(
            can_edit=can_edit,
            project_tabs=project_tabs(),
            lifecycle_path=[(s, Lifecycle(s).label, BADGES[s]) for s in MAIN_PATH],
            transition_form=TransitionForm(project=project, initial={"version": project.version})
            if can_edit and TRANSITIONS[project.lifecycle]
            else None,
            **kwargs,
        )


class ProjectDetail(ProjectTab):
    template_name = "projects/project_detail.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(
            objective_links=self.object.objective_links.select_related("objective"),
            team_size=self.object.memberships.count(),
            panels=panels.render(self.request, self.object),
            **kwargs,
        )


class ProjectTeam(ProjectTab):
    template_name = "projects/project_team.html"
    tab = "team"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        can_manage = self.request.user.has_perm("projects.manage_team", self.object)
        return super().get_context_data(
            members=self.object.memberships.select_related("user"),
            member_form=MemberForm() if can_manage else None,
            can_manage=can_manage,
            **kwargs,
        )


class ProjectHistory(base.HistoryMixin, ProjectTab):
    """The project's own changes, merged with its team's (and what other apps register)."""

    template_name = "projects/project_history.html"

    def get_related_history(self):
        return PROJECT_RELATED_HISTORY.values()


class ProjectCreate(base.CreateView):
    form_class = ProjectForm
    template_name = "projects/project_form.html"
    permission_required = "projects.add_project"
    success_message = gettext_lazy("Project %(object)s created as a proposal.")
    service = staticmethod(services.create_project)

    def get_initial(self):
        initial = super().get_initial()
        programme = base.id_param(self.request.GET, "programme")
        if programme is not None:
            initial["programme"] = programme
        return initial


class ProjectEdit(base.UpdateView):
    model = Project
    related = PROJECT_RELATED
    form_class = ProjectForm
    template_name = "projects/project_form.html"
    permission_required = "projects.change_project"
    success_message = gettext_lazy("Project %(object)s saved.")
    service = staticmethod(services.update_project)


def _visible_project(request: HttpRequest, pk: int) -> Project:
    return get_object_or_404(Project.objects.visible_to(request.user), pk=pk)


def _require(request: HttpRequest, perm: str, obj) -> None:
    if not request.user.has_perm(perm, obj):
        raise PermissionDenied(_("You are not allowed to do this."))


@login_required
@require_POST
def project_transition(request: HttpRequest, pk: int) -> HttpResponse:
    project = _visible_project(request, pk)
    _require(request, "projects.change_project", project)
    form = TransitionForm(request.POST, project=project)
    if not form.is_valid() and "to" in form.errors:
        wanted = request.POST.get("to", "")
        label = Lifecycle(wanted).label if wanted in Lifecycle.values else wanted
        messages.error(
            request,
            _("A project cannot go from %(from)s to %(to)s.")
            % {"from": project.get_lifecycle_display(), "to": label},
        )
        return redirect(project)
    base.run_action(
        request,
        lambda: services.transition_project(
            project,
            acting_user=request.user,
            to=form.cleaned_data["to"],
            reason=form.cleaned_data["reason"],
            expected_version=form.cleaned_data["version"],
        ),
        lambda moved: (
            _("%(project)s is now %(state)s.") % {"project": moved, "state": moved.get_lifecycle_display()}
        ),
        form,
    )
    return redirect(project)


@login_required
@require_POST
def project_member_add(request: HttpRequest, pk: int) -> HttpResponse:
    project = _visible_project(request, pk)
    _require(request, "projects.manage_team", project)
    form = MemberForm(request.POST)
    base.run_action(
        request,
        lambda: services.add_project_member(project, acting_user=request.user, **form.cleaned_data),
        lambda membership: _("%(member)s added to the team.") % {"member": membership.user},
        form,
    )
    return redirect("projects:project_team", pk=project.pk)


@login_required
@require_POST
def project_member_remove(request: HttpRequest, pk: int, member_pk: int) -> HttpResponse:
    project = _visible_project(request, pk)
    membership = get_object_or_404(project.memberships.select_related("user"), pk=member_pk)
    _require(request, "projects.manage_team", project)
    base.run_action(
        request,
        lambda: services.remove_project_member(membership, acting_user=request.user),
        lambda _result: _("%(member)s removed from the team.") % {"member": membership.user},
    )
    return redirect("projects:project_team", pk=project.pk)


@login_required
@require_POST
def programme_member_add(request: HttpRequest, pk: int) -> HttpResponse:
    programme = get_object_or_404(Programme.objects.visible_to(request.user), pk=pk)
    _require(request, "projects.manage_programme_team", programme)
    form = ProgrammeMemberForm(request.POST)
    base.run_action(
        request,
        lambda: services.add_programme_member(programme, acting_user=request.user, **form.cleaned_data),
        lambda membership: _("%(member)s added to the programme office.") % {"member": membership.user},
        form,
    )
    return redirect(programme)


@login_required
@require_POST
def programme_member_remove(request: HttpRequest, pk: int, member_pk: int) -> HttpResponse:
    programme = get_object_or_404(Programme.objects.visible_to(request.user), pk=pk)
    membership = get_object_or_404(programme.memberships.select_related("user", "programme"), pk=member_pk)
    _require(request, "projects.manage_programme_team", programme)
    base.run_action(
        request,
        lambda: services.remove_programme_member(membership, acting_user=request.user),
        lambda _result: _("%(member)s removed from the programme office.") % {"member": membership.user},
    )
    return redirect(programme)
