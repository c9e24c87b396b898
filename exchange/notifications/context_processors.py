"""The unread count shown as a badge in the header.

Read on every page a member opens, so it is kept in the cache per user and
forgotten whenever one of their notifications is created, read or deleted
(``unread_count_forget``: the signals below and ``notifications_mark_read``, the
one bulk update of ``read_at``).
"""

from django.core.cache import cache
from django.db import transaction

from .models import Notification

UNREAD_SECONDS = 300


def _key(user_pk) -> str:
    return f"notifications:unread:{user_pk}"


def unread_count(user) -> int:
    key = _key(user.pk)
    count = cache.get(key)
    if count is None:
        count = Notification.objects.filter(
            recipient=user, read_at__isnull=True
        ).count()
        cache.set(key, count, UNREAD_SECONDS)
    return count


def unread_count_forget(user_pk) -> None:
    """Drop the cached count now and again at commit (a reader meanwhile may have
    cached the count from before the change)."""
    cache.delete(_key(user_pk))
    transaction.on_commit(lambda: cache.delete(_key(user_pk)))


def notification_changed(sender, instance, **kwargs):
    """Connected to ``post_save`` and ``post_delete`` of notifications (apps.py)."""
    unread_count_forget(instance.recipient_id)


def unread_notifications(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {"unread_notifications": unread_count(user)}
