"""Similar questions while the title is typed (JSON for the page's script)."""

import pytest

from forum import services
from tests.factories import QuestionFactory

pytestmark = pytest.mark.django_db


def test_similar_questions_are_suggested_for_a_title(client_for, caseworker):
    QuestionFactory(title="Which interpreter service works for Dari speakers?")
    QuestionFactory(title="Housing deposit for recognised refugees")
    data = (
        client_for(caseworker)
        .get("/en/forum/similar/", {"title": "Dari interpreter for an intake"})
        .json()
    )
    titles = [item["title"] for item in data["questions"]]
    assert titles == ["Which interpreter service works for Dari speakers?"]
    assert data["questions"][0]["url"].startswith("/en/forum/questions/")


def test_hidden_questions_are_never_suggested(client_for, caseworker, coordinator):
    question = QuestionFactory(title="Which interpreter service works for Dari?")
    services.post_hide(post=question, moderator=coordinator)
    data = (
        client_for(caseworker)
        .get("/en/forum/similar/", {"title": "Dari interpreter"})
        .json()
    )
    assert data["questions"] == []


def test_short_titles_give_nothing(client_for, caseworker):
    QuestionFactory()
    data = client_for(caseworker).get("/en/forum/similar/", {"title": "ab"}).json()
    assert data == {"questions": [], "practices": []}


def test_anonymous_gets_no_suggestions(client):
    QuestionFactory(title="Which interpreter service works for Dari?")
    response = client.get("/en/forum/similar/", {"title": "Dari interpreter"})
    assert response.status_code == 302


def test_ask_page_loads_the_script_without_inline_code(client_for, caseworker):
    page = client_for(caseworker).get("/en/forum/ask/").content.decode()
    assert '<script src="/static/forum/js/forum.js" defer></script>' in page
    assert 'data-similar-url="/en/forum/similar/"' in page
    assert "<script>" not in page


def test_similar_through_the_search_service_gives_clean_titles(
    client_for, caseworker, django_capture_on_commit_callbacks
):
    pytest.importorskip("search.service")
    with django_capture_on_commit_callbacks(execute=True):
        QuestionFactory(title="Which interpreter service works for Dari speakers?")
    data = (
        client_for(caseworker)
        .get("/en/forum/similar/", {"title": "Which interpreter do you call for Dari?"})
        .json()
    )
    assert [q["title"] for q in data["questions"]] == [
        "Which interpreter service works for Dari speakers?"
    ]
