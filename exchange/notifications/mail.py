"""Every e-mail of the site: recorded in the database, delivered by the task queue.

``QueuedEmailBackend`` is the ``EMAIL_BACKEND``: ``send_mail``, ``EmailMessage.send``
and allauth's adapter all end in ``email_queue``, which stores the message as an
``OutboundEmail`` in the current transaction and hands its delivery to the task
``email_deliver``. A web request therefore never talks to the mail server: a post
is committed and answered whatever the server does, and a message waits in the
database while the server is down.

Delivery uses ``EMAIL_DELIVERY_BACKEND`` (SMTP in production) with
``EMAIL_TIMEOUT``; a failure is recorded (``attempts``, ``last_error``) and
retried with exponential backoff (``EMAIL_RETRY_BASE_SECONDS`` doubling, at most
one hour apart) up to ``EMAIL_MAX_ATTEMPTS``. ``manage.py email_retry`` (cron,
every minute) delivers whatever is due, also messages whose task was lost.
"""

from __future__ import annotations

import base64
import logging
from datetime import timedelta

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.message import make_msgid
from django.db import transaction
from django.utils import timezone

from .models import EmailState, OutboundEmail

logger = logging.getLogger("exchange.mail")

MAX_BACKOFF_SECONDS = 60 * 60
# A message claimed by a worker that died while sending is retried after this.
STALE_SENDING = timedelta(minutes=15)


def _serialise(message) -> dict:
    headers = dict(message.extra_headers)
    headers.setdefault("Message-ID", make_msgid(domain=_domain()))
    attachments = []
    for attachment in message.attachments:
        if isinstance(attachment, tuple) or hasattr(attachment, "filename"):
            filename, content, mimetype = attachment
            if isinstance(content, str):
                content = content.encode()
            attachments.append(
                [filename, base64.b64encode(content).decode("ascii"), mimetype]
            )
    return {
        "from_email": message.from_email,
        "to": list(message.to),
        "cc": list(message.cc),
        "bcc": list(message.bcc),
        "reply_to": list(message.reply_to),
        "subject": str(message.subject),
        "body": str(message.body),
        "content_subtype": getattr(message, "content_subtype", "plain"),
        "alternatives": [
            [str(content), mimetype]
            for content, mimetype in getattr(message, "alternatives", [])
        ],
        "headers": headers,
        "attachments": attachments,
    }


def _domain() -> str:
    from urllib.parse import urlparse

    return urlparse(settings.SITE_URL).hostname or "localhost"


def _message(data: dict) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=data["subject"],
        body=data["body"],
        from_email=data["from_email"],
        to=data["to"],
        cc=data["cc"],
        bcc=data["bcc"],
        reply_to=data["reply_to"],
        headers=data["headers"],
    )
    message.content_subtype = data.get("content_subtype", "plain")
    for content, mimetype in data["alternatives"]:
        message.attach_alternative(content, mimetype)
    for filename, content, mimetype in data["attachments"]:
        message.attach(filename, base64.b64decode(content), mimetype)
    return message


def _tasks_are_deferred() -> bool:
    return settings.TASKS["default"]["BACKEND"].startswith("django_tasks_db")


def _enqueue(email_id: int, run_after=None) -> None:
    from .tasks import email_deliver

    task = email_deliver
    if run_after is not None:
        if not task.get_backend().supports_defer:
            return  # ``email_retry`` picks it up when due
        task = task.using(run_after=run_after)
    task.enqueue(email_id)


def email_queue(message) -> OutboundEmail:
    """Record ``message`` and have it delivered by the task queue."""
    data = _serialise(message)
    recipients = [*data["to"], *data["cc"], *data["bcc"]]
    email = OutboundEmail.objects.create(
        recipients=", ".join(recipients)[:1000],
        subject=data["subject"][:998],
        message=data,
        next_attempt_at=timezone.now(),
    )
    if _tasks_are_deferred():
        # The task row is written in the same transaction as the e-mail and the
        # post that caused it: all three commit, or none does.
        _enqueue(email.pk)
    else:
        transaction.on_commit(lambda: _enqueue(email.pk))
    return email


def backoff_seconds(attempts: int) -> int:
    base = settings.EMAIL_RETRY_BASE_SECONDS
    return min(MAX_BACKOFF_SECONDS, base * 2 ** max(0, attempts - 1))


def email_deliver(*, email_id: int) -> str:
    """Send one recorded e-mail now; on failure schedule the next attempt."""
    now = timezone.now()
    claimed = OutboundEmail.objects.filter(
        pk=email_id, state=EmailState.PENDING
    ).update(state=EmailState.SENDING, next_attempt_at=now + STALE_SENDING)
    if not claimed:
        return "skipped"  # already sent, given up, or another worker has it
    email = OutboundEmail.objects.get(pk=email_id)
    try:
        connection = get_connection(
            settings.EMAIL_DELIVERY_BACKEND,
            fail_silently=False,
            timeout=settings.EMAIL_TIMEOUT,
        )
        connection.send_messages([_message(email.message)])
    except Exception as error:
        attempts = email.attempts + 1
        given_up = attempts >= settings.EMAIL_MAX_ATTEMPTS
        next_attempt = (
            None if given_up else now + timedelta(seconds=backoff_seconds(attempts))
        )
        OutboundEmail.objects.filter(pk=email_id).update(
            state=EmailState.FAILED if given_up else EmailState.PENDING,
            attempts=attempts,
            last_error=f"{type(error).__name__}: {error}"[:2000],
            next_attempt_at=next_attempt,
        )
        logger.warning(
            "E-mail %s not delivered (attempt %s): %s", email_id, attempts, error
        )
        if next_attempt is not None:
            _enqueue(email_id, run_after=next_attempt)
        return "failed" if given_up else "retry"
    OutboundEmail.objects.filter(pk=email_id).update(
        state=EmailState.SENT,
        attempts=email.attempts + 1,
        sent_at=timezone.now(),
        next_attempt_at=None,
        last_error="",
    )
    return "sent"


def emails_retry_due(*, now=None, limit: int = 500) -> dict:
    """Deliver every waiting e-mail whose next attempt is due; counts by outcome."""
    now = now or timezone.now()
    OutboundEmail.objects.filter(
        state=EmailState.SENDING, next_attempt_at__lte=now
    ).update(state=EmailState.PENDING)
    due = (
        OutboundEmail.objects.filter(state=EmailState.PENDING, next_attempt_at__lte=now)
        .order_by("next_attempt_at")
        .values_list("pk", flat=True)[:limit]
    )
    outcomes: dict[str, int] = {}
    for pk in list(due):
        outcome = email_deliver(email_id=pk)
        outcomes[outcome] = outcomes.get(outcome, 0) + 1
    return outcomes


def email_queue_state() -> dict:
    """Waiting e-mails and the age of the oldest (for /readyz and the admin)."""
    waiting = OutboundEmail.objects.filter(
        state__in=[EmailState.PENDING, EmailState.SENDING]
    )
    oldest = waiting.order_by("created_at").values_list("created_at", flat=True).first()
    age = None if oldest is None else (timezone.now() - oldest).total_seconds()
    return {
        "waiting": waiting.count(),
        "failed": OutboundEmail.objects.filter(state=EmailState.FAILED).count(),
        "oldest_age": age,
    }


class QueuedEmailBackend(BaseEmailBackend):
    """The site's EMAIL_BACKEND: record and queue, never talk to the server here."""

    def send_messages(self, email_messages):
        count = 0
        for message in email_messages:
            if not message.recipients():
                continue
            email_queue(message)
            count += 1
        return count


MAX_EMAIL_AGE_SECONDS = 5 * 60


def check_email_queue():
    """Readiness: an e-mail waiting more than five minutes is reported."""
    try:
        state = email_queue_state()
    except Exception as error:
        return {"name": "email", "ok": False, "detail": f"unreadable: {error}"}
    age = state["oldest_age"]
    if age is not None and age > MAX_EMAIL_AGE_SECONDS:
        last_error = (
            OutboundEmail.objects.filter(state=EmailState.PENDING)
            .exclude(last_error="")
            .values_list("last_error", flat=True)
            .first()
        )
        detail = f"{state['waiting']} e-mails waiting, the oldest for {int(age)} s"
        if last_error:
            detail += f"; last error: {last_error[:300]}"
        return {"name": "email", "ok": False, "detail": detail, "data": state}
    return {"name": "email", "ok": True, "data": state}
