"""The thesaurus on stems: a plural finds what its singular finds, through a
synonym in another language, on every engine (the cluster's language search
analysers expand synonyms after the stemmer, see docs/architecture.md)."""

import pytest

from search.indexing import IndexItem
from search.service import search

from .conftest import index_fixtures

BUDDY = IndexItem(
    doc_type="practice",
    object_key="601",
    language="en",
    title="A buddy for every newcomer family",
    body="Volunteers meet each family twice a month during the first year.",
    url="/en/practices/buddy-family/",
    audience="public",
)


def keys(response):
    return [(r.type, r.object_key) for r in response.results]


@pytest.mark.parametrize(
    ("query", "language"),
    [
        ("nieuwkomer", "nl"),
        ("nieuwkomers", "nl"),  # the thesaurus lists the singular only
        ("Neuankömmlinge", "de"),  # and the German singular "Neuankömmling"
        ("primo-arrivants", "fr"),
    ],
)
def test_a_plural_finds_the_english_item_through_the_thesaurus(
    fixture_documents, caseworker, query, language
):
    index_fixtures([BUDDY], everywhere=True)
    assert ("practice", "601") in keys(
        search(query, user=caseworker, language=language)
    )
