"""Votes: one per member and post, undo by voting again, exact under concurrency."""

import threading

import pytest
from django.db import connection

from forum import services
from forum.models import Answer, Vote
from tests.factories import AnswerFactory, CaseworkerFactory, QuestionFactory


@pytest.mark.django_db
def test_vote_counts_once_per_member_and_can_be_undone(client_for, caseworker):
    answer = AnswerFactory()
    client = client_for(caseworker)
    url = f"/en/forum/answers/{answer.pk}/vote/"
    client.post(url, {"value": "1"})
    answer.refresh_from_db()
    assert answer.vote_score == 1
    client.post(url, {"value": "1"})  # the same vote again: undo
    answer.refresh_from_db()
    assert answer.vote_score == 0
    assert not Vote.objects.exists()


@pytest.mark.django_db
def test_changing_a_vote_moves_the_score_by_two(caseworker):
    answer = AnswerFactory()
    services.vote_cast(user=caseworker, post=answer, value=1)
    score = services.vote_cast(user=caseworker, post=answer, value=-1)
    assert score == -1
    assert Vote.objects.get().value == -1


@pytest.mark.django_db
def test_vote_returns_json_for_the_script(client_for, caseworker):
    question = QuestionFactory()
    response = client_for(caseworker).post(
        f"/en/forum/questions/{question.pk}/vote/",
        {"value": "1"},
        HTTP_ACCEPT="application/json",
    )
    assert response.json() == {"score": 1, "my_vote": 1}


@pytest.mark.django_db
def test_voting_on_your_own_post_is_refused(client_for, caseworker):
    question = QuestionFactory(author=caseworker)
    response = client_for(caseworker).post(
        f"/en/forum/questions/{question.pk}/vote/", {"value": "1"}
    )
    assert response.status_code == 403
    assert "cannot vote on your own post" in response.content.decode()
    assert not Vote.objects.exists()


@pytest.mark.django_db
def test_invalid_vote_value_is_a_bad_request(client_for, caseworker):
    answer = AnswerFactory()
    response = client_for(caseworker).post(
        f"/en/forum/answers/{answer.pk}/vote/", {"value": "5"}
    )
    assert response.status_code == 400
    assert not Vote.objects.exists()


@pytest.mark.django_db
def test_vote_page_shows_my_vote_and_the_score(client_for, caseworker):
    answer = AnswerFactory()
    services.vote_cast(user=caseworker, post=answer, value=1)
    page = client_for(caseworker).get(answer.question.get_absolute_url()).content
    assert b"Undo useful vote" in page
    assert b"Score: 1" in page


@pytest.mark.skipif(
    "postgresql"
    not in __import__("django.conf").conf.settings.DATABASES["default"]["ENGINE"],
    reason="concurrent writes are tested on PostgreSQL (SQLite serialises them)",
)
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_votes_give_an_exact_count():
    answer = AnswerFactory()
    voters = [CaseworkerFactory() for _ in range(12)]
    barrier = threading.Barrier(len(voters))
    errors = []

    def vote(user):
        try:
            barrier.wait()
            services.vote_cast(user=user, post=answer, value=1)
        except Exception as error:  # pragma: no cover - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=vote, args=(u,)) for u in voters]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert Answer.objects.get(pk=answer.pk).vote_score == len(voters)
    assert Vote.objects.filter(object_id=answer.pk).count() == len(voters)
