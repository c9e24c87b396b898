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
