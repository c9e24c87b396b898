"""Notifications' part of "Download my data" and of deleting an account."""

from django.db import transaction

from .models import Notification, NotificationPreference


def account_data(user) -> dict:
    preference = NotificationPreference.objects.filter(user=user).first()
    return {
        "settings": {
            "email_frequency": preference.email_frequency if preference else "never"
        },
        "notifications": [
            {
                "kind": n.kind,
                "title": n.title,
                "body": n.body,
                "url": n.url,
                "created_at": n.created_at,
                "read_at": n.read_at,
            }
            for n in Notification.objects.filter(recipient=user).order_by("created_at")
        ],
    }


@transaction.atomic
def on_account_deleted(sender, user, **kwargs) -> None:
    Notification.objects.filter(recipient=user).delete()
    NotificationPreference.objects.filter(user=user).delete()
