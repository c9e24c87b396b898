"""The API's facets: the most frequent values of each facet, how many there are,
labels in the reader's language, and the documented response shape."""

import pytest

from search.api import SearchOut
from search.indexing import IndexItem
from search.service import search
from specialists.models import Municipality
from tests.search.conftest import index_fixtures

pytestmark = pytest.mark.django_db


def practice(key: str, refnis_codes: list[str]) -> IndexItem:
    return IndexItem(
        doc_type="practice",
        object_key=key,
        language="nl",
        title=f"Tolken in het OCMW, werkwijze {key}",
        body="Een sociaal tolk bij het eerste gesprek met nieuwkomers.",
        url=f"/nl/practices/tolken-{key}/",
        audience="members",
        facets=[("municipality", code) for code in refnis_codes],
    )


@pytest.fixture
def places(municipalities):
    """Four municipalities (by their Dutch-first name) in 2, 2, 1 and 1 practices...
    and one more, named last, in one practice with all of them."""
    first, second, third, fourth, last = [
        m.refnis for m in Municipality.objects.exclude(name_nl="").order_by("name_nl")
    ][:4] + [Municipality.objects.exclude(name_nl="").order_by("-name_nl")[0].refnis]
    index_fixtures(
        [
            practice("1", [first, second]),
            practice("2", [first, second, third]),
            practice("3", [first, fourth]),
            practice("4", [first, second, third, fourth, last]),
        ]
    )
    return first, second, third, fourth, last


def municipality_facet(data):
    return [(v["value"], v["count"]) for v in data["facets"]["municipality"]]


def test_api_lists_the_most_frequent_municipalities_and_how_many_there_are(
    places, client_for, caseworker
):
    first, second, third, fourth, last = places
    client = client_for(caseworker)
    data = client.get(
        "/api/v1/search", {"q": "tolk", "lang": "nl", "facet_limit": 2}
    ).json()
    assert data["total"] == 4
    assert municipality_facet(data) == [(first, 4), (second, 3)]
    assert data["facet_totals"]["municipality"] == 5

    everything = client.get(
        "/api/v1/search", {"q": "tolk", "lang": "nl", "facet_limit": 50}
    ).json()
    # The same counts and order as before, only the tail added.
    assert municipality_facet(everything)[:2] == [(first, 4), (second, 3)]
    assert {v for v, _c in municipality_facet(everything)} == set(places)
    assert everything["facet_totals"]["municipality"] == 5


def test_ties_at_the_cut_are_ordered_by_label_and_a_selected_value_stays(
    places, client_for, caseworker
):
    first, second, third, fourth, last = places
    client = client_for(caseworker)
    # Practice 4 alone: every municipality counts once; the cut keeps the first
    # names alphabetically, and the selected one (named last) is listed as well.
    data = client.get(
        "/api/v1/search",
        {"q": "tolk", "lang": "nl", "facet_limit": 2, "municipality": last},
    ).json()
    assert data["total"] == 1
    listed = data["facets"]["municipality"]
    assert [v["value"] for v in listed] == [first, second, last]
    assert [v["selected"] for v in listed] == [False, False, True]
    assert data["facet_totals"]["municipality"] == 5


def test_default_limit_lists_twenty_values(municipalities, client_for, caseworker):
    codes = list(Municipality.objects.values_list("refnis", flat=True)[:30])
    index_fixtures([practice(str(n), [code]) for n, code in enumerate(codes)])
    data = client_for(caseworker).get("/api/v1/search", {"q": "tolk"}).json()
    assert len(data["facets"]["municipality"]) == 20
    assert data["facet_totals"]["municipality"] == 30
    assert data["total"] == 30


def test_municipality_renamed_is_labelled_so_in_the_readers_language(
    places, client_for, caseworker, label_source
):
    first = places[0]
    client = client_for(caseworker)
    before = client.get("/api/v1/search", {"q": "tolk", "lang": "fr"}).json()
    assert before["facets"]["municipality"][0]["label"] != "Ville Renommée"
    # A rename the models' signals do not see: the labels follow all the same.
    Municipality.objects.filter(refnis=first).update(
        name_fr="Ville Renommée", name_nl="Hernoemde Stad"
    )
    for lang, label in (("fr", "Ville Renommée"), ("nl", "Hernoemde Stad")):
        data = client.get(
            "/api/v1/search", {"q": "tolk", "lang": lang, "facet_limit": 1}
        ).json()
        assert data["facets"]["municipality"][0] == {
            "value": first,
            "label": label,
            "count": 4,
            "selected": False,
        }


def test_unknown_facet_values_never_take_a_place(places, caseworker):
    first, second, third, fourth, last = places
    index_fixtures([practice("9", ["99999"]), practice("10", ["99999"])])
    response = search("tolk", user=caseworker, language="nl", facet_limit=2)
    values = [(v.value, v.count) for v in response.facets["municipality"]]
    assert values == [(first, 4), (second, 3)]
    assert response.facet_totals["municipality"] == 5


def test_without_a_limit_the_page_gets_every_value(places, caseworker):
    response = search("tolk", user=caseworker, language="nl")
    assert len(response.facets["municipality"]) == 5
    assert response.facet_totals["municipality"] == 5


def test_response_matches_the_documented_schema(places, client_for, caseworker):
    client = client_for(caseworker)
    data = client.get("/api/v1/search", {"q": "tolk", "facet_limit": 3}).json()
    SearchOut.model_validate(data)
    assert set(data) == set(SearchOut.model_fields)
    schema = client.get("/api/v1/schema").json()
    operation = schema["paths"]["/api/v1/search"]["get"]
    assert "facet_limit" in {p["name"] for p in operation["parameters"]}
    assert "facet_totals" in schema["components"]["schemas"]["SearchOut"]["properties"]


def test_facet_limit_out_of_range_is_clamped_and_not_a_number_is_422(
    places, client_for, caseworker
):
    client = client_for(caseworker)
    data = client.get("/api/v1/search", {"q": "tolk", "facet_limit": 0}).json()
    assert len(data["facets"]["municipality"]) == 1
    response = client.get("/api/v1/search", {"q": "tolk", "facet_limit": "many"})
    assert response.status_code == 422
    assert response.json()["code"] == "unprocessable_entity"


def test_anonymous_facets_count_public_items_only(places, client):
    data = client.get("/api/v1/search", {"q": "tolk"}).json()
    assert data["total"] == 0
    assert data["facets"] == {}
    assert data["facet_totals"] == {}


def test_broad_search_costs_few_queries(
    municipalities, client_for, caseworker, django_assert_max_num_queries
):
    codes = list(Municipality.objects.values_list("refnis", flat=True)[:200])
    index_fixtures([practice(str(n), [code]) for n, code in enumerate(codes)])
    client = client_for(caseworker)
    with django_assert_max_num_queries(16):
        data = client.get("/api/v1/search", {"q": "tolk"}).json()
    assert data["facet_totals"]["municipality"] == 200


@pytest.fixture(params=["stamped", "read each time"])
def label_source(request, monkeypatch):
    """Both ways labels are kept: by the change stamp its triggers keep, and, where
    the triggers are missing, by reading the rows on every search."""
    from search import service

    if request.param == "read each time":
        monkeypatch.setattr(service, "triggers_installed", lambda: False)
    return request.param


def test_labels_are_reused_while_the_places_are_unchanged(places, caseworker):
    """A search does not build a model row per facet value each time: the labels
    are kept while the places are unchanged, and made again once one is not."""
    from search import service

    first = places[0]
    service._STAMPED.clear()
    search("tolk", user=caseworker, language="de")
    entry = service._STAMPED[("municipality", "de")]
    search("tolk", user=caseworker, language="de")
    assert service._STAMPED[("municipality", "de")] is entry  # reused
    Municipality.objects.filter(refnis=first).update(name_de="Umbenannt")
    response = search("tolk", user=caseworker, language="de")
    assert service._STAMPED[("municipality", "de")] is not entry
    assert response.facets["municipality"][0].label == "Umbenannt"


def test_a_search_reads_no_place_while_the_places_are_unchanged(places, caseworker):
    """Labels cost no row of the places' table while it is unchanged (its
    triggers change the stamp a search reads with the thesaurus's version); a
    change to any place, even one no search found, makes the next search read it."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def place_reads():
        with CaptureQueriesContext(connection) as queries:
            response = search("tolk", user=caseworker, language="fr")
        assert len(response.facets["municipality"]) == 5
        return [
            q["sql"]
            for q in queries.captured_queries
            if "specialists_municipality" in q["sql"]
        ]

    place_reads()
    assert place_reads() == []
    unfound = Municipality.objects.exclude(refnis__in=places).first()
    Municipality.objects.filter(pk=unfound.pk).update(name_fr="Ailleurs")
    assert len(place_reads()) == 1
    assert place_reads() == []


def test_a_rolled_back_rename_never_labels_a_later_search(places, caseworker):
    """A rename seen by a search inside a transaction that is then rolled back
    leaves no label behind, even when a later change is committed (a counted
    stamp would come back to the rolled-back value)."""
    from django.db import transaction

    first = places[0]

    def label():
        response = search("tolk", user=caseworker, language="nl")
        return {v.value: v.label for v in response.facets["municipality"]}[first]

    before = label()

    class Undo(Exception):
        pass

    with pytest.raises(Undo), transaction.atomic():
        Municipality.objects.filter(refnis=first).update(name_nl="Teruggedraaid")
        assert label() == "Teruggedraaid"
        raise Undo
    assert label() == before
    other = Municipality.objects.exclude(refnis__in=places).first()
    Municipality.objects.filter(pk=other.pk).update(name_nl="Elders")
    assert label() == before


def test_a_renamed_place_is_labelled_so_in_a_broad_search(
    municipalities, caseworker, label_source
):
    """A search finding hundreds of places reads the whole table and keeps the
    labels while it is unchanged; a rename (even by ``update()``) shows at once."""
    codes = list(Municipality.objects.values_list("refnis", flat=True)[:150])
    index_fixtures([practice(str(n), [code]) for n, code in enumerate(codes)])
    first = search("tolk", user=caseworker, language="nl", facet_limit=200)
    labels = {v.value: v.label for v in first.facets["municipality"]}
    assert len(labels) == 150
    Municipality.objects.filter(refnis=codes[7]).update(name_nl="Hernoemd")
    again = search("tolk", user=caseworker, language="nl", facet_limit=200)
    renamed = {v.value: v.label for v in again.facets["municipality"]}
    assert renamed == {**labels, codes[7]: "Hernoemd"}


def test_a_renamed_place_among_a_broad_searchs_top_values_shows_at_once(
    municipalities, client_for, caseworker, label_source
):
    """The API lists a broad search's top places from the process's copy of the
    table, checked against the rows of the places it lists: a rename of one of
    them shows on the next search."""
    codes = list(Municipality.objects.values_list("refnis", flat=True)[:150])
    places = [codes[0]] * 3 + [codes[1]] * 2 + codes[2:]
    index_fixtures([practice(str(n), [code]) for n, code in enumerate(places)])
    client = client_for(caseworker)
    params = {"q": "tolk", "lang": "nl", "facet_limit": 2}

    def top():
        data = client.get("/api/v1/search", params).json()
        assert data["facet_totals"]["municipality"] == 150
        return [
            (v["value"], v["count"], v["label"]) for v in data["facets"]["municipality"]
        ]

    first = top()
    assert [(v, c) for v, c, _label in first] == [(codes[0], 3), (codes[1], 2)]
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        assert top() == first
    reads = [
        q["sql"]
        for q in queries.captured_queries
        if "specialists_municipality" in q["sql"]
    ]
    if label_source == "stamped":
        assert reads == []
    else:  # the rows of the two places listed, not of all
        assert len(reads) == 1
        assert reads[0].split(" IN (", 1)[1].count(",") == 1
    Municipality.objects.filter(refnis=codes[1]).update(name_nl="Hernoemd")
    assert top() == [first[0], (codes[1], 2, "Hernoemd")]


def test_a_search_finding_every_place_counts_every_place(
    municipalities, client_for, caseworker
):
    """Each of Belgium's municipalities is a facet value: a search finding all of
    them counts all of them (the cluster listed 500 facet values at most, and the
    rarest places went missing from a broad search's facet and its total)."""
    codes = list(Municipality.objects.values_list("refnis", flat=True))
    assert len(codes) > 500
    index_fixtures([practice(str(n), [code]) for n, code in enumerate(codes)])
    client = client_for(caseworker)
    data = client.get(
        "/api/v1/search", {"q": "tolk", "lang": "nl", "facet_limit": 1000}
    ).json()
    assert data["facet_totals"]["municipality"] == len(codes)
    assert {v["value"] for v in data["facets"]["municipality"]} == set(codes)


def test_without_the_stamp_table_the_triggers_go_and_places_can_be_renamed(
    places, caseworker
):
    """``search`` migrated back before its change stamps: the next ``migrate``
    removes the triggers, so a rename no longer fails on the missing table, and
    the labels are read from the places' rows again."""
    from django.db import connection

    from search import stamps

    with connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE {stamps.STAMP_TABLE}")
    stamps.install_triggers()  # what migrate's post_migrate signal runs
    try:
        assert not stamps.triggers_installed()
        Municipality.objects.filter(refnis=places[0]).update(name_nl="Hernoemd")
        response = search("tolk", user=caseworker, language="nl")
        labels = {v.value: v.label for v in response.facets["municipality"]}
        assert labels[places[0]] == "Hernoemd"
    finally:
        stamps._INSTALLED.clear()  # the test's transaction brings them back


def test_type_and_language_labels_stay_in_each_readers_language():
    """The labels of types and content languages are translated once a process
    per interface language (``fixed_labels``): a French reader after a Dutch one
    still reads French."""
    from django.utils import translation

    from search.models import DocType
    from search.service import facet_labels, language_name

    wanted = {"type": {"practice", "question"}, "language": {"de", "nl"}}
    seen = {}
    for language in ("fr", "nl", "fr", "de"):
        with translation.override(language):
            labels = facet_labels(wanted, language)
            assert labels["type"] == {
                "practice": str(DocType.PRACTICE.label),
                "question": str(DocType.QUESTION.label),
            }
            assert labels["language"] == {
                "de": language_name("de"),
                "nl": language_name("nl"),
            }
            seen.setdefault(language, labels)
            assert labels == seen[language]
    assert seen["fr"]["language"]["nl"] != seen["nl"]["language"]["nl"]
    assert seen["fr"]["type"]["question"] != seen["de"]["type"]["question"]
