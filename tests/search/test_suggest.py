"""Header search box suggestions (``search.service.suggest``): the Elasticsearch
completion suggester with an audience context, as data and with a mocked client;
the fallback to the embedded engine; the embedded path on its own."""

import logging
from unittest import mock

import pytest

from search.engines import elasticsearch as es
from search.engines.base import EngineError
from search.indexing import build_document
from search.models import SearchDocument
from search.service import suggest
from tests.search.conftest import FIXTURES, index_fixtures

pytestmark = pytest.mark.django_db


@pytest.fixture
def indexed(db, settings):
    settings.SEARCH_ENGINE = "embedded"
    return index_fixtures()


def option(doc_type, object_key, title, url, audience="public", text=None):
    return {
        "text": text or title,
        "_index": f"exchange-{doc_type}-1",
        "_id": object_key,
        "_score": 1.0,
        "_source": {
            "doc_type": doc_type,
            "object_key": object_key,
            "language": "nl",
            "title": title,
            "url": url,
            "audience": audience,
        },
    }


def completion_response(*options):
    return {
        "hits": {"total": {"value": 0}, "hits": []},
        "suggest": {"titles": [{"text": "x", "offset": 0, "options": list(options)}]},
    }


# --- as data --------------------------------------------------------------------
def test_completion_field_has_an_audience_category_context():
    mapping = es.index_settings("question")["mappings"]["properties"]
    suggest_field = mapping["title_suggest"]
    assert suggest_field["type"] == "completion"
    assert suggest_field["analyzer"] == "folding"
    assert suggest_field["contexts"] == [
        {"name": "audience", "type": "category", "path": "audience"}
    ]
    assert mapping["audience"]["type"] == "keyword"  # the context's path


def test_completion_input_starts_at_each_title_word_and_weighs_popularity():
    document = build_document(FIXTURES[1])
    document.popularity = 7.6
    value = es.suggest_input(document)
    assert value["input"][0] == "Budgetbegeleiding bij de start van het leefloon"
    assert "start van het leefloon" in value["input"]
    assert value["input"][-1] == "leefloon"
    assert value["weight"] == 7
    document.popularity = -3  # a downvoted answer
    assert es.suggest_input(document)["weight"] == 0


def test_long_titles_offer_a_bounded_number_of_inputs():
    document = build_document(FIXTURES[0])
    document.title = " ".join(f"w{i}" for i in range(40))
    assert len(es.suggest_input(document)["input"]) == es.MAX_SUGGEST_INPUTS


def test_suggest_body_asks_completion_in_the_audiences_only():
    body = es.suggest_search("tol", ["public", "members"], size=5).to_dict()
    titles = body["suggest"]["titles"]
    assert titles["prefix"] == "tol"
    completion = titles["completion"]
    assert completion["field"] == "title_suggest"
    assert completion["contexts"] == {"audience": ["public", "members"]}
    assert completion["skip_duplicates"] is True
    assert completion["size"] == 5
    assert body["size"] == 0  # suggestions only, no search hits
    assert set(body["_source"]) >= {"doc_type", "object_key", "title", "url"}
    assert "body" not in body["_source"]


# --- the engine, with a mocked client -------------------------------------------
def test_engine_suggest_returns_the_indexed_documents_it_names(indexed):
    client = mock.MagicMock()
    client.search.return_value = completion_response(
        option(
            "practice",
            "102",
            "Budgetbegeleiding bij de start van het leefloon",
            "/nl/practices/budget-leefloon/",
            audience="members",
        )
    )
    engine = es.ElasticsearchEngine(client=client)
    (document,) = engine.suggest("budg", ["public", "members"], limit=3)
    assert isinstance(document, SearchDocument)
    assert (document.doc_type, document.object_key) == ("practice", "102")
    assert document.url == "/nl/practices/budget-leefloon/"
    body = client.search.call_args.kwargs["body"]
    completion = body["suggest"]["titles"]["completion"]
    assert body["suggest"]["titles"]["prefix"] == "budg"
    assert completion["contexts"] == {"audience": ["public", "members"]}
    assert completion["size"] == 3


def test_engine_suggest_raises_engine_error_on_failure_or_bad_response():
    client = mock.MagicMock()
    client.search.return_value = {"unexpected": True}
    with pytest.raises(EngineError):
        es.ElasticsearchEngine(client=client).suggest("tol", ["public"])
    client.search.side_effect = ConnectionError("cluster down")
    with pytest.raises(EngineError):
        es.ElasticsearchEngine(client=client).suggest("tol", ["public"])


def test_engine_suggest_without_audiences_asks_nothing():
    client = mock.MagicMock()
    assert es.ElasticsearchEngine(client=client).suggest("tol", []) == []
    assert not client.search.called


# --- the service ----------------------------------------------------------------
def test_service_uses_elasticsearch_when_configured(indexed, settings, caseworker):
    settings.SEARCH_ENGINE = "elasticsearch"
    client = mock.MagicMock()
    client.search.return_value = completion_response(
        option(
            "practice",
            "102",
            "Budgetbegeleiding bij de start van het leefloon",
            "/nl/practices/budget-leefloon/",
            audience="members",
        )
    )
    with mock.patch.object(es.ElasticsearchEngine, "client", client):
        found = suggest("budg", user=caseworker, language="fr")
    assert found == [
        {
            "title": "Budgetbegeleiding bij de start van het leefloon",
            # in the reader's interface, the practice in its own language
            "url": "/fr/practices/nl/budget-leefloon/",
            "type": "practice",
        }
    ]
    completion = client.search.call_args.kwargs["body"]["suggest"]["titles"]
    assert completion["prefix"] == "budg"
    assert completion["completion"]["contexts"] == {"audience": ["public", "members"]}


def test_service_asks_elasticsearch_for_public_titles_only_when_anonymous(
    indexed, settings
):
    settings.SEARCH_ENGINE = "elasticsearch"
    client = mock.MagicMock()
    # A stale copy in the cluster still calls a members-only practice public.
    client.search.return_value = completion_response(
        option("practice", "102", "Budgetbegeleiding", "/nl/practices/budget/"),
        option("collection", "501", "Working with interpreters", "/en/x/"),
    )
    with mock.patch.object(es.ElasticsearchEngine, "client", client):
        found = suggest("wor", user=None, language="en")
    completion = client.search.call_args.kwargs["body"]["suggest"]["titles"]
    assert completion["completion"]["contexts"] == {"audience": ["public"]}
    # Checked against the index rows: members-only 102 is dropped, and the title and
    # address come from the row, not from the cluster's copy.
    assert found == [
        {
            "title": "Working with interpreters",
            "url": "/en/practices/collections/interpreters/",
            "type": "collection",
        }
    ]


def test_service_drops_suggestions_no_longer_indexed(indexed, settings, caseworker):
    settings.SEARCH_ENGINE = "elasticsearch"
    client = mock.MagicMock()
    client.search.return_value = completion_response(
        option("question", "999", "Deleted question", "/nl/forum/questions/999/")
    )
    with mock.patch.object(es.ElasticsearchEngine, "client", client):
        assert suggest("dele", user=caseworker) == []


def test_service_falls_back_to_embedded_when_elasticsearch_fails(
    indexed, settings, caseworker, caplog
):
    settings.SEARCH_ENGINE = "elasticsearch"
    client = mock.MagicMock()
    client.search.side_effect = ConnectionError("cluster down")
    with (
        mock.patch.object(es.ElasticsearchEngine, "client", client),
        caplog.at_level(logging.WARNING, logger="search.engines"),
    ):
        found = suggest("budg", user=caseworker, language="nl")
    assert client.search.called
    assert [s["title"] for s in found] == [
        "Budgetbegeleiding bij de start van het leefloon"
    ]
    # One failure is not an outage: the breaker logs only when it opens.
    assert "cluster down" not in caplog.text


def test_fallback_still_respects_permissions(indexed, settings):
    settings.SEARCH_ENGINE = "elasticsearch"
    client = mock.MagicMock()
    client.search.side_effect = ConnectionError("cluster down")
    with mock.patch.object(es.ElasticsearchEngine, "client", client):
        assert suggest("budg", user=None) == []


def test_embedded_path_never_asks_elasticsearch(indexed, caseworker):
    with mock.patch.object(es.ElasticsearchEngine, "suggest") as es_suggest:
        found = suggest("interp", user=caseworker, language="de")
    assert not es_suggest.called
    assert {s["title"] for s in found} == {
        "Le recours à un interprète social au CPAS",
        "Working with interpreters",
    }
    by_title = {s["title"]: s for s in found}
    # Every address follows the reader: a practice of another language opens in
    # the reader's library under its language code (issue 15, item 1).
    assert by_title["Working with interpreters"]["type"] == "collection"
    assert (
        by_title["Le recours à un interprète social au CPAS"]["url"]
        == "/de/practices/fr/interprete-social/"
    )


def test_embedded_suggestions_respect_permissions_and_short_prefixes(
    indexed, caseworker
):
    assert suggest("budg", user=None) == []
    assert [s["type"] for s in suggest("budg", user=caseworker)] == ["practice"]
    assert suggest("b", user=caseworker) == []
    assert suggest("   ", user=caseworker) == []
