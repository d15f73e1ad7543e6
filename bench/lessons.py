"""Benchmark: lessons-learned search — quality on the labelled queries, and speed with a large register.

    uv run python bench/lessons.py [SIZE]          (default: 100000)
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/pmo_bench uv run python bench/lessons.py

1. Quality: the demo's lessons (pmo.demo.lessons_data) are recorded through the service; each labelled query of
   bench/lessons_queries.py goes through `pmo.coe.lessons.search` (the database's full-text index picks the
   candidates, the engine ranks them by text, tags and phase). Precision@5 and recall@5 per query, averaged.
   Baseline, in the same run: a plain substring search — the lessons containing any of the query's words, those
   containing most words first (what a register without a search engine offers).
2. Speed: the register grows to SIZE lessons (the demo lessons recombined: sentences of several lessons mixed,
   words swapped, so common words are common and rare ones rare), indexed like the service does; each labelled
   query is timed (median of 3, then median / p95 / max over the queries). Baseline: the same plain substring
   search over the grown register.

Builds a throw-away SQLite database, or uses DATABASE_URL (the database must exist; the bench empties the
lessons table first). Last line: JSON.
"""

from __future__ import annotations

import json
import random
import re
import statistics
import sys
import time

from _django import connection, median_ms, prepare
from django.db.models import Case, IntegerField, Q, Value, When
from lessons_heldout import QUERIES as HELDOUT
from lessons_queries import QUERIES

from pmo.coe import lessons
from pmo.coe.models import Lesson, LessonFeedback
from pmo.coe.services_lessons import record_lesson
from pmo.core.models import User
from pmo.demo.lessons_data import LESSONS
from pmo.engine.lessons import precision_at

K = 5
SEED = 7


def naive(query: str, limit: int = K) -> list[int]:
    """The baseline: lessons containing any query word (as typed, case-insensitive), most words first."""
    words = [w for w in re.findall(r"\w+", query.lower()) if len(w) > 2]
    if not words:
        return []
    fields = ("title", "what_happened", "cause", "recommendation", "tags")
    hit = [Q(**{f"{field}__icontains": w}) for w in words for field in fields]
    condition = Q()
    for q in hit:
        condition |= q
    score = sum(
        (Case(When(q, then=Value(1)), default=Value(0), output_field=IntegerField()) for q in hit),
        start=Value(0),
    )
    qs = Lesson.objects.filter(condition).annotate(hits=score).order_by("-hits", "-pk")
    return list(qs.values_list("pk", flat=True)[:limit])


def quality(keys: dict[str, int], queries: list[dict]) -> tuple[list[dict], dict]:
    rows = []
    for q in queries:
        relevant = {keys[k] for k in q["relevant"]}
        ours = [f.lesson.pk for f in lessons.search(q["query"], tags=q["tags"], phase=q["phase"], limit=K)]
        base = naive(" ".join([q["query"], *q["tags"]]))
        rows.append(
            {
                "query": q["query"],
                "relevant": len(relevant),
                "p5": precision_at(K, ours, relevant),
                "r5": len(relevant & set(ours)) / min(len(relevant), K),
                "base_p5": precision_at(K, base, relevant),
                "base_r5": len(relevant & set(base)) / min(len(relevant), K),
            }
        )
    mean = {key: statistics.mean(r[key] for r in rows) for key in ("p5", "r5", "base_p5", "base_r5")}
    return rows, mean


def show(rows: list[dict], mean: dict, what: str) -> None:
    print(f"Search quality on {what} over {len(LESSONS)} demo lessons ({connection.vendor})")
    print(f"{'query':42} {'rel':>3} {'P@5':>5} {'R@5':>5} {'base P@5':>9} {'base R@5':>9}")
    for r in rows:
        print(
            f"{r['query'][:42]:42} {r['relevant']:>3} {r['p5']:>5.2f} {r['r5']:>5.2f} "
            f"{r['base_p5']:>9.2f} {r['base_r5']:>9.2f}"
        )
    print(
        f"{'mean':42} {'':>3} {mean['p5']:>5.2f} {mean['r5']:>5.2f} {mean['base_p5']:>9.2f} {mean['base_r5']:>9.2f}\n"
    )


def grow(size: int, admin) -> None:
    """Recombined demo lessons up to `size`, inserted in bulk and indexed as the service indexes them."""
    rng = random.Random(SEED)
    sentences = [s for lesson in LESSONS for f in ("what_happened", "cause", "recommendation")
                 for s in re.split(r"(?<=[.!?])\s+", lesson[f]) if s]  # fmt: skip
    words = sorted({w for s in sentences for w in re.findall(r"\w{4,}", s)})
    tags = sorted({t for lesson in LESSONS for t in lesson["tags"]})
    have = Lesson.objects.count()
    batch: list[Lesson] = []
    for n in range(have, size):
        source = LESSONS[n % len(LESSONS)]
        picked = [rng.choice(sentences) for _ in range(rng.randint(3, 6))]
        text = " ".join(picked)
        for _ in range(rng.randint(1, 4)):  # swap words so no two lessons are alike
            text = text.replace(rng.choice(re.findall(r"\w{4,}", text) or ["x"]), rng.choice(words), 1)
        lesson = Lesson(
            title=f"{source['title']} ({n})",
            what_happened=text,
            cause=rng.choice(sentences),
            recommendation=rng.choice(sentences),
            category=source["category"],
            phase=source["phase"],
            tags=", ".join(rng.sample(tags, 2)),
            kind=source["kind"],
            recorded_by=admin,
        )
        lesson.search_terms = lessons.terms_for(lesson)
        batch.append(lesson)
        if len(batch) == 2000 or n == size - 1:
            created = Lesson.objects.bulk_create(batch)
            if connection.vendor == "sqlite" and created[0].pk is None:
                created = list(Lesson.objects.order_by("-pk")[: len(batch)])
            lessons.index(created)
            batch = []
            print(f"  {n + 1} lessons", file=sys.stderr, end="\r")
    print(file=sys.stderr)


def speed() -> tuple[dict, dict]:
    ours = [
        median_ms(lambda q=q: lessons.search(q["query"], tags=q["tags"], phase=q["phase"], limit=K), repeat=3)
        for q in QUERIES
    ]
    base = [median_ms(lambda q=q: naive(" ".join([q["query"], *q["tags"]])), repeat=1) for q in QUERIES]

    def stats(samples: list[float]) -> dict:
        ordered = sorted(samples)
        return {
            "median_ms": round(statistics.median(ordered), 1),
            "p95_ms": round(ordered[max(0, round(0.95 * len(ordered)) - 1)], 1),
            "max_ms": round(ordered[-1], 1),
        }

    return stats(ours), stats(base)


def main(size: int) -> None:
    prepare()
    LessonFeedback.objects.all().delete()
    Lesson.objects.all().delete()
    admin = User.objects.filter(username="bench-admin").first() or User.objects.create_superuser(
        "bench-admin", password="x"
    )
    keys = {}
    for fields in LESSONS:
        lesson = record_lesson(
            acting_user=admin,
            **{k: v for k, v in fields.items() if k not in ("key", "project", "tags")},
            tags=", ".join(fields["tags"]),
        )
        keys[fields["key"]] = lesson.pk
    rows, mean = quality(keys, QUERIES)
    show(rows, mean, f"{len(QUERIES)} labelled queries")
    held_rows, held = quality(keys, HELDOUT)
    show(held_rows, held, f"{len(HELDOUT)} held-out queries (written apart from the search's tuning)")

    start = time.perf_counter()
    grow(size, admin)
    if connection.vendor == "postgresql":  # what autovacuum does after a bulk load: fresh statistics
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE coe_lesson")
    grown_s = time.perf_counter() - start
    total = Lesson.objects.count()
    ours, base = speed()
    print(f"\nSearch time with {total} lessons ({connection.vendor}; filled in {grown_s:.0f} s)")
    print(f"{'':28} {'median ms':>10} {'p95 ms':>8} {'max ms':>8}")
    print(f"{'full-text + ranking':28} {ours['median_ms']:>10} {ours['p95_ms']:>8} {ours['max_ms']:>8}")
    print(
        f"{'baseline: substring search':28} {base['median_ms']:>10} {base['p95_ms']:>8} {base['max_ms']:>8}"
    )
    print(
        json.dumps(
            {
                "bench": "lessons",
                "database": connection.vendor,
                "queries": len(QUERIES),
                "demo_lessons": len(LESSONS),
                "precision_at_5": round(mean["p5"], 3),
                "recall_at_5": round(mean["r5"], 3),
                "baseline_precision_at_5": round(mean["base_p5"], 3),
                "precision_ratio": round(mean["p5"] / mean["base_p5"], 2) if mean["base_p5"] else None,
                "heldout_queries": len(HELDOUT),
                "heldout_precision_at_5": round(held["p5"], 3),
                "heldout_baseline_precision_at_5": round(held["base_p5"], 3),
                "lessons": total,
                "search_median_ms": ours["median_ms"],
                "search_p95_ms": ours["p95_ms"],
                "search_max_ms": ours["max_ms"],
                "baseline_median_ms": base["median_ms"],
                "time_ratio": round(ours["median_ms"] / base["median_ms"], 3) if base["median_ms"] else None,
            }
        )
    )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 100_000)
