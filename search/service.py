"""The one search service: every page and the API call ``search()``.

It parses the query itself (no user text reaches an engine's parser), asks the
configured engine (a cluster engine falls back to the embedded engine when it
fails, see ``engines.fallback``),
widens the query when nothing matches (any word instead of all, then a spelling
correction), and returns typed results with escaped, highlighted snippets and
labelled facet counts. Only what ``user`` may see is ever searched.
"""

import heapq
import logging
import math
import re
from dataclasses import dataclass, field, replace

from django.conf import settings
from django.db import connection
from django.utils.translation import get_language, get_language_info
from django.utils.translation import gettext as _
from rapidfuzz.distance import Levenshtein

from exchange.accounts.permissions import is_member

from . import query as query_parser
from . import querylog
from .analysis import LANGUAGES, words
from .engines import get_engine
from .engines.base import (
    FACETS,
    EngineError,
    EngineResult,
    SearchRequest,
    facet_key,
)
from .models import Audience, DocType, SearchDocument, Term
from .similar import similar_request
from .snippets import highlight
from .stamps import LABELS, STAMP_TABLE, triggers_installed
from .thesaurus import current_index, version_sql

logger = logging.getLogger(__name__)

PER_PAGE = 20
MAX_PAGE = 500  # deeper pages are never useful, and engines cap the window
MAX_FILTER_VALUES = 20
# Answers are folded into their question after ranking: a page asks the engine for
# the first ``page * per_page * FOLD_FACTOR`` hits (in blocks of FOLD_BLOCK) and
# more while the folded prefix is too short, never beyond MAX_DEPTH hits (the
# result window of Elasticsearch and OpenSearch).
FOLD_FACTOR = 4
FOLD_BLOCK = 10
MAX_DEPTH = 10_000
LIGHT_AFTER = 200
FOLD_FIELDS = ("id", "doc_type", "object_key", "url", "language")
SHOWN_FIELDS = ("title", "body")
_VALUE_RE = re.compile(r"^[A-Za-z0-9_-]{1,60}$")
LANGUAGE_NAMES = dict(settings.LANGUAGES)


def language_name(code: str) -> str:
    """A content language named in the interface language ("néerlandais").

    The one convention for language names outside the language switcher (which
    names each language in itself).
    """
    try:
        return str(get_language_info(code)["name_translated"])
    except KeyError:
        return LANGUAGE_NAMES.get(code, code)


@dataclass
class SearchResult:
    type: str
    object_key: str
    title: str
    url: str
    snippet: str
    language: str
    score: float
    # What a specialist result shows instead of its indexed text (``describe``).
    details: dict = field(default_factory=dict)
    # An answer standing for its question: the snippet is that answer's text.
    via_answer: bool = False

    @property
    def type_label(self) -> str:
        if self.via_answer:
            return str(DocType.QUESTION.label)
        return str(DocType(self.type).label)

    @property
    def language_name(self) -> str:
        return language_name(self.language)


@dataclass
class FacetValue:
    value: str
    label: str
    count: int
    selected: bool = False


@dataclass
class SearchResponse:
    query: str
    language: str
    results: list[SearchResult] = field(default_factory=list)
    # Results after folding answers into their question (what the pages list):
    # exact when ``total_exact``, else a lower bound every page it implies fills.
    total: int = 0
    total_exact: bool = True
    # Matching documents (questions and answers counted apart, as the facets do).
    matches: int = 0
    page: int = 1
    per_page: int = PER_PAGE
    facets: dict[str, list[FacetValue]] = field(default_factory=dict)
    # Each facet's number of values among the matches (more than listed when the
    # search asked for its ``facet_limit`` most frequent values only).
    facet_totals: dict[str, int] = field(default_factory=dict)
    filters: dict[str, list[str]] = field(default_factory=dict)
    engine: str = ""
    did_you_mean: str = ""
    corrected: bool = False
    partial_match: bool = False
    # Very broad searches count facets on a sample of the matches (shown as ≈).
    facets_estimated: bool = False
    messages: list[str] = field(default_factory=list)

    @property
    def num_pages(self) -> int:
        return max(1, math.ceil(self.total / self.per_page))


def audiences_for(user) -> list[str]:
    if is_member(user):
        return [Audience.PUBLIC, Audience.MEMBERS]
    return [Audience.PUBLIC]


# --- facets ----------------------------------------------------------------------
def facet_labels(
    keys_by_facet: dict[str, set[str]],
    language: str,
    *,
    cached: bool = False,
    stamp: int | None = None,
) -> dict:
    """``{facet: {value: label}}`` for the given values, one query per facet at most.

    Where a facet's labels come from is registered by the apps (``register_facet``).
    ``stamp``: the ``facet-labels`` change stamp read by this search (``versions``):
    while it is unchanged, the labels come from this process's copy of the tables
    and no row is read. ``cached`` (without a stamp): a facet of ``ROWS_SCAN``
    values or more may be labelled from that copy, unread (the caller checks the
    labels it shows).
    """
    from .adapters import facet_source

    labels: dict[str, dict[str, str]] = {}
    for facet, values in keys_by_facet.items():
        if not values:
            continue
        if facet in FIXED_FACETS:
            fixed = fixed_labels(facet)
            labels[facet] = {v: fixed[v] for v in values if v in fixed}
        elif (source := facet_source(facet)) is not None:
            labels[facet] = all_facet_labels(
                facet, *source, language, values, cached=cached, stamp=stamp
            )
    return labels


# The facets whose values are the code's own (types, content languages), and
# (facet, active interface language) -> {value: label}: translated once a process
# (each label looked up anew cost about 0.2 ms a search).
FIXED_FACETS = ("type", "language")
_FIXED: dict[tuple[str, str | None], dict[str, str]] = {}


def fixed_labels(facet: str) -> dict[str, str]:
    """``{value: label}`` of a facet of ``FIXED_FACETS``, in the active language."""
    key = (facet, get_language())
    labels = _FIXED.get(key)
    if labels is None:
        if facet == "type":
            labels = {value: str(label) for value, label in DocType.choices}
        else:
            labels = {code: language_name(code) for code in LANGUAGE_NAMES}
        _FIXED[key] = labels
    return labels


# (facet, language) -> {value: (its row, its label)}. The rows of the values a
# search needs are read on every search (plain tuples, no model instances) and a
# label reused only while its row is equal: a renamed municipality is labelled
# anew at once, in every process, whatever transaction renamed it.
_LABELS: dict[tuple[str, str], dict[str, tuple[tuple, str]]] = {}
# (facet, language) -> (every row of the facet's table, {value: label}).
_TABLES: dict[tuple[str, str], tuple[list, dict[str, str]]] = {}
# (facet, language) -> (change stamp, {value: label} of the whole table).
_STAMPED: dict[tuple[str, str], tuple[int, dict[str, str]]] = {}
# From this many values on, the whole table is read: a scan of a few hundred
# short rows costs less than as many index look-ups (a broad search's places).
ROWS_SCAN = 100
ID_BATCH = 900  # values per statement (SQLite's oldest limit is 999 parameters)
# (model, fields, column, equal fields) -> the statement ``plain_rows`` runs.
_PLAIN_SQL: dict[tuple, str] = {}


def plain_rows(
    model, fields: tuple[str, ...], column: str | None = None, values=(), equal=()
) -> list[tuple]:
    """``fields`` (attribute names) of ``model``'s rows as plain tuples of the
    database's values: every row, or with ``column`` those whose ``column`` is
    one of ``values``, and whose fields in ``equal`` ((field, value) pairs) have
    those values. The statement is built once per process (compiling the ORM
    query for every search cost more than running it) and no model instance is
    made."""
    key = (model, fields, column, tuple(f for f, _v in equal))
    sql = _PLAIN_SQL.get(key)
    if sql is None:
        quote = connection.ops.quote_name
        by_name = {f.attname: f for f in model._meta.concrete_fields}
        columns = ", ".join(quote(by_name[f].column) for f in fields)
        tests = [f"{quote(by_name[f].column)} = %s" for f, _v in equal]
        if column is not None:
            tests.append(f"{quote(by_name[column].column)} IN")
        sql = _PLAIN_SQL[key] = (
            f"SELECT {columns} FROM {quote(model._meta.db_table)}"  # noqa: S608 - model names
            + (" WHERE " + " AND ".join(tests) if tests else "")
        )
    head = [v for _f, v in equal]
    with connection.cursor() as cursor:
        if column is None:
            cursor.execute(sql, head)
            return cursor.fetchall()
        values, rows = list(values), []
        for start in range(0, len(values), ID_BATCH):
            batch = values[start : start + ID_BATCH]
            cursor.execute(f"{sql} ({', '.join(['%s'] * len(batch))})", [*head, *batch])
            rows += cursor.fetchall()
        return rows


def table_rows(model, field_name: str, values) -> tuple[list[str], int, list]:
    """(column names, the position of ``field_name`` among them, the rows of
    ``model`` whose ``field_name`` is one of ``values`` (or, for ``ROWS_SCAN``
    values or more, every row), as plain tuples of the database's values)."""
    names = tuple(f.attname for f in model._meta.concrete_fields)
    if len(values) >= ROWS_SCAN:
        rows = plain_rows(model, names)
    else:
        rows = plain_rows(model, names, field_name, sorted(values))
    return list(names), names.index(field_name), rows


def _labelled(facet, model, columns, rows, language, wanted=None) -> dict:
    """``{value: label}`` of ``rows`` (those of the ``wanted`` values), a label
    made again only when its row changed."""
    names, position = columns
    known = _LABELS.setdefault((facet, language), {})
    labels = {}
    for row in rows:
        value = str(row[position])
        if wanted is not None and value not in wanted:
            continue
        cached = known.get(value)
        if cached is None or cached[0] != row:
            instance = model(**dict(zip(names, row, strict=True)))
            cached = known[value] = (row, instance.name_in(language))
        labels[value] = cached[1]
    return labels


def all_facet_labels(
    facet: str,
    model,
    field_name: str,
    language: str,
    values,
    *,
    cached=False,
    stamp: int | None = None,
) -> dict[str, str]:
    """``{value: label}`` of ``values`` of ``facet`` (``model.field_name``) that
    exist, each named by the model's ``name_in(language)``. With a change
    ``stamp``, the whole table is labelled once per stamp. Without: a precise
    search reads the rows of its few values; a broad one every row, compared as a
    whole with the rows its labels were made from, or with ``cached`` none when
    this process's copy of the table holds every value."""
    if stamp is not None:
        whole = _STAMPED.get((facet, language))
        if whole is None or whole[0] != stamp:
            names = tuple(f.attname for f in model._meta.concrete_fields)
            columns = (list(names), names.index(field_name))
            labels = _labelled(
                facet, model, columns, plain_rows(model, names), language
            )
            whole = _STAMPED[(facet, language)] = (stamp, labels)
        return {v: whole[1][v] for v in values if v in whole[1]}
    if cached and len(values) >= ROWS_SCAN:
        whole = _TABLES.get((facet, language))
        if whole is not None and all(v in whole[1] for v in values):
            return {v: whole[1][v] for v in values}
    names, position, rows = table_rows(model, field_name, values)
    if len(values) < ROWS_SCAN:
        return _labelled(facet, model, (names, position), rows, language, values)
    whole = _TABLES.get((facet, language))
    if whole is None or whole[0] != rows:
        labels = _labelled(facet, model, (names, position), rows, language)
        whole = _TABLES[(facet, language)] = (rows, labels)
    every = whole[1]
    return {v: every[v] for v in values if v in every}


def clean_filters(
    raw, language: str, stamp: int | None = None
) -> tuple[dict[str, list[str]], list[str]]:
    """Known facets with known values; the rest is dropped with a message."""
    messages = []
    wanted: dict[str, set[str]] = {}
    for facet, values in (raw or {}).items():
        if facet not in FACETS:
            messages.append(
                _("The filter “%(name)s” does not exist and was ignored.")
                % {"name": str(facet)[:40]}
            )
            continue
        values = [values] if isinstance(values, str) else list(values or [])
        good = {v for v in values[:MAX_FILTER_VALUES] if _VALUE_RE.match(str(v))}
        if good:
            wanted[facet] = good
    labels = facet_labels(wanted, language, stamp=stamp)
    filters = {}
    for facet, values in wanted.items():
        known = sorted(v for v in values if v in labels.get(facet, {}))
        if len(known) < len(values):
            messages.append(_("An unknown filter value was ignored."))
        if known:
            filters[facet] = known
    return filters, messages


def _facets_from_counts(
    counts, filters, language, limit: int | None = None, stamp: int | None = None
) -> tuple[dict[str, list[FacetValue]], dict[str, int]]:
    """Labelled facet values, most frequent first (then by label), and each facet's
    number of values among the matches.

    With ``limit``, a facet lists its ``limit`` most frequent values plus any
    selected one (the values not listed are asked for with a larger limit).
    """
    by_facet: dict[str, dict[str, int]] = {}
    prefixes = {prefix: facet for facet, prefix in FACETS.items()}
    for key, count in counts.items():
        prefix, _sep, value = key.partition(":")
        facet = prefixes.get(prefix)
        if facet is not None:
            by_facet.setdefault(facet, {})[value] = count
    # Listing a few values of a facet of hundreds (a broad search's places), the
    # labels are this process's copy, and the rows of the values listed are read
    # to check it: any difference, and the facet is labelled from its table.
    trusted = stamp is None and limit is not None and limit < ROWS_SCAN
    labels = facet_labels(
        {f: set(v) for f, v in by_facet.items()}, language, cached=trusted, stamp=stamp
    )
    out, totals = {}, {}

    def listed(names, values, selected):
        # Sorted as plain tuples; a FacetValue only for the values listed. With a
        # limit, only the values counted at least as often as the limit-th are
        # sorted (ties included), then the selected ones beyond: a broad search's
        # 565 places were sorted to list 20.
        counts = [c for v, c in values.items() if v in names]
        if limit is None or len(counts) <= limit:
            ranked = sorted((-c, names[v], v) for v, c in values.items() if v in names)
            return len(ranked), ranked
        least = heapq.nlargest(limit, counts)[-1]
        top = sorted(
            (-c, names[v], v) for v, c in values.items() if c >= least and v in names
        )[:limit]
        listed_values = {r[2] for r in top}
        beyond = sorted(
            (-values[v], names[v], v)
            for v in selected
            if v in values and v in names and v not in listed_values
        )
        return len(counts), top + beyond

    for facet in FACETS:
        names = labels.get(facet, {})
        values = by_facet.get(facet, {})
        selected = set(filters.get(facet, []))
        total, ranked = listed(names, values, selected)
        if trusted and len(values) >= ROWS_SCAN and ranked:
            read = facet_labels({facet: {r[2] for r in ranked}}, language)
            if any(read.get(facet, {}).get(v) != label for _c, label, v in ranked):
                names = facet_labels({facet: set(values)}, language).get(facet, {})
                total, ranked = listed(names, values, selected)
        if not ranked:
            continue
        totals[facet] = total
        out[facet] = [
            FacetValue(value=v, label=label, count=-c, selected=v in selected)
            for c, label, v in ranked
        ]
    return out, totals


def versions() -> tuple[tuple, int | None]:
    """(the thesaurus's version, the ``facet-labels`` change stamp or ``None``
    where its triggers are missing), read in one statement."""
    if not triggers_installed():
        return None, None
    columns, table = version_sql()
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {columns}, (SELECT stamp FROM {STAMP_TABLE} WHERE name = %s)"  # noqa: S608 - model names
            f" FROM {table}",
            [LABELS],
        )
        *version, stamp = cursor.fetchone()
    return tuple(version), stamp


# --- did you mean ------------------------------------------------------------------
def edit_distance(a: str, b: str, limit: int) -> int:
    """Levenshtein distance of ``a`` and ``b``, or ``limit + 1`` beyond ``limit``
    (rapidfuzz's C++: a typo's few hundred candidates cost microseconds each,
    where the pure-Python table cost 7-16 ms per corrected word)."""
    return Levenshtein.distance(a, b, score_cutoff=limit)


def spelling_corrections(parsed, thesaurus) -> dict[str, str]:
    """Replacements for query words that are in neither the index nor the thesaurus."""
    corrections = {}
    unknown = [
        group.text
        for group in parsed.groups
        if " " not in group.text
        and len(group.text) >= 4
        and not group.text.isdigit()
        and group.text not in thesaurus.vocabulary
    ]
    if not unknown:
        return corrections
    # One query for every word of the query (all are usually known).
    known = {row[0] for row in plain_rows(Term, ("term",), "term", unknown)}
    for word in unknown:
        if word in known:
            continue
        limit = 1 if len(word) <= 5 else 2
        candidates = dict(
            Term.objects.filter(
                length__gte=len(word) - limit,
                length__lte=len(word) + limit,
                # A range, not LIKE 'x%': it uses the (length, term) index everywhere.
                term__gte=word[0],
                term__lt=chr(ord(word[0]) + 1),
            ).values_list("term", "doc_count")[:20_000]
        )
        for term in thesaurus.vocabulary_starting(word[:1]):
            if abs(len(term) - len(word)) <= limit:
                candidates.setdefault(term, 1)
        best = None
        for term, count in candidates.items():
            distance = edit_distance(word, term, limit)
            if distance <= limit:
                rank = (distance, -count, term)
                if best is None or rank < best[0]:
                    best = (rank, term)
        if best is not None:
            corrections[word] = best[1]
    return corrections


# --- the search ----------------------------------------------------------------------
def _run(engine, request: SearchRequest) -> EngineResult:
    """``engine``: the configured one, one per request (a cluster engine falls back
    to the embedded engine, and after one failure asks it no more in this request,
    so a hung cluster costs a request one read timeout at most)."""
    return engine.search(request)


_PREFIX_RE = re.compile(r"^/(nl|fr|de|en)/")
_PAGE_RE = re.compile(r"^/(nl|fr|de|en)/(.+/)?([^/]+)/$")


def _localised_url(document: SearchDocument, language: str) -> str:
    """The result's address inside the reader's interface language.

    Forum and directory pages exist in every interface language: the prefix changes.
    A practice of another language is served by the reader's library under its
    language code (``/fr/practices/nl/<slug>/``).
    """
    url = document.url
    if language not in LANGUAGE_NAMES:
        return url
    if document.doc_type == DocType.PRACTICE:
        match = _PAGE_RE.match(url)
        if match and match.group(1) != language:
            own, library, slug = match.groups()
            return f"/{language}/{library or ''}{own}/{slug}/"
        return url
    return _PREFIX_RE.sub(f"/{language}/", url)


def _question_key(url: str, doc_type: str) -> str | None:
    """Questions and their answers share the question's address."""
    if doc_type in (DocType.QUESTION, DocType.ANSWER):
        return url.partition("#")[0]
    return None


@dataclass
class _Thread:
    """One readable result of the folded ranking: ``lead`` is the first hit of its
    item (for a question, the first of the question and its answers), ``snippet``
    the hit whose text is shown (the best matching answer when one matches)."""

    lead: tuple
    snippet: tuple
    url: str
    via_answer: bool = False


class _Row:
    """The columns of a search document that folding and showing read, as plain
    attributes: a model instance per hit cost more than reading the row."""

    __slots__ = ("_deferred", *FOLD_FIELDS, *SHOWN_FIELDS)

    def __init__(self, names, values):
        for name, value in zip(names, values, strict=True):
            setattr(self, name, value)
        self._deferred = {f for f in SHOWN_FIELDS if f not in names}

    @property
    def pk(self):
        return self.id

    def get_deferred_fields(self) -> set[str]:
        return self._deferred


def _documents(
    fields: tuple[str, ...], column: str, values, *, doc_type: str | None = None
) -> list[_Row]:
    """The documents whose ``column`` is one of ``values`` (and of ``doc_type``),
    as ``_Row``s of ``fields``."""
    equal = (("doc_type", doc_type),) if doc_type is not None else ()
    rows = plain_rows(SearchDocument, fields, column, values, equal)
    return [_Row(fields, row) for row in rows]


def _documents_by_key(fields: tuple[str, ...], keys) -> list[_Row]:
    """The documents of ``keys`` ((type, key) pairs), as ``_Row``s of ``fields``,
    found through the unique (type, key) index (a key alone is shared by the
    types: a practice, a question and a person may all be "7")."""
    by_type: dict[str, list[str]] = {}
    for doc_type, key in sorted(keys):
        by_type.setdefault(doc_type, []).append(key)
    rows = []
    for doc_type, type_keys in by_type.items():
        rows += _documents(fields, "object_key", type_keys, doc_type=doc_type)
    return rows


def _pair(hits) -> list[tuple]:
    """``(position, hit, document)`` of each hit whose document still exists, in
    the engine's order, with one query by row id.

    A cluster's hit carries the id its row had when it was indexed: the row read
    must still be of the hit's type and key (after a rebuild of the rows alone an
    id may name another row). A hit without an id, or whose id no longer names its
    row, is read by type and key (one more query per type).

    Only the columns a result shows are read (not the index columns); deep pages
    read many hits, and beyond ``LIGHT_AFTER`` only what folding needs (``_shown``
    then loads the text of the results it shows)."""
    fields = FOLD_FIELDS if len(hits) > LIGHT_AFTER else FOLD_FIELDS + SHOWN_FIELDS
    ids = [h.document_id for h in hits if h.document_id]
    by_id = {row.id: row for row in _documents(fields, "id", ids)} if ids else {}
    documents, missing = [], set()
    for hit in hits:
        document = by_id.get(hit.document_id)
        if document is not None and (
            document.doc_type == hit.doc_type and document.object_key == hit.object_key
        ):
            documents.append(document)
        else:
            documents.append(None)
            missing.add((hit.doc_type, hit.object_key))
    by_key = {}
    if missing:
        for row in _documents_by_key(fields, missing):
            by_key[(row.doc_type, row.object_key)] = row
    pairs = []
    for position, (hit, document) in enumerate(zip(hits, documents, strict=True)):
        if document is None:
            document = by_key.get((hit.doc_type, hit.object_key))
        if document is not None:
            pairs.append((position, hit, document))
    return pairs


def _score(hit) -> float:
    return round(float(hit.score or 0), 4)


def _fold(pairs: list[tuple], language: str) -> list[_Thread]:
    """The ranked hits as readable results: one per question, interface language
    first on equal scores.

    The first of a question and its answers stands for the question, with the best
    matching answer's text as its snippet; the others are left out. Equal scores
    are ordered within fixed blocks of ``FOLD_BLOCK`` engine positions, so a
    longer ranked prefix never reorders a shorter one: every page folds the same
    ranking, and page 2 continues page 1.
    """
    blocks: dict[int, list[tuple]] = {}
    for pair in pairs:
        blocks.setdefault(pair[0] // FOLD_BLOCK, []).append(pair)
    ordered = []
    for number in sorted(blocks):
        ordered += sorted(
            blocks[number],
            key=lambda p: (-_score(p[1]), p[2].language != language),
        )
    kept: dict[str, _Thread] = {}
    folded = []
    for pair in ordered:
        document = pair[2]
        url = _localised_url(document, language)
        key = _question_key(url, document.doc_type)
        if key is None:
            folded.append(_Thread(lead=pair, snippet=pair, url=url))
            continue
        first = kept.get(key)
        if first is None:
            first = kept[key] = _Thread(
                lead=pair,
                snippet=pair,
                url=url,
                via_answer=document.doc_type == DocType.ANSWER,
            )
            folded.append(first)
        elif document.doc_type == DocType.ANSWER and not first.via_answer:
            # The question ranks first; its best matching answer is the snippet.
            first.snippet, first.via_answer, first.url = pair, True, url
    return folded


def _describe(results: list["SearchResult"], language: str) -> None:
    """Results of a type that ``shows_details`` (people) show facts in ``language``
    from their adapter, never their indexed text."""
    from .adapters import get_adapter

    keys_by_type: dict[str, list[str]] = {}
    for result in results:
        keys_by_type.setdefault(result.type, []).append(result.object_key)
    for doc_type, keys in keys_by_type.items():
        adapter = get_adapter(doc_type)
        if adapter is None or not adapter.shows_details:
            continue
        facts = adapter.describe(keys, language)
        for result in results:
            if result.type == doc_type:
                result.details = facts.get(result.object_key, {})
                result.snippet = ""


def _shown(threads: list[_Thread], parsed, language) -> list[SearchResult]:
    """Search results of ``threads``, highlighted (only these are)."""
    stems = parsed.stems()
    light = {
        pair[2].pk
        for thread in threads
        for pair in (thread.lead, thread.snippet)
        if set(SHOWN_FIELDS) & pair[2].get_deferred_fields()
    }
    full = (
        {row.id: row for row in _documents(FOLD_FIELDS + SHOWN_FIELDS, "id", light)}
        if light
        else {}
    )
    from .adapters import get_adapter

    # Types whose results show facts instead of a snippet (``_describe``).
    described = {
        doc_type
        for doc_type in {thread.lead[2].doc_type for thread in threads}
        if (adapter := get_adapter(doc_type)) is not None and adapter.shows_details
    }
    results = []
    for thread in threads:
        _position, hit, document = thread.lead
        _position, snippet_hit, snippet_document = thread.snippet
        document = full.get(document.pk, document)
        snippet_document = full.get(snippet_document.pk, snippet_document)
        if document.doc_type in described:
            snippet = ""
        else:
            snippet = snippet_hit.highlight or highlight(
                snippet_document.body, snippet_document.language, stems
            )
        results.append(
            SearchResult(
                type=document.doc_type,
                object_key=document.object_key,
                title=highlight(document.title, document.language, stems, width=60),
                url=thread.url,
                snippet=snippet,
                language=document.language,
                score=_score(hit),
                via_answer=thread.via_answer,
            )
        )
    _describe(results, language)
    return results


def _results(result: EngineResult, parsed, language) -> list[SearchResult]:
    """Every hit of ``result``, folded and highlighted."""
    return _shown(_fold(_pair(result.hits), language), parsed, language)


def _window(page: int, per_page: int) -> int:
    """Engine hits asked for at first: enough for ``page`` after folding when a
    thread has up to ``FOLD_FACTOR`` matching documents, in whole blocks."""
    wanted = page * per_page * FOLD_FACTOR
    return min(MAX_DEPTH, math.ceil(wanted / FOLD_BLOCK) * FOLD_BLOCK)


def _exhausted(result: EngineResult, offset: int, asked: int) -> bool:
    return len(result.hits) < asked or offset + len(result.hits) >= result.total


def _deepen(engine, request, result, pairs, threads, needed, language):
    """Ask the engine for further hits until ``needed`` folded results exist, the
    matches end or ``MAX_DEPTH`` hits were read. Returns (pairs, threads, hits
    read, exhausted)."""
    read = len(result.hits)
    exhausted = _exhausted(result, 0, request.limit)
    while len(threads) < needed and not exhausted and read < MAX_DEPTH:
        # Each hit read so far gave this many results; ask for a little more.
        ratio = max(len(threads) / read, 0.05) if read else 1.0
        more = math.ceil((needed - len(threads)) / ratio * 1.25)
        more = math.ceil(more / FOLD_BLOCK) * FOLD_BLOCK
        more = max(FOLD_BLOCK, min(more, MAX_DEPTH - read))
        step = _run(engine, replace(request, offset=read, limit=more))
        pairs += [(read + p, h, d) for p, h, d in _pair(step.hits)]
        exhausted = _exhausted(step, read, more)
        read += len(step.hits)
        threads = _fold(pairs, language)
    return pairs, threads, read, exhausted


def _folded_total(result: EngineResult, threads, exhausted: bool) -> int:
    """How many folded results the matches give: exact once every match was read;
    otherwise a lower bound that every page it implies can fill (every matching
    question and every match that is not in a thread is a result of its own)."""
    if exhausted:
        return len(threads)
    counts = result.facets
    answers = counts.get(facet_key("type", DocType.ANSWER), 0)
    prefix = facet_key("type", "")
    if not any(k.startswith(prefix) for k in counts):
        return len(threads)
    return max(len(threads), result.total - answers)


def search(
    query: str,
    filters: dict | None = None,
    user=None,
    page: int = 1,
    language: str = "en",
    *,
    per_page: int = PER_PAGE,
    log: bool = True,
    facet_limit: int | None = None,
) -> SearchResponse:
    """Search everything ``user`` may see; see the module docstring.

    ``facet_limit``: list only each facet's most frequent values (and the selected
    ones); ``response.facet_totals`` says how many there are."""
    language = language if language in LANGUAGES else "en"
    thesaurus_version, stamp = versions()
    thesaurus = current_index(thesaurus_version)
    parsed = query_parser.parse(query, language, thesaurus)
    filters, messages = clean_filters(filters, language, stamp)
    response = SearchResponse(query=parsed.text, language=language, filters=filters)
    response.messages = messages
    if parsed.truncated:
        response.messages.append(_("Your search was long: only its start was used."))
    if parsed.is_empty and not filters:
        if (query or "").strip():
            response.messages.append(
                _("Type at least one word or number: signs alone cannot be searched.")
            )
        return response

    try:
        page = max(1, min(int(page), MAX_PAGE))
    except (TypeError, ValueError):
        page = 1
    per_page = max(1, min(int(per_page), 100))
    response.page, response.per_page = page, per_page
    request = SearchRequest(
        query=parsed,
        audiences=audiences_for(user),
        filters=filters,
        offset=0,
        limit=_window(page, per_page),
    )
    engine = get_engine()
    try:
        # Words in neither the index nor the thesaurus get a "did you mean". Such a
        # word matches nothing, and other words of the query may still find weak
        # matches without it: the corrected query is run first and, when it finds
        # anything, shown (as "showing results for"); the query as typed is run
        # only when it finds nothing.
        result = None
        corrections = spelling_corrections(parsed, thesaurus)
        if corrections:
            response.did_you_mean = " ".join(
                corrections.get(w, w) for w in parsed.words
            )
            corrected = query_parser.with_replacements(parsed, corrections, thesaurus)
            retry = _run(engine, replace(request, query=corrected))
            if retry.total:
                result, parsed, response.corrected = retry, corrected, True
                request = replace(request, query=corrected)
        if result is None:
            result = _run(engine, request)
            if result.total == 0 and len(parsed.groups) > 1:
                request.match_any = True
                result = _run(engine, request)
                response.partial_match = result.total > 0
                request.match_any = response.partial_match
        pairs = _pair(result.hits)
        threads = _fold(pairs, language)
        _pairs, threads, _read, exhausted = _deepen(
            engine, request, result, pairs, threads, page * per_page + 1, language
        )
    except EngineError as error:
        logger.error("Search failed: %s", error)
        response.messages.append(
            _("Search is not available right now. Try again later.")
        )
        response.engine = "none"
        return response

    response.engine = result.engine
    response.matches = result.total
    response.total = _folded_total(result, threads, exhausted)
    response.total_exact = exhausted
    if facet_limit is not None:
        facet_limit = max(1, int(facet_limit))
    response.facets, response.facet_totals = _facets_from_counts(
        result.facets, filters, language, facet_limit, stamp
    )
    response.facets_estimated = result.facets_estimated
    start = (page - 1) * per_page
    response.results = _shown(threads[start : start + per_page], parsed, language)
    if threads and not response.results:
        # Past the end (or past the deepest hit an engine serves): the last page
        # that exists is named from what was read.
        response.total = len(threads)
        response.messages.append(
            _("There is no page %(page)s: the results end at page %(last)s.")
            % {"page": page, "last": response.num_pages}
        )
    if log and parsed.text:
        querylog.record(
            parsed.text[:200].lower(), language, response.total, result.engine
        )
    return response


GROUP_SIZE = 5


@dataclass
class ResultGroup:
    """One result type of a search: its total and its best results."""

    type: str
    total: int
    results: list[SearchResult]


def groups(
    response: SearchResponse, user=None, *, size: int = GROUP_SIZE
) -> list[ResultGroup]:
    """The results of ``response`` per type with matches, in ``DocType`` order.

    A type whose every match is already on ``response``'s page (and no more than
    ``size``) is taken from it; any other type costs one search with that type as
    a filter, so its best ``size`` are the first results of "show all"."""
    counts = {v.value: v.count for v in response.facets.get("type", [])}
    all_on_page = response.page == 1 and not response.facets_estimated
    out = []
    # Answers are shown under their question: one group for both.
    members = {DocType.QUESTION: [DocType.QUESTION, DocType.ANSWER]}
    for doc_type in DocType.values:
        if doc_type == DocType.ANSWER:
            continue
        types = members.get(doc_type, [doc_type])
        count = sum(counts.get(t, 0) for t in types)
        if not count:
            continue
        on_page = [r for r in response.results if r.type in types]
        if all_on_page and len(on_page) == count <= size:
            out.append(ResultGroup(doc_type, count, on_page))
            continue
        found = search(
            response.query,
            {**response.filters, "type": list(types)},
            user=user,
            language=response.language,
            per_page=size,
            log=False,
        )
        if found.total:
            out.append(ResultGroup(doc_type, found.total, found.results))
    return out


MAX_SIMILAR = 20
MIN_SIMILAR_SCORE = 0.2  # of the best match's score


def similar(
    doc_type: str,
    object_key,
    user=None,
    language: str = "en",
    limit: int = 5,
    types=(DocType.QUESTION,),
) -> list[SearchResult]:
    """Items of ``types`` like one indexed item, that ``user`` may see; never the
    item itself. ``[]`` when the item is not indexed, not visible to ``user``, or
    search is not available (logged)."""
    language = language if language in LANGUAGES else "en"
    limit = max(1, min(int(limit), MAX_SIMILAR))
    types = [t for t in types if t in DocType.values]
    audiences = audiences_for(user)
    document = SearchDocument.objects.filter(
        doc_type=doc_type, object_key=str(object_key)
    ).first()
    if document is None or document.audience not in audiences or not types:
        return []
    request = similar_request(
        document, current_index(), audiences=audiences, types=types, limit=limit
    )
    try:
        result = get_engine().similar(document, request)
    except EngineError as error:
        logger.error("Similar items failed: %s", error)
        return []
    own = (document.doc_type, document.object_key)
    results = [
        r
        for r in _results(result, request.query, language)
        if (r.type, r.object_key) != own
    ]
    # Any word may match: drop the items far behind the best (one shared word).
    best = max((r.score for r in results), default=0)
    return [r for r in results if r.score >= best * MIN_SIMILAR_SCORE][:limit]


def suggest(prefix: str, user=None, language: str = "en", limit: int = 8) -> list[dict]:
    """Titles for the header search box: documents whose title words start so."""
    text, _truncated = query_parser.clean_text(prefix)
    tokens = words(text)[:6]
    if not tokens or len(tokens[-1]) < 2:
        return []
    try:
        rows = get_engine().suggest(text[:100], audiences_for(user), limit=limit)
    except EngineError as error:
        logger.warning("Suggestions failed: %s", error)
        return []
    return [
        {
            "title": document.title,
            "url": _localised_url(document, language),
            "type": document.doc_type,
        }
        for document in rows
    ]
