"""Lessons learned: rank the lessons of a register by how well they fit a situation (text and tag similarity).

    from pmo.engine.lessons import Index, Lesson
    index = Index([Lesson(7, "De aanbesteding duurde te lang ...", tags=("inkoop",)), ...])
    index.search("aanbestedingen vertraagd", tags=["inkoop"])
    # [Hit(id=7, score=..., matched=("aanbestedingen", "inkoop")), ...]
    index.similar(7)   # the lessons most like lesson 7, itself excluded

The database's full-text search finds candidates for a typed query; this module ranks them, and ranks the
whole register when lessons are to be recommended: for a new project (its name and description as the
query), a phase (the phase as `phase`, the project text as the query) or a logged risk (its title and
description).

Score of a lesson for a query::

    BM25(the query's distinct tokens, the lesson's text)    k1 = 1.2, b = 0.75,
                                                            idf = ln(1 + (N - df + 0.5) / (df + 0.5))
    + tag_weight × |query tags ∩ lesson tags| / sqrt(|lesson tags| or 1)
    + phase_bonus     when the phase matches
    + category_bonus  when the category matches
    + SYNONYM_WEIGHT × BM25(the thesaurus synonyms of the query's tokens)              (expand=True)
    + FEEDBACK_WEIGHT × (BM25 + tag score)(the FEEDBACK_TERMS tokens with the highest  (feedback=True)
                        tf × idf in the FEEDBACK_DOCS best lessons of the sum above)

The thesaurus (`pmo.engine.lessons_thesaurus`) groups project-office words, Dutch and English; pseudo-relevance
feedback lends a short query the words its best matches use, so lessons that say the same in other words come
up too. Dutch compounds whose two parts are in the thesaurus's lexicon also give their parts as tokens
("inkooptraject" → inkooptraject, inkop, traject), in the text and in the query alike.

The lesson's text is its `title` twice followed by its `text`. Tags, phase and category match as whole
values, case- and accent-insensitively; a tag is compared by its tokens, so "Stakeholders" and "stakeholder"
are one tag. The query tags are the `tags` given, plus every query token (and pair of consecutive query
tokens) that is a tag of some lesson: typing "inkoop" finds lessons tagged "Inkoop" even when their text
never says so. Only lessons scoring above 0 are returned, best first; equal scores go in id order (so the ids
must be mutually comparable: all ints or all strings, say). `Hit.matched` says why a lesson came up: the
query words (lowercased, as typed) found in its text or among its tags, then the given tags it carries; a
phase or category match is not listed.

Tokens (`tokens`): the text is lowercased and split on every character that is not a letter or digit;
accents are folded off (é → e, ë → e), Dutch and English stop words dropped, the rest stemmed, and tokens
shorter than two characters dropped. A token with a digit in it ("2024", "b2b") is not stemmed. The stemmer
is light, for both languages at once; no step leaves fewer than three letters:

1. drop a final -s, unless it follows s, u or i (stakeholders, tests; not status, analysis, process)
2. strip the first of these endings that fits: -heden → -heid (mogelijkheden), -ingen, -ing (aanbestedingen,
   testing, meetings), -en (testen, maanden; a z or v left before it becomes s or f: prijzen → prijs,
   brieven → brief), -ed (tested, planned; not after i: gebied)
3. a final -y becomes -i (activity, activities → activiti; delays → delai)
4. repeat until nothing changes: drop a final -s as in step 1, drop a final -e, halve a final double
   consonant (planning → plann → plan; processen, proces, processes → proc; fase, fasen, fases → fas)
5. halve the double vowel of a final consonant-aa/ee/oo/uu-consonant (taak and taken → tak,
   systeem → system)

So singular and plural, and the -ing, -ed and -en forms of a verb, meet; irregular forms and the Dutch ge- of
past participles do not (getest ≠ test). English "it" is not a stop word (it may mean IT).

Speed, measured once on the development machine (2 cores, already busy with another benchmark; Python 3.11,
numpy 2.4) with 100,000 synthetic lessons of 60 words each drawn from a 5,000-word Zipf-distributed vocabulary
(4.6 million postings), two tags, a phase and a category each: building the index took 5.5 s (about 55 MB of
postings); a query of four words, a tag and a phase took 2.2 ms (median; 3.2 ms at the 95th percentile, 5 ms
at most over 300 queries); `similar` took 7.6 ms (median over 50 lessons).
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise

import numpy as np

from . import lessons_thesaurus as thesaurus

K1 = 1.2
B = 0.75
TITLE_WEIGHT = 2  # the title's tokens count this many times
TAG_WEIGHT = 2.0
PHASE_BONUS = 1.0
CATEGORY_BONUS = 1.0
SYNONYM_WEIGHT = 0.5  # a thesaurus synonym of a query word counts this much of the word itself
FEEDBACK_DOCS = 3  # pseudo-relevance feedback: the best lessons of a first pass …
FEEDBACK_TERMS = 8  # … lend their most telling words …
FEEDBACK_WEIGHT = 0.25  # … to a second pass that counts this much

DUTCH_STOP_WORDS = """
    aan al alle alles als altijd andere ben bij binnen daar daardoor daarom dan dat de deed deze die dit
    doch doen door dus echter een eens en er erg ga gaan gaat ge geen geweest ging haar had hadden heb
    hebben heeft heel hem het hier hierdoor hij hoe hun iemand iets ik in is ja je jij jou jouw jullie kan
    kon kunnen kwam maar me meer men met mij mijn moet moeten na naar niet niets nog nu of om omdat onder
    ons onze ook op over reeds te tegen tijdens toch toen tot tussen uit uw van veel via voor waarbij
    waardoor want waren was wat we wel werd werden wie wij wil worden wordt zal ze zelf zich zij zijn zo
    zoals zonder zou zouden
"""
ENGLISH_STOP_WORDS = """
    about above after again all also am an and any are as at be because been before being below between both
    but by can could did do does doing down during each few for from further had has have having he her here
    hers him his how if in into is its itself just me more most my no nor not now of off on once only or
    other our ours out over own same she should so some such than that the their theirs them then there
    these they this those through to too under until up very was we were what when where which while who
    whom why will with would you your yours
"""
STOP_WORDS = frozenset(DUTCH_STOP_WORDS.split()) | frozenset(ENGLISH_STOP_WORDS.split())

_WORD = re.compile(r"[^\W_]+")  # a run of letters and digits
_ENDINGS = (("heden", "heid"), ("ingen", ""), ("ing", ""), ("en", ""), ("ed", ""))
_DEVOICED = {"z": "s", "v": "f"}
_VOWELS = frozenset("aeiouy")
_MIN_STEM = 3


@dataclass(frozen=True)
class Lesson:
    """One lesson of the register. `text` is its free text (what happened, cause, recommendation) joined; a
    `title` given separately counts twice. Tags are short labels ("inkoop", "scope creep"). `terms`, when
    given, are the lesson's tokens as `index_terms` made them (stored with the lesson, so that an index is
    built without reading the text again); `text` and `title` are then not read."""

    id: Hashable
    text: str
    tags: tuple[str, ...] = ()
    category: str = ""
    phase: str = ""
    title: str = ""
    terms: str = ""

    def __post_init__(self) -> None:
        for name in ("text", "category", "phase", "title", "terms"):
            if not isinstance(getattr(self, name), str):
                raise ValueError(f"lesson {self.id!r}: the {name} must be a string")
        object.__setattr__(self, "tags", _strings(f"lesson {self.id!r}: the tags", self.tags))


@dataclass(frozen=True)
class Hit:
    id: Hashable
    score: float
    matched: tuple[str, ...]  # the query words and tags that matched, for showing why this lesson


def _strings(what: str, values: Iterable[str]) -> tuple[str, ...]:
    if isinstance(values, str):
        raise ValueError(f"{what} must be a collection of strings, not the single string {values!r}")
    values = tuple(values)
    if not all(isinstance(v, str) for v in values):
        raise ValueError(f"{what} must all be strings ({values!r})")
    return values


# --- tokens -------------------------------------------------------------------------------------------------


def _fold(text: str) -> str:
    """Lowercase, accents off: "Coördinatie" → "coordinatie"."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _trim_s(word: str) -> str:
    if len(word) > _MIN_STEM and word[-1] == "s" and word[-2] not in "sui":
        return word[:-1]
    return word


def _strip_ending(word: str) -> str:
    for ending, replacement in _ENDINGS:
        stem = word[: -len(ending)]
        if word.endswith(ending) and len(stem) >= _MIN_STEM:
            if ending == "ed" and stem[-1] == "i":
                return word
            if ending == "en":
                stem = stem[:-1] + _DEVOICED.get(stem[-1], stem[-1])
            return stem + replacement
    return word


def _trim(word: str) -> str:
    """Step 4: drop -s and -e and halve a final double consonant until nothing changes."""
    while True:
        before = word
        word = _trim_s(word)
        if len(word) > _MIN_STEM and word[-1] == "e":
            word = word[:-1]
        if len(word) > _MIN_STEM and word[-1] == word[-2] and word[-1] not in _VOWELS:
            word = word[:-1]
        if word == before:
            return word


def _undouble_vowel(word: str) -> str:
    if (
        len(word) > _MIN_STEM
        and word[-3] == word[-2]
        and word[-2] in "aeou"
        and word[-1] not in _VOWELS
        and word[-4] not in _VOWELS
    ):
        return word[:-2] + word[-1]
    return word


def stem(word: str) -> str:
    """The stem of one folded, lowercase word (see the module docstring for the rules)."""
    if any(c.isdigit() for c in word):
        return word
    word = _strip_ending(_trim_s(word))
    if len(word) > _MIN_STEM and word[-1] == "y":
        word = word[:-1] + "i"
    return _undouble_vowel(_trim(word))


def _lexicon_stems(words) -> frozenset[str]:
    return frozenset(stem(w) for w in words)


_GROUP_STEMS = [
    tuple(dict.fromkeys(stem(w) for w in group.split() if w not in STOP_WORDS)) for group in thesaurus.GROUPS
]
#: stem → the stems that mean (nearly) the same, from the thesaurus
SYNONYMS: dict[str, tuple[str, ...]] = {}
for _group in _GROUP_STEMS:
    for _term in _group:
        SYNONYMS[_term] = tuple(
            dict.fromkeys(SYNONYMS.get(_term, ()) + tuple(t for t in _group if t != _term))
        )
_LEXICON = frozenset(t for group in _GROUP_STEMS for t in group) | _lexicon_stems(thesaurus.PARTS)
_MIN_PART = 4


def split_compound(term: str) -> tuple[str, ...]:
    """The two parts of a Dutch compound stem when both are in the thesaurus's lexicon ("inkooptraject" →
    "inkop", "traject"; with a linking s: "planningsoverleg" → "plan", "overleg"), else ()."""
    if len(term) < 2 * _MIN_PART:
        return ()
    for cut in range(_MIN_PART, len(term) - _MIN_PART + 1):
        head, tail = term[:cut], term[cut:]
        if head in _LEXICON or stem(head) in _LEXICON:
            for rest in (tail, tail[1:] if tail[0] == "s" else ""):
                if len(rest) >= _MIN_PART and stem(rest) in _LEXICON:
                    return (stem(head), stem(rest))
    return ()


@lru_cache(maxsize=1 << 18)
def _terms(word: str) -> tuple[str, ...]:
    """The tokens of one lowercased word of the text: usually one, none for a stop word (folding may split
    it)."""
    parts = [part for part in _WORD.findall(_fold(word)) if part not in STOP_WORDS]
    terms = [term for term in map(stem, parts) if len(term) >= 2]
    return tuple(piece for term in terms for piece in (term, *split_compound(term)))


def _words(text: str) -> list[tuple[str, str]]:
    """(word as typed but lowercased, token) for each token of `text`, in order."""
    return [(word, term) for word in _WORD.findall(text.lower()) for term in _terms(word)]


def tokens(text: str) -> list[str]:
    """The text's tokens in order: lowercase, accents folded, stop words dropped, stemmed."""
    return [term for word in _WORD.findall(text.lower()) for term in _terms(word)]


def _text_terms(title: str, text: str) -> list[str]:
    return tokens(title) * TITLE_WEIGHT + tokens(text)


def index_terms(title: str, text: str) -> str:
    """A lesson's tokens as the index reads them (the title's count twice), space-separated: for storing with
    the lesson and passing back as `Lesson.terms`."""
    return " ".join(_text_terms(title, text))


def _key(value: str) -> str:
    """A phase or category as compared: folded, single-spaced."""
    return " ".join(_fold(value).split())


def _tag_key(tag: str) -> str:
    """A tag as compared: its tokens (so plural and singular meet), or the folded tag if it has none."""
    return " ".join(tokens(tag)) or _key(tag)


# --- the index ----------------------------------------------------------------------------------------------


def _in_id_order(lessons: Iterable[Lesson]) -> list[Lesson]:
    lessons = list(lessons)
    for lesson in lessons:
        if not isinstance(lesson, Lesson):
            raise ValueError(f"expected Lesson objects, got {lesson!r}")
    try:
        ordered = sorted(lessons, key=lambda lesson: lesson.id)
    except TypeError:
        raise ValueError(
            "the lesson ids must be mutually comparable (all ints or all strings, say)"
        ) from None
    for before, after in pairwise(ordered):
        if before.id == after.id:
            raise ValueError(f"lesson {after.id!r} appears twice")
    return ordered


def _weight(what: str, value: float) -> float:
    try:
        number = float(value)
    except (TypeError, ValueError):
        number = math.nan
    if not math.isfinite(number) or number < 0:
        raise ValueError(f"{what} must be a finite number of at least 0, not {value!r}")
    return number


class Index:
    """The lessons in an inverted index with precomputed BM25 weights: a query costs a vectorised pass over
    the postings of its tokens and tags, plus a linear top-k selection."""

    def __init__(
        self,
        lessons: Iterable[Lesson],
        *,
        tag_weight: float = TAG_WEIGHT,
        phase_bonus: float = PHASE_BONUS,
        category_bonus: float = CATEGORY_BONUS,
        k1: float = K1,
        b: float = B,
    ) -> None:
        self.tag_weight = _weight("the tag weight", tag_weight)
        self.phase_bonus = _weight("the phase bonus", phase_bonus)
        self.category_bonus = _weight("the category bonus", category_bonus)
        k1 = _weight("k1", k1)
        if not 0 <= _weight("b", b) <= 1:
            raise ValueError(f"b must lie between 0 and 1, not {b!r}")
        self._lessons = _in_id_order(lessons)
        self._doc = {lesson.id: doc for doc, lesson in enumerate(self._lessons)}
        self._index_text(k1, b)
        self._index_fields()

    def _index_text(self, k1: float, b: float) -> None:
        vocabulary: dict[str, int] = {}
        term_ids: list[int] = []
        frequencies: list[int] = []
        distinct, lengths = [], []
        for lesson in self._lessons:
            counts = Counter(lesson.terms.split() if lesson.terms else _text_terms(lesson.title, lesson.text))
            term_ids += [vocabulary.setdefault(term, len(vocabulary)) for term in counts]
            frequencies += counts.values()
            distinct.append(len(counts))
            lengths.append(counts.total())
        n = len(self._lessons)
        terms = np.array(term_ids, dtype=np.int64)
        docs = np.repeat(np.arange(n, dtype=np.int32), distinct)
        order = np.argsort(terms, kind="stable")  # postings by term, each in document order
        df = np.bincount(terms, minlength=len(vocabulary))
        idf = np.log1p((n - df + 0.5) / (df + 0.5))
        self._doc_start = np.concatenate(([0], np.cumsum(distinct))).astype(np.int64)
        self._doc_terms, self._doc_tf, self._idf = terms, np.array(frequencies, dtype=float), idf
        length = np.array(lengths, dtype=float)
        average = length.mean() if n and length.mean() > 0 else 1.0
        norm = k1 * (1 - b + b * length / average)
        tf = np.array(frequencies, dtype=float)[order]
        self._vocabulary = vocabulary
        self._terms = list(vocabulary)  # term id → term
        self._start = np.concatenate(([0], np.cumsum(df)))
        self._docs = docs[order]
        self._weights = idf[terms[order]] * tf * (k1 + 1) / (tf + norm[self._docs])

    def _index_fields(self) -> None:
        tags: dict[str, list[int]] = {}
        phases: dict[str, list[int]] = {}
        categories: dict[str, list[int]] = {}
        self._tags: list[tuple[str, ...]] = []
        for doc, lesson in enumerate(self._lessons):
            keys = tuple(dict.fromkeys(key for key in map(_tag_key, lesson.tags) if key))
            self._tags.append(keys)
            for key in keys:
                tags.setdefault(key, []).append(doc)
            phases.setdefault(_key(lesson.phase), []).append(doc)
            categories.setdefault(_key(lesson.category), []).append(doc)
        counts = np.array([len(keys) for keys in self._tags], dtype=float)
        self._tag_norm = self.tag_weight / np.sqrt(np.maximum(counts, 1))
        self._tag_docs = {key: np.array(docs, dtype=np.int32) for key, docs in tags.items()}
        self._phase_docs = {key: np.array(docs, dtype=np.int32) for key, docs in phases.items() if key}
        self._category_docs = {key: np.array(docs, dtype=np.int32) for key, docs in categories.items() if key}

    def __len__(self) -> int:
        return len(self._lessons)

    def search(
        self,
        query: str,
        *,
        limit: int = 10,
        tags: Iterable[str] = (),
        phase: str = "",
        category: str = "",
        expand: bool = True,
        feedback: bool = True,
    ) -> list[Hit]:
        """The `limit` best lessons for a query text, query tags, a phase and a category, best first. With
        `expand`, the thesaurus synonyms of the query's words count too, at SYNONYM_WEIGHT; with `feedback`,
        the words that best characterise the first pass's best lessons count too, at FEEDBACK_WEIGHT."""
        if not isinstance(query, str):
            raise ValueError(f"the query must be a string, not {query!r}")
        given = {_tag_key(tag): tag.strip().lower() for tag in _strings("the query tags", tags)}
        return self._rank(
            _words(query), given, _key(phase), _key(category), limit, expand=expand, feedback=feedback
        )

    def similar(self, lesson_id: Hashable, *, limit: int = 5) -> list[Hit]:
        """The `limit` lessons most like lesson `lesson_id` (its tokens and tags as the query), itself
        excluded. An id not in the index raises KeyError."""
        if lesson_id not in self._doc:
            raise KeyError(f"there is no lesson {lesson_id!r} in the index")
        doc = self._doc[lesson_id]
        lesson = self._lessons[doc]
        given = {_tag_key(tag): tag.strip().lower() for tag in lesson.tags if _tag_key(tag)}
        return self._rank(_words(f"{lesson.title}\n{lesson.text}"), given, "", "", limit, exclude=doc)

    def _rank(
        self,
        words: list[tuple[str, str]],
        given_tags: dict[str, str],
        phase: str,
        category: str,
        limit: int,
        exclude: int | None = None,
        expand: bool = False,
        feedback: bool = False,
    ) -> list[Hit]:
        if isinstance(limit, bool) or not isinstance(limit, int) or limit < 1:
            raise ValueError(f"the limit must be a whole number of at least 1, not {limit!r}")
        first_word: dict[str, str] = {}  # token → the first word that gave it, in order of appearance
        for word, term in words:
            first_word.setdefault(term, word)
        query_terms = [(word, self._vocabulary[t]) for t, word in first_word.items() if t in self._vocabulary]
        related: dict[int, str] = {}  # synonyms of the query's tokens that are not in the query themselves
        if expand:
            for t, word in first_word.items():
                for synonym in SYNONYMS.get(t, ()):
                    if synonym not in first_word and synonym in self._vocabulary:
                        related.setdefault(self._vocabulary[synonym], word)
        query_tags = self._query_tags(words, given_tags)
        phase_docs = self._phase_docs.get(phase) if self.phase_bonus else None
        category_docs = self._category_docs.get(category) if self.category_bonus else None
        if not (query_terms or related or query_tags or phase_docs is not None or category_docs is not None):
            return []
        scores = np.zeros(len(self._lessons))
        weighted = [(term, 1.0) for _, term in query_terms] + [(term, SYNONYM_WEIGHT) for term in related]
        for term, weight in weighted:
            postings = slice(self._start[term], self._start[term + 1])
            scores[self._docs[postings]] += weight * self._weights[postings]
        for key in query_tags:
            docs = self._tag_docs[key]
            scores[docs] += self._tag_norm[docs]
        if phase_docs is not None:
            scores[phase_docs] += self.phase_bonus
        if category_docs is not None:
            scores[category_docs] += self.category_bonus
        if feedback and query_terms:
            known = {term for term, _ in weighted}
            extra = np.zeros(len(self._lessons))
            for term in self._feedback_terms(_top(scores, FEEDBACK_DOCS), known):
                postings = slice(self._start[term], self._start[term + 1])
                extra[self._docs[postings]] += self._weights[postings]
                tagged = self._tag_docs.get(self._terms[term])
                if tagged is not None:  # a word that is also a tag counts as the tag, as in the query
                    extra[tagged] += self._tag_norm[tagged]
            scores += FEEDBACK_WEIGHT * extra
        if exclude is not None:
            scores[exclude] = 0.0
        return [
            Hit(
                self._lessons[doc].id,
                float(scores[doc]),
                self._matched(
                    doc, query_terms + [(word, term) for term, word in related.items()], query_tags
                ),
            )
            for doc in _top(scores, limit)
        ]

    def _feedback_terms(self, docs: list[int], known: set[int]) -> list[int]:
        """The FEEDBACK_TERMS words that weigh most (frequency × idf) in these lessons, the query's own left
        out: pseudo-relevance feedback, so that a short query also finds lessons that say it in other words."""
        weight: Counter[int] = Counter()
        for doc in docs:
            span = slice(self._doc_start[doc], self._doc_start[doc + 1])
            for term, tf in zip(self._doc_terms[span].tolist(), self._doc_tf[span].tolist(), strict=True):
                if term not in known:
                    weight[term] += tf * self._idf[term]
        return [term for term, _ in sorted(weight.items(), key=lambda kv: (-kv[1], kv[0]))[:FEEDBACK_TERMS]]

    def _query_tags(self, words: list[tuple[str, str]], given_tags: dict[str, str]) -> dict[str, str]:
        """The tags of the query that some lesson carries (tag key → how to show it): the given tags, the
        query's tokens and its pairs of consecutive tokens."""
        found = {key: label for key, label in given_tags.items() if key in self._tag_docs}
        for word, term in words:
            if term in self._tag_docs:
                found.setdefault(term, word)
        for (first, a), (second, b) in pairwise(words):
            if f"{a} {b}" in self._tag_docs:
                found.setdefault(f"{a} {b}", f"{first} {second}")
        return found

    def _matched(
        self, doc: int, query_terms: list[tuple[str, int]], query_tags: dict[str, str]
    ) -> tuple[str, ...]:
        found = []
        for word, term in query_terms:
            docs = self._docs[self._start[term] : self._start[term + 1]]
            position = np.searchsorted(docs, doc)
            if position < len(docs) and docs[position] == doc:
                found.append(word)
        found += [label for key, label in query_tags.items() if key in self._tags[doc]]
        return tuple(dict.fromkeys(found))


def _top(scores: np.ndarray, limit: int) -> list[int]:
    """The documents with the `limit` highest scores above 0, best first, ties in document (= id) order."""
    candidates = np.flatnonzero(scores > 0)
    if len(candidates) > limit:
        kth = np.partition(scores[candidates], len(candidates) - limit)[len(candidates) - limit]
        candidates = candidates[scores[candidates] >= kth]
    order = np.lexsort((candidates, -scores[candidates]))
    return candidates[order[:limit]].tolist()


def precision_at(k: int, ranked_ids: Sequence[Hashable], relevant_ids: Iterable[Hashable]) -> float:
    """The share of the first `k` ranked ids that are relevant (a ranking shorter than k counts its missing
    places as misses)."""
    if isinstance(k, bool) or not isinstance(k, int) or k < 1:
        raise ValueError(f"k must be a whole number of at least 1, not {k!r}")
    relevant = set(relevant_ids)
    return sum(1 for id_ in list(ranked_ids)[:k] if id_ in relevant) / k
