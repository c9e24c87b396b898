"""The person page shows what the forum and the library contribute (issue 14 item 2).

The specialists app does not import the forum or the practices: they register
panels (``exchange.core.panels``) built through their own selectors, so their
visibility rules apply on the person page too."""

import pytest

from exchange.core import panels
from forum import services as forum_services
from tests.factories import (
    AnswerFactory,
    CoordinatorFactory,
    DesignationFactory,
    PracticePageFactory,
    QuestionFactory,
)


@pytest.fixture
def specialist(places):
    return DesignationFactory(municipalities=[places.liege]).user


def _person_page(client_for, viewer, person) -> str:
    response = client_for(viewer).get(f"/en/specialists/people/{person.pk}/")
    assert response.status_code == 200
    return response.content.decode()


def test_answers_hidden_by_moderation_are_not_listed_on_the_profile(
    client_for, caseworker, specialist
):
    kept = AnswerFactory(
        author=specialist, question=QuestionFactory(title="Who pays the interpreter?")
    )
    hidden = AnswerFactory(
        author=specialist, question=QuestionFactory(title="Rent guarantee in Liège?")
    )
    forum_services.post_hide(post=hidden, moderator=CoordinatorFactory())

    body = _person_page(client_for, caseworker, specialist)

    assert kept.question.title in body
    assert "Rent guarantee in Liège?" not in body


def test_answers_on_hidden_questions_are_not_listed_either(
    client_for, caseworker, specialist
):
    answer = AnswerFactory(
        author=specialist, question=QuestionFactory(title="Health insurance card?")
    )
    forum_services.post_hide(post=answer.question, moderator=CoordinatorFactory())

    body = _person_page(client_for, caseworker, specialist)

    assert "Health insurance card?" not in body
    assert "No answers yet." in body


def test_the_practices_panel_lists_what_the_reader_may_see(
    client_for, caseworker, specialist, site_tree
):
    from practices.library import practice_library_ensure

    practice_library_ensure()
    PracticePageFactory(title="Interpreter pool for Liège", owner=specialist)
    PracticePageFactory(title="Unfinished draft", owner=specialist, live=False)

    body = _person_page(client_for, caseworker, specialist)

    assert "Good practices" in body
    assert "Interpreter pool for Liège" in body
    assert "Unfinished draft" not in body


def test_the_sections_come_from_the_registered_panels(
    client_for, caseworker, specialist
):
    """Without the forum's registration the person page has no forum section:
    the specialists app itself knows nothing of answers."""
    names = [p.name for p in panels.panels_for("specialists.person")]
    assert names == ["practices.practices", "forum.answers"]
    answers = next(
        p for p in panels.panels_for("specialists.person") if p.name == "forum.answers"
    )
    panels.unregister_panel("specialists.person", "forum.answers")
    try:
        body = _person_page(client_for, caseworker, specialist)
    finally:
        panels.register_panel(
            answers.slot,
            answers.name,
            template=answers.template,
            context=answers.context,
            order=answers.order,
        )
    assert "Answers in the forum" not in body
    assert "Good practices" in body
