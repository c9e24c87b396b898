"""A small multilingual fixture set of search documents, and the engines to test."""

import os

import pytest

from search.engines.embedded import EmbeddedEngine
from search.indexing import IndexItem, add_to_vocabulary, build_document
from tests.search.cluster import (  # noqa: F401 (imported by the test modules)
    RUN_PREFIX,
    cluster_required,
    empty_indexes,
    is_live_cluster,
    use_cluster,
)

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
    """Index ``items`` in the embedded engine; in every configured engine when
    ``everywhere`` (the live contract tests add items to the cluster too) or when
    the configured engine is the run's live cluster (``--search-engine``)."""
    from search.engines import engines_to_write, get_engine

    documents = [build_document(item) for item in items]
    live = is_live_cluster(getattr(get_engine(), "primary", None))
    engines = engines_to_write() if everywhere or live else [EmbeddedEngine()]
    for engine in engines:
        engine.upsert(documents)
    add_to_vocabulary(documents)
    return documents


def engine_names():
    names = [
        "embedded",
        pytest.param("opensearch", marks=pytest.mark.opensearch),
    ]
    if os.environ.get("ELASTICSEARCH_URL"):
        names.append(pytest.param("elasticsearch", marks=pytest.mark.elasticsearch))
    return names


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
    from search.indexing import rebuild

    if engine_name not in _built:
        documents = [build_document(i) for i in FIXTURES]
        rebuild(documents=[documents])
        _built.add(engine_name)
        return documents
    empty_indexes(get_engine().primary)
    return index_fixtures(everywhere=True)
