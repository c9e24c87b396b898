"""Asking, answering, commenting, editing with history, accepting and validating."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from forum import services
from forum.models import Answer, Question, Revision
from tests.factories import AnswerFactory, CaseworkerFactory, QuestionFactory

pytestmark = pytest.mark.django_db


def test_caseworker_asks_question_with_themes_and_target_groups(
    client_for, caseworker, theme, refugees
):
    client = client_for(caseworker)
    response = client.post(
        "/en/forum/ask/",
        {
            "title": "How do you plan the first intake with an interpreter?",
            "body": "We wait **ten days** for an interpreter. What do you do?",
            "themes": [theme.pk],
            "target_groups": [refugees.pk],
            "language": "en",
        },
    )
    question = Question.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"/en/forum/questions/{question.pk}/"
    page = client.get(response["Location"]).content.decode()
    assert "How do you plan the first intake" in page
    assert "<strong>ten days</strong>" in page
    assert list(question.themes.all()) == [theme]
    assert list(question.target_groups.all()) == [refugees]


def test_question_body_is_sanitised_on_save(caseworker, ask):
    question = ask(
        caseworker,
        body='Hello <script>alert("x")</script> [link](javascript:alert(1)) '
        '<img src=x onerror="alert(1)"> *fine*',
    )
    assert "<script" not in question.body_html
    assert "javascript:" not in question.body_html
    assert "onerror" not in question.body_html
    assert "<em>fine</em>" in question.body_html


def test_question_linked_to_municipality_gets_its_region(
    caseworker, ask, municipalities
):
    from specialists.models import Municipality

    ghent = Municipality.objects.get(refnis="44021")
    question = ask(caseworker, municipality=ghent)
    assert question.region == ghent.region


def test_answer_then_comment_show_on_the_question_page(
    client_for, caseworker, specialist
):
    question = QuestionFactory(author=caseworker)
    client = client_for(specialist)
    response = client.post(
        f"/en/forum/questions/{question.pk}/answer/",
        {"body": "Book the telephone interpreter the same morning."},
    )
    answer = Answer.objects.get()
    assert response.status_code == 302
    client = client_for(caseworker)
    response = client.post(
        f"/en/forum/answers/{answer.pk}/comment/", {"body": "Which service do you use?"}
    )
    assert response.status_code == 302
    page = client.get(f"/en/forum/questions/{question.pk}/").content.decode()
    assert "Book the telephone interpreter" in page
    assert "Which service do you use?" in page
    question.refresh_from_db()
    assert question.answer_count == 1


def test_edit_keeps_the_previous_version_visible_to_everyone(client_for, caseworker):
    question = QuestionFactory(author=caseworker, body="First version of the text.")
    answer = AnswerFactory(question=question, body="Original answer text here.")
    services.question_update(
        question=question,
        editor=caseworker,
        title=question.title,
        body="Second version of the text.",
        reason="clarified",
    )
    services.post_update(post=answer, editor=answer.author, body="Better answer.")
    other = client_for(CaseworkerFactory())
    page = other.get(f"/en/forum/questions/{question.pk}/history/").content.decode()
    assert "First version of the text." in page
    assert "Second version of the text." in page
    assert "clarified" in page
    page = other.get(f"/en/forum/answers/{answer.pk}/history/").content.decode()
    assert "Original answer text here." in page
    assert Revision.objects.count() == 2


def test_only_the_author_or_a_coordinator_edits(client_for, caseworker):
    question = QuestionFactory(author=caseworker)
    response = client_for(CaseworkerFactory()).post(
        f"/en/forum/questions/{question.pk}/edit/",
        {"title": "Changed by someone else entirely", "body": "x", "language": "en"},
    )
    assert response.status_code == 403
    question.refresh_from_db()
    assert question.title != "Changed by someone else entirely"


def test_asker_accepts_one_answer_and_may_switch(client_for, caseworker):
    question = QuestionFactory(author=caseworker)
    first, second = AnswerFactory(question=question), AnswerFactory(question=question)
    client = client_for(caseworker)
    assert client.post(f"/en/forum/answers/{first.pk}/accept/").status_code == 302
    question.refresh_from_db()
    assert question.accepted_answer == first
    assert question.status == Question.Status.SOLVED
    client.post(f"/en/forum/answers/{second.pk}/accept/")
    question.refresh_from_db()
    assert question.accepted_answer == second
    page = client.get(f"/en/forum/questions/{question.pk}/").content.decode()
    assert page.count("Accepted by the asker") == 1
    assert f'id="answer-{second.pk}"' in page.split("Accepted by the asker")[0]


def test_answer_author_is_notified_when_accepted(caseworker):
    question = QuestionFactory(author=caseworker)
    answer = AnswerFactory(question=question)
    services.answer_accept(answer=answer, user=caseworker)
    assert answer.author.notifications.filter(kind="forum.answer_accepted").exists()


def test_accepting_on_someone_elses_question_is_refused(client_for, caseworker):
    question = QuestionFactory()
    answer = AnswerFactory(question=question)
    response = client_for(caseworker).post(f"/en/forum/answers/{answer.pk}/accept/")
    assert response.status_code == 403
    assert "Only the person who asked" in response.content.decode()
    question.refresh_from_db()
    assert question.accepted_answer is None


def test_coordinator_marks_answer_validated(client_for, coordinator, caseworker):
    answer = AnswerFactory()
    response = client_for(coordinator).post(f"/en/forum/answers/{answer.pk}/validate/")
    assert response.status_code == 302
    answer.refresh_from_db()
    assert answer.validated_by == coordinator
    page = client_for(caseworker).get(answer.question.get_absolute_url()).content
    assert b"Validated by coordinator" in page


def test_caseworker_cannot_validate_answers(client_for, caseworker):
    answer = AnswerFactory()
    response = client_for(caseworker).post(f"/en/forum/answers/{answer.pk}/validate/")
    assert response.status_code == 403
    answer.refresh_from_db()
    assert answer.validated_at is None


def test_new_answer_notifies_the_asker_in_app_and_by_email(
    caseworker, specialist, ask, django_capture_on_commit_callbacks
):
    from exchange.notifications.services import preference_set

    preference_set(user=caseworker, email_frequency="immediate")
    question = ask(caseworker)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.answer_create(
            question=question, author=specialist, body="Try the telephone service."
        )
    assert caseworker.notifications.filter(kind="forum.answer_new").exists()
    assert [m.to for m in mail.outbox] == [[caseworker.email]]
    assert question.title in mail.outbox[0].subject


def test_locked_question_refuses_new_answers(specialist):
    question = QuestionFactory(is_locked=True)
    with pytest.raises(PermissionDenied):
        services.answer_create(question=question, author=specialist, body="Late.")
    assert not Answer.objects.exists()


def test_empty_answer_is_refused_with_a_message(specialist):
    question = QuestionFactory()
    with pytest.raises(ValidationError) as error:
        services.answer_create(question=question, author=specialist, body="   ")
    assert "cannot be empty" in str(error.value)
