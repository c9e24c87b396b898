"""Review dates: remind authors of overdue practices; hand over orphaned ones."""

from __future__ import annotations

import datetime

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from specialists.selectors import current_specialist_for

from .models import PracticePage
from .selectors import practices_overdue

# An author is reminded again at most this often while the practice stays overdue.
REMINDER_INTERVAL = datetime.timedelta(days=30)


def _author_left(user) -> bool:
    return user is None or not user.is_active or user.former_member


def coordinator_any():
    User = get_user_model()
    return (
        User.objects.filter(role="coordinator", is_active=True, former_member=False)
        .order_by("pk")
        .first()
    )


def successor_for(practice: PracticePage):
    """Who takes over a practice whose author left: the municipality's current
    specialist, otherwise a coordinator."""
    for municipality in practice.municipalities.all():
        specialist = current_specialist_for(municipality)
        if specialist is not None and not _author_left(specialist):
            return specialist
    return coordinator_any()


@transaction.atomic
def practice_reassign(*, practice: PracticePage, new_owner, actor=None) -> None:
    """Give every language version of a practice to ``new_owner`` and tell them."""
    from exchange.notifications.services import notification_send

    PracticePage.objects.filter(translation_key=practice.translation_key).filter(
        owner=practice.owner
    ).update(owner=new_owner)
    PracticePage.objects.filter(pk=practice.pk).update(owner=new_owner)
    notification_send(
        recipient=new_owner,
        kind="practice_reassigned",
        title=format_lazy(_("You now look after the practice “{}”"), practice.title),
        body=_(
            "Its author has left the platform. Please check it is still up to date."
        ),
        url=practice.url or "",
        actor=actor,
    )


def review_reminders_send(*, now=None, stdout=None) -> dict:
    """Remind authors of overdue practices; reassign those of people who left."""
    from exchange.notifications.services import notification_send

    now = now or timezone.now()
    counts = {"reminded": 0, "reassigned": 0, "skipped": 0}
    due = practices_overdue().prefetch_related("municipalities")
    for practice in due:
        if practice.review_reminded_at and now - practice.review_reminded_at < (
            REMINDER_INTERVAL
        ):
            counts["skipped"] += 1
            continue
        owner = practice.owner
        if _author_left(owner):
            successor = successor_for(practice)
            if successor is None:
                counts["skipped"] += 1
                continue
            practice_reassign(practice=practice, new_owner=successor)
            practice.owner = successor
            counts["reassigned"] += 1
        else:
            notification_send(
                recipient=owner,
                kind="practice_review_due",
                title=format_lazy(
                    _("Please review your practice “{}”"), practice.title
                ),
                body=format_lazy(
                    _(
                        "Its review date ({}) has passed. Check that it is still "
                        "true, update it and submit it, or confirm it as reviewed."
                    ),
                    practice.review_by.isoformat(),
                ),
                url=practice.url or "",
            )
            counts["reminded"] += 1
        PracticePage.objects.filter(pk=practice.pk).update(review_reminded_at=now)
        if stdout is not None:
            stdout.write(f"{practice.pk}\t{practice.review_by}\t{practice.title}")
    return counts


def on_designation_handover(sender, designation, successor, **kwargs):
    """When a specialist's designation ends, their practices follow the successor."""
    if successor is None:
        return
    for practice in PracticePage.objects.filter(owner=designation.user):
        practice_reassign(practice=practice, new_owner=successor)
