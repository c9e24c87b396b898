"""The query log is written in batches (search/querylog.py): a search costs no
write of its own, no search is lost from a report, and each keeps its time."""

import logging

import pytest

from search import querylog
from search.models import QueryLog
from search.service import search
from tests.search.conftest import index_fixtures

pytestmark = pytest.mark.django_db


@pytest.fixture
def batches(settings, db):
    index_fixtures()
    settings.SEARCH_LOG_BATCH = 3
    settings.SEARCH_LOG_SECONDS = 3600
    yield settings
    querylog.flush()


def test_searches_are_written_together_each_with_its_own_time(batches, caseworker):
    search("tolk", user=caseworker, language="nl")
    search("huisvesting", user=caseworker, language="nl")
    assert not QueryLog.objects.exists()  # no write per search
    search("zzzqqq", user=caseworker, language="fr")
    rows = list(QueryLog.objects.order_by("id"))
    assert [(r.query, r.language) for r in rows] == [
        ("tolk", "nl"),
        ("huisvesting", "nl"),
        ("zzzqqq", "fr"),
    ]
    assert rows[0].result_count >= 1 and rows[2].result_count == 0
    assert rows[0].created_at <= rows[1].created_at <= rows[2].created_at


def test_an_old_batch_is_written_at_the_next_search(batches, caseworker):
    batches.SEARCH_LOG_SECONDS = 0
    search("tolk", user=caseworker, language="nl")
    assert QueryLog.objects.get().query == "tolk"


def test_the_report_shows_the_searches_of_an_unwritten_batch(
    batches, client, client_for, caseworker, coordinator
):
    client_for(caseworker).get("/nl/search/", {"q": "zzzqqq"})
    assert not QueryLog.objects.exists()
    page = client_for(coordinator).get("/nl/search/queries/")
    assert page.status_code == 200
    assert "zzzqqq" in page.content.decode()


def test_a_log_that_cannot_be_written_never_breaks_a_search(
    batches, caseworker, monkeypatch, caplog
):
    batches.SEARCH_LOG_BATCH = 1
    monkeypatch.setattr(querylog, "_insert_sql", lambda: "INSERT INTO no_such_table")
    with caplog.at_level(logging.WARNING, logger="search.querylog"):
        response = search("tolk", user=caseworker, language="nl")
    assert response.total >= 1
    assert "searches were not logged" in caplog.text
    assert QueryLog.objects.count() == 0  # the transaction is still usable
