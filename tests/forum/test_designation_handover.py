"""A specialist's designation ends with a successor: their open routed questions
follow the successor (the promise of docs/architecture.md: "the forum and practices
handle ``designation_handover``")."""

import pytest

from forum.models import Question, QuestionRoute
from specialists import services as specialist_services
from tests.factories import (
    CaseworkerFactory,
    DesignationFactory,
    QuestionFactory,
    municipality,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def designation(municipalities):
    return DesignationFactory(municipalities=[municipality("44021")])


def _routed(question, user, reason=QuestionRoute.Reason.MATCH):
    return QuestionRoute.objects.create(question=question, user=user, reason=reason)


def test_open_routed_questions_go_to_the_successor(coordinator, designation):
    leaving = designation.user
    successor = CaseworkerFactory()
    open_question = QuestionFactory()
    solved = QuestionFactory(status=Question.Status.SOLVED)
    _routed(open_question, leaving)
    _routed(solved, leaving)

    specialist_services.designation_end(
        designation=designation, ended_by=coordinator, successor=successor
    )

    assert QuestionRoute.objects.filter(
        question=open_question, user=successor, reason=QuestionRoute.Reason.MATCH
    ).exists()
    assert not QuestionRoute.objects.filter(
        question=open_question, user=leaving
    ).exists()
    # A solved question is history: it stays with the person who was asked.
    assert QuestionRoute.objects.filter(question=solved, user=leaving).exists()
    assert not QuestionRoute.objects.filter(question=solved, user=successor).exists()


def test_a_question_already_routed_to_the_successor_is_not_doubled(
    coordinator, designation
):
    successor = CaseworkerFactory()
    question = QuestionFactory()
    _routed(question, designation.user)
    _routed(question, successor)

    specialist_services.designation_end(
        designation=designation, ended_by=coordinator, successor=successor
    )

    assert QuestionRoute.objects.filter(question=question).count() == 1
    assert QuestionRoute.objects.get(question=question).user == successor


def test_without_a_successor_the_routes_stay(coordinator, designation):
    question = QuestionFactory()
    _routed(question, designation.user)

    specialist_services.designation_end(designation=designation, ended_by=coordinator)

    assert QuestionRoute.objects.filter(
        question=question, user=designation.user
    ).exists()
