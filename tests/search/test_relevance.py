"""The relevance collection and ``search_relevance``: nDCG@10 on the seeded demo.

A question and its answers are one result on the search page (issue 15), so they are
judged as one thread. Measured that way the embedded engine scores 0.846 overall and
0.866 cross-language on SQLite; the floors sit below that (PostgreSQL scored about
0.04 less when last measured per document) and above what it scored before
minimum-should-match and the widened thesaurus (0.68 and 0.68 per document), so a
ranking regression fails here.
"""

import json
from io import StringIO

import pytest
from django.core.management import call_command

from search.relevance import (
    DEFAULT_COLLECTION,
    evaluate,
    load_collection,
    member_user,
    ndcg,
)

KINDS = {"cross-language", "synonym", "typo", "facet-heavy", "same-language"}
OVERALL_FLOOR = 0.75
CROSS_LANGUAGE_FLOOR = 0.75


def test_collection_has_enough_judged_queries_of_every_kind_and_language():
    collection = load_collection(DEFAULT_COLLECTION)
    queries = collection.queries
    assert len(queries) >= 80
    assert {q.kind for q in queries} == KINDS
    assert {q.language for q in queries} == {"nl", "fr", "de", "en"}
    assert len({q.id for q in queries}) == len(queries)
    for query in queries:
        grades = set(query.judgements.values())
        assert grades <= {1, 2, 3}, query.id
        assert 3 in grades, f"{query.id} names no document it asks for"


def test_unknown_document_in_a_judgement_is_refused(tmp_path):
    path = tmp_path / "c.json"
    path.write_text(
        '{"documents": {}, "queries": [{"id": "x", "kind": "typo", "language":'
        ' "en", "query": "q", "judgements": {"practice:nope": 3}}]}'
    )
    with pytest.raises(ValueError, match="practice:nope"):
        load_collection(path)


def test_a_question_shown_with_its_answer_earns_the_threads_best_grade(tmp_path):
    # The search page shows a question and its answers as one result: ranking that
    # result first is the ideal, not half of it (before, the answer's grade stayed
    # out of reach and this scored 0.66).
    path = tmp_path / "c.json"
    title = "How do you find an interpreter?"
    path.write_text(
        json.dumps(
            {
                "documents": {
                    "question:q": {"type": "question", "title": title},
                    "answer:q": {"type": "answer", "title": title},
                    "practice:p": {"type": "practice", "title": "Interpreting"},
                },
                "queries": [
                    {
                        "id": "x",
                        "kind": "typo",
                        "language": "en",
                        "query": "interpreter",
                        "judgements": {"question:q": 2, "answer:q": 3, "practice:p": 1},
                    }
                ],
            }
        )
    )
    collection = load_collection(path)
    judged = collection.queries[0].judgements
    question = collection.keys_by_title[("question", title)]
    answer = collection.keys_by_title[("answer", title)]
    assert question == answer
    assert judged == {question: 3, "practice:p": 1}
    assert ndcg([question, "practice:p"], judged) == pytest.approx(1.0)
    # The thread counts once, whether its question or an answer stands for it.
    assert ndcg([answer, question, "practice:p"], judged) < 1.0


def test_ndcg_rewards_the_ideal_order_and_counts_a_document_once():
    judged = {"a": 3, "b": 2, "c": 1}
    assert ndcg(["a", "b", "c"], judged) == pytest.approx(1.0)
    assert ndcg(["c", "b", "a"], judged) < ndcg(["a", "c", "b"], judged) < 1.0
    assert ndcg([None, "x"], judged) == 0.0
    # Answers of one question share a key: the second adds nothing.
    assert ndcg(["a", "a", "b", "c"], judged) < ndcg(["a", "b", "c"], judged)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_search_relevance_scores_the_seeded_demo_above_the_floors(settings):
    settings.SEARCH_ENGINE = "embedded"
    call_command("seed_demo", stdout=StringIO())
    out = StringIO()
    call_command("search_relevance", stdout=out)
    printed = out.getvalue()
    for kind in KINDS | {"overall"}:
        assert f"nDCG@10 {kind}" in printed
    assert f"answered by: embedded {len(load_collection().queries)}\n" in printed

    report = evaluate(load_collection(DEFAULT_COLLECTION), member_user())
    assert report.mean() >= OVERALL_FLOOR, printed
    assert report.mean("cross-language") >= CROSS_LANGUAGE_FLOOR, printed
