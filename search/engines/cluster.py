"""What the OpenSearch and Elasticsearch engines share: the request bodies
(mappings, per-language analysers, thesaurus synonyms, queries, facets,
completion with audience contexts, more-like-this, bulk actions) and the engine
itself (search, similar, suggest, writes, alias-swap rebuild, circuit breaker).

The bodies are built with elasticsearch-dsl and sent as plain JSON, which both
products accept. A subclass gives the client, and the few places where the
products differ (see docs/architecture.md, "OpenSearch and Elasticsearch"):
how the thesaurus reaches the synonym filter and how an edit takes effect.

Text is indexed with a folding analyser plus one multi-field per language (stemmer,
stop words, ASCII folding; German also splits compounds from a small word list).
The thesaurus feeds a ``synonym_graph`` filter in the search analysers only.
Every type's documents share one index (``<prefix>-items-<stamp>``; ``_id`` is
``<type>:<key>``) and each type has an alias pointing at it, so a search over all
types is one shard's work. ``rebuild`` fills a new index and then swaps the
aliases in one request.
"""

import logging
import os
import queue
import threading
import time

from django.conf import settings
from elasticsearch.dsl import (
    Date,
    Document,
    Float,
    Keyword,
    Long,
    Q,
    Search,
    Text,
    analyzer,
    char_filter,
    token_filter,
)
from elasticsearch.dsl.field import Completion

from ..models import DocType, SearchDocument
from .base import (
    AUDIENCE_PREFIX,
    MINIMUM_SHOULD_MATCH,
    TYPE_WEIGHTS,
    EngineError,
    EngineHit,
    EngineResult,
    SearchRequest,
    document_fingerprint,
    facet_key,
)
from .breaker import breaker_for

logger = logging.getLogger("search.engines")

LANGUAGE_STEMMERS = {
    "nl": "dutch",
    "fr": "light_french",
    "de": "light_german",
    "en": "english",
}
LANGUAGE_STOP = {"nl": "_dutch_", "fr": "_french_", "de": "_german_", "en": "_english_"}
# Compound parts for German decompounding (ÖSHZ vocabulary; extend as needed).
GERMAN_COMPOUND_PARTS = [
    "sozial",
    "hilfe",
    "zentrum",
    "dolmetscher",
    "eingliederung",
    "einkommen",
    "wohnung",
    "suche",
    "sprach",
    "kurs",
    "arbeit",
    "amt",
    "kinder",
    "betreuung",
    "flüchtling",
    "familie",
    "zusammenführung",
    "schutz",
    "aufenthalt",
    "recht",
]


def index_prefix(prefix: str | None = None) -> str:
    return prefix or settings.SEARCH_INDEX_PREFIX


def synonym_set_id(prefix: str | None = None) -> str:
    return f"{index_prefix(prefix)}-thesaurus"


def alias_name(doc_type: str, prefix: str | None = None) -> str:
    return f"{index_prefix(prefix)}-{doc_type}"


def alias_names(types=None, prefix: str | None = None) -> str:
    """The aliases of ``types`` (every type by default), comma-separated."""
    return ",".join(alias_name(t, prefix) for t in (types or DocType.values))


def items_index_name(prefix: str | None = None) -> str:
    """The stem of the one index every type's documents share (a rebuild adds a
    timestamp); each type's alias points at it."""
    return f"{index_prefix(prefix)}-items"


def document_id(doc_type: str, object_key: str) -> str:
    """A document's ``_id`` in the shared index: object keys are unique within a
    type only (practice 7 and question 7 are two documents)."""
    return f"{doc_type}:{object_key}"


# "d'intégration" is two words, as for the embedded engine and the thesaurus rules.
APOSTROPHES = char_filter(
    "apostrophes", type="pattern_replace", pattern="['’]", replacement=" "
)


def _synonyms():
    return token_filter(
        "thesaurus_synonyms",
        type="synonym_graph",
        synonyms_set=synonym_set_id(),
        updateable=True,
    )


def language_analyzers(language: str):
    """(index analyser, search analyser) for one language.

    The search analyser applies the thesaurus after the stemmer: the rules are
    analysed by the filters before the synonym filter, so they are stemmed by this
    sub-field's stemmer, the one its indexed text got, and a plural ("nieuwkomers")
    expands as its singular ("nieuwkomer", the thesaurus's word) does. Stop words
    are removed after stemming on both sides, so a rule's phrasing keeps every
    word while it is parsed (no position gaps) and both sides drop the same
    tokens."""
    filters = ["lowercase", "asciifolding"]
    stop = token_filter(
        f"{language}_stop", type="stop", stopwords=LANGUAGE_STOP[language]
    )
    stemmer = token_filter(
        f"{language}_stemmer", type="stemmer", language=LANGUAGE_STEMMERS[language]
    )
    extra = []
    if language == "de":
        extra = [
            token_filter(
                "de_decompounder",
                type="dictionary_decompounder",
                word_list=GERMAN_COMPOUND_PARTS,
                only_longest_match=True,
            )
        ]
    index = analyzer(
        f"{language}_index",
        tokenizer="standard",
        char_filter=[APOSTROPHES],
        filter=filters + extra + [stemmer, stop],
    )
    search = analyzer(
        f"{language}_search",
        tokenizer="standard",
        char_filter=[APOSTROPHES],
        filter=filters + extra + [stemmer, _synonyms(), stop],
    )
    return index, search


folding = analyzer(
    "folding",
    tokenizer="standard",
    char_filter=[APOSTROPHES],
    filter=["lowercase", "asciifolding"],
)
folding_search = analyzer(
    "folding_search",
    tokenizer="standard",
    char_filter=[APOSTROPHES],
    filter=["lowercase", "asciifolding", _synonyms()],
)


def multilingual_text(**kwargs):
    fields = {}
    for language in LANGUAGE_STEMMERS:
        index, search = language_analyzers(language)
        fields[language] = Text(analyzer=index, search_analyzer=search)
    return Text(
        analyzer=folding, search_analyzer=folding_search, fields=fields, **kwargs
    )


MAX_SUGGEST_INPUTS = 8  # title word starts offered to the completion suggester
SUGGEST_SOURCE = ["doc_type", "object_key", "language", "title", "url", "audience"]


def suggest_input(document: SearchDocument) -> dict:
    """The completion input: the title from each of its first words on, so typing
    any title word completes (as the embedded engine does), weighted by popularity.
    """
    title_words = document.title.split()
    inputs = [
        " ".join(title_words[i:])
        for i in range(min(len(title_words), MAX_SUGGEST_INPUTS))
    ]
    weight = max(0, min(int(document.popularity or 0), 1_000_000))
    return {"input": inputs or [document.title], "weight": weight}


class BaseDocument(Document):
    """Fields shared by every type; the type's Document names its alias."""

    doc_type = Keyword()
    object_key = Keyword()
    language = Keyword()
    title = multilingual_text()
    summary = multilingual_text()
    body = multilingual_text()
    # Suggestions are filtered by audience (a category context read from the
    # ``audience`` field), so a query can never see members-only titles.
    title_suggest = Completion(
        analyzer=folding,
        contexts=[{"name": "audience", "type": "category", "path": "audience"}],
    )
    url = Keyword(index=False)
    audience = Keyword()
    # Global ordinals built when a refresh makes new documents visible, not by
    # the first search after it (every search counts facets on this field).
    facet_keys = Keyword(eager_global_ordinals=True)
    published_at = Date()
    popularity = Float()
    # What was indexed, to find stale copies (``search_index verify``).
    fingerprint = Keyword(index=False)
    # The id of the document's row in the database when it was indexed: a search
    # reads its hits' rows by id (``ROW_ID``).
    row_id = Long(index=False)

    @classmethod
    def from_django(cls, document: SearchDocument) -> "BaseDocument":
        """From the flattened SearchDocument the adapters built (same text, keys)."""
        return cls(
            meta={"id": document_id(document.doc_type, document.object_key)},
            doc_type=document.doc_type,
            object_key=document.object_key,
            language=document.language,
            title=document.title,
            summary=document.summary,
            body=document.body,
            title_suggest=suggest_input(document),
            url=document.url,
            audience=document.audience,
            facet_keys=list(document.facet_keys),
            published_at=document.published_at,
            popularity=document.popularity,
            fingerprint=document_fingerprint(document),
            row_id=document.pk,
        )

    @classmethod
    def index_queryset(cls):
        return SearchDocument.objects.filter(doc_type=cls.DOC_TYPE).order_by("pk")


def _document_class(doc_type: str):
    class Index:
        name = alias_name(doc_type)
        settings = {"number_of_shards": 1, "number_of_replicas": 0}

    name = f"{doc_type.title()}Document"
    return type(
        name,
        (BaseDocument,),
        {"Index": Index, "DOC_TYPE": doc_type, "__module__": __name__},
    )


DOCUMENTS = {doc_type: _document_class(doc_type) for doc_type in DocType.values}
# Explicit names for the types (one Document per type).
PracticeDocument = DOCUMENTS["practice"]
QuestionDocument = DOCUMENTS["question"]
AnswerDocument = DOCUMENTS["answer"]
SpecialistDocument = DOCUMENTS["specialist"]
CollectionDocument = DOCUMENTS["collection"]


# All words are preferred, not required: the same rule as the embedded engine
# (``base.minimum_should_match``: from two groups on, half are required, rounded up).
# BM25 ranks the items holding more of them first.
# Titles weigh more than summaries, summaries more than bodies (the summary is
# also part of the body, for the snippet): the embedded engine's 5 : 2.5 : 1.
TITLE_BOOST = 5
SUMMARY_BOOST = 2.5
BOOSTS = {"title": TITLE_BOOST, "summary": SUMMARY_BOOST, "body": 1}


def _boosted(field: str, base: str) -> str:
    boost = BOOSTS[base]
    return f"{field}^{boost}" if boost != 1 else field


TEXT_FIELDS = [_boosted(f, f) for f in BOOSTS] + [
    _boosted(f"{f}.{lang}", f) for f in BOOSTS for lang in LANGUAGE_STEMMERS
]


def _fields(language: str) -> list[str]:
    """The title, summary and body sub-fields of ``language``, boosted."""
    return [_boosted(f"{f}.{language}", f) for f in BOOSTS]


FOLDED_FIELDS = [_boosted(f, f) for f in BOOSTS]


def text_query_body(request: SearchRequest) -> dict:
    """Word groups as ``should`` clauses under ``MINIMUM_SHOULD_MATCH`` (any one
    group when widened); phrases match as phrases.

    The thesaurus reaches the cluster as the search analysers' synonym filter, so a
    group's text is sent as typed and the analyser adds the concept's phrasings in
    every language. A group is matched on the folded fields and the query
    language's sub-fields of every document, and on each other language's
    sub-fields of the documents written in that language (a term filter on
    ``language``): six to nine fields a document, not fifteen, and every document
    still gets the stemming of its own language. The best field counts (no
    tie-breaker), so two equal documents in two languages score alike. Typos are
    not matched here: the service runs the "did you mean" correction and searches
    again (as for the embedded engine); a fuzzy clause per word cost the node more
    than the rest of the query.

    The body is built as plain data: the elasticsearch-dsl objects cost about
    2 ms a search to build and serialise (``text_query`` wraps it for the DSL).
    """
    language = request.query.language
    if language in LANGUAGE_STEMMERS:
        fields = FOLDED_FIELDS + _fields(language)
        languages = [other for other in LANGUAGE_STEMMERS if other != language]
    else:
        fields, languages = TEXT_FIELDS, []
    groups = []
    for group in request.query.groups:
        should = [_multi_match(group.text, fields)]
        for other in languages:
            should.append(
                {
                    "bool": {
                        "filter": [{"term": {"language": other}}],
                        "must": [_multi_match(group.text, _fields(other))],
                    }
                }
            )
        # One concept counts once: the best of its phrasings, not their sum (a text
        # naming it in four languages is not four times as relevant).
        groups.append({"dis_max": {"queries": should}})
    if not groups:
        return {"match_all": {}}
    if request.match_any:
        return {"bool": {"should": groups, "minimum_should_match": 1}}
    if len(groups) == 1:
        return groups[0]
    return {"bool": {"should": groups, "minimum_should_match": MINIMUM_SHOULD_MATCH}}


def _multi_match(text: str, fields: list[str]) -> dict:
    return {
        "multi_match": {"query": text, "fields": list(fields), "type": "best_fields"}
    }


def text_query(request: SearchRequest) -> Q:
    """``text_query_body`` as an elasticsearch-dsl query."""
    return Q(text_query_body(request))


# What a hit gives the service: the document is read from the index rows, by the
# row id indexed with it (``ROW_ID``), or by type and key where it has none.
ROW_ID = "row_id"
HIT_FIELDS = ["doc_type", "object_key", ROW_ID]


def hit_fields(search: Search) -> Search:
    """Hits carry ``HIT_FIELDS`` from doc values and no stored field: neither the
    ``_source`` nor the ``_id``. Reading a hit's ``_id`` decompressed the stored
    block that holds its whole source; doc values cost a lookup (at 20 000 items,
    0.6 ms a selective search and about 1 ms a broad one, at the node)."""
    return search.extra(**HIT_READ)


# What a hit carries (``hit_fields``): no stored field, the ``HIT_FIELDS`` doc values.
HIT_READ = {"stored_fields": "_none_", "docvalue_fields": HIT_FIELDS}


def scored_query(request: SearchRequest) -> dict:
    """The text query scored by type (``TYPE_WEIGHTS``)."""
    query = text_query_body(request)
    if not request.query.groups:
        return query
    return {
        "function_score": {
            "query": query,
            "functions": [
                {"filter": {"term": {"doc_type": doc_type}}, "weight": weight}
                for doc_type, weight in TYPE_WEIGHTS.items()
            ],
            "score_mode": "first",
            "boost_mode": "multiply",
        }
    }


def filtered(request: SearchRequest, query: dict) -> dict:
    """``query`` under the audience and facet filters (``bool.filter`` clauses)."""
    filters = [{"terms": {"facet_keys": keys}} for keys in request.filter_keys()]
    if not filters:
        return query
    # A filter alone matches as match_all does (no "must" then).
    must = {"must": [query]} if "match_all" not in query else {}
    return {"bool": {"filter": filters, **must}}


def search_body(request: SearchRequest) -> dict:
    """The hits of a search, and their total, as the JSON body sent to the cluster.

    The text query is scored by type, under the audience and facet filters. Hits
    carry ``HIT_FIELDS`` from doc values, nothing stored (``hit_fields``). No
    highlight: the service marks the snippets of the results it shows (a page's
    worth, not every hit read) with the query's stems and thesaurus phrasings, as
    for the embedded engine; highlighting every hit on five body fields was a
    third of the node's time on a broad search. The facet counts are a search of
    their own (``facet_count_body``)."""
    return {
        "query": filtered(request, scored_query(request)),
        "track_total_hits": True,
        "size": request.limit,
        "from": request.offset,
        **HIT_READ,
    }


def facet_count_body(request: SearchRequest) -> dict:
    """The facet counts of a search's matches: the same matches, unscored (the
    type weights change no match), no hits.

    A search's first request (``offset`` 0) sends it with ``search_body`` in one
    ``_msearch``; the node runs the two at once. Counting in the scored search
    cost every match the collection of its facet keys after its score (about 4 ms
    of 17 on a broad search at 20 000 items); unscored and beside it, the counts
    take no longer than the hits. Further hits (``offset``) are read for folding
    only, without counts."""
    return {
        "query": filtered(request, text_query_body(request)),
        "track_total_hits": False,
        "size": 0,
        "aggs": {"facet_keys": {"terms": {"field": "facet_keys", "size": FACET_SIZE}}},
    }


# Facet values counted per search: every value of every facet (Belgium has 565
# municipalities; with themes, places, languages and types about 610 values). A
# size below that dropped the rarest places of a broad search, and their count
# from the facet's total; the node's time is the same for 500 or 2000 buckets.
FACET_SIZE = 2000


def build_search(request: SearchRequest, using=None) -> Search:
    """``search_body`` as an elasticsearch-dsl Search (tested as data)."""
    return Search(using=using).update_from_dict(search_body(request))


def build_facet_count(request: SearchRequest, using=None) -> Search:
    """``facet_count_body`` as an elasticsearch-dsl Search (tested as data)."""
    return Search(using=using).update_from_dict(facet_count_body(request))


MLT_FIELDS = ["title", "body"] + [
    f"{f}.{lang}" for f in ("title", "body") for lang in LANGUAGE_STEMMERS
]


def more_like_this(
    doc_type: str,
    object_key: str,
    audiences,
    size: int = 5,
    types=None,
    text_request: SearchRequest | None = None,
    prefix: str | None = None,
) -> Search:
    """Items like one indexed item (the question page's "similar questions").

    ``types`` are the types to return (the item's own by default); only the
    ``audiences`` given are searched, and the item itself is excluded. The query of
    ``text_request`` (the item's distinctive words, see ``search.similar``) adds
    their thesaurus alternatives, so an item in another language can match too.
    """
    types = list(types or [doc_type])
    mlt = Q(
        "more_like_this",
        fields=MLT_FIELDS,
        like=[
            {
                "_index": alias_name(doc_type, prefix),
                "_id": document_id(doc_type, object_key),
            }
        ],
        min_term_freq=1,
        min_doc_freq=1,
        max_query_terms=25,
    )
    query = mlt
    if text_request is not None and text_request.query.groups:
        query = Q(
            "bool", should=[mlt, text_query(text_request)], minimum_should_match=1
        )
    search = Search().query(query)
    search = search.filter(
        "terms", facet_keys=[f"{AUDIENCE_PREFIX}:{a}" for a in audiences]
    )
    search = search.filter("terms", facet_keys=[facet_key("type", t) for t in types])
    this_item = Q(
        "bool", filter=[Q("term", doc_type=doc_type), Q("term", object_key=object_key)]
    )
    search = search.filter(Q("bool", must_not=[this_item]))
    return hit_fields(search).extra(size=size)


def suggest_search(prefix: str, audiences, size: int = 8) -> Search:
    """Completion on title word starts, only in the ``audiences`` given (the
    field's category context); no hits, and only the fields a suggestion shows."""
    search = Search().suggest(
        "titles",
        prefix,
        completion={
            "field": "title_suggest",
            "skip_duplicates": True,
            "size": size,
            "contexts": {"audience": list(audiences)},
        },
    )
    return search.source(SUGGEST_SOURCE).extra(size=0)


EMPTY = (None, [], {})  # what the DSL's ``to_dict`` leaves out


def document_source(document: SearchDocument, row_id: int | None = None) -> dict:
    """The indexed ``_source`` of a SearchDocument: what
    ``DOCUMENTS[type].from_django(document).to_dict()`` gives (the same keys, with
    the empty ones left out), built directly: a rebuild makes 100 000 of them, and
    the DSL round trip cost more than building the document itself."""
    source = {
        "doc_type": document.doc_type,
        "object_key": document.object_key,
        "language": document.language,
        "title": document.title,
        "summary": document.summary,
        "body": document.body,
        "title_suggest": suggest_input(document),
        "url": document.url,
        "audience": document.audience,
        "facet_keys": list(document.facet_keys),
        "published_at": document.published_at,
        "popularity": document.popularity,
        "fingerprint": document_fingerprint(document),
        ROW_ID: document.pk if row_id is None else row_id,
    }
    return {key: value for key, value in source.items() if value not in EMPTY}


def row_ids(documents) -> dict[tuple[str, str], int]:
    """(type, key) -> the id of its row, for the documents built without one (a
    rebuild of the cluster alone builds them from the items, not the rows)."""
    unsaved = {(d.doc_type, d.object_key) for d in documents if d.pk is None}
    if not unsaved:
        return {}
    rows = SearchDocument.objects.filter(
        doc_type__in={t for t, _k in unsaved}, object_key__in={k for _t, k in unsaved}
    ).values_list("doc_type", "object_key", "id")
    return {(t, k): i for t, k, i in rows if (t, k) in unsaved}


def bulk_actions(
    documents: list[SearchDocument],
    index: str | dict[str, str] | None = None,
    prefix: str | None = None,
    *,
    legacy_ids: bool = False,
):
    """Bulk "index" actions for SearchDocuments (into ``index``, one index or one
    per type, or the alias), each with its row's id (``row_ids``); ``legacy_ids``:
    the bare object key, the id of the indexes made one per type before 28
    November 2026 (see ``ClusterEngine.legacy_layout``)."""
    rows = row_ids(documents)
    for document in documents:
        doc_type, key = document.doc_type, document.object_key
        if isinstance(index, dict):
            target = index[doc_type]
        else:
            target = index or alias_name(doc_type, prefix)
        yield {
            "_id": key if legacy_ids else document_id(doc_type, key),
            "_index": target,
            "_source": document_source(document, rows.get((doc_type, key))),
        }


# While a rebuild fills its new indexes nobody searches them: no periodic refresh
# and no replicas until the documents are in; ``finish_rebuild`` restores both
# before the aliases move to them.
# The translog is synced in the background meanwhile (a crash during a rebuild
# loses nothing: the old indexes still answer and the rebuild is run again).
BUILD_SETTINGS = {
    "refresh_interval": "-1",
    "number_of_replicas": 0,
    "translog.durability": "async",
}
LIVE_SETTINGS = {"refresh_interval": None, "translog.durability": "request"}
BULK_CHUNK = 1000  # documents per bulk request (about 2-3 MB at the demo's sizes)
MERGE_TIMEOUT = 900  # seconds a rebuild waits for the force merge of its index
SEND_AHEAD = 4  # batches a rebuild may have waiting for the cluster
# Bulk requests in flight at once: the node indexes each on a write thread of
# its own, so two keep two cores busy while the next batches are built.
SENDERS = 2


class RebuildIndexes(dict):
    """A cluster rebuild's token: doc_type -> new index name, and the thread that
    sends the batches (so building the next batch overlaps the cluster indexing
    this one)."""

    sender: "BulkSender"


class BulkSender:
    """Sends a rebuild's batches from ``threads`` threads of its own (each
    document is in one batch only, so their order does not matter). The first
    failure is kept and raised by the next ``put`` or by ``close``; later batches
    are then dropped (the rebuild aborts)."""

    def __init__(self, engine: "ClusterEngine", threads: int = SENDERS):
        self.engine = engine
        self.error: EngineError | None = None
        self.sent = 0
        self._lock = threading.Lock()
        self.queue: queue.Queue = queue.Queue(maxsize=SEND_AHEAD)
        self.threads = [
            threading.Thread(
                target=self._run, name=f"{engine.name} rebuild bulk", daemon=True
            )
            for _n in range(threads)
        ]
        for thread in self.threads:
            thread.start()

    def _run(self) -> None:
        engine = self.engine
        while True:
            actions = self.queue.get()
            if actions is None:
                return
            if self.error is not None:
                continue
            try:
                engine.guarded(
                    lambda a=actions: engine.bulk(
                        engine.write_client, a, chunk_size=BULK_CHUNK
                    )
                )
                with self._lock:
                    self.sent += len(actions)
            except EngineError as error:
                self.error = self.error or error
            except Exception as error:  # noqa: BLE001 - surfaced to the rebuild
                self.error = self.error or EngineError(f"{engine.name}: {error}")

    def put(self, actions: list) -> None:
        if self.error is not None:
            raise self.error
        self.queue.put(actions)

    def _join(self) -> None:
        for thread in self.threads:
            if thread.is_alive():
                self.queue.put(None)
        for thread in self.threads:
            thread.join()

    def close(self) -> None:
        """Wait until every batch is sent; raises the first failure."""
        self._join()
        if self.error is not None:
            raise self.error

    def stop(self) -> None:
        """Drop what is still waiting (an aborted rebuild)."""
        if self.error is None:
            self.error = EngineError(f"{self.engine.name}: rebuild aborted")
        with self.queue.mutex:
            self.queue.queue.clear()
            self.queue.not_full.notify_all()
        self._join()


def index_settings(doc_type: str = "practice", *, replicas: int | None = None) -> dict:
    """The settings and mappings of one type's index (Elasticsearch's form)."""
    body = DOCUMENTS[doc_type]._index.to_dict()
    if replicas is not None:
        body["settings"]["number_of_replicas"] = replicas
    return body


# (product, address, timeout, process id) -> client: see ``shared_client``.
_CLIENTS: dict[tuple, object] = {}
_CLIENTS_LOCK = threading.Lock()
# (product, address, prefix) whose aliases point at the shared index.
_SHARED_LAYOUT: set[tuple] = set()


class ClusterEngine:
    """A search engine on an OpenSearch or Elasticsearch cluster.

    Reads use a short timeout (``SEARCH_CLUSTER_TIMEOUT``) and go through a circuit
    breaker: after ``SEARCH_CLUSTER_FAILURES`` failures in a row the cluster is not
    asked for ``SEARCH_CLUSTER_RETRY_AFTER`` seconds (``EngineError`` at once, so the
    fallback answers), then one request probes it. Writes use the same breaker and
    a longer timeout (``SEARCH_CLUSTER_WRITE_TIMEOUT``).
    """

    name = "cluster"
    url_setting = ""

    def __init__(self, client=None, *, url=None, prefix=None, write_client=None):
        self.url = url or getattr(settings, self.url_setting)
        self.prefix = index_prefix(prefix)
        self._client = client
        self._write_client = write_client
        self.read_timeout = settings.SEARCH_CLUSTER_TIMEOUT
        self.write_timeout = settings.SEARCH_CLUSTER_WRITE_TIMEOUT
        self.breaker = breaker_for(
            f"{self.name} {self.url} {self.prefix}",
            failures=settings.SEARCH_CLUSTER_FAILURES,
            retry_after=settings.SEARCH_CLUSTER_RETRY_AFTER,
        )

    # --- what a subclass gives ------------------------------------------------------
    def make_client(self, timeout: float):
        raise NotImplementedError

    def bulk(self, client, actions, **options):
        raise NotImplementedError

    def scan(self, client, **options):
        raise NotImplementedError

    def force_merge(self, client, index: str) -> None:
        """Merge ``index`` into one segment, waiting up to ``MERGE_TIMEOUT``."""
        raise NotImplementedError

    def synonym_filter(self) -> dict | None:
        """The synonym filter written into new indexes (None: the mapping's own)."""
        return None

    def put_synonyms(self) -> None:
        """Make a thesaurus edit take effect in the live indexes."""
        raise NotImplementedError

    def prepare_synonyms(self) -> None:
        """What new indexes need before they are created (nothing by default)."""

    # --- clients ------------------------------------------------------------------
    def shared_client(self, timeout: float):
        """One client per product, address and timeout in this process, kept for
        its life: an engine is made per request (``get_engine``), and a client of
        its own opened a new connection to the node for every search. The
        client's connection pool keeps them open (keep-alive) and is thread-safe;
        a forked worker gets clients of its own (the process id is in the key)."""
        key = (type(self).__name__, self.url, timeout, os.getpid())
        with _CLIENTS_LOCK:
            client = _CLIENTS.get(key)
            if client is None:
                client = _CLIENTS[key] = self.make_client(timeout)
        return client

    @property
    def client(self):
        if self._client is None:
            self._client = self.shared_client(self.read_timeout)
        return self._client

    @property
    def write_client(self):
        if self._write_client is None:
            self._write_client = self.shared_client(self.write_timeout)
        return self._write_client

    def guarded(self, call):
        """``call()`` behind the breaker; any failure becomes ``EngineError``."""
        if not self.breaker.allow():
            raise EngineError(f"{self.name} is not answering (circuit open)")
        try:
            answer = call()
        except Exception as error:
            self.breaker.failure(error)
            raise EngineError(f"{self.name}: {error}") from error
        self.breaker.success()
        return answer

    def ping(self) -> bool:
        try:
            return bool(self.client.ping())
        except Exception:
            return False

    # --- reading ------------------------------------------------------------------
    def search(self, request: SearchRequest) -> EngineResult:
        index = alias_names(prefix=self.prefix)
        if request.offset:  # further hits, for folding: no facet counts
            body = search_body(request)
            return self.guarded(
                lambda: self._result(self.client.search(index=index, body=body))
            )
        searches = [{}, search_body(request), {}, facet_count_body(request)]

        def ask():
            found, counted = self.client.msearch(index=index, body=searches)[
                "responses"
            ]
            for answer in (found, counted):
                if "error" in answer:  # one search of the two failed
                    raise RuntimeError(answer["error"])
            return self._result(found, counted)

        return self.guarded(ask)

    def similar(self, document: SearchDocument, request: SearchRequest) -> EngineResult:
        """``more_like_this`` for one item, with the filters of ``request``: its
        audiences, its types (``filters["type"]``), its size and its words."""
        types = request.filters.get("type") or [document.doc_type]
        body = more_like_this(
            document.doc_type,
            document.object_key,
            request.audiences,
            size=request.limit,
            types=types,
            text_request=request,
            prefix=self.prefix,
        ).to_dict()
        return self.guarded(
            lambda: self._result(
                self.client.search(index=alias_names(types, self.prefix), body=body)
            )
        )

    def suggest(self, text: str, audiences, *, limit: int = 8) -> list[SearchDocument]:
        """Indexed documents whose title has a word starting with ``text`` (the
        cluster's analyser splits and folds it), best first. The cluster's answer
        is checked against the index rows: an item deleted or restricted since is
        never suggested."""
        if not audiences or not text.strip():
            return []
        body = suggest_search(text[:100], audiences, size=limit).to_dict()

        def ask():
            response = self.client.search(
                index=alias_names(prefix=self.prefix), body=body
            )
            return [
                (option["_source"]["doc_type"], option["_source"]["object_key"])
                for entry in response["suggest"]["titles"]
                for option in entry["options"]
            ]

        found = self.guarded(ask)
        current = {
            (d.doc_type, d.object_key): d
            for d in SearchDocument.objects.filter(
                object_key__in={key for _type, key in found}, audience__in=audiences
            ).only("doc_type", "object_key", "title", "url", "audience")
        }
        return [current[k] for k in dict.fromkeys(found) if k in current][:limit]

    def hit_key(self, hit) -> tuple[str, str, int | None]:
        """(type, key, row id or ``None``) of a hit: from its ``HIT_FIELDS`` (doc
        values), or from the source it carries. A document indexed before row ids
        were (or without a row) has none: the service reads its row by type and key."""
        fields = hit.get("fields")
        if fields:
            row = fields.get(ROW_ID)
            return (
                fields["doc_type"][0],
                fields["object_key"][0],
                row[0] if row else None,
            )
        source = hit["_source"]
        return source["doc_type"], source["object_key"], source.get(ROW_ID)

    def _result(self, response, counted=None) -> EngineResult:
        """The hits of ``response``; the facet counts of ``counted`` (the search's
        ``facet_count_body``) or of ``response`` itself."""
        hits = []
        for hit in response["hits"]["hits"]:
            doc_type, key, row = self.hit_key(hit)
            fragments = [
                f for parts in hit.get("highlight", {}).values() for f in parts
            ]
            hits.append(
                EngineHit(
                    document_id=row,
                    doc_type=doc_type,
                    object_key=key,
                    score=hit.get("_score") or 0.0,
                    highlight=fragments[0] if fragments else "",
                )
            )
        counts = response if counted is None else counted
        buckets = (
            counts.get("aggregations", {}).get("facet_keys", {}).get("buckets", [])
        )
        facets = {b["key"]: b["doc_count"] for b in buckets}
        total = response["hits"]["total"]["value"]
        return EngineResult(hits=hits, total=total, facets=facets, engine=self.name)

    # --- writing ------------------------------------------------------------------
    def upsert(self, documents) -> None:
        legacy = self.legacy_layout()
        actions = list(bulk_actions(documents, prefix=self.prefix, legacy_ids=legacy))
        if actions:
            self.guarded(lambda: self.bulk(self.write_client, actions, refresh=True))

    def delete(self, keys) -> None:
        legacy = self.legacy_layout()
        actions = [
            {
                "_op_type": "delete",
                "_index": alias_name(t, self.prefix),
                "_id": k if legacy else document_id(t, k),
            }
            for t, k in keys
        ]
        if actions:
            self.guarded(
                lambda: self.bulk(
                    self.write_client, actions, refresh=True, raise_on_error=False
                )
            )

    def legacy_layout(self) -> bool:
        """Whether the live indexes are still one per type, made before the shared
        index (an upgrade not yet followed by ``search_index rebuild``): writes then
        keep those indexes' ids (the bare object key), so an edit replaces the old
        copy instead of adding one beside it. Once the shared index is seen it is
        remembered for the process (a rebuild never goes back)."""
        key = (type(self).__name__, self.url, self.prefix)
        if key in _SHARED_LAYOUT:
            return False

        def look():
            client = self.write_client
            alias = alias_name(DocType.PRACTICE, self.prefix)
            if not client.indices.exists_alias(name=alias):
                return []  # no indexes yet: a rebuild makes the shared one
            return list(client.indices.get_alias(name=alias))

        names = self.guarded(look)
        stem = items_index_name(self.prefix) + "-"
        legacy = bool(names) and not any(n.startswith(stem) for n in names)
        if not legacy:
            _SHARED_LAYOUT.add(key)
        return legacy

    def new_index_body(self, doc_type: str, *, synonyms=...) -> dict:
        body = index_settings(doc_type, replicas=settings.SEARCH_CLUSTER_REPLICAS)
        if synonyms is ...:
            synonyms = self.synonym_filter()
        if synonyms is not None:
            body["settings"]["analysis"]["filter"]["thesaurus_synonyms"] = synonyms
        return body

    def begin_rebuild(self) -> RebuildIndexes:
        """Create one fresh index (timestamped) for every type's documents, without
        refresh or replicas while it fills; returns doc_type -> index (the same
        index for every type) and the sending thread.

        One index, not one per type: a search over every type is then one shard's
        work (the query parsed, its synonyms expanded and its terms looked up once,
        one fetch phase) instead of five; on two cores that halved the node's time
        (docs/performance.md, fourth stop). Each type keeps its alias, pointing at
        the shared index."""

        self.prepare_synonyms()

        synonyms = self.synonym_filter()  # once, not once per type

        def create():
            stamp = time.strftime("%Y%m%d%H%M%S") + f"{time.time_ns() % 10**6:06d}"
            name = f"{items_index_name(self.prefix)}-{stamp}"
            body = self.new_index_body(DocType.PRACTICE, synonyms=synonyms)
            body["settings"].update(BUILD_SETTINGS)
            self.write_client.indices.create(index=name, body=body)
            return RebuildIndexes(dict.fromkeys(DOCUMENTS, name))

        names = self.guarded(create)
        names.sender = BulkSender(self)
        return names

    def bulk_index(self, documents, index: dict[str, str]) -> None:
        """Queue one batch for the sending thread (raises an earlier batch's
        failure); without a sending thread the batch is sent here."""
        actions = list(bulk_actions(documents, index))
        sender = getattr(index, "sender", None)
        if sender is not None:
            sender.put(actions)
            return
        self.guarded(
            lambda: self.bulk(self.write_client, actions, chunk_size=BULK_CHUNK)
        )

    def finish_rebuild(self, index: dict[str, str]) -> None:
        """Wait for the last batches, give the new index its live settings
        (refresh, replicas) and refresh it, then point every alias at it in one
        request and drop the old indexes. Until the swap the old indexes
        answer; a failure before it drops the new ones."""
        sender = getattr(index, "sender", None)
        try:
            if sender is not None:
                sender.close()
        except EngineError:
            self.abort_rebuild(index)
            raise

        def swap():
            client = self.write_client
            names = ",".join(dict.fromkeys(index.values()))
            # One segment before it answers (and before replicas copy it): each
            # search then reads one term dictionary per field and counts facets on
            # the segment's own ordinals (no global-ordinal mapping); 11 s at
            # 100 000 items, searches 15-25 % cheaper (docs/performance.md).
            self.force_merge(client, names)
            client.indices.put_settings(
                index=names,
                body={
                    "index": {
                        **LIVE_SETTINGS,  # None: back to the default
                        "number_of_replicas": settings.SEARCH_CLUSTER_REPLICAS,
                    }
                },
            )
            client.indices.refresh(index=names)
            actions, old = [], []
            for doc_type, new_index in index.items():
                alias = alias_name(doc_type, self.prefix)
                if client.indices.exists_alias(name=alias):
                    current = list(client.indices.get_alias(name=alias).keys())
                    old += [i for i in current if i not in old]
                    actions += [
                        {"remove": {"index": i, "alias": alias}} for i in current
                    ]
                actions.append({"add": {"index": new_index, "alias": alias}})
            client.indices.update_aliases(body={"actions": actions})
            if old:  # one request (one cluster state update), not one per index
                client.indices.delete(index=",".join(old), ignore_unavailable=True)

        self.guarded(swap)

    def abort_rebuild(self, index: dict[str, str]) -> None:
        sender = getattr(index, "sender", None)
        if sender is not None:
            sender.stop()
        try:
            self.write_client.indices.delete(
                index=",".join(dict.fromkeys(index.values())), ignore_unavailable=True
            )
        except Exception as error:
            logger.warning("Could not drop the unfinished indexes: %s", error)

    # --- reconciling --------------------------------------------------------------
    def indexed_keys(self) -> dict[tuple[str, str], str]:
        """(type, key) -> content fingerprint of every document in the cluster."""

        def collect():
            found = {}
            hits = self.scan(
                self.write_client,
                index=alias_names(prefix=self.prefix),
                query={
                    "_source": ["doc_type", "object_key", "fingerprint"],
                    "query": {"match_all": {}},
                },
                size=1000,
            )
            for hit in hits:
                source = hit["_source"]
                key = (source["doc_type"], source["object_key"])
                found[key] = source.get("fingerprint", "")
            return found

        return self.guarded(collect)

    def drop_indexes(self) -> None:
        """Delete every index of this engine's prefix (tests, resets)."""
        self.write_client.indices.delete(
            index=f"{self.prefix}-*", ignore_unavailable=True
        )
