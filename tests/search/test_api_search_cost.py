"""What one API search costs and still does, after cutting its per-search work:
a bounded number of queries, the search log row, a thesaurus edit taking effect
on the next search, facet labels read fresh, snippets escaped and marked."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from search.indexing import IndexItem
from search.models import Concept, QueryLog
from search.snippets import highlight
from specialists.models import Municipality
from tests.search.conftest import index_fixtures

pytestmark = pytest.mark.django_db

# Session and user (3), thesaurus version (1), engine (count, facets, page: 3),
# the shown documents (1), one per facet table (5), the search log (1).
API_SEARCH_QUERIES = 14


def practice(key: str, title: str, refnis_codes: list[str]) -> IndexItem:
    return IndexItem(
        doc_type="practice",
        object_key=key,
        language="nl",
        title=title,
        body="Een sociaal tolk bij het eerste gesprek met nieuwkomers.",
        url=f"/nl/practices/p-{key}/",
        audience="members",
        facets=[("municipality", code) for code in refnis_codes],
    )


@pytest.fixture
def indexed(municipalities):
    codes = list(Municipality.objects.values_list("refnis", flat=True)[:30])
    index_fixtures(
        [practice(str(n), f"Tolken, werkwijze {n}", codes[n:]) for n in range(30)]
    )
    return codes


def test_one_member_api_search_costs_a_fixed_number_of_queries(
    indexed, client_for, caseworker
):
    client = client_for(caseworker)
    client.get("/api/v1/search", {"q": "tolk"})  # the session is read once cached
    with CaptureQueriesContext(connection) as queries:
        data = client.get("/api/v1/search", {"q": "tolk", "lang": "nl"}).json()
    assert data["total"] == 30
    assert data["facet_totals"]["municipality"] == 30
    assert len(queries) <= API_SEARCH_QUERIES, "\n".join(
        q["sql"][:120] for q in queries.captured_queries
    )


def test_every_api_search_is_still_logged(indexed, client_for, caseworker):
    client = client_for(caseworker)
    client.get("/api/v1/search", {"q": "tolken", "lang": "fr"})
    client.get("/api/v1/search", {"q": "tolk gesprek", "lang": "nl"})
    assert list(
        QueryLog.objects.order_by("id").values_list("query", "language", "result_count")
    ) == [("tolken", "fr", 30), ("tolk gesprek", "nl", 30)]


def test_a_thesaurus_edit_applies_to_the_next_api_search(
    indexed, client_for, caseworker
):
    client = client_for(caseworker)

    def total(word):
        return client.get("/api/v1/search", {"q": word, "lang": "en"}).json()["total"]

    assert total("quuxbar") == 0
    concept = Concept.objects.create(key="quux-test", nl="tolk")
    assert total("quuxbar") == 0
    concept.en = "quuxbar"
    concept.save()
    assert total("quuxbar") == 30
    concept.delete()
    assert total("quuxbar") == 0


def test_a_renamed_place_is_labelled_so_on_the_next_api_search(
    indexed, client_for, caseworker
):
    client = client_for(caseworker)
    params = {"q": "tolk", "lang": "fr", "facet_limit": 1}

    def top_label():
        return client.get("/api/v1/search", params).json()["facets"]["municipality"]

    first = top_label()[0]
    assert first["value"] == indexed[29] and first["count"] == 30
    Municipality.objects.filter(refnis=indexed[29]).update(name_fr="Renommée")
    assert top_label() == [{**first, "label": "Renommée"}]


def test_a_snippet_marks_the_matched_words_and_escapes_everything_else():
    text = 'Le <b>tolk</b> & "l\'interprète" aident les TOLK.'
    assert highlight(text, "fr", {"tolk", "interpret"}) == (
        "Le &lt;b&gt;<mark>tolk</mark>&lt;/b&gt; &amp; &quot;l&#x27;"
        "<mark>interprète</mark>&quot; aident les <mark>TOLK</mark>."
    )
    assert highlight(" <> & ", "fr", {"tolk"}) == ""
    long = " ".join(f"woord{n}" for n in range(100)) + " tolk <x> " + "einde " * 40
    snippet = highlight(long, "nl", {"tolk"}, width=12)
    assert snippet == (
        "… woord96 woord97 woord98 woord99 <mark>tolk</mark> &lt;x&gt; "
        "einde einde einde einde einde einde …"
    )


def test_a_person_shows_facts_not_a_snippet_of_the_indexed_text(client_for, caseworker):
    """No snippet is built for a result that shows facts instead (a specialist)."""
    index_fixtures(
        [
            IndexItem(
                doc_type="specialist",
                object_key="999999",
                language="nl",
                title="Tolk coördinator",
                body="Thema's: tolken, huisvesting. Gemeenten: Gent.",
                url="/nl/specialists/999999/",
                audience="members",
            )
        ]
    )
    data = client_for(caseworker).get("/api/v1/search", {"q": "tolk"}).json()
    [person] = data["results"]
    assert person["type"] == "specialist"
    assert person["title_html"] == "<mark>Tolk</mark> coördinator"
    assert person["snippet_html"] == ""


def test_hits_by_type_and_key_are_paired_with_their_documents(db):
    """A cluster's hits carry a type and a key, not our row id: each is paired
    with its own document (the same key in another type is another document),
    in the engine's order, and a hit whose document is gone is left out."""
    from search.engines.base import EngineHit
    from search.service import _pair

    index_fixtures(
        [
            IndexItem(
                doc_type=doc_type,
                object_key="7",
                language="nl",
                title=f"{doc_type} 7",
                body="Tolk",
                url=f"/nl/{doc_type}/7/",
                audience="members",
            )
            for doc_type in ("practice", "question")
        ]
    )
    hits = [
        EngineHit(None, "question", "7", 2.0),
        EngineHit(None, "practice", "404", 1.5),
        EngineHit(None, "practice", "7", 1.0),
    ]
    pairs = _pair(hits)
    assert [(p, d.doc_type, d.object_key, d.title) for p, _h, d in pairs] == [
        (0, "question", "7", "question 7"),
        (2, "practice", "7", "practice 7"),
    ]


def test_a_result_title_is_the_stored_title_as_text(client_for, caseworker):
    """The API's plain ``title`` is the stored one, whatever it holds that HTML
    would escape; ``title_html`` marks the matched words."""
    title = 'Tolk & "interprète" <b>niet</b> vergeten'
    index_fixtures([practice("1", title, [])])
    [result] = (
        client_for(caseworker).get("/api/v1/search", {"q": "tolk"}).json()["results"]
    )
    assert result["title"] == title
    assert result["title_html"].startswith("<mark>Tolk</mark> &amp; &quot;")


def test_control_characters_in_a_stored_text_never_become_markup():
    """A snippet is escaped as one text with its marks as control characters:
    such characters in the stored text are dropped, never turned into tags."""
    text = "Le tolk\x01<b>\x02 aide & tolk\x02."
    assert highlight(text, "fr", {"tolk"}) == (
        "Le <mark>tolk</mark>&lt;b&gt; aide &amp; <mark>tolk</mark>."
    )
