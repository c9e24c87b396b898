"""The question page lists similar questions, through the search service."""

import re
from unittest import mock

import pytest

from forum import services
from forum.models import Question
from search.engines.base import EngineError
from tests.factories import QuestionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def questions(django_capture_on_commit_callbacks, settings):
    """A Dutch question about a "tolk", a French one about an "interprète" (no
    word in common), and one about something else; indexed as the site does."""
    settings.SEARCH_ENGINE = "embedded"
    with django_capture_on_commit_callbacks(execute=True):
        tolk = QuestionFactory(
            title="Welke tolk voor een eerste gesprek in het Dari?",
            body="Wij zoeken een tolk voor een gezin dat alleen Dari spreekt.",
            language="nl",
        )
        interprete = QuestionFactory(
            title="Quel interprète pour une famille afghane ?",
            body="Nous cherchons un interprète pour le premier rendez-vous.",
            language="fr",
        )
        deposit = QuestionFactory(
            title="Huurwaarborg voor erkende vluchtelingen",
            body="Wie betaalt de huurwaarborg bij een eerste woning?",
            language="nl",
        )
    return tolk, interprete, deposit


def similar_section(page: str) -> str:
    match = re.search(r'<aside class="similar-questions".*?</aside>', page, re.S)
    return match.group(0) if match else ""


def page_of(client, question) -> str:
    response = client.get(f"/en/forum/questions/{question.pk}/")
    assert response.status_code == 200
    return response.content.decode()


def test_the_page_lists_a_similar_question_in_another_language(
    client_for, caseworker, questions
):
    tolk, interprete, deposit = questions
    section = similar_section(page_of(client_for(caseworker), tolk))
    assert '<h2 id="similar-heading">Similar questions</h2>' in section
    assert (
        f'<a href="/en/forum/questions/{interprete.pk}/" lang="fr">'
        "Quel interprète pour une famille afghane ?</a>"
    ) in section
    # A badge says the other question is in French.
    assert '<span class="tag" aria-hidden="true">French</span>' in section
    assert '<span class="visually-hidden">(written in French)</span>' in section
    assert deposit.title not in section


def test_the_question_itself_is_not_listed(client_for, caseworker, questions):
    tolk, interprete, _deposit = questions
    section = similar_section(page_of(client_for(caseworker), interprete))
    assert f"/forum/questions/{tolk.pk}/" in section
    assert f"/forum/questions/{interprete.pk}/" not in section


def test_no_badge_for_a_question_in_the_same_language(client_for, caseworker):
    with mock.patch("search.service.similar") as similar:
        other = QuestionFactory(language="en")
        similar.return_value = [mock.Mock(object_key=str(other.pk))]
        page = page_of(client_for(caseworker), QuestionFactory(language="en"))
    section = similar_section(page)
    assert other.title in section
    assert "visually-hidden" not in section


def test_hidden_questions_are_never_listed(
    client_for, caseworker, coordinator, questions
):
    tolk, interprete, _deposit = questions
    services.post_hide(post=interprete, moderator=coordinator)
    assert interprete.title not in page_of(client_for(caseworker), tolk)


def test_a_question_hidden_before_the_index_caught_up_is_not_listed(
    client_for, caseworker, questions
):
    tolk, interprete, _deposit = questions
    Question.objects.filter(pk=interprete.pk).update(is_hidden=True)  # index lags
    assert interprete.title not in page_of(client_for(caseworker), tolk)


def test_anonymous_visitors_see_neither_the_page_nor_similar_questions(
    client, questions
):
    tolk, interprete, _deposit = questions
    response = client.get(f"/en/forum/questions/{tolk.pk}/")
    assert response.status_code == 302
    assert interprete.title not in response.content.decode()


def test_the_page_works_when_search_fails(client_for, caseworker, questions):
    tolk, interprete, _deposit = questions
    with mock.patch(
        "search.engines.embedded.EmbeddedEngine.search",
        side_effect=EngineError("database gone"),
    ):
        page = page_of(client_for(caseworker), tolk)
    assert tolk.title in page
    assert similar_section(page) == ""


def test_one_search_per_question_and_audience_for_a_few_minutes(
    client_for, caseworker, specialist, questions
):
    tolk, interprete, _deposit = questions
    from search.engines.embedded import EmbeddedEngine

    with mock.patch.object(
        EmbeddedEngine, "search", autospec=True, side_effect=EmbeddedEngine.search
    ) as search:
        first = page_of(client_for(caseworker), tolk)
        again = page_of(client_for(specialist), tolk)  # the same audiences
    assert search.call_count == 1
    assert interprete.title in similar_section(first)
    assert interprete.title in similar_section(again)
