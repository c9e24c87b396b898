"""Issue 13, item 4: e-mail goes through the task queue.

A real SMTP server (aiosmtpd on a local port) is stopped while members post: each
post is committed and answered 302, every e-mail is recorded, and after the server
is back the retries deliver every one of them.
"""

from datetime import timedelta

import pytest
from django.core import mail
from django.test import override_settings
from django.utils import timezone

from exchange.notifications.mail import backoff_seconds, emails_retry_due
from exchange.notifications.models import EmailFrequency, EmailState, OutboundEmail
from exchange.notifications.services import preference_set
from forum import services as forum_services
from forum.models import Answer
from tests.factories import QuestionFactory
from tests.prod.smtp_server import SmtpServer

pytestmark = pytest.mark.django_db


@pytest.fixture
def smtp():
    server = SmtpServer()
    with override_settings(**server.settings()):
        yield server
    server.stop()


def _later():
    return timezone.now() + timedelta(hours=2)


def test_posts_succeed_while_smtp_is_down_and_no_mail_is_lost(
    smtp, client_for, caseworker, specialist, django_capture_on_commit_callbacks
):
    preference_set(user=caseworker, email_frequency=EmailFrequency.IMMEDIATE)
    questions = [QuestionFactory(author=caseworker) for _ in range(3)]
    for question in questions:
        forum_services.follow_toggle(user=caseworker, question=question)
    client = client_for(specialist)

    # The mail server is down: every post is still committed and redirected.
    for question in questions:
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                f"/en/forum/questions/{question.pk}/answer/",
                {"body": "We call the interpreting service the day before."},
            )
        assert response.status_code == 302
    assert Answer.objects.filter(question__in=questions).count() == 3
    waiting = OutboundEmail.objects.filter(recipients=caseworker.email)
    assert waiting.count() == 3
    assert set(waiting.values_list("state", flat=True)) == {EmailState.PENDING}
    assert all(e.attempts == 1 and "Connection" in e.last_error for e in waiting)
    assert smtp.messages == []

    # The server comes back; the retries deliver every e-mail, once.
    smtp.start()
    assert emails_retry_due(now=_later()) == {"sent": 3}
    assert len(smtp.messages) == 3
    assert {m.rcpt_tos[0] for m in smtp.messages} == {caseworker.email}
    assert set(waiting.values_list("state", flat=True)) == {EmailState.SENT}
    assert all(e.sent_at is not None for e in waiting.all())
    assert emails_retry_due(now=_later()) == {}
    assert len(smtp.messages) == 3


def test_a_message_is_delivered_by_its_task_when_the_server_is_up(
    smtp, caseworker, django_capture_on_commit_callbacks
):
    smtp.start()
    with django_capture_on_commit_callbacks(execute=True):
        mail.send_mail("Hello", "Body text", None, [caseworker.email])
    email = OutboundEmail.objects.get()
    assert email.state == EmailState.SENT
    assert email.attempts == 1
    assert email.subject == "Hello"
    assert len(smtp.messages) == 1
    assert b"Body text" in smtp.messages[0].content


def test_password_reset_mail_of_allauth_goes_through_the_queue(
    smtp, client, site_tree, caseworker, django_capture_on_commit_callbacks
):
    smtp.start()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/en/accounts/password/reset/", {"email": caseworker.email}
        )
    assert response.status_code == 302
    email = OutboundEmail.objects.get(recipients=caseworker.email)
    assert email.state == EmailState.SENT
    assert len(smtp.messages) == 1


def test_retries_back_off_and_give_up_after_the_maximum(
    smtp, caseworker, django_capture_on_commit_callbacks
):
    assert [backoff_seconds(n) for n in (1, 2, 3)] == [30, 60, 120]
    assert backoff_seconds(30) == 3600
    with override_settings(EMAIL_MAX_ATTEMPTS=3):
        with django_capture_on_commit_callbacks(execute=True):
            mail.send_mail("Hello", "Body", None, [caseworker.email])
        email = OutboundEmail.objects.get()
        first_retry = email.next_attempt_at
        assert email.attempts == 1
        assert emails_retry_due() == {}  # not due yet: backoff
        assert emails_retry_due(now=first_retry + timedelta(seconds=1)) == {"retry": 1}
        assert emails_retry_due(now=_later()) == {"failed": 1}
    email.refresh_from_db()
    assert email.state == EmailState.FAILED
    assert email.attempts == 3
    assert email.next_attempt_at is None


def test_the_email_task_row_commits_with_the_post_on_the_database_backend(
    smtp, caseworker
):
    from django.db import transaction
    from django_tasks_db.models import DBTaskResult

    with override_settings(
        TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    ):
        with transaction.atomic():
            mail.send_mail("Hello", "Body", None, [caseworker.email])
        task = DBTaskResult.objects.get()
        assert task.task_path.endswith("email_deliver")
        assert task.args_kwargs["args"] == [OutboundEmail.objects.get().pk]
