"""The engine contract: relevance across languages, permissions, facets, snippets.

Runs on the embedded engine always, and on Elasticsearch when ELASTICSEARCH_URL
points at a reachable cluster.
"""

from django.contrib.auth.models import AnonymousUser

from search.indexing import IndexItem
from search.service import search


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
    from .conftest import index_fixtures

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
