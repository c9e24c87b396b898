"""Tell a person something, in-app and by e-mail, in their own language.

E-mail is opt-in: each person chooses no e-mail, one per event, or a daily or weekly
digest (``NotificationPreference``). Every e-mail carries a signed one-click
unsubscribe link.
"""

from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from .models import EmailFrequency, Notification, NotificationPreference

UNSUBSCRIBE_SALT = "notifications.unsubscribe"
DIGEST_PERIODS = {
    EmailFrequency.DAILY: timedelta(days=1),
    EmailFrequency.WEEKLY: timedelta(days=7),
}


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
    """Record an in-app notification; e-mail it as the recipient chose.

    ``title`` and ``body`` may be lazy translations (``gettext_lazy``,
    ``format_lazy``): they are rendered in the recipient's language. ``email=False``
    keeps it in-app only (also out of digests).
    """
    if recipient is None or not recipient.is_active or recipient.former_member:
        return None
    if actor is not None and actor.pk == recipient.pk:
        return None  # nobody needs to hear about their own action
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
    if not email:
        # Marked as handled so that digests leave it out.
        Notification.objects.filter(pk=notification.pk).update(
            emailed_at=notification.created_at
        )
    elif email_frequency_of(recipient) == EmailFrequency.IMMEDIATE:
        transaction.on_commit(lambda: notification_email(notification))
    return notification


def email_frequency_of(user) -> str:
    preference = NotificationPreference.objects.filter(user=user).first()
    return preference.email_frequency if preference else EmailFrequency.NEVER


def preference_set(*, user, email_frequency: str) -> NotificationPreference:
    """Save how ``user`` wants e-mail."""
    if email_frequency not in EmailFrequency.values:
        raise ValueError(email_frequency)
    preference, _ = NotificationPreference.objects.update_or_create(
        user=user, defaults={"email_frequency": email_frequency}
    )
    return preference


def unsubscribe_token(user) -> str:
    return signing.dumps({"u": user.pk}, salt=UNSUBSCRIBE_SALT, compress=True)


def unsubscribe_url(user) -> str:
    language = user.language or settings.LANGUAGE_CODE
    with translation.override(language):
        path = reverse("notifications:unsubscribe", args=[unsubscribe_token(user)])
    return f"{settings.SITE_URL}{path}"


def user_from_unsubscribe_token(token: str):
    """The user a signed link was made for, or None if it was tampered with."""
    from django.contrib.auth import get_user_model

    try:
        data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    return get_user_model().objects.filter(pk=data.get("u")).first()


def email_unsubscribe(*, user) -> None:
    """Stop all notification e-mail to ``user`` (in-app notifications go on)."""
    preference_set(user=user, email_frequency=EmailFrequency.NEVER)


def member_email_send(*, recipient, subject: str, template: str, context: dict) -> None:
    """E-mail ``recipient`` (render in their language first) with the platform's
    subject prefix, a one-click unsubscribe link and ``List-Unsubscribe`` headers.

    The one mail path for digests, single notifications and coordination's mailings.
    """
    link = unsubscribe_url(recipient)
    context = {
        **context,
        "recipient": recipient,
        "site_url": settings.SITE_URL,
        "unsubscribe_url": link,
    }
    text = render_to_string(template, context)
    message = EmailMessage(
        subject=f"[{settings.PLATFORM_NAME}] {subject}",
        body=text,
        to=[recipient.email],
        headers={
            "List-Unsubscribe": f"<{link}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
    )
    message.send()


def notification_email(notification: Notification) -> None:
    """Send one notification by e-mail now."""
    recipient = notification.recipient
    language = recipient.language or settings.LANGUAGE_CODE
    with translation.override(language):
        member_email_send(
            recipient=recipient,
            subject=notification.title,
            template="notifications/email/notification.txt",
            context={"notification": notification},
        )
    Notification.objects.filter(pk=notification.pk).update(emailed_at=timezone.now())


def digests_send(*, frequency: str, now=None) -> int:
    """E-mail each person on ``frequency`` what they have not yet had; returns count."""
    from django.utils.translation import gettext

    now = now or timezone.now()
    since = now - DIGEST_PERIODS[frequency]
    sent = 0
    preferences = NotificationPreference.objects.filter(
        email_frequency=frequency,
        user__is_active=True,
        user__former_member=False,
    ).select_related("user")
    for preference in preferences:
        recipient = preference.user
        pending = list(
            Notification.objects.filter(
                recipient=recipient,
                emailed_at__isnull=True,
                created_at__gt=since,
                created_at__lte=now,
            ).order_by("created_at")
        )
        if pending:
            language = recipient.language or settings.LANGUAGE_CODE
            with translation.override(language):
                subject = (
                    gettext("Your daily digest")
                    if frequency == EmailFrequency.DAILY
                    else gettext("Your weekly digest")
                )
                member_email_send(
                    recipient=recipient,
                    subject=subject,
                    template="notifications/email/digest.txt",
                    context={"notifications": pending, "frequency": frequency},
                )
            Notification.objects.filter(pk__in=[n.pk for n in pending]).update(
                emailed_at=now
            )
            sent += 1
        preference.last_digest_at = now
        preference.save(update_fields=["last_digest_at"])
    return sent


def notifications_mark_read(*, user, pks=None) -> int:
    """Mark the user's notifications (all, or those in ``pks``) as read."""
    from .context_processors import unread_count_forget

    qs = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if pks is not None:
        qs = qs.filter(pk__in=pks)
    marked = qs.update(read_at=timezone.now())
    unread_count_forget(user.pk)
    return marked
