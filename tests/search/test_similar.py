"""``search.service.similar``: items like one item, across languages, only what the
user may see, never the item itself; the Elasticsearch more_like_this as data."""

from unittest import mock

import pytest

from search.engines import elasticsearch as es
from search.engines.base import EngineError
from search.indexing import IndexItem
from search.models import SearchDocument, Term
from search.service import similar
from search.similar import distinctive_words, similar_request
from search.thesaurus import current_index
from tests.search.conftest import index_fixtures

pytestmark = pytest.mark.django_db

ITEMS = [
    IndexItem(
        doc_type="question",
        object_key="11",
        language="nl",
        title="Welke tolk voor een eerste gesprek in het Dari?",
        body="Wij zoeken een tolk voor een gezin dat alleen Dari spreekt.",
        url="/nl/forum/questions/11/",
        audience="members",
    ),
    IndexItem(
        doc_type="question",
        object_key="12",
        language="fr",
        title="Quel interprète pour une famille qui parle dari ?",
        body="Nous cherchons un interprète pour le premier entretien.",
        url="/fr/forum/questions/12/",
        audience="members",
    ),
    IndexItem(
        doc_type="question",
        object_key="13",
        language="nl",
        title="Huurwaarborg voor erkende vluchtelingen",
        body="Wie betaalt de huurwaarborg bij een eerste woning?",
        url="/nl/forum/questions/13/",
        audience="members",
    ),
    # The same words in two practices: one public, one for members only.
    IndexItem(
        doc_type="practice",
        object_key="21",
        language="fr",
        title="Interprète social par téléphone",
        body="Le CPAS réserve un interprète social par téléphone.",
        url="/fr/practices/interprete-telephone/",
        audience="public",
    ),
    IndexItem(
        doc_type="practice",
        object_key="22",
        language="nl",
        title="Sociaal tolk via de telefoon",
        body="Het OCMW boekt een sociaal tolk via de telefoon.",
        url="/nl/practices/tolk-telefoon/",
        audience="members",
    ),
]


def keys(results):
    return [(r.type, r.object_key) for r in results]


@pytest.fixture
def items(db, settings):
    settings.SEARCH_ENGINE = "embedded"
    return index_fixtures(ITEMS)


def test_a_dutch_question_about_a_tolk_finds_the_french_one_about_an_interprete(
    items, caseworker
):
    found = similar("question", "11", user=caseworker, language="en")
    assert keys(found) == [("question", "12")]
    result = found[0]
    assert result.language == "fr"
    assert result.url == "/en/forum/questions/12/"  # in the reader's language
    assert "<mark>interprète</mark>" in result.title


def test_items_sharing_one_common_word_only_are_left_out(items, caseworker):
    # "13" (a housing deposit) shares only "eerste" with "11"; "12" shares the idea.
    found = similar("question", "11", user=caseworker, limit=5)
    assert ("question", "13") not in keys(found)


def test_the_item_itself_is_never_similar(items, caseworker):
    for key in ("11", "12", "13"):
        found = similar("question", key, user=caseworker, language="nl")
        assert ("question", key) not in keys(found)


def test_only_the_types_asked_for(items, caseworker):
    practices = similar("question", "11", user=caseworker, types=("practice",))
    assert practices and {t for t, _k in keys(practices)} == {"practice"}
    questions = similar("question", "11", user=caseworker)  # questions by default
    assert questions and {t for t, _k in keys(questions)} == {"question"}


def test_anonymous_never_gets_members_only_items(items, caseworker):
    anonymous = keys(similar("practice", "21", user=None, types=("practice",)))
    member = keys(similar("practice", "21", user=caseworker, types=("practice",)))
    assert ("practice", "22") not in anonymous
    assert ("practice", "22") in member


def test_an_item_the_user_may_not_see_gives_nothing(items):
    assert similar("practice", "22", user=None, types=("practice", "question")) == []
    assert similar("question", "11", user=None) == []


def test_unknown_item_gives_nothing(items, caseworker):
    assert similar("question", "999", user=caseworker) == []


def test_engine_failure_gives_an_empty_list(items, caseworker):
    with mock.patch(
        "search.engines.embedded.EmbeddedEngine.search",
        side_effect=EngineError("database gone"),
    ):
        assert similar("question", "11", user=caseworker) == []


def test_distinctive_words_take_the_title_then_the_rarest_body_words(items):
    document = SearchDocument.objects.get(doc_type="question", object_key="13")
    Term.objects.update_or_create(
        term="betaalt", defaults={"length": 7, "doc_count": 5000}
    )
    Term.objects.update_or_create(term="woning", defaults={"length": 6, "doc_count": 2})
    chosen = distinctive_words(document, max_words=5)
    assert chosen[:3] == ["huurwaarborg", "erkende", "vluchtelingen"]
    assert "woning" in chosen
    assert "betaalt" not in chosen  # common: the room went to a rarer word
    assert "voor" not in chosen and "wie" not in chosen  # stop words


def test_similar_request_matches_any_word_with_the_thesaurus(items):
    document = SearchDocument.objects.get(doc_type="question", object_key="11")
    request = similar_request(
        document, current_index(), audiences=["public"], types=["question"], limit=5
    )
    assert request.match_any is True
    assert request.limit == 6  # one more: the item may come back itself
    assert request.filter_keys() == [["aud:public"], ["type:question"]]
    tolk = next(g for g in request.query.groups if g.text == "tolk")
    assert ("interpret",) in tolk.phrases  # French "interprète", stemmed


# --- Elasticsearch ----------------------------------------------------------------
@pytest.mark.embedded_search("the query body for the default prefix, no cluster")
def test_more_like_this_body_filters_types_and_audiences_and_excludes_the_item(items):
    document = SearchDocument.objects.get(doc_type="question", object_key="11")
    request = similar_request(
        document, current_index(), audiences=["public"], types=["question"], limit=5
    )
    body = es.more_like_this(
        "question",
        "11",
        ["public", "members"],
        size=6,
        types=["question", "practice"],
        text_request=request,
    ).to_dict()
    query = body["query"]["bool"]
    assert query["minimum_should_match"] == 1
    mlt, words = query["should"]
    mlt = mlt["more_like_this"]
    assert mlt["like"] == [{"_index": "exchange-question", "_id": "question:11"}]
    assert {"title", "body", "title.fr", "body.nl"} <= set(mlt["fields"])
    # The item's words; the search analysers' synonym filter adds their thesaurus
    # alternatives in the other languages.
    phrases = [m["multi_match"]["query"] for m in str_should(words)]
    assert "tolk" in phrases
    filters = query["filter"]
    assert {"terms": {"facet_keys": ["aud:public", "aud:members"]}} in filters
    assert {"terms": {"facet_keys": ["type:question", "type:practice"]}} in filters
    assert {
        "bool": {
            "must_not": [
                {
                    "bool": {
                        "filter": [
                            {"term": {"doc_type": "question"}},
                            {"term": {"object_key": "11"}},
                        ]
                    }
                }
            ]
        }
    } in filters
    assert body["size"] == 6


def str_should(words_query):
    """Every multi_match inside the text query's groups (some under a language
    filter)."""
    return [
        clause["bool"]["must"][0] if "bool" in clause else clause
        for group in words_query["bool"]["should"]
        for clause in group["dis_max"]["queries"]
    ]


def es_response(*keys_):
    return {
        "hits": {
            "total": {"value": len(keys_)},
            "hits": [
                {"_score": 2.0, "_source": {"doc_type": t, "object_key": k}}
                for t, k in keys_
            ],
        }
    }


@pytest.mark.embedded_search("a mocked Elasticsearch client and the default prefix")
def test_elasticsearch_answers_similar_with_more_like_this(items, settings, caseworker):
    settings.SEARCH_ENGINE = "elasticsearch"
    client = mock.MagicMock()
    client.search.return_value = es_response(("question", "12"), ("question", "11"))
    with mock.patch.object(es.ElasticsearchEngine, "client", client):
        found = similar("question", "11", user=caseworker, language="nl")
    assert keys(found) == [("question", "12")]  # the item itself dropped anyway
    call = client.search.call_args.kwargs
    assert call["index"] == "exchange-question"
    query = call["body"]["query"]["bool"]
    assert query["should"][0]["more_like_this"]["like"][0]["_id"] == "question:11"
    assert {"terms": {"facet_keys": ["aud:public", "aud:members"]}} in query["filter"]
    assert call["body"]["size"] == 6


def test_elasticsearch_failure_falls_back_to_the_embedded_engine(
    items, settings, caseworker
):
    settings.SEARCH_ENGINE = "elasticsearch"
    client = mock.MagicMock()
    client.search.side_effect = ConnectionError("cluster down")
    with mock.patch.object(es.ElasticsearchEngine, "client", client):
        found = similar("question", "11", user=caseworker, language="nl")
    assert client.search.called
    assert keys(found) == [("question", "12")]


def test_engine_similar_raises_engine_error_on_a_bad_response(items):
    client = mock.MagicMock()
    client.search.return_value = {"unexpected": True}
    document = SearchDocument.objects.get(doc_type="question", object_key="11")
    request = similar_request(
        document, current_index(), audiences=["members"], types=["question"]
    )
    with pytest.raises(EngineError):
        es.ElasticsearchEngine(client=client).similar(document, request)
