"""The portfolio status dashboard: every running project's latest status, money and risk on one page."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q, Sum
from django.urls import reverse
from django.utils import timezone

from pmo.core import views_base as base
from pmo.progress.models import CostEntry
from pmo.projects.lifecycle import APPROVED_STATES
from pmo.projects.models import Programme, Project
from pmo.projects.views import PROJECT_RELATED
from pmo.raid.models import Action, Risk, RiskStatus
from pmo.strategy.models import StrategicObjective

from .dashboard import annotate, risk_summary, trend, with_rag

RAG_FILTERS = ("green", "amber", "red", "none")


class Dashboard(base.TableView):
    model = Project
    related = PROJECT_RELATED
    template_name = "portfolio/dashboard.html"
    paginate_by = 25
    sort_fields = {
        "code": "code",
        "name": "name",
        "programme": "programme__code",
        "manager": "manager__last_name",
        "rag": "rag_rank",
        "slipped": "slipped",
        "budget": "budget",
        "actual": "actual",
        "cpi": "cpi",
        "spi": "spi",
        "risks": "top_score",
        "overdue": "overdue",
    }
    default_sort = "-rag"
    search_fields = ("code", "name")

    def running(self, qs):
        return qs.filter(lifecycle__in=APPROVED_STATES)

    def annotate(self, qs):
        return annotate(self.running(qs))

    def filter_queryset(self, qs):
        params = self.request.GET
        programme, manager = base.id_param(params, "programme"), base.id_param(params, "manager")
        objective = base.id_param(params, "objective")
        if programme is not None:
            qs = qs.filter(programme_id=programme)
        if manager is not None:
            qs = qs.filter(manager_id=manager)
        if objective is not None:
            qs = qs.filter(objective_links__objective_id=objective)
        rag = params.get("rag", "")
        if rag == "none":
            qs = qs.filter(rag__isnull=True)
        elif rag in RAG_FILTERS:
            qs = qs.filter(rag=rag)
        return qs

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        user = self.request.user
        context = super().get_context_data(**kwargs)
        links = {  # one reverse per kind of link, not one per row
            name: reverse(url, args=[0]).replace("/0/", "/{}/")
            for name, url in (
                ("reports", "progress:project_reports"),
                ("costs", "progress:project_costs"),
                ("schedule", "schedule:project_schedule"),
                ("raid", "raid:project_raid"),
                ("detail", "projects:project_detail"),
            )
        }
        for project in context["object_list"]:
            project.trend = trend(project.rag, project.previous_rag)
            project.links = {name: url.format(project.pk) for name, url in links.items()}
        rows = self.filter_queryset(
            self.search_queryset(self.running(with_rag(Project.objects.visible_to(user))))
        )
        totals = rows.aggregate(
            budget=Sum("budget"),
            green=Count("pk", filter=Q(rag="green")),
            amber=Count("pk", filter=Q(rag="amber")),
            red=Count("pk", filter=Q(rag="red")),
            unreported=Count("pk", filter=Q(rag__isnull=True)),
            projects=Count("pk"),
        )
        by_programme = (
            rows.order_by()
            .values("programme__code", "programme__name", "programme_id")
            .annotate(
                green=Count("pk", filter=Q(rag="green")),
                amber=Count("pk", filter=Q(rag="amber")),
                red=Count("pk", filter=Q(rag="red")),
                unreported=Count("pk", filter=Q(rag__isnull=True)),
                budget=Sum("budget"),
            )
            .order_by("programme__code")
        )
        visible_projects = rows.values("pk")
        risks = Risk.objects.visible_to(user).filter(project__in=visible_projects)
        overdue = Action.objects.visible_to(user).filter(project__in=visible_projects).overdue()
        context.update(
            totals=totals,
            by_programme=list(by_programme),
            actual_total=CostEntry.objects.filter(project__in=visible_projects).aggregate(
                total=Sum("actual")
            )["total"],
            risks=risk_summary(risks),
            top_risks=risks.filter(status=RiskStatus.OPEN)
            .select_related("project", "owner")
            .order_by("-score", "pk")[:10],
            overdue_actions=overdue.select_related("project", "owner").order_by("due", "pk")[:10],
            overdue_count=overdue.count(),
            programmes=Programme.objects.visible_to(user).only("pk", "code", "name"),
            objectives=StrategicObjective.objects.visible_to(user).only("pk", "code", "title"),
            filters={k: self.request.GET.get(k, "") for k in ("programme", "objective", "manager", "rag")},
            today=timezone.localdate(),
        )
        return context
