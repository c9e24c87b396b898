"""Every type's documents in one cluster index (docs/architecture.md, "OpenSearch
and Elasticsearch"): a search over every type is one shard's work, and items of
two types that share an object key stay two items."""

from dataclasses import replace

import pytest

from search.indexing import IndexItem, build_document, rebuild
from search.service import search

from .conftest import FIXTURES, engine_names, index_fixtures, use_cluster

TWINS = [
    IndexItem(
        doc_type="practice",
        object_key="7070",
        language="nl",
        title="Wachtlijst voor de tolkendienst verkorten",
        body="Het OCMW plant de tolken een week vooruit.",
        url="/nl/practices/wachtlijst-tolkendienst/",
        audience="public",
    ),
    IndexItem(
        doc_type="question",
        object_key="7070",
        language="nl",
        title="Hoe lang is de wachtlijst van de tolkendienst?",
        body="Wij wachten drie weken op een tolk.",
        url="/nl/forum/questions/7070/",
        audience="public",
    ),
]


def keys(response):
    return [(r.type, r.object_key) for r in response.results]


def test_a_practice_and_a_question_with_the_same_key_are_two_results(
    fixture_documents, caseworker
):
    from search.engines import engines_to_write

    index_fixtures(TWINS, everywhere=True)
    found = keys(search("wachtlijst tolkendienst", user=caseworker, language="nl"))
    assert ("practice", "7070") in found
    assert ("question", "7070") in found

    # Removing the question leaves the practice with the same key.
    for engine in engines_to_write():
        engine.delete([("question", "7070")])
    found = keys(search("wachtlijst tolkendienst", user=caseworker, language="nl"))
    assert ("practice", "7070") in found
    assert ("question", "7070") not in found


def make_old_layout(cluster):
    """The indexes as they were before the shared index: one per type, each behind
    its type's alias."""
    from search.engines.cluster import alias_name

    cluster.drop_indexes()
    for doc_type in ("practice", "question", "answer", "specialist", "collection"):
        alias = alias_name(doc_type, cluster.prefix)
        body = cluster.new_index_body(doc_type)
        body["aliases"] = {alias: {}}
        cluster.write_client.indices.create(
            index=f"{alias}-20261101000000000000", body=body
        )


@pytest.fixture(params=engine_names()[1:])
def cluster_name(request, settings):
    use_cluster(settings, request.param)
    return request.param


@pytest.mark.django_db
def test_a_rebuild_gives_every_type_one_shared_index(cluster_name, caseworker):
    """Each type's alias points at the one new index (an old layout's indexes,
    one per type, are dropped by the swap), which holds every type."""
    from search.engines import get_engine
    from search.engines.cluster import alias_name, items_index_name

    cluster = get_engine().primary
    documents = [build_document(i) for i in [*FIXTURES, *TWINS]]
    rebuild(documents=[documents])
    client = cluster.write_client
    targets = {
        doc_type: set(
            client.indices.get_alias(name=alias_name(doc_type, cluster.prefix))
        )
        for doc_type in ("practice", "question", "answer", "specialist", "collection")
    }
    (index,) = set.union(*targets.values())
    assert all(names == {index} for names in targets.values())
    assert index.startswith(items_index_name(cluster.prefix) + "-")
    assert client.count(index=index)["count"] == len(documents)
    # Merged into one segment by the rebuild (one term dictionary a field).
    (shard,) = client.indices.segments(index=index)["indices"][index]["shards"]["0"]
    assert len(shard["segments"]) == 1
    # Facet counting needs no global ordinals built by the first search.
    mapping = client.indices.get_mapping(index=index)[index]["mappings"]
    assert mapping["properties"]["facet_keys"]["eager_global_ordinals"] is True
    found = keys(search("wachtlijst tolkendienst", user=caseworker, language="nl"))
    assert {("practice", "7070"), ("question", "7070")} <= set(found)


@pytest.mark.django_db
def test_writes_before_the_rebuild_replace_the_copies_of_the_old_indexes(
    cluster_name,
):
    """After an upgrade and before ``search_index rebuild`` the live indexes are
    still one per type, keyed by the bare object key: an edit (here: the item
    made members-only) replaces the old copy, and a delete removes it, instead of
    a second copy being added beside the old one (which kept the old audience)."""
    from search.engines import cluster as cluster_module
    from search.engines import get_engine
    from search.engines.cluster import alias_name, document_source

    cluster = get_engine().primary
    client = cluster.write_client
    make_old_layout(cluster)
    practice = alias_name("practice", cluster.prefix)
    old = document_source(build_document(TWINS[0]))
    client.index(index=practice, id="7070", body=old, refresh=True)
    cluster_module._SHARED_LAYOUT.discard(
        (type(cluster).__name__, cluster.url, cluster.prefix)
    )
    try:
        edited = build_document(replace(TWINS[0], audience="members"))
        cluster.upsert([edited])
        hits = client.search(index=practice, body={"query": {"match_all": {}}})
        assert [h["_source"]["audience"] for h in hits["hits"]["hits"]] == ["members"]
        cluster.delete([("practice", "7070")])
        assert client.count(index=practice)["count"] == 0
    finally:
        cluster.drop_indexes()  # the next test recreates them (``empty_indexes``)


def test_a_search_reads_no_stored_field_of_its_hits():
    """Hits are named by their doc values: reading a hit's ``_id`` (a stored
    field) decompressed the block holding its whole source."""
    from search.engines.base import SearchRequest
    from search.engines.cluster import HIT_FIELDS, search_body
    from search.query import ParsedQuery

    request = SearchRequest(
        query=ParsedQuery(text="", language="nl", words=[]), audiences=["public"]
    )
    body = search_body(request)
    assert body["stored_fields"] == "_none_"
    assert body["docvalue_fields"] == HIT_FIELDS
    assert "_source" not in body


@pytest.mark.django_db
def test_hits_of_an_index_of_one_type_are_named_by_their_fields(cluster_name):
    """Before the upgrade's rebuild an index holds one type and its ids are bare
    keys; its hits are still named by type and key."""
    from search.engines import cluster as cluster_module
    from search.engines import get_engine
    from search.engines.base import SearchRequest
    from search.engines.cluster import alias_name, document_source

    cluster = get_engine().primary
    client = cluster.write_client
    make_old_layout(cluster)
    for twin in TWINS:
        client.index(
            index=alias_name(twin.doc_type, cluster.prefix),
            id=twin.object_key,
            body=document_source(build_document(twin)),
            refresh=True,
        )
    cluster_module._SHARED_LAYOUT.discard(
        (type(cluster).__name__, cluster.url, cluster.prefix)
    )
    try:
        from search.query import parse
        from search.thesaurus import current_index

        request = SearchRequest(
            query=parse("wachtlijst tolkendienst", "nl", current_index()),
            audiences=["public"],
        )
        result = cluster.search(request)
        assert {(h.doc_type, h.object_key) for h in result.hits} == {
            ("practice", "7070"),
            ("question", "7070"),
        }
        assert result.total == 2
        assert result.facets["type:practice"] == 1
    finally:
        cluster.drop_indexes()  # the next test recreates them (``empty_indexes``)


@pytest.mark.django_db
def test_hits_carry_the_id_of_their_row_after_any_rebuild(cluster_name):
    """A hit names its row by id (one query by primary key for a page's rows):
    after a rebuild of every engine (the rows get new ids, the cluster the same
    ones) and after a rebuild of the cluster alone (its documents are built from
    the items, without an id: the rows' ids are looked up)."""
    from search.engines import get_engine
    from search.engines.base import SearchRequest
    from search.models import SearchDocument
    from search.query import parse
    from search.thesaurus import current_index

    cluster = get_engine().primary
    request = SearchRequest(
        query=parse("wachtlijst tolkendienst", "nl", current_index()),
        audiences=["public"],
    )

    def row_ids_of_hits():
        return {
            (h.doc_type, h.object_key): h.document_id
            for h in cluster.search(request).hits
        }

    rebuild(documents=[[build_document(i) for i in [*FIXTURES, *TWINS]]])
    rows = {
        (d.doc_type, d.object_key): d.id
        for d in SearchDocument.objects.filter(object_key="7070")
    }
    assert len(rows) == 2
    assert row_ids_of_hits() == rows

    rebuild(
        documents=[[build_document(i) for i in [*FIXTURES, *TWINS]]],
        engines=[cluster],
    )
    assert row_ids_of_hits() == rows
