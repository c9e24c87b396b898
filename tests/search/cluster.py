"""The live search clusters of a test run: index names, reachability, and the
run-wide cluster engine (``pytest --search-engine=opensearch``).

Each pytest process (each xdist worker too) has index names of its own
(``RUN_PREFIX``), so runs and workers sharing a cluster never see each other's
documents. With ``--search-engine=opensearch`` every test searches the cluster
(``tests/conftest.py``); database rollbacks do not reach the cluster, so
``empty_indexes`` empties this process's indexes after each test that wrote to them.
"""

import os
import uuid

import pytest

# Index names of this test process: runs and xdist workers sharing a cluster never
# see each other's documents.
RUN_PREFIX = f"test-{os.getpid()}-{uuid.uuid4().hex[:6]}"
CLUSTER_URLS = {
    "opensearch": ("OPENSEARCH_URL", "http://127.0.0.1:9200"),
    "elasticsearch": ("ELASTICSEARCH_URL", ""),
}
# The engine the whole run searches with (``--search-engine``): set once per
# process by ``pytest_configure`` in tests/conftest.py.
RUN_ENGINE = {"name": "embedded"}

_reachable: dict[str, bool] = {}


def cluster_required() -> bool:
    """In CI (``CI`` set) or with REQUIRE_SEARCH_CLUSTER=1 a missing cluster fails
    the live tests instead of skipping them."""
    return bool(os.environ.get("CI")) or os.environ.get(
        "REQUIRE_SEARCH_CLUSTER", ""
    ) not in ("", "0")


def cluster_url(name: str) -> str:
    variable, default = CLUSTER_URLS[name]
    return os.environ.get(variable) or default


def use_cluster(settings, name: str):
    """Point the settings at the live cluster ``name`` (this run's index prefix),
    or skip (fail when a cluster is required) when none answers."""
    from search.engines import engine_class

    variable, _default = CLUSTER_URLS[name]
    url = cluster_url(name)
    settings.SEARCH_ENGINE = name
    settings.SEARCH_INDEX_PREFIX = RUN_PREFIX
    # A loaded test machine is slower than production: no spurious fallbacks here
    # (the breaker and its short timeout have tests of their own).
    settings.SEARCH_CLUSTER_TIMEOUT = 10
    setattr(settings, variable, url)
    if name not in _reachable:
        _reachable[name] = engine_class(name)().ping()
    if not _reachable[name]:
        message = f"no {name} cluster answers at {url} ({variable})"
        if cluster_required():
            pytest.fail(message + "; start one with `make search-cluster`")
        pytest.skip(message)
    return url


def run_engine() -> str:
    """``embedded``, or the cluster every test of this run searches."""
    return RUN_ENGINE["name"]


def is_live_cluster(engine) -> bool:
    """Whether ``engine`` is this run's live cluster (not a test's dead address)."""
    name = run_engine()
    return (
        name != "embedded"
        and getattr(engine, "name", "") == name
        and getattr(engine, "url", None) == cluster_url(name)
        and getattr(engine, "prefix", None) == RUN_PREFIX
    )


def live_engine():
    """This run's cluster engine on this process's indexes, whatever a test set."""
    from search.engines import engine_class

    name = run_engine()
    return engine_class(name)(url=cluster_url(name), prefix=RUN_PREFIX)


def create_indexes(cluster=None) -> None:
    """This process's indexes, empty, with their aliases (a rebuild of nothing)."""
    cluster = cluster or live_engine()
    token = cluster.begin_rebuild()
    cluster.finish_rebuild(token)


def empty_indexes(cluster=None) -> int:
    """Delete every document of this process's indexes (of ``cluster``, the run's
    cluster engine by default); recreate the indexes when a test dropped them.
    Returns how many documents were deleted."""
    from opensearchpy.exceptions import NotFoundError

    from search.engines.cluster import alias_names

    cluster = cluster or live_engine()
    client = cluster.write_client
    aliases = alias_names(prefix=cluster.prefix)
    try:
        count = client.count(index=aliases)["count"]
    except NotFoundError:
        create_indexes(cluster)
        return 0
    if count:
        client.delete_by_query(
            index=aliases,
            body={"query": {"match_all": {}}},
            refresh=True,
            conflicts="proceed",
        )
    return count
