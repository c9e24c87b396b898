"""Writes on accounts: sign-up approval, profile data export and account deletion."""

import json
from typing import Any

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.module_loading import import_string

from .models import AllowedEmailDomain, ApprovalStatus, Role
from .signals import account_deleted, approval_decided

User = get_user_model()


def allowed_domain_for(email: str) -> AllowedEmailDomain | None:
    """The allow-list entry of the address's domain, if any."""
    domain = email.rsplit("@", 1)[-1].strip().lower()
    return (
        AllowedEmailDomain.objects.select_related("centre")
        .filter(domain=domain)
        .first()
    )


def _absolute(path: str) -> str:
    return settings.SITE_URL + path


def _mail_user(*, user, template: str, context: dict[str, Any]) -> None:
    """Send ``accounts/email/<template>_*.txt`` in the user's language."""
    language = user.language or settings.LANGUAGE_CODE
    with translation.override(language):
        context = {"user": user, "PLATFORM_NAME": settings.PLATFORM_NAME, **context}
        subject = render_to_string(f"accounts/email/{template}_subject.txt", context)
        body = render_to_string(f"accounts/email/{template}_message.txt", context)
    send_mail(
        settings.ACCOUNT_EMAIL_SUBJECT_PREFIX + " ".join(subject.split()),
        body,
        settings.DEFAULT_FROM_EMAIL,
        [user.email],
    )


@transaction.atomic
def user_approve(*, user, decided_by) -> None:
    """Let a waiting sign-up in as a caseworker and tell them by e-mail."""
    user.approval_status = ApprovalStatus.APPROVED
    user.approval_note = ""
    user.approval_decided_by = decided_by
    user.approval_decided_at = timezone.now()
    user.save()
    approval_decided.send(
        sender=User, user=user, decided_by=decided_by, decision="approve", reason=""
    )
    language = user.language or settings.LANGUAGE_CODE
    with translation.override(language):
        login_url = _absolute(reverse("account_login"))
    transaction.on_commit(
        lambda: _mail_user(
            user=user, template="approved", context={"login_url": login_url}
        )
    )


@transaction.atomic
def user_reject(*, user, decided_by, reason: str) -> None:
    """Refuse a waiting sign-up, with the reason, and tell them by e-mail."""
    user.approval_status = ApprovalStatus.REJECTED
    user.approval_note = reason.strip()
    user.approval_decided_by = decided_by
    user.approval_decided_at = timezone.now()
    user.save()
    approval_decided.send(
        sender=User,
        user=user,
        decided_by=decided_by,
        decision="reject",
        reason=user.approval_note,
    )
    transaction.on_commit(
        lambda: _mail_user(user=user, template="rejected", context={"reason": reason})
    )


def user_approve_by_domain(*, user) -> bool:
    """Approve a verified sign-up whose address is on the allow-list.

    Sets the caseworker role and the domain's home centre. Returns whether it did.
    """
    if user.approval_status != ApprovalStatus.PENDING:
        return False
    allowed = allowed_domain_for(user.email)
    if allowed is None:
        return False
    user.approval_status = ApprovalStatus.APPROVED
    user.role = Role.CASEWORKER
    if allowed.centre_id and not user.home_centre_id:
        user.home_centre = allowed.centre
    user.approval_decided_at = timezone.now()
    user.save()
    approval_decided.send(
        sender=User,
        user=user,
        decided_by=None,
        decision="approve",
        reason=allowed.domain,
    )
    return True


def users_waiting_for_approval():
    """Pending sign-ups whose e-mail address is verified, oldest first."""
    return (
        User.objects.filter(
            approval_status=ApprovalStatus.PENDING,
            is_active=True,
            former_member=False,
            emailaddress__verified=True,
        )
        .distinct()
        .order_by("date_joined")
    )


def coordinators_to_notify():
    return User.objects.filter(
        role=Role.COORDINATOR,
        is_active=True,
        former_member=False,
        approval_status=ApprovalStatus.APPROVED,
    )


def user_feed_tokens_reset(*, user) -> None:
    """Revoke every signed feed link of ``user`` (new links are issued from now on)."""
    User.objects.filter(pk=user.pk).update(
        feed_token_version=models.F("feed_token_version") + 1
    )
    user.refresh_from_db(fields=["feed_token_version"])


def account_data_export(*, user) -> dict[str, Any]:
    """Everything the platform holds about ``user``, as JSON-ready data.

    Apps contribute through ``settings.ACCOUNT_DATA_EXPORTERS``: dotted paths of
    callables ``(user) -> dict``, merged under the app's name.
    """
    from allauth.account.models import EmailAddress

    data: dict[str, Any] = {
        "exported_at": timezone.now(),
        "profile": {
            "email": user.email,
            "full_name": user.full_name,
            "job_title": user.job_title,
            "form_of_address": user.form_of_address,
            "role": user.role,
            "language": user.language,
            "home_centre": str(user.home_centre) if user.home_centre_id else None,
            "date_joined": user.date_joined,
            "last_login": user.last_login,
            "approval_status": user.approval_status,
        },
        "email_addresses": [
            {"email": a.email, "verified": a.verified, "primary": a.primary}
            for a in EmailAddress.objects.filter(user=user)
        ],
    }
    for dotted in getattr(settings, "ACCOUNT_DATA_EXPORTERS", []):
        config = apps.get_containing_app_config(dotted.rsplit(".", 1)[0])
        app = config.label if config else dotted.split(".", 1)[0]
        section = data.setdefault(app, {})
        section.update(import_string(dotted)(user))
    # Round-trip so dates and lazy strings become plain JSON values.
    return json.loads(json.dumps(data, cls=DjangoJSONEncoder))


@transaction.atomic
def account_delete(*, user) -> None:
    """Anonymise the account; posts stay and show "former member".

    Removes the e-mail addresses and MFA authenticators, then sends
    ``exchange.accounts.signals.account_deleted`` so apps remove what they hold.
    """
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator

    EmailAddress.objects.filter(user=user).delete()
    Authenticator.objects.filter(user=user).delete()
    user.mark_deleted()
    account_deleted.send(sender=User, user=user)
