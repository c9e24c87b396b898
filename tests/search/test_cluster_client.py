"""One client (one pool of keep-alive connections) per cluster and timeout in a
process: an engine is made per request, and a client of its own opened a new
connection to the node for every search (docs/performance.md, fourth stop)."""

from unittest import mock

from search.engines.opensearch import OpenSearchEngine


def test_engines_of_two_requests_share_the_client_of_their_cluster(settings):
    settings.OPENSEARCH_URL = "http://127.0.0.1:9251"
    first, second = OpenSearchEngine(), OpenSearchEngine()
    assert first.client is second.client
    assert first.write_client is second.write_client
    assert first.client is not first.write_client  # a longer timeout for writes
    other = OpenSearchEngine(url="http://127.0.0.1:9252")
    assert other.client is not first.client


def test_a_forked_worker_makes_clients_of_its_own(settings):
    settings.OPENSEARCH_URL = "http://127.0.0.1:9253"
    parent = OpenSearchEngine().client
    with mock.patch("search.engines.cluster.os.getpid", return_value=-1):
        assert OpenSearchEngine().client is not parent


def test_the_cluster_client_reads_and_writes_json_with_orjson_as_the_library_would(
    settings,
):
    """The clients parse answers with orjson (a broad search's 36 KB answer: 0.61
    → 0.24 ms) and write exactly what the library's own serializer writes."""
    import datetime
    import decimal

    from opensearchpy.exceptions import SerializationError
    from opensearchpy.serializer import JSONSerializer

    from search.engines.elasticsearch import ElasticsearchEngine

    settings.OPENSEARCH_URL = "http://127.0.0.1:9254"
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9255"
    serializer = OpenSearchEngine().client.transport.serializer
    assert type(serializer).__module__ == "search.engines.opensearch"
    value = {
        "published_at": datetime.datetime(2026, 1, 2, 3, 4, 5, 6, tzinfo=datetime.UTC),
        "day": datetime.date(2026, 1, 2),
        "popularity": decimal.Decimal("1.5"),
        "title": "Accueil des primo-arrivants — Ankunft",
        "facet_keys": ["place:21004"],
    }
    assert serializer.dumps(value) == JSONSerializer().dumps(value)
    assert serializer.dumps('{"raw": 1}') == '{"raw": 1}'
    assert serializer.loads('{"hits": {"total": {"value": 3}}, "t": "é"}') == {
        "hits": {"total": {"value": 3}},
        "t": "é",
    }
    try:
        serializer.loads("{not json")
    except SerializationError:
        pass
    else:
        raise AssertionError("a broken answer must raise SerializationError")
    elastic = ElasticsearchEngine().client.transport.serializers
    assert type(elastic.get_serializer("application/json")).__name__ == (
        "OrjsonSerializer"
    )
