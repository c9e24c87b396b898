"""The embedded engine's bounded work for broad searches, seen from the outside.

Facet counts are exact up to FACET_SAMPLE matches and estimated (and said to be)
beyond; the total is always exact; results beyond the ranking window still come.
The bounds are lowered here so that a handful of documents cross them.
"""

import pytest
from django.urls import reverse
from django.utils import translation

from search.engines import embedded
from search.indexing import IndexItem
from search.service import search

from .conftest import index_fixtures

pytestmark = pytest.mark.embedded_search("the bounds of the embedded engine itself")


def _items(count):
    return [
        IndexItem(
            doc_type="question" if n % 2 else "practice",
            object_key=str(9000 + n),
            language="en",
            title=f"Housing for newcomers, case {n}" if n < 2 else f"Case {n}",
            body="A newcomer family looks for housing with the social worker.",
            url=f"/en/case/{n}/",
            audience="public",
            facets=[("theme", "housing" if n % 3 else "health")],
        )
        for n in range(12)
    ]


@pytest.fixture
def many(db):
    index_fixtures(_items(12))


def test_facet_counts_are_exact_below_the_sample(many, caseworker, monkeypatch):
    monkeypatch.setattr(embedded, "FACET_SAMPLE", 100)
    response = search("housing", user=caseworker, language="en")
    assert response.total == 12
    assert not response.facets_estimated
    types = {f.value: f.count for f in response.facets["type"]}
    assert types == {"practice": 6, "question": 6}
    themes = {f.value: f.count for f in response.facets["theme"]}
    assert themes == {"housing": 8, "health": 4}


def test_facet_counts_beyond_the_sample_are_estimated_and_said_so(
    many, caseworker, monkeypatch, client
):
    monkeypatch.setattr(embedded, "FACET_SAMPLE", 4)
    response = search("housing", user=caseworker, language="en")
    assert response.total == 12  # the total stays exact
    assert response.facets_estimated
    counts = {f.value: f.count for f in response.facets["type"]}
    assert sum(counts.values()) == 12  # scaled up from the sample of 4
    client.force_login(caseworker)
    with translation.override("en"):
        url = reverse("search:index")
    page = client.get(url, {"q": "housing"})
    assert "≈" in page.content.decode()


def test_beyond_the_ranking_window_title_matches_come_first_and_all_pages_fill(
    many, caseworker, monkeypatch
):
    monkeypatch.setattr(embedded, "RANK_WINDOW", 3)
    first = search("housing", user=caseworker, language="en", per_page=5)
    assert first.total == 12
    # Both title matches before any body-only match.
    assert {r.object_key for r in first.results[:2]} == {"9000", "9001"}
    seen = []
    for page in (1, 2, 3):
        response = search(
            "housing", user=caseworker, language="en", page=page, per_page=5
        )
        seen += [r.object_key for r in response.results]
    assert sorted(seen) == sorted(str(9000 + n) for n in range(12))


def test_match_form_drops_short_and_stop_words_and_redundant_phrases():
    """PostgreSQL's match reads fewer posting lists; what it finds is unchanged."""
    phrases = {("revenu", "d", "integr"), ("revenu", "d", "integr", "social"), ("ris",)}
    assert embedded._loose_phrases(phrases) == [("integr", "revenu"), ("ris",)]
    # A phrase of short words only is kept whole rather than dropped.
    assert embedded._loose_phrases({("a", "b")}) == [("a", "b")]


def test_many_title_matches_are_counted_only_as_far_as_needed(
    many, caseworker, monkeypatch
):
    monkeypatch.setattr(embedded, "RANK_WINDOW", 1)
    # Two title matches, a cap of 1 + 1: the page still starts with them and the
    # body-only matches follow on the next pages without gaps or repeats.
    seen = []
    for page in (1, 2, 3, 4, 5, 6):
        response = search(
            "housing", user=caseworker, language="en", page=page, per_page=2
        )
        seen += [r.object_key for r in response.results]
    assert set(seen[:2]) == {"9000", "9001"}
    assert sorted(seen) == sorted(str(9000 + n) for n in range(12))


def test_sqlite_counts_facets_on_a_smaller_sample(many, caseworker, monkeypatch):
    """SQLite counts facets on its own, smaller sample (the GROUP BY reads each
    sampled row): beyond it the counts are estimated and said to be, while the
    total stays exact; PostgreSQL keeps the larger FACET_SAMPLE."""
    from django.db import connection

    monkeypatch.setattr(embedded, "FACET_SAMPLE", 100)
    monkeypatch.setattr(embedded, "SQLITE_FACET_SAMPLE", 4)
    response = search("housing", user=caseworker, language="en")
    assert response.total == 12
    counts = {f.value: f.count for f in response.facets["type"]}
    if connection.vendor == "sqlite":
        assert response.facets_estimated
        assert sum(counts.values()) == 12  # scaled up from the sample of 4
    else:
        assert not response.facets_estimated
        assert counts == {"practice": 6, "question": 6}
