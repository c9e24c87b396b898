"""The search page, the JSON API, suggestions and the coordinators' query report."""

import pytest

from search.engines import configured_name
from search.models import QueryLog
from tests.search.conftest import index_fixtures

pytestmark = pytest.mark.django_db


@pytest.fixture
def indexed(db):
    index_fixtures()


def test_search_page_shows_cross_language_result_with_highlight(
    indexed, client_for, caseworker
):
    response = client_for(caseworker).get("/nl/search/", {"q": "tolk"})
    html = response.content.decode()
    assert response.status_code == 200
    # The French practice opens inside the Dutch interface (issue 15, item 1).
    assert "/nl/practices/fr/interprete-social/" in html
    assert "<mark>" in html


def test_facet_links_keep_the_query_and_toggle_the_filter(
    indexed, client_for, caseworker
):
    response = client_for(caseworker).get("/en/search/", {"q": "interpreter"})
    html = response.content.decode()
    assert "?q=interpreter&amp;type=collection" in html
    filtered = client_for(caseworker).get(
        "/en/search/", {"q": "interpreter", "type": "collection"}
    )
    assert filtered.context["response"].total == 1


def test_empty_result_help_in_the_users_language(indexed, client):
    response = client.get("/fr/search/", {"q": "zzzzqqq"})
    assert response.status_code == 200
    assert response.context["response"].total == 0
    assert "empty-result" in response.content.decode()


def test_anonymous_page_lists_no_members_content(indexed, client):
    response = client.get("/nl/search/", {"q": "leefloon"})
    assert response.context["response"].total == 0


def test_search_is_logged_without_user(indexed, client_for, caseworker):
    client_for(caseworker).get("/nl/search/", {"q": "Tolk"})
    log = QueryLog.objects.get()
    assert (log.query, log.language, log.engine) == ("tolk", "nl", configured_name())
    assert log.result_count >= 1
    assert not any(f.name in ("user", "user_id") for f in QueryLog._meta.fields)


def test_api_search_returns_typed_results_and_facets(
    indexed, client_for, caseworker, django_assert_max_num_queries
):
    client = client_for(caseworker)
    with django_assert_max_num_queries(20):
        data = client.get("/api/v1/search", {"q": "tolk", "lang": "nl"}).json()
    ids = [r["id"] for r in data["results"]]
    assert "practice:101" in ids
    assert data["engine"] == configured_name()
    assert {"value", "label", "count", "selected"} <= set(data["facets"]["type"][0])
    assert "<" not in data["results"][0]["title"]


def test_api_anonymous_gets_public_only(indexed, client):
    data = client.get("/api/v1/search", {"q": "interpreter"}).json()
    assert {r["type"] for r in data["results"]} <= {"practice", "collection"}


def test_api_is_in_the_openapi_schema(client):
    paths = client.get("/api/v1/schema").json()["paths"]
    assert "/api/v1/search" in paths
    assert "/api/v1/suggest" in paths


def test_suggest_completes_titles(indexed, client_for, caseworker):
    data = (
        client_for(caseworker)
        .get("/api/v1/suggest", {"q": "budg", "lang": "nl"})
        .json()
    )
    assert data["suggestions"][0]["title"].startswith("Budgetbegeleiding")


def test_suggest_respects_permissions(indexed, client):
    data = client.get("/api/v1/suggest", {"q": "budg"}).json()
    assert data["suggestions"] == []


def test_query_report_for_coordinators_only(
    indexed, client_for, caseworker, coordinator
):
    QueryLog.objects.create(query="tolk", language="nl", result_count=3, engine="x")
    QueryLog.objects.create(query="zzz", language="nl", result_count=0, engine="x")
    assert client_for(caseworker).get("/nl/search/queries/").status_code == 403
    response = client_for(coordinator).get("/nl/search/queries/")
    assert response.status_code == 200
    assert "zzz" in response.content.decode()


def test_thesaurus_change_applies_without_reindexing(indexed, caseworker):
    from search.models import Concept
    from search.service import search

    assert search("kinderopvangmagie", user=caseworker, language="nl").total == 0
    Concept.objects.create(key="magic", nl="kinderopvangmagie", en="childcare")
    assert search("kinderopvangmagie", user=caseworker, language="nl").total == 1


def test_api_titles_are_plain_text_not_html_entities(indexed, client_for, caseworker):
    data = client_for(caseworker).get("/api/v1/search", {"q": "intégration"}).json()
    titles = [r["title"] for r in data["results"]]
    assert "Revenu d'intégration pendant une formation ?" in titles
    assert not any("&#" in title or "&amp;" in title for title in titles)
