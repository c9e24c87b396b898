"""The Elasticsearch engine: the shared cluster engine (``cluster.py``) on the
``elasticsearch`` client.

Where Elasticsearch differs from OpenSearch: the thesaurus is a synonym set of the
synonyms API (``PUT _synonyms/<prefix>-thesaurus``), which the indexes' search
analysers reference by id (``synonyms_set``, ``updateable``); saving the set makes
Elasticsearch reload those analysers, so a thesaurus edit takes effect without
closing or reindexing anything.
"""

from ..thesaurus import current_index, synonym_rules
from .base import FACETS  # noqa: F401
from .cluster import (  # noqa: F401  (the request bodies, tested as data)
    DOCUMENTS,
    MAX_SUGGEST_INPUTS,
    MERGE_TIMEOUT,
    MINIMUM_SHOULD_MATCH,
    SUGGEST_SOURCE,
    AnswerDocument,
    BaseDocument,
    ClusterEngine,
    CollectionDocument,
    PracticeDocument,
    QuestionDocument,
    SpecialistDocument,
    alias_name,
    build_facet_count,
    build_search,
    bulk_actions,
    index_settings,
    more_like_this,
    suggest_input,
    suggest_search,
    synonym_set_id,
    text_query,
)


class ElasticsearchEngine(ClusterEngine):
    name = "elasticsearch"
    url_setting = "ELASTICSEARCH_URL"

    def make_client(self, timeout: float):
        from elasticsearch import Elasticsearch
        from elasticsearch.serializer import OrjsonSerializer

        # orjson, as the OpenSearch engine's client (``OrjsonSerializer`` there).
        return Elasticsearch(
            self.url,
            request_timeout=timeout,
            max_retries=0,
            serializer=OrjsonSerializer(),
        )

    def bulk(self, client, actions, **options):
        from elasticsearch.helpers import bulk

        return bulk(client, actions, **options)

    def scan(self, client, **options):
        from elasticsearch.helpers import scan

        return scan(client, **options)

    def force_merge(self, client, index: str) -> None:
        client.options(request_timeout=MERGE_TIMEOUT).indices.forcemerge(
            index=index, max_num_segments=1
        )

    def synonym_filter(self) -> dict:
        return {
            "type": "synonym_graph",
            "synonyms_set": synonym_set_id(self.prefix),
            "updateable": True,
        }

    def put_synonyms(self) -> None:
        """Send the thesaurus as the synonym set; ES reloads the search analysers."""
        rules = synonym_rules(current_index())
        self.guarded(
            lambda: self.write_client.synonyms.put_synonym(
                id=synonym_set_id(self.prefix), synonyms_set=rules
            )
        )

    def prepare_synonyms(self) -> None:
        """New indexes reference the synonym set: it must exist first."""
        self.put_synonyms()


__all__ = ["FACETS", "ElasticsearchEngine", "build_search", "index_settings"]
