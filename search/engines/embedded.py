"""The embedded engine: the database's own full-text search over SearchDocument.

SQLite: the FTS5 table ``search_fts`` (kept in sync by triggers) is matched first,
ranked with bm25 inside FTS5, and only the page of winners is joined. Visibility and
facet filters are tokens of its ``index_keys`` column, so they are part of the MATCH.
PostgreSQL: the generated ``search_vector`` (GIN) and ``facet_keys`` (GIN) select the
candidates; ``ts_rank`` runs on at most ``RANK_WINDOW`` of them, taken title matches
first. Facet counts are one GROUP BY over the candidate set on both databases.
"""

import contextlib
import functools
import json
from collections import Counter
from dataclasses import replace

from django.db import DatabaseError, connection, transaction

from ..models import DocType, SearchDocument
from .base import (
    AUDIENCE_PREFIX,
    EngineError,
    EngineHit,
    EngineResult,
    SearchRequest,
    document_fingerprint,
    facet_key,
    key_token,
    type_weight_sql,
)

# Bounded work for broad queries (see the module docstring and docs/performance.md):
# at most RANK_WINDOW matches are scored; facet counts are exact up to FACET_SAMPLE
# matches on PostgreSQL (a word in half of 100 000 documents), SQLITE_FACET_SAMPLE
# on SQLite, and estimated from that many beyond.
RANK_WINDOW = 2000
FACET_SAMPLE = 20_000
# SQLite reads each sampled match's row and its facet keys and counts them in
# Python (``HIT_KEYS``): about 2.5 ms of CPU per 1 000 matches, the largest part
# of a broad search. Beyond SQLITE_FACET_SAMPLE matches it counts an even sample
# of them (``SAMPLE_HASH``) and scales (the counts are then marked estimated, "≈"):
# a value holding a tenth of the matches is then within about 10 % (one standard
# error), a quarter within 5 %; the answers, and so the folded total, are counted
# exactly. PostgreSQL keeps FACET_SAMPLE.
SQLITE_FACET_SAMPLE = 1000


def sqlite_facet_sample() -> int:
    return min(FACET_SAMPLE, SQLITE_FACET_SAMPLE)


# The facet sample beyond the bounds above: the matches whose id, multiplied by
# 40503 (65536 over the golden ratio) modulo 65536, falls below the sample's share
# of 65536. Consecutive ids land evenly over 0..65535, so the sample is spread over
# all matches, old and new, every type alike (the newest ones were a biased
# sample: a rebuild indexes one type after the other, a forum adds answers daily).
# Its counts are scaled by matches / sampled.
# (Written for statements with parameters: "%%" is one "%" to the database.)
SAMPLE_HASH = "(({id} * 40503) %% 65536)"


def sample_threshold(sample: int, total: int) -> int:
    """Ids whose ``SAMPLE_HASH`` is below this are the sample (about ``sample``)."""
    return max(1, 65536 * sample // max(total, 1))


def scaled_counts(counts: dict, total: int, sampled: int) -> dict[str, int]:
    """Facet counts of a sample of ``sampled`` out of ``total`` matches, scaled."""
    if not sampled or sampled >= total:
        return counts
    factor = total / sampled
    return {k: max(1, round(v * factor)) for k, v in counts.items()}


# The facet keys of the documents in ``hits``, as one text: the items of their JSON
# arrays joined by commas (``count_keys`` counts them). SQLite's GROUP BY over
# json_each sorts every (match, key) row: about 4.5 ms of a 7 ms statement for
# 1 400 sampled matches at 20 000 items, where joining the arrays and one
# ``json.loads`` take about half as long.
# (CROSS JOIN keeps the hits the outer loop; an empty array adds NULL, which
# group_concat skips.)
HIT_KEYS = (
    "group_concat(nullif(substr(d.facet_keys, 2, length(d.facet_keys) - 2), ''), ',')"
    " FROM hits CROSS JOIN search_searchdocument d ON d.id = hits.id"
)


def count_keys(joined: str | None) -> dict[str, int]:
    """``{facet key: documents}`` of a ``HIT_KEYS`` text (a document lists a key
    once)."""
    return dict(Counter(json.loads(f"[{joined}]"))) if joined else {}


ANSWER_KEY = facet_key("type", DocType.ANSWER)
TYPE_PREFIX = facet_key("type", "")


def type_counts(scaled: dict, sampled: dict, total: int, answers: int) -> dict:
    """``scaled`` with the answers' exact count, and the other types sharing the
    remaining matches as they share the sample: the number of folded results
    (matches less answers) is then exact, and the type counts add up to the
    matches."""
    others = {
        k: v
        for k, v in sampled.items()
        if k.startswith(TYPE_PREFIX) and k != ANSWER_KEY
    }
    counts = {k: v for k, v in scaled.items() if not k.startswith(TYPE_PREFIX)}
    rest, share = total - answers, sum(others.values())
    for key, count in others.items():
        counts[key] = max(1, round(count * rest / share)) if rest else 0
    if answers:
        counts[ANSWER_KEY] = answers
    return {k: v for k, v in counts.items() if v}


# From this many phrases on (a thesaurus concept), SQLite first drops those found
# nowhere in the index (``EmbeddedEngine._sqlite_live``).
LIVE_CHECK = 4

# The FTS5 columns a query's words are matched in (bm25 weighs them 5 : 2.5 : 1,
# migration 0008; on PostgreSQL weights A, B and C with ``TS_RANK_WEIGHTS``).
TEXT_COLUMNS = "{index_title index_summary index_body}"
# ts_rank weights for D, C, B, A: title (A) 1.0, summary (B) 0.6, body (C) 0.4.
TS_RANK_WEIGHTS = "{0.1, 0.4, 0.6, 1.0}"


def title_count_cap(request: SearchRequest) -> int:
    """How far title matches need counting: past the ranking window and the page.

    With at least this many, they are too many to rank and they fill the page on
    their own, so their exact number changes nothing.
    """
    return max(RANK_WINDOW, request.offset + request.limit) + 1


def _fts_phrase(tokens: tuple[str, ...]) -> str:
    return '"' + " ".join(tokens) + '"'


def _text_groups(request: SearchRequest):
    return [g for g in request.query.groups if g.phrases]


def _all_required(request: SearchRequest) -> bool:
    return request.min_should_match() >= len(_text_groups(request))


def _contains(phrase: tuple[str, ...], part: tuple[str, ...]) -> bool:
    """Whether ``part`` is a shorter run of consecutive words of ``phrase``."""
    n = len(part)
    return n < len(phrase) and any(
        phrase[i : i + n] == part for i in range(len(phrase) - n + 1)
    )


def matching_phrases(phrases) -> list[tuple[str, ...]]:
    """The phrases of a group that decide what it matches.

    A phrase holding another one of its group ("revenu d integr social" holds
    "revenu d integr") matches nothing more: for finding and counting it goes
    (thesaurus concepts have 20 to 40 phrasings; each multi-word one reads the
    positions of its words, "d" and "l" among them). Ranking (bm25 counts every
    phrase) keeps them all. Kept per set of phrases: a concept's phrasings come
    back with every search of it."""
    return list(_matching(frozenset(phrases)))


@functools.lru_cache(maxsize=4096)
def _matching(phrases: frozenset) -> tuple[tuple[str, ...], ...]:
    return tuple(
        sorted(p for p in phrases if not any(_contains(p, o) for o in phrases))
    )


def _fts_group(group, *, ranked: bool = False) -> str:
    phrases = sorted(group.phrases) if ranked else matching_phrases(group.phrases)
    return "(" + " OR ".join(_fts_phrase(p) for p in phrases) + ")"


def _every_audience(keys) -> bool:
    """Whether a filter group is the audience filter and lets every document
    through: each document holds exactly one audience key (``build_document``)."""
    from ..models import Audience

    everyone = {f"{AUDIENCE_PREFIX}:{a}" for a in Audience.values}
    return set(keys) == everyone


def match_filter_keys(request: SearchRequest) -> list[list[str]]:
    """``request.filter_keys()`` without the audience group when it lets every
    document through (a member's search): matching "aud_public OR aud_members"
    read two posting lists as long as the index for nothing."""
    groups = request.filter_keys()
    kept = [g for g in groups if not _every_audience(g)]
    if not kept and not _text_groups(request):
        return groups  # facets only and none chosen: some expression is needed
    return kept


def fts5_match(
    request: SearchRequest, *, strict: bool = False, ranked: bool = False
) -> str:
    """The FTS5 MATCH expression; every token is [a-z0-9_]+ and quoted.

    Its words part needs every group when all are required (or ``strict``), any
    group otherwise (``sqlite_coverage`` then applies the minimum-should-match
    rule). ``ranked``: every phrase of the query, for bm25; otherwise only those
    deciding what matches (``matching_phrases``), which find the same documents."""
    parts = []
    text_groups = [_fts_group(g, ranked=ranked) for g in _text_groups(request)]
    if text_groups:
        joiner = " AND " if strict or _all_required(request) else " OR "
        parts.append(TEXT_COLUMNS + " : (" + joiner.join(text_groups) + ")")
    for keys in match_filter_keys(request):
        tokens = " OR ".join(f'"{key_token(k)}"' for k in keys)
        parts.append(f"index_keys : ({tokens})")
    return " AND ".join(parts)


def _any_suffices(request: SearchRequest) -> bool:
    return request.min_should_match() <= 1


def sqlite_coverage(request: SearchRequest) -> tuple[str, list]:
    """SQL counting the query's groups a ``search_fts`` row matches, with its
    parameters; ``("", [])`` when the MATCH alone applies the rule (every group
    required, or any one enough). Each group is one FTS5 query whose rowids SQLite
    collects once."""
    if _all_required(request) or _any_suffices(request):
        return "", []
    groups = _text_groups(request)
    sql = " + ".join(
        "(search_fts.rowid IN (SELECT rowid FROM search_fts WHERE search_fts MATCH %s))"
        for _group in groups
    )
    params = [TEXT_COLUMNS + " : " + _fts_group(g) for g in groups]
    return f"({sql})", params


def sqlite_where(request: SearchRequest, match: str) -> tuple[str, list]:
    """``search_fts MATCH`` plus the minimum-should-match condition, and params."""
    coverage, params = sqlite_coverage(request)
    if not coverage:
        return "search_fts MATCH %s", [match]
    return (
        f"search_fts MATCH %s AND {coverage} >= %s",
        [match, *params, request.min_should_match()],
    )


def _ts_phrase(tokens: tuple[str, ...], operator: str) -> str:
    return f" {operator} ".join(f"'{t}'" for t in tokens)


def _loose_phrases(phrases) -> list[tuple[str, ...]]:
    """The phrases as sets of their telling words, without the redundant ones.

    For matching with ``&`` (any order), a phrase's short and stop words only add
    the longest posting lists of the index to read ("revenu d'intégration" needs
    "revenu" and "integr", not "d"), and a phrase holding all the words of another
    one matches nothing more: both go. Ranking still uses the whole phrases.
    """
    from ..analysis import LANGUAGES, is_stop_word

    sets = set()
    for phrase in phrases:
        telling = frozenset(
            t
            for t in phrase
            if len(t) > 2 and not any(is_stop_word(t, lang) for lang in LANGUAGES)
        )
        sets.add(telling or frozenset(phrase))
    return sorted(tuple(sorted(s)) for s in sets if not any(o < s for o in sets))


def tsquery_text(
    request: SearchRequest, *, phrases: bool = True, strict: bool = False
) -> str:
    """The to_tsquery('simple', ...) text; every token is [a-z0-9]+ and quoted.

    ``phrases=False`` joins a phrase's words with & instead of <->: the GIN index
    then answers exactly, without re-checking every matching row (the phrase form
    only orders the results).
    """
    operator = "<->" if phrases else "&"
    groups = [
        "("
        + " | ".join(
            _ts_phrase(p, operator)
            for p in (sorted(g.phrases) if phrases else _loose_phrases(g.phrases))
        )
        + ")"
        for g in request.query.groups
        if g.phrases
    ]
    return (" & " if strict or _all_required(request) else " | ").join(groups)


def postgresql_coverage(request: SearchRequest) -> tuple[str, list]:
    """SQL counting the query's groups a row's ``search_vector`` matches, with its
    parameters; ``("", [])`` when every group is required (the tsquery says it).
    It reads the vectors of the candidates, so it runs only for queries of three
    groups or more."""
    if _all_required(request) or _any_suffices(request):
        return "", []
    groups = [
        "(" + " | ".join(_ts_phrase(p, "&") for p in _loose_phrases(g.phrases)) + ")"
        for g in _text_groups(request)
    ]
    sql = " + ".join(
        "(search_vector @@ to_tsquery('simple', %s))::int" for _group in groups
    )
    return f"({sql})", groups


class EmbeddedEngine:
    name = "embedded"

    # --- writing ------------------------------------------------------------------
    def upsert(self, documents: list[SearchDocument]) -> None:
        """Store new or changed documents; the database updates its full-text index."""
        with transaction.atomic():
            for document in documents:
                existing = SearchDocument.objects.filter(
                    doc_type=document.doc_type, object_key=document.object_key
                ).first()
                if existing is not None:
                    document.pk = existing.pk
                document.save()

    def delete(self, keys: list[tuple[str, str]]) -> None:
        with transaction.atomic():
            for doc_type, object_key in keys:
                SearchDocument.objects.filter(
                    doc_type=doc_type, object_key=object_key
                ).delete()

    def ping(self) -> bool:
        return True  # the database itself; a database outage fails every page

    def put_synonyms(self) -> None:
        """Nothing to do: the embedded engine reads the thesaurus at query time."""

    # --- full rebuild (inside the caller's transaction) ----------------------------
    def begin_rebuild(self) -> list[str]:
        """Empty the index. On SQLite the FTS5 sync triggers are dropped first: a
        bulk load followed by one FTS5 'rebuild' is much faster than a trigger per
        row. Returns the trigger statements to restore."""
        statements = []
        if connection.vendor == "sqlite":
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT name, sql FROM sqlite_master"
                    " WHERE type = 'trigger' AND tbl_name = 'search_searchdocument'"
                )
                triggers = cursor.fetchall()
                for name, _sql in triggers:
                    cursor.execute(f'DROP TRIGGER "{name}"')
                cursor.execute(
                    "INSERT INTO search_fts(search_fts) VALUES ('delete-all')"
                )
            statements = [sql for _name, sql in triggers]
        SearchDocument.objects.all().delete()
        return statements

    def bulk_index(self, documents: list[SearchDocument], index) -> None:
        SearchDocument.objects.bulk_create(documents, batch_size=1000)

    def finish_rebuild(self, index: list[str]) -> None:
        if connection.vendor == "sqlite":
            with connection.cursor() as cursor:
                cursor.execute("INSERT INTO search_fts(search_fts) VALUES ('rebuild')")
                for statement in index:
                    cursor.execute(statement)

    def abort_rebuild(self, index) -> None:
        """Nothing: the rebuild's transaction rolls back."""

    def indexed_keys(self) -> dict[tuple[str, str], str]:
        return {
            (d.doc_type, d.object_key): document_fingerprint(d)
            for d in SearchDocument.objects.only(
                "doc_type",
                "object_key",
                "title",
                "body",
                "url",
                "audience",
                "language",
                "facet_keys",
            ).iterator(chunk_size=2000)
        }

    # --- reading ------------------------------------------------------------------
    def search(self, request: SearchRequest) -> EngineResult:
        try:
            if connection.vendor == "postgresql":
                return self._search_postgresql(request)
            return self._search_sqlite(request)
        except Exception as error:  # a database error must not become a 500
            raise EngineError(str(error)) from error

    def _search_sqlite(self, request: SearchRequest) -> EngineResult:
        with connection.cursor() as cursor:
            request = self._sqlite_live(cursor, request)
            match = fts5_match(request)
            total, sampled, facets = self._sqlite_counts(cursor, request, match)
            if not total:
                return EngineResult(hits=[], total=0, facets={}, engine=self.name)
            hits = []
            if request.offset < total:
                hits = self._sqlite_page(cursor, request, match, total)
        return EngineResult(
            hits=hits,
            total=total,
            facets=facets,
            engine=self.name,
            facets_estimated=sampled < total,
        )

    def _sqlite_live(self, cursor, request: SearchRequest) -> SearchRequest:
        """``request`` without the phrases found nowhere in the index, checked with
        one statement (an EXISTS each) when the query has ``LIVE_CHECK`` phrases or
        more: a thesaurus concept has 20 to 40 phrasings in four languages, most
        absent from a given index, and FTS5 merges the doclists of every phrase of
        an OR for each match (twice the time of the phrases alone). Every later
        statement then matches the same documents, and bm25 gives the same scores
        (a phrase in no document adds nothing to any score). A group keeps one
        phrase even when none is found, so that the minimum-should-match rule
        counts the same groups."""
        groups = _text_groups(request)
        checked = sorted({p for g in groups for p in matching_phrases(g.phrases)})
        if len(checked) < LIVE_CHECK:
            return request
        cursor.execute(
            "SELECT "  # noqa: S608 - fixed SQL, the phrases are parameters
            + ", ".join(
                "EXISTS (SELECT 1 FROM search_fts WHERE search_fts MATCH %s)"
                for _phrase in checked
            ),
            [f"{TEXT_COLUMNS} : {_fts_phrase(p)}" for p in checked],
        )
        dead = [
            p for p, found in zip(checked, cursor.fetchone(), strict=True) if not found
        ]
        if not dead:
            return request

        def live(phrase):
            return not any(d == phrase or _contains(phrase, d) for d in dead)

        pruned = []
        for group in request.query.groups:
            kept = {p for p in group.phrases if live(p)}
            if group.phrases and not kept:
                kept = {min(group.phrases, key=lambda p: (len(p), p))}
            pruned.append(replace(group, phrases=kept))
        return replace(request, query=replace(request.query, groups=pruned))

    def _sqlite_counts(self, cursor, request, match) -> tuple[int, int, dict]:
        """(matches, matches sampled, facet counts). The matches are counted first
        (FTS5 counts its doclists without reading a row); then the facet keys of
        all of them (``HIT_KEYS``), or beyond ``sqlite_facet_sample()`` of an even
        sample (``SAMPLE_HASH``), are read as one text and counted (the sample's
        counts scaled), with the answers among the matches counted exactly (a
        MATCH with their type key): the folded total subtracts them
        (``type_counts``). Two passes over the doclists cost less than one
        that keeps every match for the sample."""
        sample = sqlite_facet_sample()
        where, params = sqlite_where(request, match)
        cursor.execute(
            f"SELECT count(*) FROM search_fts WHERE {where}",  # noqa: S608
            params,
        )
        total = cursor.fetchone()[0]
        if not total:
            return 0, 0, {}
        if total <= sample:
            cursor.execute(
                "WITH hits AS ("  # noqa: S608 - fixed SQL
                f" SELECT rowid AS id FROM search_fts WHERE {where})"
                " SELECT " + HIT_KEYS,
                params,
            )
            return total, total, count_keys(cursor.fetchone()[0])
        answers_where, answers_params = sqlite_where(
            request, f'({match}) AND index_keys : "{key_token(ANSWER_KEY)}"'
        )
        hashed = SAMPLE_HASH.format(id="rowid")
        cursor.execute(
            "WITH hits AS MATERIALIZED ("  # noqa: S608 - fixed SQL
            f" SELECT rowid AS id FROM search_fts WHERE {where} AND {hashed} < %s)"
            " SELECT count(*),"
            f" (SELECT count(*) FROM search_fts WHERE {answers_where}), " + HIT_KEYS,
            [*params, sample_threshold(sample, total), *answers_params],
        )
        sampled, answers, joined = cursor.fetchone()
        counts = count_keys(joined)
        return (
            total,
            sampled,
            type_counts(scaled_counts(counts, total, sampled), counts, total, answers),
        )

    def _sqlite_page(self, cursor, request, match, total) -> list[EngineHit]:
        """bm25 inside FTS5 when the matches are few. Otherwise a first tier ranked
        by bm25 (the documents holding every group of the query, or when all are
        required anyway, those holding them in the title), then the other matches
        newest first: ranking every one of tens of thousands of matches costs a
        docsize lookup each. Ranked statements match every phrase of the query
        (bm25 counts them all); the others only the phrases deciding the match."""

        def fetch(expression, order, limit, offset):
            where, params = sqlite_where(request, expression)
            if order == "rank":  # at most RANK_WINDOW matches: score them all
                cursor.execute(
                    "WITH top AS MATERIALIZED ("  # noqa: S608 - fixed SQL
                    " SELECT rowid AS id, rank FROM search_fts"
                    f" WHERE {where})"
                    " SELECT d.id, d.doc_type, d.object_key,"
                    f" -top.rank * {type_weight_sql('d.doc_type')} AS score"
                    " FROM top JOIN search_searchdocument d ON d.id = top.id"
                    " ORDER BY score DESC, d.id DESC LIMIT %s OFFSET %s",
                    [*params, limit, offset],
                )
                return [EngineHit(*row) for row in cursor.fetchall()]
            cursor.execute(
                "WITH top AS MATERIALIZED ("  # noqa: S608 - fixed SQL, values are parameters
                " SELECT rowid AS id FROM search_fts"
                f" WHERE {where} ORDER BY {order} LIMIT %s OFFSET %s)"
                " SELECT d.id, d.doc_type, d.object_key, 0.0 FROM top"
                " JOIN search_searchdocument d ON d.id = top.id ORDER BY d.id DESC",
                [*params, limit, offset],
            )
            return [EngineHit(*row) for row in cursor.fetchall()]

        def title_only(expression):
            return expression.replace(TEXT_COLUMNS, "{index_title}", 1)

        if not request.query.groups:  # browsing by facets only: newest first
            return fetch(match, "rowid DESC", request.limit, request.offset)
        if total <= RANK_WINDOW:
            ranked = fts5_match(request, ranked=True)
            return fetch(ranked, "rank", request.limit, request.offset)
        if _all_required(request):
            first = title_only(match)
            first_ranked = title_only(fts5_match(request, ranked=True))
        else:
            first = fts5_match(request, strict=True)
            first_ranked = fts5_match(request, strict=True, ranked=True)
        where, params = sqlite_where(request, first)
        cursor.execute(
            "SELECT count(*) FROM (SELECT 1 FROM search_fts"  # noqa: S608
            f" WHERE {where} LIMIT %s)",
            [*params, title_count_cap(request)],
        )
        first_total = cursor.fetchone()[0]
        hits = []
        if request.offset < first_total:
            if first_total <= RANK_WINDOW:
                hits = fetch(first_ranked, "rank", request.limit, request.offset)
            else:
                hits = fetch(first, "rowid DESC", request.limit, request.offset)
        missing = request.limit - len(hits)
        if missing > 0:
            rest = f"({match}) NOT ({first})"
            offset = max(0, request.offset - first_total)
            hits += fetch(rest, "rowid DESC", missing, offset)
        return hits

    def _search_postgresql(self, request: SearchRequest) -> EngineResult:
        try:
            return self._search_postgresql_unguarded(request)
        finally:
            # SET LOCAL lasts until the outermost transaction ends: undo it now.
            with contextlib.suppress(DatabaseError), connection.cursor() as cursor:
                cursor.execute("RESET enable_seqscan")

    def _search_postgresql_unguarded(self, request: SearchRequest) -> EngineResult:
        tsquery = tsquery_text(request, phrases=False)
        # With words, the text index is the selective part: filters are written as a
        # function call, which the planner cannot turn into a bitmap of the facet
        # index (intersecting "all public items" with the matches costs more than
        # checking the matches). Without words the facet index does the work.
        test = "jsonb_exists_any(facet_keys, %s)" if tsquery else "facet_keys ?| %s"
        key_conditions, key_params = [], []
        for keys in request.filter_keys():
            key_conditions.append(test)
            key_params.append(list(keys))
        if tsquery:
            conditions = ["search_vector @@ to_tsquery('simple', %s)", *key_conditions]
            params = [tsquery, *key_params]
            coverage, coverage_params = postgresql_coverage(request)
            if coverage:  # some groups may be missing, not too many
                conditions.append(f"{coverage} >= %s")
                params += [*coverage_params, request.min_should_match()]
        else:
            conditions, params = key_conditions, key_params
        where = " AND ".join(conditions)
        with transaction.atomic(), connection.cursor() as cursor:
            # For a word in a third of all rows the planner prefers a sequential scan
            # that evaluates every tsvector (seconds); the GIN bitmap needs none.
            cursor.execute("SET LOCAL enable_seqscan = off")
            # The match runs once: the total, the answers among the matches and one
            # GROUP BY over them all, or beyond FACET_SAMPLE over an even sample
            # of them (SAMPLE_HASH: heap order is oldest first), scaled below.
            hashed = SAMPLE_HASH.format(id="hits.id")
            cursor.execute(
                "WITH hits AS MATERIALIZED ("  # noqa: S608 - fixed SQL, values are parameters
                f" SELECT id, facet_keys FROM search_searchdocument WHERE {where}),"
                " matched AS (SELECT count(*) AS total FROM hits),"
                " sample AS (SELECT facet_keys FROM hits, matched"
                f" WHERE matched.total <= %s OR {hashed}"
                " < greatest(1, 65536 * %s / matched.total))"
                " SELECT '#total', total FROM matched"
                " UNION ALL SELECT '#answers', count(*) FROM hits"
                " WHERE jsonb_exists(hits.facet_keys, %s)"
                " UNION ALL SELECT '#sampled', count(*) FROM sample"
                " UNION ALL SELECT k, count(*) FROM sample,"
                " jsonb_array_elements_text(sample.facet_keys) k GROUP BY k",
                [*params, FACET_SAMPLE, FACET_SAMPLE, ANSWER_KEY],
            )
            facets = dict(cursor.fetchall())
            total = facets.pop("#total", 0)
            answers, sampled = facets.pop("#answers", 0), facets.pop("#sampled", 0)
            if not total:
                return EngineResult(hits=[], total=0, facets={}, engine=self.name)
            if sampled < total:
                scaled = scaled_counts(facets, total, sampled)
                facets = type_counts(scaled, facets, total, answers)
            hits = []
            if request.offset < total:
                hits = self._postgresql_page(
                    cursor, request, where, params, key_conditions, key_params, total
                )
        return EngineResult(
            hits=hits,
            total=total,
            facets=facets,
            engine=self.name,
            facets_estimated=sampled < total,
        )

    def _postgresql_page(
        self, cursor, request, where, params, key_conditions, key_params, total
    ):
        """ts_rank (title weighted, phrases counted) on at most RANK_WINDOW matches:
        all of them when few; otherwise a first tier (title matches, or the
        documents holding every group), then the others newest first, as on
        SQLite."""
        ranked_query = tsquery_text(request)

        def fetch(condition, condition_params, ranked, limit, offset):
            score = (
                f"ts_rank('{TS_RANK_WEIGHTS}', search_vector,"
                f" to_tsquery('simple', %s)) * {type_weight_sql()}"
                if ranked
                else "0.0"
            )
            order = "4 DESC, id" if ranked else "id DESC"
            cursor.execute(
                f"SELECT id, doc_type, object_key, {score}"  # noqa: S608 - fixed SQL
                f" FROM search_searchdocument WHERE {condition}"
                f" ORDER BY {order} LIMIT %s OFFSET %s",
                ([ranked_query] if ranked else []) + [*condition_params, limit, offset],
            )
            return [EngineHit(*row) for row in cursor.fetchall()]

        if not request.query.groups:  # browsing by facets only: newest first
            return fetch(where, params, False, request.limit, request.offset)
        if total <= RANK_WINDOW:
            return fetch(where, params, True, request.limit, request.offset)
        # The first tier: title matches when every group is required anyway,
        # otherwise the documents holding every group.
        vector = "title_vector" if _all_required(request) else "search_vector"
        title = " AND ".join([f"{vector} @@ to_tsquery('simple', %s)", *key_conditions])
        strict = tsquery_text(request, phrases=False, strict=True)
        title_params = [strict, *key_params]
        cursor.execute(
            "SELECT count(*) FROM (SELECT 1 FROM search_searchdocument"  # noqa: S608
            f" WHERE {title} LIMIT %s) AS capped",
            [*title_params, title_count_cap(request)],
        )
        title_total = cursor.fetchone()[0]
        hits = []
        if request.offset < title_total:
            ranked = title_total <= RANK_WINDOW
            hits = fetch(title, title_params, ranked, request.limit, request.offset)
        missing = request.limit - len(hits)
        if missing > 0:
            rest = f"{where} AND NOT ({vector} @@ to_tsquery('simple', %s))"
            rest_params = [*params, title_params[0]]
            offset = max(0, request.offset - title_total)
            hits += fetch(rest, rest_params, False, missing, offset)
        return hits

    def similar(self, document: SearchDocument, request: SearchRequest) -> EngineResult:
        """Items like ``document``: its distinctive words as a match-any search
        (``search.similar``), without the item and those sharing too little."""
        from ..similar import run

        return run(self, document, request)

    # --- suggestions --------------------------------------------------------------
    def suggest(self, text: str, audiences: list[str], *, limit: int = 8):
        """Documents whose title has the words typed, the last one as a prefix."""
        from ..analysis import word_variants, words

        tokens = words(text)[:6]
        if not tokens or not audiences:
            return []
        *complete, partial = tokens  # titles also hold unstemmed words: prefix works
        groups = [sorted(word_variants(w) or {w}) for w in complete]
        audience_keys = [key_token(f"aud:{a}") for a in audiences]
        try:
            with connection.cursor() as cursor:
                if connection.vendor == "postgresql":
                    parts = [
                        "(" + " | ".join(f"'{v}':A" for v in g) + ")" for g in groups
                    ]
                    parts.append(f"'{partial}':*A")
                    cursor.execute(
                        "SELECT id FROM search_searchdocument"
                        " WHERE search_vector @@ to_tsquery('simple', %s)"
                        " AND facet_keys ?| %s ORDER BY popularity DESC, id DESC"
                        " LIMIT %s",
                        [" & ".join(parts), [f"aud:{a}" for a in audiences], limit],
                    )
                else:
                    parts = [
                        "(" + " OR ".join(f'"{v}"' for v in g) + ")" for g in groups
                    ]
                    parts.append(f'"{partial}" *')
                    keys = " OR ".join(f'"{k}"' for k in audience_keys)
                    match = (
                        "{index_title} : (" + " AND ".join(parts) + ")"
                        f" AND index_keys : ({keys})"
                    )
                    cursor.execute(
                        "SELECT rowid FROM search_fts WHERE search_fts MATCH %s"
                        " ORDER BY rank LIMIT %s",
                        [match, limit],
                    )
                ids = [row[0] for row in cursor.fetchall()]
        except Exception as error:
            raise EngineError(str(error)) from error
        documents = SearchDocument.objects.in_bulk(ids)
        return [documents[i] for i in ids if i in documents]
