"""The portfolio status dashboard's data: one row per project with its latest RAG and trend, slipped milestones,
budget and actuals, EVM indices, risks and overdue actions — each a subquery, so the page costs the same number of
queries for 40 projects as for 4,000."""

from __future__ import annotations

from decimal import Decimal

from django.db.models import (
    Case,
    CharField,
    Count,
    DateField,
    DecimalField,
    F,
    FloatField,
    IntegerField,
    Max,
    OuterRef,
    Q,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.fields.json import KeyTextTransform
from django.db.models.functions import Cast, Coalesce
from django.utils import timezone

from pmo.progress.models import CostEntry, ReportStatus, StatusReport
from pmo.raid.models import OPEN_ACTION, Action, Risk, RiskStatus, ScaleKind, ScaleLevel

REPORTED = [ReportStatus.SUBMITTED, ReportStatus.APPROVED]
RANK = {"green": 0, "amber": 1, "red": 2}


def _latest(field, offset: int = 0, output=None):
    reports = StatusReport.objects.filter(project=OuterRef("pk"), status__in=REPORTED).order_by("-period")
    return Subquery(reports.values(field)[offset : offset + 1], output_field=output or CharField())


def _fact(group: str, key: str):
    """A number from the latest report's facts (e.g. "evm", "cpi"), as a float."""
    reports = (
        StatusReport.objects.filter(project=OuterRef("pk"), status__in=REPORTED)
        .order_by("-period")
        .annotate(value=Cast(KeyTextTransform(key, KeyTextTransform(group, "facts")), FloatField()))
    )
    return Subquery(reports.values("value")[:1], output_field=FloatField())


def _count(queryset):
    return Coalesce(
        Subquery(
            queryset.filter(project=OuterRef("pk")).values("project").annotate(n=Count("pk")).values("n")[:1],
            output_field=IntegerField(),
        ),
        0,
    )


def chance_case() -> Case:
    """The chance (0–1) of each probability level, as SQL."""
    chance = dict(
        ScaleLevel.objects.filter(kind=ScaleKind.PROBABILITY, probability__isnull=False).values_list(
            "level", "probability"
        )
    )
    return Case(
        *[When(probability=level, then=Value(Decimal(p) / 100)) for level, p in chance.items()],
        default=Value(Decimal(0)),
        output_field=DecimalField(max_digits=5, decimal_places=2),
    )


def with_rag(projects):
    """Just the latest overall RAG: enough for the filters and the counts per colour."""
    return projects.annotate(rag=_latest("overall"))


def annotate(projects):
    """The dashboard's columns on a project queryset."""
    today = timezone.localdate()
    open_risks = Risk.objects.filter(status=RiskStatus.OPEN)
    return with_rag(projects).annotate(
        previous_rag=_latest("overall", 1),
        reported=_latest("period", output=DateField()),
        slipped=_fact("milestones", "slipped_count"),
        cpi=_fact("evm", "cpi"),
        spi=_fact("evm", "spi"),
        actual=Subquery(
            CostEntry.objects.filter(project=OuterRef("pk"))
            .values("project")
            .annotate(total=Sum("actual"))
            .values("total")[:1],
            output_field=DecimalField(max_digits=16, decimal_places=2),
        ),
        open_risks=_count(open_risks),
        top_score=Subquery(
            open_risks.filter(project=OuterRef("pk"))
            .values("project")
            .annotate(top=Max("score"))
            .values("top")[:1],
            output_field=IntegerField(),
        ),
        overdue=_count(Action.objects.filter(status__in=OPEN_ACTION, due__lt=today)),
        rag_rank=Case(
            *[When(rag=value, then=Value(rank)) for value, rank in RANK.items()],
            default=Value(-1),
            output_field=IntegerField(),
        ),
    )


def trend(rag: str | None, previous: str | None) -> str:
    """ "better", "worse", "same" or "" (no earlier report)."""
    if not rag or not previous:
        return ""
    return "better" if RANK[rag] < RANK[previous] else "worse" if RANK[rag] > RANK[previous] else "same"


def risk_summary(risks):
    """Open risks: how many, their total cost impact and their expected value (cost × chance)."""
    open_risks = risks.filter(status=RiskStatus.OPEN)
    return open_risks.aggregate(
        count=Count("pk"),
        cost=Sum("cost_impact"),
        expected=Sum(
            F("cost_impact") * chance_case(), output_field=DecimalField(max_digits=18, decimal_places=2)
        ),
        severe=Count("pk", filter=Q(score__gte=15)),
    )
