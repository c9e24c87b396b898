"""Routing to matching specialists, escalation to coordinators, the specialist queue."""

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from exchange.notifications.services import preference_set
from forum.models import Question, QuestionRoute
from tests.factories import (
    CoordinatorFactory,
    DesignationFactory,
    QuestionFactory,
    SpecialistProfileFactory,
    municipality,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def ghent_specialist(municipalities, theme):
    designation = DesignationFactory(municipalities=[municipality("44021")])
    SpecialistProfileFactory(user=designation.user, themes=[theme])
    return designation.user


def test_new_question_notifies_matching_specialist_in_app_and_by_email(
    client_for, caseworker, ghent_specialist, theme, django_capture_on_commit_callbacks
):
    preference_set(user=ghent_specialist, email_frequency="immediate")
    ghent_specialist.language = "nl"
    ghent_specialist.save()
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for(caseworker).post(
            "/en/forum/ask/",
            {
                "title": "How do you organise interpreters for the intake?",
                "body": "We have no budget for a professional interpreter.",
                "themes": [theme.pk],
                "language": "en",
                "municipality": "Gent",
            },
        )
    assert response.status_code == 302
    note = ghent_specialist.notifications.get(kind="forum.question_routed")
    assert "How do you organise interpreters" in note.title
    assert note.url.startswith("/nl/forum/questions/")  # in the specialist's language
    assert [m.to for m in mail.outbox] == [[ghent_specialist.email]]
    assert "Een vraag voor u als specialist" in mail.outbox[0].subject


def test_specialist_for_another_place_or_theme_is_not_notified(
    caseworker, ask, municipalities, theme, housing
):
    elsewhere = DesignationFactory(municipalities=[municipality("62063")])
    SpecialistProfileFactory(user=elsewhere.user, themes=[theme])
    other_theme = DesignationFactory(municipalities=[municipality("44021")])
    SpecialistProfileFactory(user=other_theme.user, themes=[housing])
    ask(caseworker, municipality=municipality("44021"))
    assert not elsewhere.user.notifications.exists()
    assert not other_theme.user.notifications.exists()


def test_question_with_only_a_region_reaches_specialists_of_that_region(
    caseworker, ask, ghent_specialist
):
    flanders = municipality("44021").region
    question = ask(caseworker, region=flanders)
    assert QuestionRoute.objects.filter(question=question, user=ghent_specialist)


def test_specialist_sees_routed_questions_in_the_queue(
    client_for, caseworker, ghent_specialist, ask
):
    question = ask(caseworker, municipality=municipality("44021"))
    page = client_for(ghent_specialist).get("/en/forum/queue/")
    assert [q.pk for q in page.context["questions"]] == [question.pk]


def test_solved_question_leaves_the_queue(
    client_for, caseworker, ghent_specialist, ask
):
    from forum import services

    question = ask(caseworker, municipality=municipality("44021"))
    answer = services.answer_create(
        question=question, author=ghent_specialist, body="Use the phone service."
    )
    services.answer_accept(answer=answer, user=caseworker)
    page = client_for(ghent_specialist).get("/en/forum/queue/")
    assert list(page.context["questions"]) == []


def test_unanswered_question_is_escalated_to_coordinators_once(settings):
    settings.FORUM_ESCALATION_DAYS = 5
    coordinator = CoordinatorFactory()
    old = QuestionFactory(created_at=timezone.now() - timezone.timedelta(days=6))
    QuestionFactory(created_at=timezone.now() - timezone.timedelta(days=2))
    call_command("forum_escalate", stdout=__import__("io").StringIO())
    notes = coordinator.notifications.filter(kind="forum.question_escalated")
    assert [n.url for n in notes] == [old.get_absolute_url()]
    assert "Unanswered for 5 days" in notes[0].title
    call_command("forum_escalate", stdout=__import__("io").StringIO())
    assert coordinator.notifications.count() == 1
    old.refresh_from_db()
    assert old.escalated_at is not None
    assert QuestionRoute.objects.filter(question=old, user=coordinator).exists()


def test_answered_question_is_not_escalated(settings):
    from tests.factories import AnswerFactory

    coordinator = CoordinatorFactory()
    old = QuestionFactory(created_at=timezone.now() - timezone.timedelta(days=30))
    AnswerFactory(question=old)
    from forum.tasks import escalate_unanswered_questions

    result = escalate_unanswered_questions.enqueue()
    assert result.return_value == 0
    assert not coordinator.notifications.exists()
    assert Question.objects.get().escalated_at is None
