"""The Elasticsearch engine (elasticsearch-dsl): one Document per type behind aliases.

Text is indexed with a folding analyser plus one multi-field per language (stemmer,
stop words, ASCII folding; German also splits compounds from a small word list).
The thesaurus is a synonym set used by a ``synonym_graph`` filter in the search
analysers only, so editing a concept reloads analysers instead of reindexing.
``rebuild`` fills a new index per type and then swaps the alias in one request.
"""

import time

from django.conf import settings
from elasticsearch.dsl import (
    Date,
    Document,
    Float,
    Keyword,
    Q,
    Search,
    Text,
    analyzer,
    token_filter,
)
from elasticsearch.dsl.field import Completion

from ..models import DocType, SearchDocument
from ..thesaurus import current_index, synonym_rules
from .base import (
    AUDIENCE_PREFIX,
    FACETS,
    TYPE_WEIGHTS,
    EngineError,
    EngineHit,
    EngineResult,
    SearchRequest,
    facet_key,
)

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


def synonym_set_id() -> str:
    return f"{settings.ELASTICSEARCH_INDEX_PREFIX}-thesaurus"


def alias_name(doc_type: str) -> str:
    return f"{settings.ELASTICSEARCH_INDEX_PREFIX}-{doc_type}"


def _synonyms():
    return token_filter(
        "thesaurus_synonyms",
        type="synonym_graph",
        synonyms_set=synonym_set_id(),
        updateable=True,
    )


def language_analyzers(language: str):
    """(index analyser, search analyser) for one language."""
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
        filter=filters + extra + [stop, stemmer],
    )
    search = analyzer(
        f"{language}_search",
        tokenizer="standard",
        filter=filters + [_synonyms()] + extra + [stop, stemmer],
    )
    return index, search


folding = analyzer(
    "folding", tokenizer="standard", filter=["lowercase", "asciifolding"]
)
folding_search = analyzer(
    "folding_search",
    tokenizer="standard",
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
    body = multilingual_text()
    # Suggestions are filtered by audience (a category context read from the
    # ``audience`` field), so a query can never see members-only titles.
    title_suggest = Completion(
        analyzer=folding,
        contexts=[{"name": "audience", "type": "category", "path": "audience"}],
    )
    url = Keyword(index=False)
    audience = Keyword()
    facet_keys = Keyword()
    published_at = Date()
    popularity = Float()

    @classmethod
    def from_django(cls, document: SearchDocument) -> "BaseDocument":
        """From the flattened SearchDocument the adapters built (same text, keys)."""
        return cls(
            meta={"id": document.object_key},
            doc_type=document.doc_type,
            object_key=document.object_key,
            language=document.language,
            title=document.title,
            body=document.body,
            title_suggest=suggest_input(document),
            url=document.url,
            audience=document.audience,
            facet_keys=list(document.facet_keys),
            published_at=document.published_at,
            popularity=document.popularity,
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


def text_query(request: SearchRequest) -> Q:
    """Every group must match (or any, when widened); phrases match as phrases."""
    fields = ["title^5", "body"] + [
        f"{f}.{lang}{'^5' if f == 'title' else ''}"
        for f in ("title", "body")
        for lang in LANGUAGE_STEMMERS
    ]
    thesaurus = current_index()
    groups = []
    for group in request.query.groups:
        should = [
            Q(
                "multi_match",
                query=group.text,
                fields=fields,
                type="best_fields",
                fuzziness="AUTO",
                prefix_length=1,
            )
        ]
        # ES analyses text itself: send the concept's alternatives as written (the
        # search-time synonym_graph expands them too, once the set is loaded).
        alternatives = (
            thesaurus.alternatives.get(group.concept, []) if group.concept else []
        )
        should += [
            Q("multi_match", query=alternative, fields=fields, type="phrase")
            for alternative in alternatives[:20]
            if alternative.lower() != group.text
        ]
        # One concept counts once: the best of its phrasings, not their sum (a text
        # naming it in four languages is not four times as relevant).
        groups.append(Q("dis_max", queries=should, tie_breaker=0.1))
    if not groups:
        return Q("match_all")
    if request.match_any:
        return Q("bool", should=groups, minimum_should_match=1)
    return Q("bool", must=groups)


def build_search(request: SearchRequest, using=None) -> Search:
    """The whole request as an elasticsearch-dsl Search (tested as data)."""
    search = Search(using=using, index=[alias_name(t) for t in DocType.values])
    query = text_query(request)
    if request.query.groups:
        query = Q(
            "function_score",
            query=query,
            functions=[
                {"filter": {"term": {"doc_type": doc_type}}, "weight": weight}
                for doc_type, weight in TYPE_WEIGHTS.items()
            ],
            score_mode="first",
            boost_mode="multiply",
        )
    search = search.query(query)
    for keys in request.filter_keys():
        search = search.filter("terms", facet_keys=keys)
    search = search.extra(
        track_total_hits=True, size=request.limit, **{"from": request.offset}
    )
    search.aggs.bucket("facet_keys", "terms", field="facet_keys", size=500)
    search = search.highlight_options(
        pre_tags=["<mark>"], post_tags=["</mark>"], encoder="html"
    ).highlight("body", "body.*", fragment_size=160, number_of_fragments=1)
    return search


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
        like=[{"_index": alias_name(doc_type), "_id": object_key}],
        min_term_freq=1,
        min_doc_freq=1,
        max_query_terms=25,
    )
    query = mlt
    if text_request is not None and text_request.query.groups:
        query = Q(
            "bool", should=[mlt, text_query(text_request)], minimum_should_match=1
        )
    search = Search(index=[alias_name(t) for t in types]).query(query)
    search = search.filter(
        "terms", facet_keys=[f"{AUDIENCE_PREFIX}:{a}" for a in audiences]
    )
    search = search.filter("terms", facet_keys=[facet_key("type", t) for t in types])
    this_item = Q(
        "bool", filter=[Q("term", doc_type=doc_type), Q("term", object_key=object_key)]
    )
    search = search.filter(Q("bool", must_not=[this_item]))
    return search.extra(size=size)


def suggest_search(prefix: str, audiences, size: int = 8) -> Search:
    """Completion on title word starts, only in the ``audiences`` given (the
    field's category context); no hits, and only the fields a suggestion shows."""
    search = Search(index=[alias_name(t) for t in DocType.values]).suggest(
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


def bulk_actions(documents, index: str | None = None):
    """Bulk "index" actions for SearchDocuments (into ``index`` or the alias)."""
    for document in documents:
        es_document = DOCUMENTS[document.doc_type].from_django(document)
        action = es_document.to_dict(include_meta=True)
        if index is not None:
            action["_index"] = index
        yield action


class ElasticsearchEngine:
    name = "elasticsearch"

    def __init__(self, client=None):
        self._client = client

    @property
    def client(self):
        if self._client is None:
            from elasticsearch import Elasticsearch

            self._client = Elasticsearch(
                settings.ELASTICSEARCH_URL, request_timeout=5, max_retries=1
            )
        return self._client

    def ping(self) -> bool:
        try:
            return bool(self.client.ping())
        except Exception:
            return False

    # --- reading ------------------------------------------------------------------
    def search(self, request: SearchRequest) -> EngineResult:
        try:
            body = build_search(request).to_dict()
            response = self.client.search(
                index=",".join(alias_name(t) for t in DocType.values), body=body
            )
            return self._result(response)
        except Exception as error:
            raise EngineError(str(error)) from error

    def similar(
        self, doc_type: str, object_key: str, request: SearchRequest
    ) -> EngineResult:
        """``more_like_this`` for one item, with the filters of ``request``: its
        audiences, its types (``filters["type"]``), its size and its words."""
        types = request.filters.get("type") or [doc_type]
        try:
            body = more_like_this(
                doc_type,
                object_key,
                request.audiences,
                size=request.limit,
                types=types,
                text_request=request,
            ).to_dict()
            response = self.client.search(
                index=",".join(alias_name(t) for t in types), body=body
            )
            return self._result(response)
        except Exception as error:
            raise EngineError(str(error)) from error

    def suggest(self, prefix, audiences, *, limit: int = 8) -> list[SearchDocument]:
        """Unsaved SearchDocuments (from the hits' ``_source``) whose title has a
        word starting with ``prefix`` (text, or the tokens typed), best first."""
        if not isinstance(prefix, str):
            prefix = " ".join(prefix)
        if not audiences or not prefix.strip():
            return []
        try:
            body = suggest_search(prefix[:100], audiences, size=limit).to_dict()
            response = self.client.search(
                index=",".join(alias_name(t) for t in DocType.values), body=body
            )
            documents = []
            for entry in response["suggest"]["titles"]:
                for option in entry["options"]:
                    source = option["_source"]
                    documents.append(
                        SearchDocument(
                            doc_type=source["doc_type"],
                            object_key=source["object_key"],
                            title=source["title"],
                            url=source["url"],
                            language=source.get("language", ""),
                            audience=source.get("audience", ""),
                        )
                    )
        except Exception as error:
            raise EngineError(str(error)) from error
        return documents[:limit]

    def _result(self, response) -> EngineResult:
        hits = []
        for hit in response["hits"]["hits"]:
            source = hit["_source"]
            fragments = [
                f for parts in hit.get("highlight", {}).values() for f in parts
            ]
            hits.append(
                EngineHit(
                    document_id=None,
                    doc_type=source["doc_type"],
                    object_key=source["object_key"],
                    score=hit.get("_score") or 0.0,
                    highlight=fragments[0] if fragments else "",
                )
            )
        buckets = (
            response.get("aggregations", {}).get("facet_keys", {}).get("buckets", [])
        )
        facets = {b["key"]: b["doc_count"] for b in buckets}
        total = response["hits"]["total"]["value"]
        return EngineResult(hits=hits, total=total, facets=facets, engine=self.name)

    # --- writing ------------------------------------------------------------------
    def upsert(self, documents) -> None:
        from elasticsearch.helpers import bulk

        try:
            bulk(self.client, bulk_actions(documents))
        except Exception as error:
            raise EngineError(str(error)) from error

    def delete(self, keys) -> None:
        from elasticsearch.helpers import bulk

        actions = [
            {"_op_type": "delete", "_index": alias_name(t), "_id": k} for t, k in keys
        ]
        try:
            bulk(self.client, actions, raise_on_error=False)
        except Exception as error:
            raise EngineError(str(error)) from error

    def put_synonyms(self) -> None:
        """Send the thesaurus as the synonym set; ES reloads the search analysers."""
        rules = synonym_rules(current_index())
        self.client.synonyms.put_synonym(id=synonym_set_id(), synonyms_set=rules)

    def begin_rebuild(self) -> dict[str, str]:
        """Create a fresh index per type (timestamped); returns doc_type -> index."""
        self.put_synonyms()
        stamp = time.strftime("%Y%m%d%H%M%S")
        names = {}
        for doc_type, document_class in DOCUMENTS.items():
            name = f"{alias_name(doc_type)}-{stamp}"
            document_class._index.clone(name).create(using=self.client)
            names[doc_type] = name
        return names

    def bulk_index(self, documents, index: dict[str, str]) -> None:
        from elasticsearch.helpers import bulk

        by_type: dict[str, list] = {}
        for document in documents:
            by_type.setdefault(document.doc_type, []).append(document)
        for doc_type, group in by_type.items():
            bulk(self.client, bulk_actions(group, index=index[doc_type]))

    def finish_rebuild(self, index: dict[str, str]) -> None:
        """Point every alias at its new index in one request, then drop the old ones."""
        actions, old = [], []
        for doc_type, new_index in index.items():
            alias = alias_name(doc_type)
            if self.client.indices.exists_alias(name=alias):
                current = list(self.client.indices.get_alias(name=alias).keys())
                old += current
                actions += [{"remove": {"index": i, "alias": alias}} for i in current]
            actions.append({"add": {"index": new_index, "alias": alias}})
        self.client.indices.update_aliases(actions=actions)
        for name in old:
            self.client.indices.delete(index=name, ignore_unavailable=True)


def index_settings(doc_type: str = "practice") -> dict:
    """The settings and mappings of one type's index, as sent to Elasticsearch."""
    return DOCUMENTS[doc_type]._index.to_dict()


__all__ = ["FACETS", "ElasticsearchEngine", "build_search", "index_settings"]
