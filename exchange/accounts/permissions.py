"""Who may do what: the one place that says what a member and a coordinator are.

Every app checks access through these functions: views through the decorators
(``member_required``, ``coordinator_required``), services through ``require_member``
and ``require_coordinator`` (``PermissionDenied``), the JSON API through
``api_require_member`` (``HttpError`` 401 or 403), and selectors and templates through
``is_member`` and ``is_coordinator``. ``User.is_member`` (active, approved, not
deleted) is the fact; these helpers also accept ``None`` and anonymous users.
"""

from __future__ import annotations

from functools import wraps

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

MEMBERS_ONLY = _("This part of the platform is for approved members only.")
COORDINATORS_ONLY = _("Only coordinators may do this.")


def is_member(user) -> bool:
    """An approved, active, not deleted account (never anonymous or ``None``)."""
    return bool(
        user is not None
        and getattr(user, "is_authenticated", False)
        and getattr(user, "is_member", False)
    )


def is_coordinator(user) -> bool:
    """A member whose role is coordinator."""
    return is_member(user) and bool(getattr(user, "is_coordinator", False))


def require_member(user, message=None) -> None:
    """Raise ``PermissionDenied`` (with ``message``) unless ``user`` is a member."""
    if not is_member(user):
        raise PermissionDenied(message or MEMBERS_ONLY)


def require_coordinator(user, message=None) -> None:
    """Raise ``PermissionDenied`` (with ``message``) unless ``user`` coordinates."""
    if not is_coordinator(user):
        raise PermissionDenied(message or COORDINATORS_ONLY)


def _decorator(check, view, message):
    def decorate(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            check(request.user, message)
            return view(request, *args, **kwargs)

        return wrapper

    return decorate(view) if view is not None else decorate


def member_required(view=None, *, message=None):
    """Anonymous visitors go to the log-in page; a non-member gets a 403.

    Use bare (``@member_required``) or with a message
    (``@member_required(message=...)``).
    """
    return _decorator(require_member, view, message)


def coordinator_required(view=None, *, message=None):
    """Anonymous visitors go to the log-in page; anyone but a coordinator gets 403."""
    return _decorator(require_coordinator, view, message)


def api_require_member(request, *, login_message=None, member_message=None):
    """The API's member check: 401 for anonymous callers, 403 for non-members.

    Returns the user, so an endpoint can write ``user = api_require_member(request)``.
    """
    from ninja.errors import HttpError

    user = request.user
    if not user.is_authenticated:
        raise HttpError(401, str(login_message or _("Log in as a member.")))
    if not is_member(user):
        raise HttpError(403, str(member_message or MEMBERS_ONLY))
    return user
