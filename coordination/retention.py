"""Apply the retention periods of ``settings.DATA_RETENTION_DAYS``.

Each rule removes what is older than its period and returns how many rows went.
``retention_apply`` runs them all and records one audit entry with the counts.
"""

from datetime import timedelta

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import ProtectedError, Q
from django.utils import timezone

from exchange.core.models import AccessibilityFeedback
from exchange.notifications.models import Notification
from search.models import QueryLog

from .audit import audit_record
from .models import AuditAction, AuditEntry, MailingRecipient


def _cutoff(kind: str, now):
    return now - timedelta(days=settings.DATA_RETENTION_DAYS[kind])


def _search_log(cutoff, dry_run):
    rows = QueryLog.objects.filter(created_at__lt=cutoff)
    return rows.count() if dry_run else rows.delete()[0]


def _accounts(queryset, dry_run):
    """Delete accounts that never took part; one with posts is anonymised instead."""
    count = queryset.count()
    if not dry_run:
        for user in list(queryset):
            try:
                with transaction.atomic():
                    user.delete()
            except ProtectedError:
                user.mark_deleted()
    return count


def _unverified_signups(cutoff, dry_run):
    User = get_user_model()
    verified = EmailAddress.objects.filter(verified=True).values("user_id")
    return _accounts(
        User.objects.filter(
            approval_status="pending", date_joined__lt=cutoff, last_login__isnull=True
        ).exclude(pk__in=verified),
        dry_run,
    )


def _rejected_signups(cutoff, dry_run):
    User = get_user_model()
    return _accounts(
        User.objects.filter(approval_status="rejected").filter(
            Q(approval_decided_at__lt=cutoff)
            | Q(approval_decided_at__isnull=True, date_joined__lt=cutoff)
        ),
        dry_run,
    )


def _notifications(cutoff, dry_run):
    rows = Notification.objects.filter(created_at__lt=cutoff)
    return rows.count() if dry_run else rows.delete()[0]


def _mailing_recipients(cutoff, dry_run):
    rows = MailingRecipient.objects.filter(mailing__created_at__lt=cutoff)
    return rows.count() if dry_run else rows.delete()[0]


def _accessibility_feedback(cutoff, dry_run):
    rows = AccessibilityFeedback.objects.filter(created_at__lt=cutoff)
    return rows.count() if dry_run else rows.delete()[0]


def _audit_log(cutoff, dry_run):
    if dry_run:
        return AuditEntry.objects.filter(created_at__lt=cutoff).count()
    return AuditEntry.objects.expire(before=cutoff)


RULES = {
    "search_log": _search_log,
    "unverified_signups": _unverified_signups,
    "rejected_signups": _rejected_signups,
    "notifications": _notifications,
    "mailing_recipients": _mailing_recipients,
    "accessibility_feedback": _accessibility_feedback,
    "audit_log": _audit_log,
}


def retention_apply(*, now=None, dry_run: bool = False) -> dict[str, int]:
    """Remove what is past its period; returns {kind: rows removed (or to remove)}."""
    now = now or timezone.now()
    removed = {}
    with transaction.atomic():
        for kind, rule in RULES.items():
            if kind in settings.DATA_RETENTION_DAYS:
                removed[kind] = rule(_cutoff(kind, now), dry_run)
        if not dry_run and any(removed.values()):
            audit_record(
                action=AuditAction.RETENTION,
                verb="retention.apply",
                object_label="apply_retention",
                after={kind: n for kind, n in removed.items() if n},
            )
    return removed
