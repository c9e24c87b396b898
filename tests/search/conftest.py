"""A small multilingual fixture set of search documents, and the engines to test."""

import contextlib
import os
import uuid

import pytest

from search.engines.embedded import EmbeddedEngine
from search.indexing import IndexItem, add_to_vocabulary, build_document

FIXTURES = [
    IndexItem(
        doc_type="practice",
        object_key="101",
        language="fr",
        title="Le recours à un interprète social au CPAS",
        body="Pour les premiers entretiens avec des primo-arrivants, notre CPAS fait "
        "appel à un interprète social par téléphone. Les assistants sociaux "
        "réservent l'interprétariat deux jours à l'avance.",
        url="/fr/practices/interprete-social/",
        audience="public",
        facets=[("theme", "language-interpreting"), ("region", "wallonia")],
    ),
    IndexItem(
        doc_type="practice",
        object_key="102",
        language="nl",
        title="Budgetbegeleiding bij de start van het leefloon",
        body="Wie een leefloon krijgt, start met drie gesprekken over het budget. "
        "De maatschappelijk werker maakt samen een plan.",
        url="/nl/practices/budget-leefloon/",
        audience="members",
        facets=[("theme", "social-assistance"), ("region", "flanders")],
    ),
    IndexItem(
        doc_type="practice",
        object_key="103",
        language="de",
        title="Wohnungssuche mit dem ÖSHZ",
        body="Das ÖSHZ begleitet anerkannte Flüchtlinge bei der Suche nach einer "
        "Wohnung und hilft bei der Mietkaution.",
        url="/de/practices/wohnungssuche/",
        audience="public",
        facets=[("theme", "housing"), ("target_group", "recognised-refugees")],
    ),
    IndexItem(
        doc_type="question",
        object_key="201",
        language="fr",
        title="Revenu d'intégration pendant une formation ?",
        body="Un bénéficiaire du revenu d'intégration peut-il suivre une formation "
        "de langue à temps plein ?",
        url="/fr/forum/questions/201/",
        audience="members",
        facets=[("theme", "social-assistance")],
    ),
    IndexItem(
        doc_type="answer",
        object_key="301",
        language="en",
        title="Childcare during language courses",
        body="Our centre pays for childcare while parents follow a language course.",
        url="/en/forum/questions/202/#answer-301",
        audience="members",
        facets=[("theme", "education")],
    ),
    IndexItem(
        doc_type="specialist",
        object_key="401",
        language="nl",
        title="An Peeters",
        body="Nieuwkomersspecialist OCMW Gent. Tolken, wonen, Arabisch.",
        url="/nl/specialists/people/401/",
        audience="members",
        facets=[("theme", "language-interpreting")],
    ),
    IndexItem(
        doc_type="collection",
        object_key="501",
        language="en",
        title="Working with interpreters",
        body="Practices about social interpreting, translation apps and phone "
        "interpreting.",
        url="/en/practices/collections/interpreters/",
        audience="public",
        facets=[("theme", "language-interpreting")],
    ),
]


def index_fixtures(items=FIXTURES, *, everywhere=False):
    """Index ``items`` in the embedded engine (in every configured engine when
    ``everywhere``: the live contract tests add items to the cluster too)."""
    from search.engines import engines_to_write

    documents = [build_document(item) for item in items]
    engines = engines_to_write() if everywhere else [EmbeddedEngine()]
    for engine in engines:
        engine.upsert(documents)
    add_to_vocabulary(documents)
    return documents


# Index names of this test run: runs sharing a cluster never see each other's.
RUN_PREFIX = f"test-{os.getpid()}-{uuid.uuid4().hex[:6]}"
CLUSTER_URLS = {
    "opensearch": ("OPENSEARCH_URL", "http://127.0.0.1:9200"),
    "elasticsearch": ("ELASTICSEARCH_URL", ""),
}


def cluster_required() -> bool:
    """In CI (``CI`` set) or with REQUIRE_SEARCH_CLUSTER=1 a missing cluster fails
    the live tests instead of skipping them."""
    return bool(os.environ.get("CI")) or os.environ.get(
        "REQUIRE_SEARCH_CLUSTER", ""
    ) not in ("", "0")


def engine_names():
    names = [
        "embedded",
        pytest.param("opensearch", marks=pytest.mark.opensearch),
    ]
    if os.environ.get("ELASTICSEARCH_URL"):
        names.append(pytest.param("elasticsearch", marks=pytest.mark.elasticsearch))
    return names


_reachable: dict[str, bool] = {}


def use_cluster(settings, name: str):
    """Point the settings at the live cluster ``name`` (this run's index prefix),
    or skip (fail when a cluster is required) when none answers."""
    from search.engines import engine_class

    variable, default = CLUSTER_URLS[name]
    url = os.environ.get(variable) or default
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


@pytest.fixture(params=engine_names())
def engine_name(request, settings):
    """Run a contract test once per engine: embedded, the OpenSearch cluster at
    OPENSEARCH_URL (marked ``opensearch``), Elasticsearch when ELASTICSEARCH_URL
    is set (marked ``elasticsearch``)."""
    if request.param == "embedded":
        settings.SEARCH_ENGINE = "embedded"
    else:
        use_cluster(settings, request.param)
        # A live contract test is about the cluster: no silent fallback.
        from search.engines.fallback import FallbackEngine

        monkeypatch = request.getfixturevalue("monkeypatch")
        monkeypatch.setattr(
            FallbackEngine, "_read", lambda self, what, ask: ask(self.primary)
        )
    return request.param


_built: set[str] = set()


@pytest.fixture
def fixture_documents(db, engine_name):
    """The fixtures in the embedded index and, for a live run, in the cluster:
    the first test of a run creates the cluster's indexes (a rebuild), the next
    ones empty them and index the fixtures again (much faster)."""
    if engine_name == "embedded":
        return index_fixtures()
    from search.engines import get_engine
    from search.engines.cluster import alias_names
    from search.indexing import rebuild

    if engine_name not in _built:
        documents = [build_document(i) for i in FIXTURES]
        rebuild(documents=[documents])
        _built.add(engine_name)
        return documents
    cluster = get_engine().primary
    cluster.write_client.delete_by_query(
        index=alias_names(prefix=cluster.prefix),
        body={"query": {"match_all": {}}},
        refresh=True,
        conflicts="proceed",
    )
    return index_fixtures(everywhere=True)


@pytest.fixture(autouse=True)
def _closed_breakers():
    """Every test starts with every cluster's circuit breaker closed."""
    from search.engines.breaker import reset_all

    reset_all()
    yield
    reset_all()


@pytest.fixture(scope="session", autouse=True)
def _drop_test_indexes():
    """Remove this run's indexes from the clusters at the end."""
    yield
    from django.test import override_settings

    from search.engines import engine_class

    for name, (variable, default) in CLUSTER_URLS.items():
        if not _reachable.get(name):
            continue
        url = os.environ.get(variable) or default
        with (
            override_settings(SEARCH_INDEX_PREFIX=RUN_PREFIX, **{variable: url}),
            contextlib.suppress(Exception),
        ):
            engine_class(name)().drop_indexes()
