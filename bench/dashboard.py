"""Benchmark: the portfolio status dashboard against the plain project list, in the same run.

    uv run python bench/dashboard.py [PROJECTS] [RISKS]        (default: 2000 20000)

Builds a throw-away SQLite database (or uses DATABASE_URL) with PROJECTS running projects, each with two status
reports, a month of costs and an overdue action, and RISKS open risks spread over them (rows are bulk-inserted and
the planner statistics refreshed: the benchmark is about reading). Times both pages for a portfolio manager (median of several requests) and counts their
queries. The dashboard must stay within 5× the project list. Last line: JSON.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import sys
import time
from decimal import Decimal

from _django import connection, median_ms, prepare, queries
from django.contrib.auth.models import Group
from django.test import Client

from pmo.core.models import User
from pmo.progress.models import CostEntry, ReportStatus, StatusReport
from pmo.projects import services
from pmo.projects.lifecycle import Lifecycle
from pmo.projects.models import Project
from pmo.raid.models import Action, Level, Risk

REPEAT = 9


def fill(size: int, risks: int, admin) -> None:
    portfolio = services.create_portfolio(acting_user=admin, name="Bench")
    programmes = [
        services.create_programme(
            acting_user=admin, portfolio=portfolio, code=f"PRG-{i}", name=f"Programme {i}"
        )
        for i in range(8)
    ]
    Project.objects.bulk_create(
        Project(
            code=f"B-{n:05d}", name=f"Project {n}", portfolio=portfolio, programme=programmes[n % 8],
            manager=admin, budget=Decimal(100_000 + n), lifecycle=Lifecycle.ACTIVE,
        )
        for n in range(size)
    )  # fmt: skip
    projects = list(Project.objects.order_by("pk"))
    month = (dt.date.today().replace(day=1) - dt.timedelta(days=1)).replace(day=1)
    earlier = (month - dt.timedelta(days=1)).replace(day=1)
    rng = random.Random(1)
    rags = ["green", "amber", "red"]
    facts = lambda: {"evm": {"cpi": rng.uniform(0.7, 1.2), "spi": rng.uniform(0.7, 1.2)},  # noqa: E731
                     "milestones": {"slipped_count": rng.randint(0, 4)}}  # fmt: skip
    StatusReport.objects.bulk_create(
        StatusReport(
            project=p, period=period, overall=rng.choice(rags), status=ReportStatus.APPROVED, facts=facts()
        )
        for p in projects
        for period in (earlier, month)
    )
    CostEntry.objects.bulk_create(
        CostEntry(project=p, month=month, budget=Decimal(9000), actual=Decimal(rng.randint(5000, 12000)))
        for p in projects
    )
    Action.objects.bulk_create(
        Action(project=p, programme=p.programme, portfolio=portfolio, level=Level.PROJECT, title="Actie",
               due=dt.date.today() - dt.timedelta(days=3))
        for p in projects
    )  # fmt: skip
    Risk.objects.bulk_create(
        Risk(project=p, programme=p.programme, portfolio=portfolio, level=Level.PROJECT, title=f"Risico {k}",
             probability=(pr := rng.randint(1, 5)), impact=(im := rng.randint(1, 5)), score=pr * im,
             cost_impact=Decimal(rng.randint(1000, 100000)))
        for k in range(risks)
        for p in [projects[k % len(projects)]]
    )  # fmt: skip


def main(size: int, risks: int) -> None:
    prepare()
    admin = User.objects.create_superuser("admin", password="x")
    manager = User.objects.create_user("portfolio", password="x")
    manager.groups.add(Group.objects.get(name="portfolio_manager"))
    started = time.perf_counter()
    fill(size, risks, admin)
    with connection.cursor() as cursor:  # planner statistics, as a database in use has them
        cursor.execute("ANALYZE")
    fill_s = time.perf_counter() - started
    client = Client(HTTP_ACCEPT_LANGUAGE="en")
    client.force_login(manager)
    pages = {
        "project list": "/projects/?sort=-budget",
        "dashboard": "/portfolio/status/",
        "dashboard by CPI": "/portfolio/status/?sort=cpi",
    }
    rows = []
    for name, url in pages.items():
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        rows.append(
            {"page": name, "median_ms": round(median_ms(lambda u=url: client.get(u), REPEAT), 1),
             "queries": queries(lambda u=url: client.get(u))}
        )  # fmt: skip
    base = rows[0]["median_ms"]
    for row in rows:
        row["ratio"] = round(row["median_ms"] / base, 2)
    print(f"{size} projects, {risks} risks ({connection.vendor}; filled in {fill_s:.1f} s)")
    print(f"{'page':>18} {'median ms':>10} {'queries':>8} {'ratio':>6}")
    for row in rows:
        print(f"{row['page']:>18} {row['median_ms']:>10.1f} {row['queries']:>8} {row['ratio']:>6.2f}")
    print(json.dumps({"bench": "dashboard", "database": connection.vendor, "projects": size, "risks": risks,
                      "rows": rows, "ratio": max(r["ratio"] for r in rows[1:])}))  # fmt: skip


if __name__ == "__main__":
    args = [int(a) for a in sys.argv[1:]]
    main(args[0] if args else 2000, args[1] if len(args) > 1 else 20000)
