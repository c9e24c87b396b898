"""The Elasticsearch engine tested as data: mappings, analysers, queries, bulk
actions, synonyms, the alias swap and the fallback when the cluster fails."""

from unittest import mock

import pytest

from search.analysis import LANGUAGES
from search.engines import elasticsearch as es
from search.engines.base import SearchRequest
from search.indexing import build_document, rebuild
from search.models import DocType
from search.query import parse
from search.service import search
from search.thesaurus import current_index, synonym_rules
from tests.search.conftest import FIXTURES, index_fixtures


def request_for(text, language="nl", **kwargs):
    return SearchRequest(
        query=parse(text, language, current_index()), audiences=["public"], **kwargs
    )


@pytest.mark.django_db
def test_mapping_has_one_stemmed_multi_field_per_language():
    mapping = es.index_settings("practice")["mappings"]["properties"]
    title = mapping["title"]
    assert title["analyzer"] == "folding"
    assert set(title["fields"]) == set(LANGUAGES)
    assert title["fields"]["fr"]["search_analyzer"] == "fr_search"
    assert mapping["facet_keys"]["type"] == "keyword"
    assert mapping["title_suggest"]["type"] == "completion"


@pytest.mark.django_db
def test_analysers_stem_fold_and_apply_synonyms_only_at_search_time():
    analysis = es.index_settings("practice")["settings"]["analysis"]
    de_index = analysis["analyzer"]["de_index"]["filter"]
    de_search = analysis["analyzer"]["de_search"]["filter"]
    assert "asciifolding" in de_index
    assert "de_decompounder" in de_index
    assert "thesaurus_synonyms" not in de_index
    assert "thesaurus_synonyms" in de_search
    # The thesaurus applies to stems: after the stemmer, before the stop words
    # (which both analysers remove after stemming).
    assert de_search.index("de_stemmer") < de_search.index("thesaurus_synonyms")
    assert de_search.index("thesaurus_synonyms") < de_search.index("de_stop")
    assert de_index.index("de_stemmer") < de_index.index("de_stop")
    synonyms = analysis["filter"]["thesaurus_synonyms"]
    assert synonyms["type"] == "synonym_graph"
    assert synonyms["updateable"] is True
    assert analysis["filter"]["nl_stemmer"]["language"] == "dutch"


@pytest.mark.django_db
def test_synonym_rules_come_from_the_thesaurus_as_folded_equivalences():
    rules = {r["id"]: r["synonyms"] for r in synonym_rules(current_index())}
    ocmw = rules["ocmw"].split(", ")
    assert {"ocmw", "cpas", "oshz"} <= set(ocmw)
    assert len(rules) >= 150


@pytest.mark.django_db
def test_query_body_filters_audience_and_facets_and_asks_for_facets():
    body = es.build_search(
        request_for("tolk", filters={"theme": ["housing"]})
    ).to_dict()
    filters = body["query"]["bool"]["filter"]
    assert {"terms": {"facet_keys": ["aud:public"]}} in filters
    assert {"terms": {"facet_keys": ["theme:housing"]}} in filters
    # The facets are counted by a search of their own, over the same matches.
    assert "aggs" not in body
    counts = es.build_facet_count(
        request_for("tolk", filters={"theme": ["housing"]})
    ).to_dict()
    assert counts["size"] == 0
    assert counts["aggs"]["facet_keys"]["terms"]["field"] == "facet_keys"
    assert counts["query"]["bool"]["filter"] == filters
    # Unscored: the same text query, without the type weights.
    text = body["query"]["bool"]["must"][0]["function_score"]["query"]
    assert counts["query"]["bool"]["must"] == [text]
    # The service marks the snippets it shows; the node highlights nothing.
    assert "highlight" not in body
    scored = body["query"]["bool"]["must"][0]["function_score"]
    # Every type's weight multiplies the text score (specialists below content).
    weights = {
        f["filter"]["term"]["doc_type"]: f["weight"] for f in scored["functions"]
    }
    assert weights["specialist"] < weights["question"] < weights["practice"]
    assert scored["boost_mode"] == "multiply"
    group = scored["query"]["dis_max"]["queries"]
    # The words go to the folded fields and the query language's (Dutch) fields of
    # every document (titles weigh more); the thesaurus is the search analysers'
    # synonym filter, so the query carries the words only.
    assert set(group[0]["multi_match"]["fields"]) == {
        "title^5",
        "summary^2.5",
        "body",
        "title.nl^5",
        "summary.nl^2.5",
        "body.nl",
    }
    # Each other language's fields, on the documents written in it.
    others = {
        clause["bool"]["filter"][0]["term"]["language"]: clause["bool"]["must"][0]
        for clause in group[1:]
    }
    assert set(others) == {"fr", "de", "en"}
    assert others["fr"]["multi_match"]["fields"] == [
        "title.fr^5",
        "summary.fr^2.5",
        "body.fr",
    ]
    # No fuzzy clause: typos are the service's "did you mean" retry.
    assert "fuzziness" not in str(body)


@pytest.mark.django_db
def test_a_first_read_counts_facets_beside_its_hits_and_further_reads_do_not():
    client = mock.MagicMock()
    hit = {"_score": 1.0, "fields": {"doc_type": ["practice"], "object_key": ["7"]}}
    client.msearch.return_value = {
        "responses": [
            {"hits": {"total": {"value": 61}, "hits": [hit]}},
            {
                "hits": {"total": {"value": 61}, "hits": []},
                "aggregations": {
                    "facet_keys": {
                        "buckets": [{"key": "type:practice", "doc_count": 61}]
                    }
                },
            },
        ]
    }
    client.search.return_value = {"hits": {"total": {"value": 61}, "hits": [hit]}}
    engine = es.ElasticsearchEngine(client=client, url="http://127.0.0.1:9200")
    first = engine.search(request_for("tolk"))
    hits, counts = client.msearch.call_args.kwargs["body"][1::2]
    assert "aggs" not in hits and hits["from"] == 0
    assert counts["size"] == 0 and "aggs" in counts
    assert first.total == 61 and first.facets == {"type:practice": 61}
    assert [(h.doc_type, h.object_key) for h in first.hits] == [("practice", "7")]

    further = engine.search(request_for("tolk", offset=60, limit=40))
    body = client.search.call_args.kwargs["body"]
    assert "aggs" not in body
    assert body["from"] == 60
    assert body["track_total_hits"] is True
    assert further.total == 61 and further.facets == {}
    assert client.msearch.call_count == 1


@pytest.mark.django_db
def test_a_failed_count_fails_the_search_and_the_embedded_engine_answers(
    settings, caseworker
):
    settings.SEARCH_ENGINE = "elasticsearch"
    index_fixtures()
    client = mock.MagicMock()
    client.msearch.return_value = {
        "responses": [
            {"hits": {"total": {"value": 0}, "hits": []}},
            {"error": {"type": "search_phase_execution_exception"}, "status": 503},
        ]
    }
    with mock.patch.object(es.ElasticsearchEngine, "client", client):
        response = search("tolk", user=caseworker, language="nl")
    assert response.engine == "embedded (fallback)"
    assert any(r.object_key == "101" for r in response.results)


@pytest.mark.django_db
def test_words_are_preferred_not_all_required():
    body = es.build_search(request_for("tolk leefloon wonen")).to_dict()
    scored = body["query"]["bool"]["must"][0]["function_score"]["query"]["bool"]
    assert len(scored["should"]) == 3
    assert scored["minimum_should_match"] == es.MINIMUM_SHOULD_MATCH


@pytest.mark.django_db
def test_user_operators_never_reach_a_query_string_query():
    body = es.build_search(request_for('*:* NEAR( "')).to_dict()
    assert "query_string" not in str(body)


@pytest.mark.django_db
def test_bulk_actions_carry_index_id_and_source():
    document = build_document(FIXTURES[0])
    (action,) = list(es.bulk_actions([document], index="exchange-practice-1"))
    assert action["_index"] == "exchange-practice-1"
    assert action["_id"] == "practice:101"  # keys are unique within a type only
    assert action["_source"]["facet_keys"][:3] == [
        "type:practice",
        "lang:fr",
        "aud:public",
    ]
    suggest = action["_source"]["title_suggest"]
    assert suggest["input"][0] == document.title
    assert "interprète social au CPAS" in suggest["input"]  # from a later word on


def test_more_like_this_and_suggest_bodies():
    mlt = es.more_like_this("question", "7", ["public", "members"]).to_dict()
    assert (
        mlt["query"]["bool"]["must"][0]["more_like_this"]["like"][0]["_id"]
        == "question:7"
    )
    suggest = es.suggest_search("tol", ["public"]).to_dict()
    assert suggest["suggest"]["titles"]["completion"]["field"] == "title_suggest"


@pytest.mark.django_db
@pytest.mark.embedded_search("a mocked Elasticsearch client and the default prefix")
def test_rebuild_creates_new_indexes_and_swaps_aliases(settings):
    settings.SEARCH_ENGINE = "elasticsearch"
    client = mock.MagicMock()
    client.indices.exists_alias.return_value = True
    client.indices.get_alias.return_value = {"exchange-practice-old": {}}
    with (
        mock.patch.object(es.ElasticsearchEngine, "client", client),
        mock.patch.object(es.ElasticsearchEngine, "write_client", client),
        mock.patch("elasticsearch.helpers.bulk") as bulk,
    ):
        rebuild(documents=[[build_document(i) for i in FIXTURES]])
    client.synonyms.put_synonym.assert_called_once()
    actions = client.indices.update_aliases.call_args.kwargs["body"]["actions"]
    assert {
        "remove": {"index": "exchange-practice-old", "alias": "exchange-practice"}
    } in actions
    adds = [a["add"] for a in actions if "add" in a]
    # One new index for every type, each type's alias pointing at it.
    assert {a["alias"] for a in adds} == {f"exchange-{t}" for t in DocType.values}
    assert {a["index"] for a in adds} == {
        client.indices.create.call_args.kwargs["index"]
    }
    assert adds[0]["index"].startswith("exchange-items-")
    assert client.indices.create.call_count == 1
    assert bulk.called


@pytest.mark.django_db
def test_cluster_failure_falls_back_to_embedded_and_says_so(settings, caseworker):
    settings.SEARCH_ENGINE = "elasticsearch"
    index_fixtures()
    client = mock.MagicMock()
    client.msearch.side_effect = ConnectionError("cluster down")
    with mock.patch.object(es.ElasticsearchEngine, "client", client):
        response = search("tolk", user=caseworker, language="nl")
    assert response.engine == "embedded (fallback)"
    assert any(r.object_key == "101" for r in response.results)


@pytest.mark.django_db
def test_elasticsearch_hits_are_turned_into_results(settings, caseworker):
    settings.SEARCH_ENGINE = "elasticsearch"
    index_fixtures()
    client = mock.MagicMock()
    found = {
        "hits": {
            "total": {"value": 1},
            "hits": [
                {
                    "_score": 3.2,
                    "fields": {"doc_type": ["practice"], "object_key": ["101"]},
                    "highlight": {"body.fr": ["un <mark>interprète</mark> social"]},
                }
            ],
        }
    }
    counted = {
        "hits": {"total": {"value": 1}, "hits": []},
        "aggregations": {
            "facet_keys": {"buckets": [{"key": "type:practice", "doc_count": 1}]}
        },
    }
    client.msearch.return_value = {"responses": [found, counted]}
    with mock.patch.object(es.ElasticsearchEngine, "client", client):
        response = search("tolk", user=caseworker, language="nl")
    assert response.engine == "elasticsearch"
    assert response.results[0].snippet == "un <mark>interprète</mark> social"
    assert response.facets["type"][0].count == 1


@pytest.mark.elasticsearch
def test_live_cluster_answers(settings):
    import os

    if not os.environ.get("ELASTICSEARCH_URL"):
        pytest.skip("ELASTICSEARCH_URL is not set")
    settings.ELASTICSEARCH_URL = os.environ["ELASTICSEARCH_URL"]
    assert es.ElasticsearchEngine().ping()
