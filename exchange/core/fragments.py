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

Each process also keeps the parts it read or made last in its own memory
(``local_get`` / ``local_set``: at most ``LOCAL_ITEMS`` entries, each for at most
``LOCAL_SECONDS``), so a page's cached parts cost no round trip to Redis each
(about 0.2-0.3 ms of CPU per read). This is safe because every such key carries the
content version, read from the shared cache once per request: a content change
anywhere moves it, and the process then drops everything it kept (an entry is
also checked against the version it was stored under). Values other than text are
kept pickled and unpickled on every read, so a caller that changes what it got
(the answers get the reader's own votes) never changes another reader's copy.
"""

from __future__ import annotations

import hashlib
import logging
import pickle
import threading
import time
from collections import OrderedDict
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


def fragment_key(name: str, *parts, version=None) -> str:
    language = (translation.get_language() or settings.LANGUAGE_CODE)[:2]
    raw = "|".join(str(part) for part in parts)
    digest = hashlib.md5(raw.encode(), usedforsecurity=False).hexdigest()[:16]
    today = timezone.localdate().isoformat()
    if version is None:
        version = content_version()
    return f"frag:{version}:{today}:{language}:{name}:{digest}"


def cached_fragment(name: str, *parts, compute: Callable[[], T]) -> T:
    """The value of ``compute()`` for this name, parts, language, day and content."""
    seconds = fragment_seconds()
    if not seconds:
        return compute()
    version = content_version()
    key = fragment_key(name, *parts, version=version)
    value = local_get(key, version)
    if value is not _MISSING:
        return value
    value = cache.get(key, _MISSING)
    if value is _MISSING:
        value = compute()
        cache.set(key, value, seconds)
    local_set(key, version, value, seconds)
    return value


# --- The process's own copy of the parts it used last --------------------------------

LOCAL_ITEMS = 512
LOCAL_SECONDS = 60

_local: OrderedDict = OrderedDict()
_local_version: list = [None]
_local_lock = threading.Lock()


def local_get(key: str, version):
    """The value kept in this process for ``key`` under content ``version``, or
    ``MISSING``. A different version empties the process's copy first."""
    with _local_lock:
        if _local_version[0] != version:
            _local.clear()
            _local_version[0] = version
            return _MISSING
        entry = _local.get(key)
        if entry is None:
            return _MISSING
        expires, pickled, value = entry
        if expires < time.monotonic():
            del _local[key]
            return _MISSING
        _local.move_to_end(key)
    # Pickled by this process itself (local_set), never read from outside.
    return pickle.loads(value) if pickled else value  # noqa: S301


def local_set(key: str, version, value, seconds: int) -> None:
    """Keep ``value`` for ``key`` under content ``version`` (text as it is, anything
    else pickled: every reader gets a copy of its own)."""
    if isinstance(value, str):
        pickled, stored = False, value
    else:
        try:
            pickled, stored = True, pickle.dumps(value, pickle.HIGHEST_PROTOCOL)
        except Exception:  # not picklable: simply not kept here
            return
    expires = time.monotonic() + min(seconds, LOCAL_SECONDS)
    with _local_lock:
        if _local_version[0] != version:
            _local.clear()
            _local_version[0] = version
        _local[key] = (expires, pickled, stored)
        _local.move_to_end(key)
        while len(_local) > LOCAL_ITEMS:
            _local.popitem(last=False)


def local_clear() -> None:
    with _local_lock:
        _local.clear()
        _local_version[0] = None


MISSING = _MISSING


def audience(user) -> str:
    """What a shared part may depend on: members see members-only content."""
    if user is not None and getattr(user, "is_authenticated", False):
        return "member" if getattr(user, "is_member", False) else "signed-in"
    return "public"
