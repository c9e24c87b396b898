"""The forum's JSON API: members only, hidden posts never shown, query budget."""

import pytest

from forum import services
from tests.factories import AnswerFactory, CommentFactory, QuestionFactory

pytestmark = pytest.mark.django_db


def test_anonymous_gets_401_and_no_content(client):
    QuestionFactory(title="Secret members question")
    response = client.get("/api/v1/questions/")
    assert response.status_code == 401
    assert b"Secret members question" not in response.content


def test_list_gives_questions_with_counts(client_for, caseworker):
    question = QuestionFactory(title="Interpreters for the first intake?")
    AnswerFactory(question=question)
    data = client_for(caseworker).get("/api/v1/questions/").json()
    assert data["count"] == 1
    item = data["results"][0]
    assert item["title"] == "Interpreters for the first intake?"
    assert item["answer_count"] == 1
    assert item["themes"] == ["language-interpreting"]
    assert item["url"] == f"/en/forum/questions/{question.pk}/"


def test_list_filters_like_the_page(client_for, caseworker, housing):
    QuestionFactory(themes=[housing], language="fr")
    QuestionFactory(language="fr")
    client = client_for(caseworker)
    assert client.get("/api/v1/questions/?theme=housing").json()["count"] == 1
    assert client.get("/api/v1/questions/?language=fr").json()["count"] == 2
    assert client.get("/api/v1/questions/?tab=mine").json()["count"] == 0


def test_detail_has_answers_comments_and_acceptance(
    client_for, caseworker, coordinator
):
    question = QuestionFactory(author=caseworker)
    answer = AnswerFactory(question=question)
    CommentFactory(answer=answer, body="Good point.")
    hidden = AnswerFactory(question=question, body="A hidden answer.")
    services.post_hide(post=hidden, moderator=coordinator)
    services.answer_accept(answer=answer, user=caseworker)
    data = client_for(caseworker).get(f"/api/v1/questions/{question.pk}").json()
    assert [a["id"] for a in data["answers"]] == [answer.pk]
    assert data["answers"][0]["accepted"] is True
    assert data["answers"][0]["comments"][0]["body_html"] == "<p>Good point.</p>"
    assert data["solved"] is True


def test_list_has_a_query_budget(client_for, caseworker, django_assert_max_num_queries):
    for _ in range(20):
        AnswerFactory()
    client = client_for(caseworker)
    client.get("/api/v1/questions/")
    with django_assert_max_num_queries(8):
        response = client.get("/api/v1/questions/")
    assert len(response.json()["results"]) == 20
