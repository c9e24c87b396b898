"""Flags, the coordinators' queue, hiding, editing, locking, duplicates, practices."""

import pytest

from forum import services
from forum.models import Flag, Question
from tests.factories import AnswerFactory, CaseworkerFactory, QuestionFactory

pytestmark = pytest.mark.django_db


def test_member_flags_a_post_with_a_reason(client_for, caseworker):
    answer = AnswerFactory()
    client = client_for(caseworker)
    assert client.get(f"/en/forum/answers/{answer.pk}/flag/").status_code == 200
    response = client.post(
        f"/en/forum/answers/{answer.pk}/flag/",
        {"reason": "personal_data", "note": "Mentions the client's street."},
    )
    assert response.status_code == 302
    flag = Flag.objects.get()
    assert flag.post == answer
    assert flag.reporter == caseworker


def test_flag_without_reason_is_refused(client_for, caseworker):
    answer = AnswerFactory()
    response = client_for(caseworker).post(f"/en/forum/answers/{answer.pk}/flag/", {})
    assert response.status_code == 400
    assert not Flag.objects.exists()


def test_coordinator_queue_lists_open_flags(client_for, coordinator, caseworker):
    answer = AnswerFactory(body="Text that was flagged.")
    services.flag_create(reporter=caseworker, post=answer, reason="offensive")
    page = client_for(coordinator).get("/en/forum/moderation/").content.decode()
    assert "Text that was flagged." in page
    assert "Offensive or discriminatory" in page


def test_caseworker_has_no_moderation_queue(client_for, caseworker):
    assert client_for(caseworker).get("/en/forum/moderation/").status_code == 403


def test_hidden_question_disappears_from_lists_pages_feed_and_api(
    client_for, coordinator, caseworker
):
    question = QuestionFactory(title="A question that will be hidden")
    services.flag_create(reporter=caseworker, post=question, reason="spam")
    response = client_for(coordinator).post(
        f"/en/forum/moderation/question/{question.pk}/hide/"
    )
    assert response.status_code == 302
    assert Flag.objects.get().status == Flag.Status.HIDDEN
    client = client_for(caseworker)
    assert b"will be hidden" not in client.get("/en/forum/").content
    assert client.get(question.get_absolute_url()).status_code == 404
    assert b"will be hidden" not in client.get("/en/forum/feed/").content
    assert client.get("/api/v1/questions/").json()["count"] == 0
    # An API 404 may be turned into a redirect by LocaleMiddleware; never the question.
    detail = client.get(f"/api/v1/questions/{question.pk}", follow=True)
    assert detail.status_code == 404
    assert b"will be hidden" not in detail.content
    from forum.selectors import questions_visible_to

    assert not questions_visible_to(coordinator).filter(pk=question.pk).exists()


def test_hidden_answer_disappears_and_counts_drop(client_for, coordinator, caseworker):
    question = QuestionFactory()
    kept = AnswerFactory(question=question, body="This answer stays.")
    hidden = AnswerFactory(question=question, body="This answer goes.")
    services.post_hide(post=hidden, moderator=coordinator)
    question.refresh_from_db()
    assert question.answer_count == 1
    page = client_for(caseworker).get(question.get_absolute_url()).content.decode()
    assert kept.body in page
    assert hidden.body not in page
    detail = client_for(caseworker).get(f"/api/v1/questions/{question.pk}").json()
    assert [a["id"] for a in detail["answers"]] == [kept.pk]


def test_coordinator_edits_a_flagged_post_and_history_keeps_the_old_text(
    client_for, coordinator, caseworker
):
    answer = AnswerFactory(body="Original answer with a rude remark.")
    services.flag_create(reporter=caseworker, post=answer, reason="offensive")
    response = client_for(coordinator).post(
        f"/en/forum/moderation/answer/{answer.pk}/edit/",
        {"body": "Original answer, remark removed."},
    )
    assert response.status_code == 302
    answer.refresh_from_db()
    assert answer.body == "Original answer, remark removed."
    assert Flag.objects.get().status == Flag.Status.EDITED
    history = client_for(caseworker).get(f"/en/forum/answers/{answer.pk}/history/")
    assert b"with a rude remark" in history.content


def test_coordinator_dismisses_a_flag(client_for, coordinator, caseworker):
    answer = AnswerFactory()
    flag = services.flag_create(reporter=caseworker, post=answer, reason="other")
    client_for(coordinator).post(
        f"/en/forum/moderation/answer/{answer.pk}/dismiss/", {"flag": flag.pk}
    )
    flag.refresh_from_db()
    assert flag.status == Flag.Status.DISMISSED
    answer.refresh_from_db()
    assert not answer.is_hidden


def test_locked_question_takes_no_answers(client_for, coordinator, specialist):
    question = QuestionFactory()
    client_for(coordinator).post(f"/en/forum/moderation/question/{question.pk}/lock/")
    question.refresh_from_db()
    assert question.is_locked
    response = client_for(specialist).post(
        f"/en/forum/questions/{question.pk}/answer/", {"body": "Too late?"}
    )
    assert response.status_code == 403
    assert "closed for new answers" in response.content.decode()


def test_close_as_duplicate_points_to_the_original(client_for, coordinator, caseworker):
    original = QuestionFactory(title="The original question on interpreters")
    copy = QuestionFactory()
    client_for(coordinator).post(
        f"/en/forum/moderation/question/{copy.pk}/duplicate/",
        {"duplicate_of": original.pk},
    )
    copy.refresh_from_db()
    assert copy.duplicate_of == original
    assert copy.status == Question.Status.CLOSED
    page = client_for(caseworker).get(copy.get_absolute_url()).content.decode()
    assert "Closed as a duplicate of" in page
    assert "The original question on interpreters" in page


def test_duplicate_of_itself_is_refused(client_for, coordinator):
    question = QuestionFactory()
    response = client_for(coordinator).post(
        f"/en/forum/moderation/question/{question.pk}/duplicate/",
        {"duplicate_of": question.pk},
        follow=True,
    )
    assert "cannot duplicate itself" in response.content.decode()
    question.refresh_from_db()
    assert question.duplicate_of is None


def test_coordinator_moves_themes(client_for, coordinator, housing):
    question = QuestionFactory()
    client_for(coordinator).post(
        f"/en/forum/moderation/question/{question.pk}/themes/", {"themes": [housing.pk]}
    )
    assert list(question.themes.all()) == [housing]


def test_caseworker_cannot_use_moderation_actions(client_for, caseworker):
    question = QuestionFactory()
    response = client_for(caseworker).post(
        f"/en/forum/moderation/question/{question.pk}/hide/"
    )
    assert response.status_code == 403
    question.refresh_from_db()
    assert not question.is_hidden


def test_solved_question_becomes_a_draft_practice(
    client_for, coordinator, specialist, site_tree
):
    practices_services = pytest.importorskip("practices.services")
    from practices.library import practice_library_ensure

    practice_library_ensure()
    asker = CaseworkerFactory()
    question = QuestionFactory(author=asker, title="A buddy project for newcomers")
    answer = AnswerFactory(question=question, author=specialist, body="We pair people.")
    services.answer_accept(answer=answer, user=asker)
    response = client_for(coordinator).post(
        f"/en/forum/moderation/question/{question.pk}/practice/"
    )
    assert response.status_code == 302, response.content
    question.refresh_from_db()
    from practices.models import PracticePage

    practice = PracticePage.objects.get(pk=question.draft_practice_id)
    assert not practice.live
    assert practice.title == "A buddy project for newcomers"
    # The asker (a caseworker) may not write practices: the specialist who answered
    # gets the draft to complete.
    assert practice.owner == specialist
    assert specialist.notifications.filter(kind="forum.practice_draft").exists()
    assert list(question.practices.all()) == [practice]
    assert practices_services is not None


def test_unsolved_question_cannot_become_a_practice(client_for, coordinator):
    question = QuestionFactory()
    response = client_for(coordinator).post(
        f"/en/forum/moderation/question/{question.pk}/practice/", follow=True
    )
    assert "Only a solved question" in response.content.decode()
    question.refresh_from_db()
    assert question.draft_practice_id is None
