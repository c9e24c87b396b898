"""A small multilingual fixture set of search documents, and the engines to test."""

import os

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


def index_fixtures(items=FIXTURES):
    documents = [build_document(item) for item in items]
    EmbeddedEngine().upsert(documents)
    add_to_vocabulary(documents)
    return documents


def engine_names():
    names = ["embedded"]
    if os.environ.get("ELASTICSEARCH_URL"):
        names.append("elasticsearch")
    return names


@pytest.fixture(params=engine_names())
def engine_name(request, settings):
    """Run a contract test once per engine (Elasticsearch only with a cluster)."""
    if request.param == "elasticsearch":
        from search.engines.elasticsearch import ElasticsearchEngine

        settings.SEARCH_ENGINE = "elasticsearch"
        settings.ELASTICSEARCH_URL = os.environ["ELASTICSEARCH_URL"]
        if not ElasticsearchEngine().ping():
            pytest.skip("Elasticsearch at ELASTICSEARCH_URL is not reachable")
    else:
        settings.SEARCH_ENGINE = "embedded"
    return request.param


@pytest.fixture
def fixture_documents(db, engine_name):
    documents = index_fixtures()
    if engine_name == "elasticsearch":
        from search.indexing import rebuild

        rebuild(documents=[[build_document(i) for i in FIXTURES]])
    return documents
