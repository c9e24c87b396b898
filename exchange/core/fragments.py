"""Cached parts of the signed-in pages (issue 13, item 7).

Members never get a cached page (``pagecache`` serves anonymous visitors only), but
most of what a member page shows is the same for every member: the practice
library's filter lists, the home page's practice panel, the forum's theme and
region lists. ``cached_fragment`` keeps such a part in the cache, keyed by:

- the content version of the page cache (``pagecache.content_version``), which every
  save or delete of content moves: a change shows at once, on the next request;
- the local date, for parts that depend on dates (featured "until", announcements);
- the active language, since names and links are per language;
- the caller's own parts (the audience: members or the public; a filter...).

Values must be picklable and must not hold anything personal. If the cache is
unreachable the fail-over cache answers, and the value is simply computed.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from typing import TypeVar

from django.conf import settings
from django.core.cache import cache
from django.utils import timezone, translation

from .pagecache import content_version

logger = logging.getLogger("exchange.fragments")

T = TypeVar("T")

_MISSING = object()


def fragment_seconds() -> int:
    return int(getattr(settings, "FRAGMENT_CACHE_SECONDS", 600))


def fragment_key(name: str, *parts) -> str:
    language = (translation.get_language() or settings.LANGUAGE_CODE)[:2]
    raw = "|".join(str(part) for part in parts)
    digest = hashlib.md5(raw.encode(), usedforsecurity=False).hexdigest()[:16]
    today = timezone.localdate().isoformat()
    return f"frag:{content_version()}:{today}:{language}:{name}:{digest}"


def cached_fragment(name: str, *parts, compute: Callable[[], T]) -> T:
    """The value of ``compute()`` for this name, parts, language, day and content."""
    seconds = fragment_seconds()
    if not seconds:
        return compute()
    key = fragment_key(name, *parts)
    value = cache.get(key, _MISSING)
    if value is _MISSING:
        value = compute()
        cache.set(key, value, seconds)
    return value


def audience(user) -> str:
    """What a shared part may depend on: members see members-only content."""
    if user is not None and getattr(user, "is_authenticated", False):
        return "member" if getattr(user, "is_member", False) else "signed-in"
    return "public"
