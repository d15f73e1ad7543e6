"""Benchmark: the project list (page and API) as the portfolio grows, against the bare ORM query as baseline.

    uv run python bench/project_list.py [SIZES...]        (default: 200 2000)

Builds a throw-away SQLite database (or uses DATABASE_URL), fills it through the services, then times each request
over several repetitions (median) and counts its SQL queries. The baseline is the same page of projects fetched
with one plain ORM query; the ratio says what the page costs on top of fetching its rows. Last line: JSON.
"""

from __future__ import annotations

import json
import sys
import time
from decimal import Decimal

from _django import connection, median_ms, prepare, queries
from django.contrib.auth.models import Group
from django.test import Client

from pmo.core.models import User
from pmo.projects import services
from pmo.projects.models import Project, ProjectRole

REPEAT = 15


def grow_to(size: int, admin, portfolio, programmes, member) -> None:
    have = Project.objects.count()
    for n in range(have, size):
        project = services.create_project(
            acting_user=admin,
            code=f"B-{n:05d}",
            name=f"Project {n}",
            portfolio=portfolio,
            programme=programmes[n % len(programmes)],
            manager=admin,
            budget=Decimal(1000 + n),
        )
        if n % 100 == 0:
            services.add_project_member(project, acting_user=admin, user=member, role=ProjectRole.TEAM_MEMBER)


def main(sizes: list[int]) -> None:
    prepare()
    admin = User.objects.create_superuser("admin", password="x")
    manager = User.objects.create_user("portfolio", password="x")
    manager.groups.add(Group.objects.get(name="portfolio_manager"))
    member = User.objects.create_user("member", password="x")
    portfolio = services.create_portfolio(acting_user=admin, name="Bench")
    programmes = [
        services.create_programme(
            acting_user=admin, portfolio=portfolio, code=f"PRG-{i}", name=f"Programme {i}"
        )
        for i in range(5)
    ]
    clients = {}
    for user in (manager, member):
        clients[user.username] = Client(HTTP_ACCEPT_LANGUAGE="en")
        clients[user.username].force_login(user)

    rows = []
    for size in sizes:
        started = time.perf_counter()
        grow_to(size, admin, portfolio, programmes, member)
        fill_s = time.perf_counter() - started

        def baseline() -> None:
            list(
                Project.objects.select_related("programme", "manager", "sponsor", "portfolio").order_by(
                    "code"
                )[:25]
            )

        base_ms = median_ms(baseline, REPEAT)
        for who, client in clients.items():
            for kind, url in (("page", "/projects/?sort=-budget"), ("api", "/api/projects/?page_size=25")):
                response = client.get(url)
                assert response.status_code == 200, (url, response.status_code)
                ms = median_ms(lambda c=client, u=url: c.get(u), REPEAT)
                rows.append(
                    {
                        "projects": size,
                        "user": who,
                        "request": kind,
                        "median_ms": round(ms, 2),
                        "queries": queries(lambda c=client, u=url: c.get(u)),
                        "baseline_ms": round(base_ms, 3),
                        "ratio": round(ms / base_ms, 1),
                        "fill_s": round(fill_s, 1),
                    }
                )

    print(
        f"{'projects':>8} {'user':>10} {'request':>7} {'median ms':>10} {'queries':>7} {'baseline ms':>11} {'ratio':>7}"
    )
    for r in rows:
        print(
            f"{r['projects']:>8} {r['user']:>10} {r['request']:>7} {r['median_ms']:>10.2f} {r['queries']:>7}"
            f" {r['baseline_ms']:>11.3f} {r['ratio']:>7.1f}"
        )
    fills = ", ".join(f"{r['projects']}: {r['fill_s']} s" for r in rows[::4])
    print(f"(filled through the services: {fills})")
    print(
        json.dumps(
            {
                "bench": "project_list",
                "database": connection.vendor,
                "rows": rows,
                "queries_constant": len({(r["user"], r["request"], r["queries"]) for r in rows})
                == len({(r["user"], r["request"]) for r in rows}),
            }
        )
    )


if __name__ == "__main__":
    main([int(a) for a in sys.argv[1:]] or [200, 2000])
