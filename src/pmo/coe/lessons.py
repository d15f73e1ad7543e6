"""Finding lessons: the database's full-text search (FTS5 on SQLite, a tsvector with a GIN index on PostgreSQL)
picks the candidates, `pmo.engine.lessons` ranks them by text, tags, phase and category; and the lessons to
suggest to a new project, a project entering a phase, and a risk just logged.

Both databases index the same terms: the engine's tokens of the lesson (title, what happened, cause,
recommendation, tags: lowercase, accents folded, stop words dropped, Dutch and English stemmed), kept in
`Lesson.search_terms` by the services. So a search finds "aanbestedingen" for "aanbesteding" on either.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db import connection
from django.db.models import Count, Q, QuerySet

from pmo.engine import lessons as engine
from pmo.projects.models import Project

from .models import Context, Lesson, LessonFeedback, split_tags

CANDIDATES = 300  # how many full-text matches the engine ranks
COMMON = 0.02  # a term in more than this share of a large register only ranks, it does not pick candidates
SUGGESTIONS = 5
FTS_TABLE = "coe_lesson_fts"
FTS_VOCABULARY = "coe_lesson_fts_vocabulary"  # the terms of the SQLite index with their document counts


def terms_for(lesson: Lesson) -> str:
    """The lesson's search terms as stored and indexed: its title (twice), its text and its tags, tokenised by
    the engine."""
    return engine.index_terms(lesson.title, "\n".join([lesson.text, *lesson.tag_list]))


# --- the index ----------------------------------------------------------------------------------------------


def create_index(schema_editor) -> None:
    """Create the full-text index (run by the migration)."""
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute(
            f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5(terms, tokenize='unicode61')"
        )
        schema_editor.execute(
            f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_VOCABULARY} USING fts5vocab({FTS_TABLE}, 'row')"
        )
    elif vendor == "postgresql":
        schema_editor.execute(
            "ALTER TABLE coe_lesson ADD COLUMN IF NOT EXISTS search_vector tsvector "
            "GENERATED ALWAYS AS (to_tsvector('simple', search_terms)) STORED"
        )
        schema_editor.execute(
            "CREATE INDEX IF NOT EXISTS coe_lesson_search_vector ON coe_lesson USING gin (search_vector)"
        )


def drop_index(schema_editor) -> None:
    vendor = schema_editor.connection.vendor
    if vendor == "sqlite":
        schema_editor.execute(f"DROP TABLE IF EXISTS {FTS_VOCABULARY}")
        schema_editor.execute(f"DROP TABLE IF EXISTS {FTS_TABLE}")
    elif vendor == "postgresql":
        schema_editor.execute("ALTER TABLE coe_lesson DROP COLUMN IF EXISTS search_vector")


def index(lessons: Iterable[Lesson]) -> None:
    """Bring the SQLite full-text table up to date for these saved lessons (PostgreSQL's column follows by
    itself). A row left from a lesson that is gone, or whose id came back, is replaced."""
    if connection.vendor != "sqlite":
        return
    rows = [(lesson.pk, lesson.search_terms) for lesson in lessons]
    with connection.cursor() as cursor:
        cursor.executemany(f"DELETE FROM {FTS_TABLE} WHERE rowid = %s", [(pk,) for pk, _ in rows])
        cursor.executemany(f"INSERT INTO {FTS_TABLE} (rowid, terms) VALUES (%s, %s)", rows)


def unindex(pk: int) -> None:
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {FTS_TABLE} WHERE rowid = %s", [pk])


def rebuild() -> int:
    """Recompute every lesson's terms and the index; returns how many lessons it indexed."""
    lessons = list(Lesson.objects.all())
    for lesson in lessons:
        lesson.search_terms = terms_for(lesson)
    Lesson.objects.bulk_update(lessons, ["search_terms"], batch_size=1000)
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {FTS_TABLE}")
        index(lessons)
    return len(lessons)


def _telling(terms: list[str], counts: dict[str, float], register: float) -> list[str]:
    """The terms that pick candidates: in a register larger than the candidates ranked, a term found in more
    than COMMON of it says little about which lessons fit and costs the most to look up (it only ranks); the
    rarest term stays if all are common. `counts`: in how many lessons each term is (known or estimated)."""
    common = max(CANDIDATES, COMMON * register)
    telling = [term for term in terms if counts.get(term, 0) <= common]
    return telling or [min(terms, key=lambda term: counts.get(term, 0))]


def _counts(cursor, terms: list[str]) -> tuple[dict[str, float], float]:
    """In how many lessons each term is, and how many lessons there are: exact from SQLite's index, estimated
    from PostgreSQL's statistics (the most common lexemes of the column, as ANALYZE finds them)."""
    if connection.vendor == "sqlite":
        places = ", ".join(["%s"] * len(terms))
        cursor.execute(f"SELECT term, doc FROM {FTS_VOCABULARY} WHERE term IN ({places})", terms)
        counts = dict(cursor.fetchall())
        cursor.execute("SELECT count(*) FROM coe_lesson")
        return counts, cursor.fetchone()[0]
    cursor.execute(
        "SELECT s.most_common_elems::text::text[], s.most_common_elem_freqs, c.reltuples FROM pg_stats s "
        "JOIN pg_class c ON c.relname = s.tablename WHERE s.tablename = 'coe_lesson' "
        "AND s.attname = 'search_vector' AND s.schemaname = current_schema()"
    )
    row = cursor.fetchone()
    if row is None or row[0] is None:
        return {}, 0
    elements, shares, rows = row
    wanted = set(terms)
    return {term: share * rows for term, share in zip(elements, shares, strict=False) if term in wanted}, rows


def _full_text(terms: list[str], limit: int) -> list[int]:
    """The ids of the lessons with any of these (telling) terms, best full-text rank first."""
    with connection.cursor() as cursor:
        terms = _telling(terms, *_counts(cursor, terms))
        if connection.vendor == "sqlite":
            match = " OR ".join(f'"{term}"' for term in terms)
            sql = f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s ORDER BY rank LIMIT %s"
        else:
            match = " | ".join(terms)
            sql = (
                "SELECT id FROM coe_lesson, to_tsquery('simple', %s) query WHERE search_vector @@ query "
                "ORDER BY ts_rank(search_vector, query) DESC, id LIMIT %s"
            )
        cursor.execute(sql, [match, limit])
        return [row[0] for row in cursor.fetchall()]


# --- searching ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Found:
    lesson: Lesson
    score: float
    matched: tuple[str, ...]


def search(
    query: str,
    *,
    tags: Iterable[str] = (),
    phase: str = "",
    category: str = "",
    lessons: QuerySet | None = None,
    limit: int = SUGGESTIONS,
    exclude: Iterable[int] = (),
) -> list[Found]:
    """The best lessons for a query (and tags, a phase, a category), best first, among `lessons` (default:
    all). The candidates: what the full-text index finds for the query's and the tags' terms and their
    thesaurus synonyms, and the lessons of the phase and of the category."""
    tags = list(tags)
    terms = list(dict.fromkeys(engine.tokens(" ".join([query, *tags]))))
    terms += [synonym for term in terms for synonym in engine.SYNONYMS.get(term, ()) if synonym not in terms]
    lessons = Lesson.objects.all() if lessons is None else lessons
    ids = set(_full_text(terms, CANDIDATES)) if terms else set()
    for name, value in (("phase__iexact", phase), ("category", category)):
        if value:  # the lessons of the phase or category are candidates whatever their words
            ids |= set(lessons.filter(**{name: value}).values_list("pk", flat=True)[:CANDIDATES])
    if not ids:
        return []
    lessons = lessons.filter(pk__in=ids)
    excluded = set(exclude)
    rows = lessons.values_list("pk", "search_terms", "tags", "category", "phase")
    ranking = engine.Index(
        # the stored terms: the index is built without reading (or tokenising) the lessons' text again
        engine.Lesson(
            pk,
            "",
            tags=tuple(split_tags(row_tags)),
            category=row_category,
            phase=row_phase,
            terms=row_terms or " ",
        )
        for pk, row_terms, row_tags, row_category, row_phase in rows
        if pk not in excluded
    )
    if not len(ranking):
        return []
    hits = ranking.search(query, tags=tags, phase=phase, category=category, limit=limit)
    found = Lesson.objects.select_related("project").defer("search_terms").in_bulk([hit.id for hit in hits])
    return [Found(found[hit.id], hit.score, hit.matched) for hit in hits]


def hide_unseen_projects(found: Iterable[Lesson], user) -> None:
    """The register is the organisation's, but which project a lesson came from is shown only to who may see
    that project: for the others these (display-only) instances lose their project."""
    found = [lesson for lesson in found if lesson.project_id is not None]
    seen = set(
        Project.objects.visible_to(user)
        .filter(pk__in={lesson.project_id for lesson in found})
        .values_list("pk", flat=True)
    )
    for lesson in found:
        if lesson.project_id not in seen:
            lesson.project = None


# --- suggestions --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Suggestion:
    context: str  # Context
    key: str  # what in the context: the phase's name, the risk's id
    label: str
    found: list[Found]


def _dismissed(project, context: str, key: str) -> set[int]:
    """Lessons someone on the project found not useful here, and nobody found useful."""
    votes = (
        LessonFeedback.objects.filter(project=project, context=context, context_key=key)
        .values("lesson")
        .annotate(yes=Count("pk", filter=Q(useful=True)), no=Count("pk", filter=Q(useful=False)))
    )
    return {vote["lesson"] for vote in votes if vote["no"] and not vote["yes"]}


def _suggest(
    project, context: str, key: str, query: str, *, phase: str = "", limit: int, exclude: Iterable[int] = ()
) -> list[Found]:
    own = Lesson.objects.filter(project=project).values_list("pk", flat=True)
    exclude = set(exclude) | set(own) | _dismissed(project, context, key)
    among = Lesson.objects.filter(phase__iexact=phase) if phase else None
    return search(query, phase=phase, lessons=among, limit=limit, exclude=exclude)


def for_project(project, *, limit: int = SUGGESTIONS) -> list[Found]:
    """For a new project: lessons of other projects like it (its name, description and programme)."""
    query = " ".join(
        filter(None, [project.name, project.description, getattr(project.programme, "name", "")])
    )
    return _suggest(project, Context.PROJECT, "", query, limit=limit)


def for_phase(
    project, phase_name: str, *, limit: int = SUGGESTIONS, exclude: Iterable[int] = ()
) -> list[Found]:
    """For a project entering a phase: lessons learned in that phase, those of projects like it first (and not
    the ones in `exclude`, already suggested)."""
    query = " ".join(filter(None, [project.name, project.description]))
    return _suggest(project, Context.PHASE, phase_name, query, phase=phase_name, limit=limit, exclude=exclude)


def for_risk(risk, *, limit: int = 3) -> list[Found]:
    """For a risk just logged: lessons about the same trouble."""
    parts = [risk.title, risk.cause, risk.event, risk.effect, risk.get_category_display()]
    query = " ".join(filter(None, parts))
    return _suggest(risk.project, Context.RISK, str(risk.pk), query, limit=limit)
