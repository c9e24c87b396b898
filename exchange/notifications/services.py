"""Tell a person something, in-app and by e-mail, in their own language."""

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from .models import Notification


def notification_send(
    *,
    recipient,
    kind: str,
    title,
    body="",
    url: str = "",
    actor=None,
    email: bool = True,
) -> Notification | None:
    """Record an in-app notification and e-mail it after the transaction commits.

    ``title`` and ``body`` may be lazy translations (``gettext_lazy``,
    ``format_lazy``): they are rendered in the recipient's language.
    """
    if recipient is None or not recipient.is_active or recipient.former_member:
        return None
    language = recipient.language or settings.LANGUAGE_CODE
    with translation.override(language):
        notification = Notification.objects.create(
            recipient=recipient,
            kind=kind,
            title=str(title)[:255],
            body=str(body),
            url=url,
            actor=actor,
        )
    if email:
        transaction.on_commit(lambda: notification_email(notification))
    return notification


def notification_email(notification: Notification) -> None:
    """Send one notification by e-mail now."""
    recipient = notification.recipient
    language = recipient.language or settings.LANGUAGE_CODE
    with translation.override(language):
        context = {
            "notification": notification,
            "recipient": recipient,
            "site_url": settings.SITE_URL,
        }
        text = render_to_string("notifications/email/notification.txt", context)
        send_mail(
            subject=f"[Newcomer Exchange] {notification.title}",
            message=text,
            from_email=None,
            recipient_list=[recipient.email],
        )
    Notification.objects.filter(pk=notification.pk).update(emailed_at=timezone.now())
