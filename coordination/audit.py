"""Record and read the audit log.

Entries come from three places: the coordination app's own services, the signals the
lower apps send (Wagtail's page log, allauth's sign-in, the forum's moderation signal,
accounts' approval signal) and ``post_save`` on users and designations. The person
acting is taken from the request (``AuditActorMiddleware``) when the signal does not
carry it.
"""

import contextvars
import csv
from typing import Any

from django.db.models import Q
from django.http import HttpResponse
from django.utils import timezone

from .models import AuditAction, AuditEntry

_current_actor: contextvars.ContextVar = contextvars.ContextVar(
    "audit_actor", default=None
)


class AuditActorMiddleware:
    """Remember who sends the request, for entries written by model signals."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        token = _current_actor.set(
            user if user is not None and user.is_authenticated else None
        )
        try:
            return self.get_response(request)
        finally:
            _current_actor.reset(token)


def current_actor():
    return _current_actor.get()


def audit_record(
    *,
    action: str,
    verb: str,
    actor=None,
    obj=None,
    object_label: str = "",
    reason: str = "",
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> AuditEntry:
    """Append one entry. ``actor`` defaults to the person sending the request."""
    actor = actor if actor is not None else current_actor()
    if actor is not None and not getattr(actor, "pk", None):
        actor = None
    label = ""
    if actor is not None:
        label = f"{actor.display_name} <{actor.email}>"
    return AuditEntry.objects.create(
        action=action,
        verb=verb[:60],
        actor=actor,
        actor_label=label[:200],
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        object_label=(object_label or (str(obj) if obj is not None else ""))[:300],
        reason=str(reason or ""),
        before=before,
        after=after,
    )


def audit_entries(*, action="", actor="", text="", since=None, until=None):
    """Entries filtered as on the audit page, newest first."""
    entries = AuditEntry.objects.all()
    if action in AuditAction.values:
        entries = entries.filter(action=action)
    if actor:
        entries = entries.filter(actor_label__icontains=actor)
    if text:
        entries = entries.filter(
            Q(object_label__icontains=text)
            | Q(reason__icontains=text)
            | Q(verb__icontains=text)
        )
    if since:
        entries = entries.filter(created_at__date__gte=since)
    if until:
        entries = entries.filter(created_at__date__lte=until)
    return entries


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(value) -> str:
    """A cell a spreadsheet will not run as a formula (OWASP CSV injection)."""
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_STARTS):
        return "'" + text
    return text


def csv_response(filename: str, header: list, rows) -> HttpResponse:
    """A CSV download; every cell neutralised against formula injection."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="{filename}-{stamp}.csv"'
    response.write("\ufeff")  # so spreadsheet programs read UTF-8
    writer = csv.writer(response)
    writer.writerow([csv_safe(cell) for cell in header])
    for row in rows:
        writer.writerow([csv_safe(cell) for cell in row])
    return response
