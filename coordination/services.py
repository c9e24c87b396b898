"""Writes of the coordinators' workspace: signals (and their audit entries).

Keyword-only, atomic; ``ValidationError`` for input the person can fix,
``PermissionDenied`` for what they may not do.
"""

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from exchange.accounts.permissions import require_coordinator, require_member
from exchange.core.privacy import privacy_check
from exchange.notifications.services import notification_send

from .audit import audit_record
from .models import AuditAction, SignalStatus, StructuralSignal

TITLE_MIN, TITLE_MAX, BODY_MAX = 10, 200, 10_000
SIGNALLERS_ONLY = _("Only members can signal a problem.")
HANDLERS_ONLY = _("Only coordinators can handle signals.")


def _coordinators():
    return get_user_model().objects.filter(
        role="coordinator", is_active=True, former_member=False
    )


def _signal_url(signal: StructuralSignal) -> str:
    return f"/signals/{signal.pk}/"


def _localised_url(recipient, signal) -> str:
    return f"/{recipient.language or 'en'}{_signal_url(signal)}"


@transaction.atomic
def signal_create(
    *,
    author,
    title: str,
    body: str,
    kind: str,
    theme,
    region=None,
    questions=(),
    practices=(),
) -> StructuralSignal:
    """A member signals a structural problem; the coordinators are told."""
    require_member(author, SIGNALLERS_ONLY)
    title, body = (title or "").strip(), (body or "").strip()
    errors = {}
    if not TITLE_MIN <= len(title) <= TITLE_MAX:
        errors["title"] = _("Give a title of 10 to 200 characters.")
    if not body:
        errors["body"] = _("Describe what happens.")
    elif len(body) > BODY_MAX:
        errors["body"] = _("Keep the description under 10 000 characters.")
    if theme is None:
        errors["theme"] = _("Choose a theme.")
    if errors:
        raise ValidationError(errors)
    privacy_check(title, body)
    signal = StructuralSignal.objects.create(
        author=author, title=title, body=body, kind=kind, theme=theme, region=region
    )
    signal.questions.set(questions)
    signal.practices.set(practices)
    signal.followers.add(author)
    for coordinator in _coordinators().exclude(pk=author.pk):
        notification_send(
            recipient=coordinator,
            kind="signal.new",
            title=format_lazy(_("New signal: {}"), title),
            url=_localised_url(coordinator, signal),
            actor=author,
        )
    return signal


def signal_follow_toggle(*, signal: StructuralSignal, user) -> bool:
    """Follow a signal (or stop); returns whether the user now follows it."""
    require_member(user, SIGNALLERS_ONLY)
    if signal.followers.filter(pk=user.pk).exists():
        signal.followers.remove(user)
        return False
    signal.followers.add(user)
    return True


def _audit(signal, *, actor, verb, reason="", before=None, after=None):
    audit_record(
        action=AuditAction.SIGNAL,
        verb=f"signal.{verb}",
        actor=actor,
        obj=signal,
        reason=reason,
        before=before,
        after=after,
    )


def _require_open(signal: StructuralSignal) -> None:
    if signal.status in (SignalStatus.MERGED, SignalStatus.CLOSED):
        raise ValidationError(_("This signal is closed."))


@transaction.atomic
def signal_assign(*, signal: StructuralSignal, assignee, coordinator) -> None:
    """Give the signal to one coordinator, who is told."""
    require_coordinator(coordinator, HANDLERS_ONLY)
    _require_open(signal)
    if assignee is None or not assignee.is_coordinator:
        raise ValidationError({"assignee": _("Choose a coordinator.")})
    before = {"status": signal.status, "assigned_to": signal.assigned_to_id}
    signal.assigned_to = assignee
    if signal.status == SignalStatus.NEW:
        signal.status = SignalStatus.ASSIGNED
    signal.save()
    _audit(
        signal,
        actor=coordinator,
        verb="assign",
        before=before,
        after={"status": signal.status, "assigned_to": assignee.pk},
    )
    notification_send(
        recipient=assignee,
        kind="signal.assigned",
        title=format_lazy(_("A signal was assigned to you: {}"), signal.title),
        url=_localised_url(assignee, signal),
        actor=coordinator,
    )


@transaction.atomic
def signal_merge(
    *, signal: StructuralSignal, into: StructuralSignal, coordinator
) -> None:
    """Close a duplicate: its author, followers and links move to ``into``."""
    require_coordinator(coordinator, HANDLERS_ONLY)
    _require_open(signal)
    if into is None or into.pk == signal.pk:
        raise ValidationError({"into": _("Choose another signal.")})
    if into.status == SignalStatus.MERGED:
        raise ValidationError({"into": _("That signal was itself merged.")})
    before = {"status": signal.status}
    signal.status = SignalStatus.MERGED
    signal.merged_into = into
    signal.save()
    into.followers.add(*signal.followers.all())
    if signal.author_id:
        into.followers.add(signal.author_id)
    into.questions.add(*signal.questions.all())
    into.practices.add(*signal.practices.all())
    _audit(
        signal,
        actor=coordinator,
        verb="merge",
        before=before,
        after={"status": signal.status, "merged_into": into.pk},
    )
    if signal.author is not None:
        notification_send(
            recipient=signal.author,
            kind="signal.merged",
            title=format_lazy(
                _("Your signal “{}” was merged with a similar one"), signal.title
            ),
            url=_localised_url(signal.author, into),
            actor=coordinator,
        )


@transaction.atomic
def signal_answer(*, signal: StructuralSignal, coordinator, text: str) -> None:
    """Answer the person who signalled (not published)."""
    require_coordinator(coordinator, HANDLERS_ONLY)
    _require_open(signal)
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("Write the answer.")})
    privacy_check(text)
    before = {"status": signal.status}
    signal.internal_note = text
    signal.status = SignalStatus.ANSWERED
    signal.save()
    _audit(
        signal,
        actor=coordinator,
        verb="answer",
        reason=text,
        before=before,
        after={"status": signal.status},
    )
    if signal.author is not None:
        notification_send(
            recipient=signal.author,
            kind="signal.answered",
            title=format_lazy(
                _("A coordinator answered your signal “{}”"), signal.title
            ),
            body=text,
            url=_localised_url(signal.author, signal),
            actor=coordinator,
        )


@transaction.atomic
def signal_close(*, signal: StructuralSignal, coordinator, reason: str) -> None:
    require_coordinator(coordinator, HANDLERS_ONLY)
    _require_open(signal)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the signal is closed.")})
    before = {"status": signal.status}
    signal.status = SignalStatus.CLOSED
    signal.save()
    _audit(
        signal,
        actor=coordinator,
        verb="close",
        reason=reason,
        before=before,
        after={"status": signal.status},
    )


@transaction.atomic
def signal_response_publish(*, signal: StructuralSignal, coordinator, text: str) -> int:
    """Publish the coordinators' response; signaller and followers are told.

    Returns how many people were notified.
    """
    require_coordinator(coordinator, HANDLERS_ONLY)
    if signal.status == SignalStatus.MERGED:
        raise ValidationError(
            _("Publish the response on the signal it was merged into.")
        )
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("Write the response.")})
    privacy_check(text)
    before = {"response": signal.response or None}
    signal.response = text
    signal.response_published_at = timezone.now()
    if signal.status in (SignalStatus.NEW, SignalStatus.ASSIGNED):
        signal.status = SignalStatus.ANSWERED
    signal.save()
    _audit(
        signal,
        actor=coordinator,
        verb="publish_response",
        before=before,
        after={"response": text},
    )
    recipients = {u.pk: u for u in signal.followers.all()}
    if signal.author is not None:
        recipients.setdefault(signal.author_id, signal.author)
    told = 0
    for person in recipients.values():
        if notification_send(
            recipient=person,
            kind="signal.response",
            title=format_lazy(
                _("The coordinators published a response to “{}”"), signal.title
            ),
            body=text,
            url=_localised_url(person, signal),
            actor=coordinator,
        ):
            told += 1
    return told
