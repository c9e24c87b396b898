"""The engine contract: relevance across languages, permissions, facets, snippets.

Runs on the embedded engine always, on the OpenSearch cluster at OPENSEARCH_URL
(marked ``opensearch``: skipped without a cluster, required in CI), and on
Elasticsearch when ELASTICSEARCH_URL is set.
"""

import pytest
from django.contrib.auth.models import AnonymousUser

from search.engines import engines_to_write
from search.indexing import IndexItem, build_document, rebuild
from search.models import Concept
from search.service import search, similar, suggest

from .conftest import FIXTURES, engine_names, index_fixtures, use_cluster


def keys(response):
    return [(r.type, r.object_key) for r in response.results]


def test_dutch_word_tolk_finds_french_interpreter_practice(
    fixture_documents, caseworker
):
    response = search("tolk", user=caseworker, language="nl")
    assert ("practice", "101") in keys(response)


def test_leefloon_finds_revenu_d_integration_question(fixture_documents, caseworker):
    response = search("leefloon", user=caseworker, language="nl")
    assert ("question", "201") in keys(response)
    assert ("practice", "102") in keys(response)


def test_french_revenu_d_integration_finds_dutch_leefloon(
    fixture_documents, caseworker
):
    response = search("revenu d'intégration", user=caseworker, language="fr")
    assert ("practice", "102") in keys(response)


def test_ocmw_finds_cpas_and_oeshz(fixture_documents, caseworker):
    found = keys(search("OCMW", user=caseworker, language="nl"))
    assert ("practice", "101") in found
    assert ("practice", "103") in found


def test_typo_interprette_is_corrected(fixture_documents, caseworker):
    response = search("interprette", user=caseworker, language="fr")
    assert response.did_you_mean
    assert ("practice", "101") in keys(response)


def test_a_corrected_query_that_finds_results_asks_the_engine_once(
    fixture_documents, caseworker, monkeypatch
):
    """A word in neither the index nor the thesaurus is corrected before the
    engine is asked: when the corrected query finds results, the query as typed
    (which that word keeps from matching) is never run."""
    from search import service

    asked = []
    run = service._run

    def counted(engine, request):
        asked.append(" ".join(g.text for g in request.query.groups))
        return run(engine, request)

    monkeypatch.setattr(service, "_run", counted)
    response = search("interprette", user=caseworker, language="fr")
    assert response.corrected and ("practice", "101") in keys(response)
    assert len(asked) == 1 and "interprette" not in asked[0]
    asked.clear()
    typed = search("tolk zzqxv", user=caseworker, language="nl")
    assert not typed.corrected  # nothing to correct it to: the typed query runs
    assert asked[-1] == "tolk zzqxv"
    assert ("practice", "101") in keys(typed)


def test_stemming_matches_plural_and_singular(fixture_documents, caseworker):
    assert ("answer", "301") in keys(search("language courses", user=caseworker))
    assert ("answer", "301") in keys(search("language course", user=caseworker))


def test_anonymous_sees_only_public_documents(fixture_documents):
    response = search("interpreter", user=AnonymousUser(), language="en")
    types = {r.type for r in response.results}
    assert ("practice", "101") in keys(response)
    assert "specialist" not in types
    assert not {"question", "answer"} & types


def test_anonymous_never_finds_members_only_practice(fixture_documents):
    assert search("leefloon", user=AnonymousUser(), language="nl").total == 0


def test_member_finds_the_directory(fixture_documents, caseworker):
    assert ("specialist", "401") in keys(search("Peeters", user=caseworker))


def test_snippet_marks_matched_words_and_escapes_text(fixture_documents, caseworker):
    response = search("interprète", user=caseworker, language="fr")
    result = next(r for r in response.results if r.object_key == "101")
    assert "<mark>interprète</mark>" in result.snippet
    assert "<script" not in result.snippet


def test_facets_count_types_and_themes(fixture_documents, caseworker):
    response = search("interpreter", user=caseworker, language="en")
    types = {f.value: f.count for f in response.facets["type"]}
    assert types["practice"] == 1
    assert types["collection"] == 1
    themes = {f.value: f.label for f in response.facets["theme"]}
    assert themes["language-interpreting"] == "Language and interpreting"


def test_filter_by_theme_narrows_results(fixture_documents, caseworker):
    response = search(
        "interpreter", {"type": ["collection"]}, user=caseworker, language="en"
    )
    assert keys(response) == [("collection", "501")]


def test_filter_by_language(fixture_documents, caseworker):
    response = search("tolk", {"language": ["nl"]}, user=caseworker, language="nl")
    assert {r.language for r in response.results} == {"nl"}


def test_response_names_the_engine(fixture_documents, caseworker, engine_name):
    assert search("tolk", user=caseworker).engine == engine_name


def test_a_theme_word_ranks_content_above_the_people_of_that_theme(
    fixture_documents, caseworker
):
    """A specialist's short document lists theme names in four languages; the
    practice and the question about the theme still come first."""
    index_fixtures(
        [
            IndexItem(
                doc_type="specialist",
                object_key="402",
                language="nl",
                title="Els Wouters",
                body="Wonen Logement Wohnen Housing. Tolken Interprétariat "
                "Dolmetschen Interpreting.",
                url="/nl/specialists/people/402/",
                audience="members",
            ),
        ],
        everywhere=True,
    )
    response = search("interprète", user=caseworker, language="fr")
    types = [r.type for r in response.results]
    assert "specialist" in types
    assert types.index("practice") < types.index("specialist")
    if "question" in types:
        assert types.index("question") < types.index("specialist")
    # A person's name still finds the person first.
    assert keys(search("Wouters", user=caseworker))[0] == ("specialist", "402")


# --- four languages, permissions everywhere, deletes, thesaurus edits -------------
def test_german_and_english_words_find_the_french_interpreter_practice(
    fixture_documents, caseworker
):
    assert ("practice", "101") in keys(
        search("Dolmetscher", user=caseworker, language="de")
    )
    assert ("practice", "101") in keys(
        search("interpreter", user=caseworker, language="en")
    )


def test_anonymous_facet_counts_hold_public_items_only(fixture_documents):
    response = search("interpreter", user=AnonymousUser(), language="en")
    types = {f.value: f.count for f in response.facets["type"]}
    assert "specialist" not in types and "question" not in types
    assert sum(types.values()) == response.total
    themes = {f.value: f.count for f in response.facets["theme"]}
    # The members-only specialist of that theme is not counted.
    assert themes["language-interpreting"] == response.total


def test_suggestions_follow_the_audience(fixture_documents, caseworker):
    assert suggest("Budgetbeg", user=AnonymousUser(), language="nl") == []
    titles = [s["title"] for s in suggest("Budgetbeg", user=caseworker)]
    assert titles == ["Budgetbegeleiding bij de start van het leefloon"]
    assert [s["title"] for s in suggest("Wohnungs", user=AnonymousUser())] == [
        "Wohnungssuche mit dem ÖSHZ"
    ]


def test_similar_items_are_found_and_respect_permissions(fixture_documents, caseworker):
    every_type = ("practice", "question", "answer", "specialist", "collection")
    public = {(i.doc_type, i.object_key) for i in FIXTURES if i.audience == "public"}
    anonymous = keys_of(similar("practice", "101", user=None, types=every_type))
    assert set(anonymous) <= public - {("practice", "101")}
    member = keys_of(similar("practice", "101", user=caseworker, types=every_type))
    # Something is similar (which item ranks first depends on the engine's
    # statistics), never the item itself.
    assert member
    assert ("practice", "101") not in member
    # A members-only item has no similar items for anonymous visitors.
    assert similar("practice", "102", user=None, types=every_type) == []


def test_deleted_items_leave_the_results(fixture_documents, caseworker):
    assert ("practice", "103") in keys(search("Wohnung", user=caseworker))
    for engine in engines_to_write():
        engine.delete([("practice", "103")])
    assert ("practice", "103") not in keys(search("Wohnung", user=caseworker))


def test_a_thesaurus_edit_takes_effect(fixture_documents, caseworker):
    index_fixtures(
        [
            IndexItem(
                doc_type="practice",
                object_key="104",
                language="nl",
                title="Fietsherstel voor nieuwkomers",
                body="Vrijwilligers leren nieuwkomers hun fiets herstellen.",
                url="/nl/practices/fietsherstel/",
                audience="public",
            )
        ],
        everywhere=True,
    )
    assert ("practice", "104") not in keys(
        search("Fahrradwerkstatt", user=caseworker, language="de")
    )
    Concept.objects.create(
        key="bicycle-repair",
        group="service",
        nl="fietsherstel",
        fr="réparation de vélos",
        de="Fahrradwerkstatt",
        en="bicycle repair",
    )
    assert ("practice", "104") in keys(
        search("Fahrradwerkstatt", user=caseworker, language="de")
    )


def keys_of(results):
    return [(r.type, r.object_key) for r in results]


@pytest.fixture(params=engine_names()[1:])
def cluster_name(request, settings):
    """The live clusters only (a rebuild's alias swap is theirs)."""
    use_cluster(settings, request.param)
    return request.param


def test_searches_keep_answering_during_an_alias_swap_rebuild(
    db, cluster_name, caseworker
):
    """Step by step through ``rebuild()``: the old indexes answer until the swap,
    the new ones after it, and no search ever finds nothing."""
    from search.engines import get_engine
    from search.indexing import build_document, rebuild

    rebuild(documents=[[build_document(i) for i in FIXTURES]])
    cluster = get_engine().primary
    seen = []

    def ask():
        response = search("tolk", user=caseworker, language="nl")
        seen.append((response.engine, ("practice", "101") in keys(response)))

    ask()
    token = cluster.begin_rebuild()
    ask()
    cluster.bulk_index([build_document(i) for i in FIXTURES], token)
    ask()
    cluster.finish_rebuild(token)
    ask()
    assert seen == [(cluster_name, True)] * 4
    aliases = cluster.write_client.indices.get_alias(name=f"{cluster.prefix}-practice")
    assert list(aliases) == [token["practice"]]


def test_a_word_in_the_summary_ranks_above_the_same_word_in_a_body(
    fixture_documents, caseworker
):
    """Summaries weigh more than bodies: of two practices (both with a summary, as
    every practice has one), the one that says it in its summary comes first, even
    with a longer body (which alone would rank it lower)."""
    filler = " ".join(
        ["De begeleiders plannen elke week een gesprek met de gezinnen."] * 6
    )
    extra = [
        IndexItem(
            doc_type="practice",
            object_key="105",
            language="nl",
            title="Wekelijkse activiteiten voor gezinnen",
            body=f"Kinderen krijgen een gratis zwemles. {filler}",
            summary="Kinderen krijgen een gratis zwemles.",
            url="/nl/practices/activiteiten/",
            audience="public",
        ),
        IndexItem(
            doc_type="practice",
            object_key="106",
            language="nl",
            title="Sportaanbod in de buurt",
            body="Sportclubs in de buurt. Een folder noemt ook de zwemles van de stad.",
            summary="Sportclubs in de buurt.",
            url="/nl/practices/sportaanbod/",
            audience="public",
        ),
    ]
    # Every practice has a summary; the fixtures' have none. On a cluster every
    # type shares one index, so a field's BM25 statistics count the documents that
    # have it: with two summaries in all, a word in one of them would be as
    # common there as a word in half the bodies. A few practices with summaries
    # give the field its usual share.
    extra += [
        IndexItem(
            doc_type="practice",
            object_key=str(107 + n),
            language="nl",
            title=title,
            body=f"{title}. {filler}",
            summary=title,
            url=f"/nl/practices/extra-{n}/",
            audience="public",
        )
        for n, title in enumerate(
            ["Taalcafé op zaterdag", "Budgetbegeleiding", "Huiswerkklas"]
        )
    ]
    # A rebuild, so that the cluster ranks on the statistics of these documents
    # alone (deleted copies of earlier tests count in BM25's until a merge).
    rebuild(documents=[[build_document(i) for i in [*FIXTURES, *extra]]])
    found = keys(search("zwemles", user=caseworker, language="nl"))
    assert found.index(("practice", "105")) < found.index(("practice", "106"))
