"""All words preferred, half of them required (the minimum-should-match rule)."""

import pytest

from search.engines import embedded
from search.engines.base import minimum_should_match
from search.indexing import IndexItem
from search.query import parse
from search.service import search
from search.thesaurus import current_index

from .conftest import index_fixtures

pytestmark = pytest.mark.embedded_search("the embedded engine's ranking window")


def _item(key, title, body, language="en"):
    return IndexItem(
        doc_type="question",
        object_key=key,
        language=language,
        title=title,
        body=body,
        url=f"/en/q/{key}/",
        audience="public",
    )


@pytest.fixture
def documents(db):
    index_fixtures(
        [
            # Holds every word of the query, weakly, in its body.
            _item("1", "Notes", "Rural transport and a tenant association met."),
            # The right answers: most of the words, in the title.
            _item("2", "Rural transport for newcomers", "Bus passes in villages."),
            _item("3", "Transport in rural municipalities", "Car sharing."),
            # One word only: not enough for a three-word query.
            _item("4", "Tenant rights", "A lease and a deposit."),
        ]
    )


def test_half_of_the_groups_are_required_rounded_up():
    assert [minimum_should_match(n) for n in range(1, 7)] == [1, 1, 2, 2, 3, 3]


def test_documents_missing_a_word_are_found_and_one_holding_all_ranks_first(
    documents, caseworker
):
    response = search("rural transport tenant", user=caseworker, language="en")
    keys = [r.object_key for r in response.results]
    assert set(keys) == {"1", "2", "3"}  # "4" holds one word of three
    assert not response.partial_match


def test_beyond_the_ranking_window_documents_with_every_word_come_first(
    documents, caseworker, monkeypatch
):
    monkeypatch.setattr(embedded, "RANK_WINDOW", 1)
    response = search("rural transport tenant", user=caseworker, language="en")
    assert response.total == 3
    assert response.results[0].object_key == "1"
    assert {r.object_key for r in response.results[1:]} == {"2", "3"}


def test_an_english_stop_word_does_not_start_a_thesaurus_concept(db):
    parsed = parse("training for newcomers", "en", current_index())
    assert "forem" not in {g.concept for g in parsed.groups}
    assert "for" not in [g.text for g in parsed.groups]


def test_an_unknown_word_is_searched_as_its_correction(documents, caseworker):
    response = search("rurall transport", user=caseworker, language="en")
    assert response.corrected
    assert response.did_you_mean == "rural transport"
    assert {r.object_key for r in response.results} == {"1", "2", "3"}
