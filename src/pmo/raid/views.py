"""RAID pages: the project's RAID tab with the heat map, the registers (project, programme, portfolio), "my
actions", and the create, edit and escalate forms."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, ClassVar

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Count, Q, Sum
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import generic
from django.views.decorators.http import require_POST

from pmo.core import panels
from pmo.core import views_base as base
from pmo.core.history import history_rows
from pmo.core.tables import xlsx_download
from pmo.core.templatetags.pmo_tags import money
from pmo.projects.models import Programme, Project
from pmo.projects.views import ProjectTab

from . import services
from .adapters import chances
from .exchange import export_register, import_register
from .forms import (
    ActionForm,
    AssumptionForm,
    ChangeRequestForm,
    DecisionForm,
    DependencyForm,
    EscalateForm,
    ImportForm,
    IssueForm,
    RiskForm,
    ScaleLevelForm,
)
from .models import (
    BAND_LABELS,
    OPEN_ACTION,
    SCALE,
    Action,
    ActionStatus,
    Assumption,
    ChangeRequest,
    Decision,
    Dependency,
    Issue,
    IssueStatus,
    Level,
    RaidItem,
    Risk,
    RiskStatus,
    ScaleKind,
    ScaleLevel,
    band,
    scale_labels,
)
from .trend import risk_trend, trend_bars

OPEN_ISSUE = [IssueStatus.OPEN, IssueStatus.IN_PROGRESS]


def heat_map(risks, link: str) -> dict[str, Any]:
    """Open risks counted per probability × impact cell; each cell links to the list of its risks."""
    counts = {
        (row["probability"], row["impact"]): row["n"]
        for row in risks.filter(status=RiskStatus.OPEN)
        .values("probability", "impact")
        .annotate(n=Count("pk"))
    }
    labels = scale_labels()
    joiner = "&" if "?" in link else "?"
    rows = [
        {
            "level": p,
            "label": labels[ScaleKind.PROBABILITY].get(p, ""),
            "cells": [
                {
                    "impact": i,
                    "count": counts.get((p, i), 0),
                    "band": band(p * i),
                    "url": f"{link}{joiner}status=open&p={p}&i={i}",
                }
                for i in SCALE
            ],
        }
        for p in reversed(SCALE)
    ]
    columns = [{"level": i, "label": labels[ScaleKind.IMPACT].get(i, "")} for i in SCALE]
    return {"rows": rows, "columns": columns, "total": sum(counts.values())}


def expected_values(risks) -> dict[int, Any]:
    chance = chances()
    return {risk.pk: risk.expected_value(chance) for risk in risks}


class ProjectRaid(ProjectTab):
    """The project's RAID tab: heat map, top risks, open issues and actions."""

    template_name = "raid/project_raid.html"
    tab = "raid"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        project, user = self.object, self.request.user
        risks = Risk.objects.filter(project=project).select_related("owner")
        open_risks = list(risks.filter(status=RiskStatus.OPEN)[:10])
        values = expected_values(risks.filter(status=RiskStatus.OPEN))
        return super().get_context_data(
            trend=trend_bars(risk_trend(risks)),
            heat=heat_map(risks, reverse("raid:risk_list") + f"?project={project.pk}"),
            risks=open_risks,
            exposure=sum(v for v in values.values() if v is not None),
            values=values,
            issues=Issue.objects.filter(project=project, status__in=OPEN_ISSUE).select_related("owner")[:10],
            actions=Action.objects.filter(project=project, status__in=OPEN_ACTION).select_related("owner")[
                :10
            ],
            can_log=user.has_perm("raid.log_item", project),
            import_form=ImportForm(),
            registers=[
                (name, kind.model._meta.verbose_name_plural.capitalize(), _open_on(kind, project))
                for name, kind in GENERIC.items()
            ],
            band_labels=BAND_LABELS,
            **kwargs,
        )


class Register(base.TableView):
    """A register of one kind of item: for a project, a programme, the portfolio level, or everything visible."""

    related = ("owner", "project", "programme")
    search_fields = ("title",)
    statuses: ClassVar[list[tuple[str, str]]] = []

    def scope(self) -> dict[str, Any]:
        params = self.request.GET
        project, programme = base.id_param(params, "project"), base.id_param(params, "programme")
        if project is not None:
            return {"project": get_object_or_404(Project.objects.visible_to(self.request.user), pk=project)}
        if programme is not None:
            return {
                "programme": get_object_or_404(Programme.objects.visible_to(self.request.user), pk=programme)
            }
        return {}

    def scope_filter(self, qs):
        """The items of the register the list is on: a project's, a programme's own (what was escalated to it or
        logged on it), or one level's."""
        scope, level = self.scope_values, self.request.GET.get("level")
        if "project" in scope:
            qs = qs.filter(project=scope["project"])
        elif "programme" in scope:
            qs = qs.filter(programme=scope["programme"], level=Level.PROGRAMME)
        return qs.filter(level=level) if level in Level.values else qs

    def filter_queryset(self, qs):
        params = self.request.GET
        qs = self.scope_filter(qs)
        status = params.get("status", "")
        if status == "open":
            qs = qs.filter(status__in=self.open_statuses)
        elif status in dict(self.statuses):
            qs = qs.filter(status=status)
        owner = base.id_param(params, "owner")
        if owner is not None:
            qs = qs.filter(owner_id=owner)
        return qs

    def scope_query(self) -> str:
        """The query string that keeps the list on its register (project, programme or level)."""
        for key in ("project", "programme", "level"):
            if self.request.GET.get(key):
                return f"{key}={self.request.GET[key]}"
        return ""

    def get(self, request, *args, **kwargs):
        self.scope_values = self.scope()
        return super().get(request, *args, **kwargs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        params = self.request.GET
        return super().get_context_data(
            scope=self.scope_values,
            scope_query=self.scope_query(),
            statuses=self.statuses,
            filters={
                k: params.get(k, "") for k in ("status", "level", "project", "programme", "owner", "p", "i")
            },
            levels=Level.choices,
            today=timezone.localdate(),
            **kwargs,
        )


class RiskList(Register):
    model = Risk
    template_name = "raid/risk_list.html"
    sort_fields = {
        "ref": "pk",
        "title": "title",
        "score": "score",
        "category": "category",
        "owner": "owner__last_name",
        "proximity": "proximity",
        "status": "status",
        "level": "level",
    }
    default_sort = "-score"
    search_fields = ("title", "cause", "event", "effect")
    statuses = RiskStatus.choices
    open_statuses = [RiskStatus.OPEN]

    def filter_queryset(self, qs):
        qs = super().filter_queryset(qs)
        p, i = base.id_param(self.request.GET, "p"), base.id_param(self.request.GET, "i")
        if p is not None:
            qs = qs.filter(probability=p)
        if i is not None:
            qs = qs.filter(impact=i)
        return qs

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        scoped = self.scope_filter(Risk.objects.visible_to(self.request.user))
        context.update(
            trend=trend_bars(risk_trend(scoped)),
            heat=heat_map(scoped, reverse("raid:risk_list") + "?" + self.scope_query()),
            values=expected_values(context["object_list"]),
            exposure=scoped.filter(status=RiskStatus.OPEN).aggregate(total=Sum("cost_impact"))["total"],
            band_labels=BAND_LABELS,
        )
        return context


class IssueList(Register):
    model = Issue
    template_name = "raid/issue_list.html"
    sort_fields = {
        "ref": "pk",
        "title": "title",
        "type": "type",
        "priority": "priority",
        "severity": "severity",
        "owner": "owner__last_name",
        "due": "due",
        "status": "status",
        "level": "level",
    }
    default_sort = "-priority"
    search_fields = ("title", "description", "resolution")
    statuses = IssueStatus.choices
    open_statuses = OPEN_ISSUE


class ActionList(Register):
    model = Action
    template_name = "raid/action_list.html"
    sort_fields = {
        "ref": "pk",
        "title": "title",
        "owner": "owner__last_name",
        "due": "due",
        "status": "status",
        "project": "project__code",
    }
    default_sort = "due"
    search_fields = ("title", "description")
    statuses = ActionStatus.choices
    open_statuses = OPEN_ACTION
    mine = False

    def filter_queryset(self, qs):
        qs = super().filter_queryset(qs)
        if self.mine:
            qs = qs.filter(owner=self.request.user)
        if self.request.GET.get("overdue"):
            qs = qs.overdue()
        return qs

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(
            mine=self.mine, overdue_filter=self.request.GET.get("overdue", ""), **kwargs
        )


class MyActions(ActionList):
    mine = True

    def get(self, request, *args, **kwargs):
        if "status" not in request.GET:  # what is still to do, unless asked otherwise
            request.GET = request.GET.copy()
            request.GET["status"] = "open"
        return super().get(request, *args, **kwargs)


def _project(request: HttpRequest, pk: int) -> Project:
    project = get_object_or_404(Project.objects.visible_to(request.user), pk=pk)
    if not request.user.has_perm("raid.log_item", project):
        raise PermissionDenied(_("Only the people involved in this project can add to its RAID log."))
    return project


class LogItem(base.CreateView):
    """Log a risk, issue or action on a project."""

    template_name = "raid/item_form.html"
    permission_required = "raid.log_item"
    model: ClassVar[type[RaidItem]]

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.project = _project(request, kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def check_object_permission(self, obj: Any = None) -> None:
        pass  # checked in dispatch, on the project

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        for name in ("risk", "issue"):  # "add an action" from a risk or issue page
            linked = base.id_param(self.request.GET, name)
            if linked is not None and name in self.form_class.base_fields:
                kwargs["initial"][name] = linked
        return {**kwargs, "project": self.project}

    def get_initial(self):
        return {"owner": self.request.user.pk}

    def call_service(self, form):
        return services.log_item(
            self.model, acting_user=self.request.user, project=self.project, **form.service_data()
        )

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        return super().get_context_data(
            project=self.project, kind=self.model._meta.verbose_name, item=None, **kwargs
        )


class RiskCreate(LogItem):
    model, form_class = Risk, RiskForm
    success_message = gettext_lazy("Risk %(object)s logged.")


class IssueCreate(LogItem):
    model, form_class = Issue, IssueForm
    success_message = gettext_lazy("Issue %(object)s logged.")


class ActionCreate(LogItem):
    model, form_class = Action, ActionForm
    success_message = gettext_lazy("Action %(object)s added.")


class ItemDetail(base.UpdateView):
    """An item's page: the edit form (for who may change it), escalation, linked actions and history."""

    template_name = "raid/item_form.html"
    permission_required = "raid.change_item"
    related = ("owner", "project", "programme", "portfolio")
    service = staticmethod(services.update_item)

    def check_object_permission(self, obj: Any = None) -> None:
        self.can_change = self.request.user.has_perm("raid.change_item", obj)
        if self.request.method == "POST" and not self.can_change:
            raise PermissionDenied(_("You are not allowed to change this item."))

    def get_form(self, form_class=None):
        form = super().get_form(form_class)
        if not self.can_change:
            for field in form.fields.values():
                field.disabled = True
        return form

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        item, user = self.object, self.request.user
        has_actions = hasattr(item, "actions")
        return super().get_context_data(
            project=item.project,
            item=item,
            item_kind=item._meta.model_name,
            has_actions=has_actions,
            can_log=item.project is not None and user.has_perm("raid.log_item", item.project),
            kind=item._meta.verbose_name,
            can_change=self.can_change,
            can_escalate=item.level != Level.PORTFOLIO and user.has_perm("raid.escalate_item", item),
            escalate_form=EscalateForm(),
            actions=item.actions.select_related("owner") if has_actions else [],
            history=history_rows(item, limit=20),
            panels=panels.render(self.request, item),
            **kwargs,
        )


class RiskDetail(ItemDetail):
    model, form_class = Risk, RiskForm
    success_message = gettext_lazy("Risk %(object)s saved.")


class IssueDetail(ItemDetail):
    model, form_class = Issue, IssueForm
    success_message = gettext_lazy("Issue %(object)s saved.")


class ActionDetail(ItemDetail):
    model, form_class = Action, ActionForm
    success_message = gettext_lazy("Action %(object)s saved.")


KINDS: dict[str, type[RaidItem]] = {"risk": Risk, "issue": Issue, "action": Action}


@login_required
@require_POST
def escalate(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    model = KINDS.get(kind)
    if model is None:
        raise PermissionDenied(_("Unknown kind of item."))
    item = get_object_or_404(model.objects.visible_to(request.user), pk=pk)
    form = EscalateForm(request.POST)
    base.run_action(
        request,
        lambda: services.escalate(item, acting_user=request.user, reason=form.cleaned_data["reason"]),
        lambda moved: (
            _("%(item)s is now on the %(level)s register.")
            % {"item": moved.reference, "level": moved.get_level_display().lower()}
        ),
        form,
    )
    return redirect(item.get_absolute_url())


class ExportMixin:
    """The register as an Excel file: every item the list shows with the same filters, all pages."""

    def get(self, request, *args, **kwargs):
        self.scope_values = self.scope()
        data = export_register(self.model, self.get_queryset())
        return xlsx_download(data, f"{self.model._meta.verbose_name_plural}.xlsx")


class RiskExport(ExportMixin, RiskList):
    pass


class IssueExport(ExportMixin, IssueList):
    pass


class ActionExport(ExportMixin, ActionList):
    pass


@login_required
@require_POST
def register_import(request: HttpRequest, pk: int) -> HttpResponse:
    project = _project(request, pk)
    model = KINDS.get(request.POST.get("kind", ""))
    if model is None:
        messages.error(request, _("Choose which register the file holds: risks, issues or actions."))
        return redirect("raid:project_raid", pk=project.pk)
    form = ImportForm(request.POST, request.FILES)
    base.run_action(
        request,
        lambda: import_register(
            project,
            model,
            form.cleaned_data["file"].read(),
            form.cleaned_data["file"].name,
            acting_user=request.user,
        ),
        lambda r: (
            _("Imported: %(created)s new, %(updated)s changed, %(unchanged)s unchanged.")
            % {"created": r.created, "updated": r.updated, "unchanged": r.unchanged}
        ),
        form,
    )
    return redirect("raid:project_raid", pk=project.pk)


# --- assumptions, decisions, dependencies and change requests: one generic register -------------------------


@dataclass(frozen=True)
class Kind:
    model: type[RaidItem]
    form: type
    columns: tuple[str, ...]  # field names shown after the reference and title
    open_statuses: tuple[str, ...]
    sort: str  # default sort


GENERIC: dict[str, Kind] = {
    "assumption": Kind(Assumption, AssumptionForm, ("owner", "check_by", "status"), ("open",), "check_by"),
    "decision": Kind(Decision, DecisionForm, ("decided_by", "decided_on", "status"), ("proposed",), "-decided_on"),
    "dependency": Kind(
        Dependency, DependencyForm, ("project", "depends_on", "external_party", "needed_by", "status"),
        ("open", "at_risk"), "needed_by",
    ),
    "changerequest": Kind(
        ChangeRequest, ChangeRequestForm, ("owner", "cost_impact", "time_impact", "status", "decided_on"),
        ("submitted", "review"), "-ref",
    ),
}  # fmt: skip
KINDS.update({name: kind.model for name, kind in GENERIC.items()})


def _open_on(kind: Kind, project: Project) -> int:
    """Open items of this kind on the project's register (for dependencies: also those other projects have on it)."""
    mine = Q(project=project) | Q(depends_on=project) if kind.model is Dependency else Q(project=project)
    return kind.model.objects.filter(mine, status__in=kind.open_statuses).count()


def _kind(name: str) -> Kind:
    kind = GENERIC.get(name)
    if kind is None:
        raise Http404(_("Unknown kind of item."))
    return kind


def _display(item: RaidItem, name: str) -> str:
    value = getattr(item, name)
    field = item._meta.get_field(name)
    if value in (None, ""):
        return "—"
    if field.choices:
        return getattr(item, f"get_{name}_display")()
    if isinstance(value, dt.date):
        return date_format(value, "SHORT_DATE_FORMAT")
    if isinstance(field, models.DecimalField):
        return money(value)
    if isinstance(value, Project):
        return value.code
    return str(value)


class GenericRegister(Register):
    template_name = "raid/item_list.html"

    def dispatch(self, request, *args, **kwargs):
        self.kind = _kind(kwargs["kind"])
        self.model = self.kind.model
        self.statuses = self.model._meta.get_field("status").choices
        self.open_statuses = list(self.kind.open_statuses)
        self.sort_fields = {"ref": "pk", "title": "title", "status": "status"} | {
            c: (f"{c}__code" if c in ("project", "depends_on") else f"{c}__last_name" if c == "owner" else c)
            for c in self.kind.columns
        }
        self.default_sort = self.kind.sort
        return super().dispatch(request, *args, **kwargs)

    def scope_filter(self, qs):
        project = self.scope_values.get("project")
        if self.model is Dependency and project is not None:  # what it needs, and what others need from it
            return qs.filter(Q(project=project) | Q(depends_on=project))
        return super().scope_filter(qs)

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        fields = {c: self.model._meta.get_field(c).verbose_name for c in self.kind.columns}
        context.update(
            kind_name=self.kwargs["kind"],
            title=self.model._meta.verbose_name_plural.capitalize(),
            headers=[(c, label) for c, label in fields.items()],
            rows=[(item, [_display(item, c) for c in self.kind.columns]) for item in context["object_list"]],
            numeric={"cost_impact", "time_impact", "check_by", "decided_on", "needed_by"},
        )
        return context


class GenericExport(ExportMixin, GenericRegister):
    pass


class GenericCreate(LogItem):
    def dispatch(self, request, *args, **kwargs):
        self.kind = _kind(kwargs["kind"])
        self.model, self.form_class = self.kind.model, self.kind.form
        self.success_message = _("%(object)s logged.")
        return super().dispatch(request, *args, **kwargs)


class GenericDetail(ItemDetail):
    def dispatch(self, request, *args, **kwargs):
        self.kind = _kind(kwargs["kind"])
        self.model, self.form_class = self.kind.model, self.kind.form
        self.success_message = _("%(object)s saved.")
        return super().dispatch(request, *args, **kwargs)


class Scale(LoginRequiredMixin, generic.TemplateView):
    """The 5×5 probability and impact scale: everyone reads it, the CoE keeps it."""

    template_name = "raid/scale.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        levels = list(ScaleLevel.objects.order_by("kind", "-level"))
        return super().get_context_data(
            levels=levels,
            can_change=self.request.user.has_perm("raid.change_scale"),
            forms={
                level.pk: ScaleLevelForm(
                    instance=level, initial={"version": level.version}, prefix=str(level.pk)
                )
                for level in levels
            },
            **kwargs,
        )


@login_required
@require_POST
def scale_update(request: HttpRequest, pk: int) -> HttpResponse:
    level = get_object_or_404(ScaleLevel, pk=pk)
    form = ScaleLevelForm(request.POST, instance=level, prefix=str(level.pk))
    base.run_action(
        request,
        lambda: services.update_scale(
            level,
            acting_user=request.user,
            expected_version=form.cleaned_data["version"],
            **form.service_data(),
        ),
        lambda saved: _("Scale level %(level)s saved.") % {"level": saved},
        form,
    )
    return redirect("raid:scale")
