"""Shared fixtures: users per role, a seeded site tree, and a logged-in client;
the search engine of the run (``--search-engine``)."""

import contextlib

import pytest
from django.core.management import call_command

from tests.factories import CaseworkerFactory, CoordinatorFactory, SpecialistFactory
from tests.search import cluster


def pytest_addoption(parser):
    parser.addoption(
        "--search-engine",
        choices=("embedded", "opensearch"),
        default="embedded",
        help="the engine every test searches with (default embedded). With "
        "opensearch, every test not marked embedded_search searches the cluster at "
        "OPENSEARCH_URL on indexes of its own process, emptied after each test; "
        "the cluster must answer.",
    )


def pytest_configure(config):
    cluster.RUN_ENGINE["name"] = config.getoption("--search-engine")


def pytest_collection_modifyitems(config, items):
    """On a cluster run, a test marked ``cluster_gap(reason)`` is expected to fail
    (strict: once the gap is closed it fails until the mark is removed)."""
    if cluster.run_engine() == "embedded":
        return
    for item in items:
        gap = item.get_closest_marker("cluster_gap")
        if gap and not item.get_closest_marker("embedded_search"):
            reason = "known gap on the cluster: " + (gap.args[0] if gap.args else "")
            item.add_marker(pytest.mark.xfail(reason=reason, strict=True))


def pytest_report_header(config):
    name = config.getoption("--search-engine")
    if name != "embedded":
        return f"search engine: {name} at {cluster.cluster_url(name)} (live)"
    return None


@pytest.fixture(autouse=True)
def _closed_breakers():
    """Every test starts with every cluster's circuit breaker closed."""
    from search.engines.breaker import reset_all

    reset_all()
    yield
    reset_all()


_live = {"indexes": False, "tests": 0, "searched": 0}


@pytest.fixture(autouse=True)
def _run_search_engine(request):
    """With ``--search-engine=opensearch`` the test searches the live cluster, on
    this process's indexes, and a failing cluster fails it (no silent fallback to
    the embedded engine). The indexes are emptied after the test: a database
    rollback does not reach the cluster."""
    name = cluster.run_engine()
    uses_db = request.node.get_closest_marker("django_db") or (
        "_django_db_helper" in request.fixturenames
    )
    # A test without the database cannot search (the thesaurus, the query log and
    # the fallback index live there).
    if (
        name == "embedded"
        or not uses_db
        or request.node.get_closest_marker("embedded_search")
    ):
        yield
        return
    from search.engines.fallback import FallbackEngine

    request.getfixturevalue("_django_db_helper")  # the indexes' synonyms read it
    settings = request.getfixturevalue("settings")
    monkeypatch = request.getfixturevalue("monkeypatch")
    cluster.use_cluster(settings, name)
    if not _live["indexes"]:
        cluster.create_indexes()
        _live["indexes"] = True
    read_with_fallback = FallbackEngine._read

    searched = []

    def read(self, what, ask):
        if cluster.is_live_cluster(self.primary):
            searched.append(what)
            return ask(self.primary)
        return read_with_fallback(self, what, ask)

    monkeypatch.setattr(FallbackEngine, "_read", read)
    yield
    cluster.empty_indexes()
    _live["tests"] += 1
    _live["searched"] += bool(searched)


def pytest_sessionfinish(session):
    if hasattr(session.config, "workeroutput"):  # an xdist worker tells the controller
        session.config.workeroutput["live_search"] = [_live["tests"], _live["searched"]]


@pytest.hookimpl(optionalhook=True)
def pytest_testnodedown(node, error):
    tests, searched = getattr(node, "workeroutput", {}).get("live_search", [0, 0])
    _live["tests"] += tests
    _live["searched"] += searched


def pytest_terminal_summary(terminalreporter, config):
    if _live["tests"]:
        terminalreporter.write_line(
            f"{_live['tests']} tests ran with the live {cluster.run_engine()} cluster "
            f"as their engine; {_live['searched']} of them searched it"
        )


@pytest.fixture(scope="session", autouse=True)
def _drop_test_indexes():
    """Remove this process's indexes from the clusters at the end."""
    yield
    from django.test import override_settings

    from search.engines import engine_class

    for name, (variable, _default) in cluster.CLUSTER_URLS.items():
        if not cluster._reachable.get(name):
            continue
        url = cluster.cluster_url(name)
        with (
            override_settings(
                SEARCH_INDEX_PREFIX=cluster.RUN_PREFIX, **{variable: url}
            ),
            contextlib.suppress(Exception),
        ):
            engine_class(name)().drop_indexes()


@pytest.fixture(autouse=True)
def _empty_cache():
    """Rate-limit counters live in the cache: every test starts with none."""
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _default_language():
    """A request activates its language on the thread; each test starts in English."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def site_tree(db):
    """Home and standard pages in nl, fr, de and en, as `seed_demo` makes them."""
    from io import StringIO

    from demo import home as demo

    return demo.seed(stdout=StringIO())


@pytest.fixture
def municipalities(db):
    from io import StringIO

    call_command("load_municipalities", stdout=StringIO())


@pytest.fixture
def caseworker(db):
    return CaseworkerFactory()


@pytest.fixture
def specialist(db):
    return SpecialistFactory()


@pytest.fixture
def coordinator(db):
    # Coordinators must have TOTP; tests that are not about MFA mark it as done.
    user = CoordinatorFactory()
    from allauth.mfa.models import Authenticator

    Authenticator.objects.create(
        user=user, type=Authenticator.Type.TOTP, data={"secret": "JBSWY3DPEHPK3PXP"}
    )
    return user


@pytest.fixture
def client_for(client):
    """``client_for(user)`` logs the user in (None: anonymous); returns the client."""

    def login(user):
        client.logout()
        if user is not None:
            client.force_login(user)
        return client

    return login
