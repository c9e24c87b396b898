"""Following a question, a theme or a region."""

import pytest

from forum import services
from forum.models import Subscription
from tests.factories import AnswerFactory, CaseworkerFactory, QuestionFactory

pytestmark = pytest.mark.django_db


def test_follow_and_unfollow_a_question(client_for, caseworker):
    question = QuestionFactory()
    client = client_for(caseworker)
    url = f"/en/forum/follow/question/{question.pk}/"
    client.post(url)
    assert Subscription.objects.filter(user=caseworker, question=question).exists()
    assert b"Stop following" in client.get(question.get_absolute_url()).content
    client.post(url)
    assert not Subscription.objects.filter(user=caseworker, question=question).exists()


def test_follower_of_a_question_hears_about_new_answers(caseworker, specialist):
    question = QuestionFactory()
    services.follow_toggle(user=caseworker, question=question)
    services.answer_create(question=question, author=specialist, body="Here is how.")
    assert caseworker.notifications.filter(kind="forum.answer_new").count() == 1


def test_follower_of_a_theme_hears_about_new_questions(client_for, ask, housing):
    follower = CaseworkerFactory()
    client_for(follower).post("/en/forum/follow/theme/housing/")
    ask(CaseworkerFactory(), themes=[housing])
    note = follower.notifications.get()
    assert note.kind == "forum.question_new"


def test_follower_of_a_region_hears_about_questions_there(ask, municipalities):
    from specialists.models import Municipality, Region

    follower = CaseworkerFactory()
    services.follow_toggle(user=follower, region=Region.objects.get(slug="wallonia"))
    ask(CaseworkerFactory(), municipality=Municipality.objects.get(refnis="62063"))
    ask(CaseworkerFactory(), municipality=Municipality.objects.get(refnis="44021"))
    assert follower.notifications.count() == 1


def test_nobody_is_notified_about_their_own_post(caseworker):
    question = QuestionFactory(author=caseworker)
    services.follow_toggle(user=caseworker, question=question)
    AnswerFactory(question=question)
    services.answer_create(question=question, author=caseworker, body="Update: solved.")
    assert not caseworker.notifications.exists()


def test_follow_buttons_on_a_filtered_list(client_for, caseworker):
    page = client_for(caseworker).get("/en/forum/?theme=housing").content.decode()
    assert "Follow Housing" in page
