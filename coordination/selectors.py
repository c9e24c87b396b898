"""Reads of the coordinators' workspace."""

from django.db.models import Count, Q

from exchange.accounts.permissions import is_member

from .models import SignalStatus, StructuralSignal

OPEN_STATUSES = (SignalStatus.NEW, SignalStatus.ASSIGNED, SignalStatus.ANSWERED)


def signals_visible_to(user):
    """Members see every signal (to follow it); others none."""
    if not is_member(user):
        return StructuralSignal.objects.none()
    return StructuralSignal.objects.all()


def signal_list(user, *, status="open", theme=None, region=None):
    signals = signals_visible_to(user).select_related(
        "theme", "region", "author", "assigned_to"
    )
    if status == "open":
        signals = signals.filter(status__in=OPEN_STATUSES)
    elif status == "mine":
        signals = signals.filter(assigned_to=user, status__in=OPEN_STATUSES)
    elif status == "closed":
        signals = signals.filter(status__in=(SignalStatus.CLOSED, SignalStatus.MERGED))
    if theme is not None:
        signals = signals.filter(theme=theme)
    if region is not None:
        signals = signals.filter(region=region)
    return signals.annotate(follower_count=Count("followers", distinct=True)).order_by(
        "-created_at"
    )


def signal_detail(user, pk: int):
    return (
        signals_visible_to(user)
        .select_related("theme", "region", "author", "assigned_to", "merged_into")
        .filter(pk=pk)
        .first()
    )


def signal_can_see_answer(signal, user) -> bool:
    """The private answer is for the signaller and the coordinators."""
    return user.is_coordinator or signal.author_id == user.pk


def signals_similar(signal, *, limit=5):
    """Open signals on the same theme: candidates for a merge."""
    return (
        StructuralSignal.objects.filter(theme=signal.theme_id, status__in=OPEN_STATUSES)
        .exclude(pk=signal.pk)
        .filter(Q(region=signal.region_id) | Q(region__isnull=True))
        .order_by("-created_at")[:limit]
    )
