"""Full-page cache for anonymous visitors, with ETag and Cache-Control.

A GET of a language-prefixed page by a visitor without a session cookie is
answered from the cache when it was rendered before (for ``PAGE_CACHE_SECONDS``)
and nothing on the site changed since: every save or delete of content (pages,
practices, forum, directory, taxonomy, images, documents) bumps one version number
that is part of every key, so a change shows at once. The key also holds the local
date: what is shown by date (the coordinators' announcements, from their start date
to their end date) changes only at midnight, so a page cached yesterday is never
served today. Responses that set a cookie
(a CSRF token in a form), carry messages or are not a plain 200 are never cached.

The browser gets ``Cache-Control: public, max-age=0, must-revalidate`` and an
``ETag``: it revalidates each time, and an unchanged page costs a 304.
"""

from __future__ import annotations

import hashlib
import logging
import threading
import time

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, connection, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse, HttpResponseNotModified
from django.utils import timezone

logger = logging.getLogger("exchange.pagecache")

VERSION_KEY = "pagecache:version"
CONTENT_APPS = {
    "wagtailcore",
    "wagtailimages",
    "wagtaildocs",
    "wagtailredirects",
    "home",
    "taxonomy",
    "practices",
    "forum",
    "specialists",
}
# Models of other apps whose saves show on pages (the home page's announcements,
# the names of members next to their posts). Named as strings: this module
# imports no app above it.
CONTENT_MODELS = {"coordination.announcement", "accounts.user"}
# A member's own saves that change nothing another reader sees (names, e-mail
# addresses and roles shown next to posts and in the directory do move it).
QUIET_USER_FIELDS = {"last_login", "password", "language"}
SKIP_PREFIXES = ("/admin/", "/django-admin/", "/api/", "/static/", "/media/")
SKIP_PARTS = ("/accounts/", "/account/", "/notifications/")


# The version read once per request (``AnonymousPageCacheMiddleware`` opens and
# closes the scope): a page with several cached parts costs one cache read for it,
# not one per part. A content change in the same request forgets it.
_request = threading.local()


def _version() -> int:
    memo = getattr(_request, "version", None)
    if memo is not None:
        return memo
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, _fresh_version(), None)
        version = cache.get(VERSION_KEY) or _fresh_version()
    if getattr(_request, "active", False):
        _request.version = version
    return version


def _fresh_version() -> int:
    """A start that no earlier version used (after a flush of the cache, values
    kept in a process or the fail-over cache under an old number never match)."""
    return int(time.time() * 1000)


def content_version() -> int:
    """The number every content save or delete moves (also keys ``fragments``)."""
    return _version()


def version_scope_open() -> None:
    _request.active, _request.version = True, None


def version_scope_close() -> None:
    _request.active, _request.version = False, None


def _bump() -> None:
    _request.version = None
    try:
        try:
            cache.incr(VERSION_KEY)
        except ValueError:
            cache.set(VERSION_KEY, _fresh_version(), None)
    except DatabaseError:
        # The database cache's table does not exist yet (Wagtail's first migration
        # saves a page before ours creates it): nothing is cached then either.
        logger.debug("Page cache version not moved: no cache table yet.")


def _bump_after_commit() -> None:
    _bump()


def content_changed(sender=None, **kwargs) -> None:
    if (
        sender is not None
        and sender._meta.app_label not in CONTENT_APPS
        and sender._meta.label_lower not in CONTENT_MODELS
    ):
        return
    update_fields = kwargs.get("update_fields")
    if (
        sender is not None
        and sender._meta.label_lower == "accounts.user"
        and update_fields
        and set(update_fields) <= QUIET_USER_FIELDS
    ):
        return
    _bump()
    # Inside a transaction, a request running meanwhile may read the new version
    # with the old rows (not committed yet) and cache them under it: move the
    # version once more when the transaction commits (once per transaction).
    if connection.in_atomic_block and not any(
        entry[1] is _bump_after_commit for entry in connection.run_on_commit
    ):
        transaction.on_commit(_bump_after_commit)


def relations_changed(sender=None, action="", **kwargs) -> None:
    """Tags and links set after a save (``question.themes.set(...)``)."""
    if action in ("post_add", "post_remove", "post_clear"):
        content_changed(sender=sender)


post_save.connect(content_changed, dispatch_uid="pagecache.post_save")
post_delete.connect(content_changed, dispatch_uid="pagecache.post_delete")
m2m_changed.connect(relations_changed, dispatch_uid="pagecache.m2m_changed")


def _cacheable_request(request) -> bool:
    if request.method not in ("GET", "HEAD"):
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        return False  # signed in (or a session with messages): personal pages
    if "messages" in request.COOKIES:
        return False
    path = request.path_info
    if path.startswith(SKIP_PREFIXES) or any(p in path for p in SKIP_PARTS):
        return False
    languages = {code for code, _ in settings.LANGUAGES}
    return path[1:3] in languages and path[3:4] == "/"


def _key(request) -> str:
    digest = hashlib.md5(request.get_full_path().encode(), usedforsecurity=False)
    today = timezone.localdate().isoformat()
    return f"pagecache:{_version()}:{today}:{digest.hexdigest()}"


def _etag(content: bytes) -> str:
    return '"' + hashlib.md5(content, usedforsecurity=False).hexdigest() + '"'


def _conditional(request, etag: str, response):
    if request.headers.get("If-None-Match") == etag:
        not_modified = HttpResponseNotModified()
        not_modified["ETag"] = etag
        not_modified["Cache-Control"] = response["Cache-Control"]
        return not_modified
    return response


class AnonymousPageCacheMiddleware:
    """Serve anonymous pages from the cache (placed after the security headers)."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.seconds = getattr(settings, "PAGE_CACHE_SECONDS", 300)

    def __call__(self, request):
        version_scope_open()
        try:
            return self._respond(request)
        finally:
            version_scope_close()

    def _respond(self, request):
        if not self.seconds or not _cacheable_request(request):
            return self.get_response(request)
        key = _key(request)
        stored = cache.get(key)
        if stored is not None:
            content, headers = stored
            response = HttpResponse(content)
            for name, value in headers:
                response[name] = value
            response["X-Page-Cache"] = "hit"
            return _conditional(request, response["ETag"], response)
        response = self.get_response(request)
        if (
            response.status_code == 200
            and not response.cookies
            and not response.streaming
            and "private" not in response.get("Cache-Control", "")
            and "no-store" not in response.get("Cache-Control", "")
            and not getattr(request, "_page_cache_skip", False)
            and not _user_is_authenticated(request)
        ):
            response["Cache-Control"] = "public, max-age=0, must-revalidate"
            response["ETag"] = _etag(response.content)
            response["Vary"] = "Cookie, Accept-Language"
            headers = [
                (name, value)
                for name, value in response.items()
                if name.lower() not in ("set-cookie", "x-page-cache")
            ]
            cache.set(key, (response.content, headers), self.seconds)
            response["X-Page-Cache"] = "miss"
            return _conditional(request, response["ETag"], response)
        return response


def _user_is_authenticated(request) -> bool:
    user = getattr(request, "user", None)
    return bool(user is not None and user.is_authenticated)
