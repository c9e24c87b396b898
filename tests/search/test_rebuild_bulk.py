"""A full rebuild fast enough for 100 000 items: the cluster gets plain bulk
sources (no DSL round trip), its new indexes fill without refresh or replicas
and get both back before the alias swap, and its batches are sent from a thread
of their own while the next ones are built, with failures still aborting it."""

from datetime import UTC, datetime
from unittest import mock

import pytest

from search.engines.base import EngineError
from search.engines.cluster import DOCUMENTS, BulkSender, document_source
from search.engines.opensearch import OpenSearchEngine
from search.indexing import IndexItem, build_document, rebuild
from search.models import SearchDocument

from .conftest import FIXTURES, use_cluster

DATED = IndexItem(
    doc_type="question",
    object_key="7",
    language="de",
    title="Wartezeit bei der Krankenkasse",
    body="Wie lange dauert die Wartezeit?",
    summary="Wartezeit",
    url="/de/forum/questions/7/",
    facets=[("theme", "health")],
    published_at=datetime(2026, 3, 1, 9, 30, tzinfo=UTC),
    popularity=4.0,
)


@pytest.mark.django_db
def test_the_bulk_source_is_what_the_mapped_document_gives():
    """Every field the cluster indexes, as the mapped Document serialises it
    (the empty ones left out, a zero popularity kept)."""
    for item in [*FIXTURES, DATED]:
        document = build_document(item)
        expected = DOCUMENTS[document.doc_type].from_django(document).to_dict()
        assert document_source(document) == expected


def mocked_cluster():
    client = mock.MagicMock()
    client.indices.exists_alias.return_value = True
    client.indices.get_alias.return_value = {"p-practice-old": {}}
    return client


@pytest.mark.django_db
def test_new_indexes_fill_without_refresh_and_get_it_back_before_the_swap(settings):
    settings.SEARCH_ENGINE = "opensearch"
    settings.SEARCH_CLUSTER_REPLICAS = 1
    client = mocked_cluster()
    with (
        mock.patch.object(OpenSearchEngine, "write_client", client),
        mock.patch("opensearchpy.helpers.bulk") as bulk,
    ):
        rebuild(documents=[[build_document(i) for i in FIXTURES]])
    for call in client.indices.create.call_args_list:
        index_settings = call.kwargs["body"]["settings"]
        assert index_settings["refresh_interval"] == "-1"
        assert index_settings["number_of_replicas"] == 0
        assert index_settings["translog.durability"] == "async"
    names = [call[0] for call in client.mock_calls]
    restore = names.index("indices.put_settings")
    assert (
        restore < names.index("indices.refresh") < names.index("indices.update_aliases")
    )
    # Merged into one segment before it gets replicas and answers searches.
    assert names.index("indices.forcemerge") < restore
    assert client.indices.forcemerge.call_args.kwargs["max_num_segments"] == 1
    live = client.indices.put_settings.call_args.kwargs["body"]["index"]
    assert live == {
        "refresh_interval": None,
        "translog.durability": "request",
        "number_of_replicas": 1,
    }
    sent = [a for call in bulk.call_args_list for a in call.args[1]]
    assert sorted(a["_id"] for a in sent) == sorted(
        f"{i.doc_type}:{i.object_key}" for i in FIXTURES
    )
    assert all(a["_index"].startswith(f"{settings.SEARCH_INDEX_PREFIX}-") for a in sent)


@pytest.mark.django_db
def test_a_failed_bulk_leaves_the_old_indexes_answering_and_the_embedded_rebuilt(
    settings,
):
    """The cluster refuses a batch: its aliases stay where they were, its new
    indexes are dropped, the rebuild says so, and the embedded index is rebuilt."""
    settings.SEARCH_ENGINE = "opensearch"
    client = mocked_cluster()
    with (
        mock.patch.object(OpenSearchEngine, "write_client", client),
        mock.patch("opensearchpy.helpers.bulk", side_effect=ConnectionError("down")),
        pytest.raises(EngineError, match="down"),
    ):
        rebuild(documents=[[build_document(i)] for i in FIXTURES])
    client.indices.update_aliases.assert_not_called()
    dropped = client.indices.delete.call_args.kwargs["index"].split(",")
    created = [c.kwargs["index"] for c in client.indices.create.call_args_list]
    assert sorted(dropped) == sorted(created)
    assert SearchDocument.objects.count() == len(FIXTURES)


def test_the_sender_sends_every_batch_and_an_abort_drops_what_waits():
    engine = mock.MagicMock()
    engine.guarded.side_effect = lambda call: call()
    seen = []
    engine.bulk.side_effect = lambda client, actions, **kw: seen.append(actions)
    sender = BulkSender(engine, threads=2)
    for n in range(10):
        sender.put([n])
    sender.close()
    assert sorted(seen) == [[n] for n in range(10)]
    assert sender.sent == 10

    stopped = BulkSender(engine)
    stopped.stop()
    with pytest.raises(EngineError, match="aborted"):
        stopped.put([1])


@pytest.mark.opensearch
def test_a_rebuilt_cluster_index_refreshes_and_answers(db, settings, caseworker):
    """On the live cluster: after a rebuild the indexes behind the aliases have
    their periodic refresh back (a later edit becomes searchable) and hold
    every document."""
    from search.engines import get_engine
    from search.service import search

    use_cluster(settings, "opensearch")
    rebuild(documents=[[build_document(i) for i in FIXTURES]])
    cluster = get_engine().primary
    alias = f"{cluster.prefix}-practice"
    (index,) = cluster.write_client.indices.get_alias(name=alias)
    live = cluster.write_client.indices.get_settings(index=index)[index]["settings"]
    assert live["index"].get("refresh_interval", "1s") != "-1"
    assert live["index"]["translog"]["durability"] == "request"
    assert live["index"]["number_of_replicas"] == str(settings.SEARCH_CLUSTER_REPLICAS)
    response = search("tolk", user=caseworker, language="nl")
    assert response.engine == "opensearch"
    assert any(r.object_key == "101" for r in response.results)


@pytest.mark.django_db
def test_a_cluster_rebuilt_alone_keeps_the_embedded_index_and_the_outbox(settings):
    """``rebuild(engines=[cluster])`` (how the bench times a cluster alone)
    leaves the embedded index as it was and keeps the outbox events it still
    needs."""
    from search.engines import engines_to_write
    from search.indexing import record_event
    from search.models import IndexEvent

    from .conftest import index_fixtures

    index_fixtures(FIXTURES[:2])
    record_event("practice", "103")
    settings.SEARCH_ENGINE = "opensearch"
    client = mocked_cluster()
    with (
        mock.patch.object(OpenSearchEngine, "write_client", client),
        mock.patch("opensearchpy.helpers.bulk") as bulk,
    ):
        cluster = engines_to_write()[-1]
        rebuild(documents=[[build_document(i) for i in FIXTURES]], engines=[cluster])
    assert len([a for call in bulk.call_args_list for a in call.args[1]]) == len(
        FIXTURES
    )
    client.indices.update_aliases.assert_called_once()
    assert SearchDocument.objects.count() == 2
    assert IndexEvent.objects.filter(object_key="103").exists()
