"""Unpublished changes to a live practice stay with their author (issue 11, item 7).

A specialist may explore every live practice in the Wagtail admin, but the changes
another author saved and has not published yet are theirs: the pending title
(``draft_title``, which Wagtail shows in the explorer, admin search, admin page API
and page chooser) and the history entries of those changes (site history) are shown
only to the page's owner, coordinators and superusers. Others see the live title
and the published history.

Wagtail asks ``Page.get_admin_display_title()`` without the request, so
``AdminViewerMiddleware`` keeps the signed-in user of the current request in a
context variable; outside a request (shell, tasks, e-mail) nothing changes.
"""

from __future__ import annotations

import contextvars

_viewer: contextvars.ContextVar = contextvars.ContextVar(
    "practices_admin_viewer", default=None
)

# Log actions about what the public saw anyway: everything else about another
# author's page (edits, reverts, submissions, comments) describes unpublished work.
PUBLIC_LOG_ACTIONS = (
    "wagtail.publish",
    "wagtail.publish.scheduled",
    "wagtail.unpublish",
    "wagtail.unpublish.scheduled",
    "wagtail.rename",
    "wagtail.move",
    "wagtail.reorder",
    "wagtail.delete",
)


class AdminViewerMiddleware:
    """Remember who asks, for ``viewer_sees_unpublished_changes`` (after auth)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _viewer.set(getattr(request, "user", None))
        try:
            return self.get_response(request)
        finally:
            _viewer.reset(token)


def reviews_everything(user) -> bool:
    return bool(
        user
        and user.is_authenticated
        and (user.is_superuser or getattr(user, "is_coordinator", False))
    )


def viewer_sees_unpublished_changes(page) -> bool:
    """Whether the user of this request may see ``page``'s pending changes."""
    user = _viewer.get()
    if user is None:
        return True
    if reviews_everything(user):
        return True
    return bool(user.is_authenticated and page.owner_id == user.pk)


def admin_display_title(page) -> str:
    """The pending title for whoever may see it, else the live one."""
    if (
        page.live
        and page.has_unpublished_changes
        and not viewer_sees_unpublished_changes(page)
    ):
        return page.title
    return page.draft_title or page.title
