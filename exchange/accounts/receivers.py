"""Reactions to allauth's account events."""

from allauth.account.signals import (
    email_confirmed,
    password_changed,
    password_reset,
    password_set,
)
from django.dispatch import receiver
from django.urls import reverse
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from .models import ApprovalStatus
from .services import (
    coordinators_to_notify,
    user_approve_by_domain,
    user_feed_tokens_reset,
)


@receiver(email_confirmed)
def approve_or_queue_on_verification(sender, request, email_address, **kwargs):
    """A verified address: allow-listed domains get in, others join the queue."""
    user = email_address.user
    if user.approval_status != ApprovalStatus.PENDING:
        return
    if user_approve_by_domain(user=user):
        return
    from exchange.notifications.services import notification_send

    for coordinator in coordinators_to_notify():
        notification_send(
            recipient=coordinator,
            kind="account_approval",
            title=format_lazy(
                _("{name} is waiting for approval"), name=user.display_name
            ),
            body=format_lazy(
                _("{email} signed up and verified the address. Approve or reject."),
                email=user.email,
            ),
            url=reverse("accounts:approvals"),
        )


@receiver(password_changed)
@receiver(password_set)
@receiver(password_reset)
def revoke_feed_links_on_new_password(sender, request, user, **kwargs):
    """A new password ends every feed link issued before (a leaked link dies too)."""
    user_feed_tokens_reset(user=user)
