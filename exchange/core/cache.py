"""A Redis cache that keeps the site up when Redis is not.

``FailOverRedisCache`` is Django's ``RedisCache`` with three additions:

- every call that cannot reach Redis (refused, reset, timed out) is answered by a
  fallback cache instead: the database cache named by ``OPTIONS["FALLBACK"]``
  (``"fallback"`` in the settings). Rate limits (allauth's and ours) therefore keep
  counting while Redis is down, sessions (``cached_db``) keep reading the database,
  and page caches simply miss;
- after a failure Redis is left alone for ``RETRY_AFTER`` seconds (a circuit
  breaker), so an outage costs one short connect timeout per process, not one per
  cache call;
- the change of state is logged once (down, then back up), not once per call.

Entries written to the fallback during an outage live at most
``FALLBACK_MAX_TIMEOUT`` seconds, and the fallback is emptied when Redis comes
back, so nothing cached during one outage can be served stale in the next.
"""

from __future__ import annotations

import logging
import threading
import time

from django.core.cache import caches
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache, RedisCacheClient

logger = logging.getLogger("exchange.cache")

RETRY_AFTER = 5.0  # seconds without trying Redis after a failure
FALLBACK_MAX_TIMEOUT = 300  # seconds an entry may live in the fallback cache
CONNECT_TIMEOUT = 0.25
READ_TIMEOUT = 0.5


def _redis_errors() -> tuple[type[BaseException], ...]:
    import redis.exceptions

    return (
        redis.exceptions.ConnectionError,
        redis.exceptions.TimeoutError,
        redis.exceptions.BusyLoadingError,
        OSError,
    )


class ReusedClientRedisCacheClient(RedisCacheClient):
    """Django's Redis client, with one ``redis.Redis`` object per connection pool.

    Django makes a new ``redis.Redis`` for every cache call; its constructor fills
    a table of about 170 response callbacks each time, some 0.1-0.2 ms of CPU per
    call (issue 13, item 7: every page reads the session, the content version and
    the unread count). A ``redis.Redis`` is safe to share between threads (each
    command takes a connection from the pool), so one per pool is kept."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class FailOverRedisCache(RedisCache):
    """Redis, answered by the fallback cache while Redis cannot be reached."""

    def __init__(self, server, params):
        params = dict(params)
        options = dict(params.get("OPTIONS") or {})
        self._fallback_alias = options.pop("FALLBACK", None)
        self._retry_after = float(options.pop("RETRY_AFTER", RETRY_AFTER))
        options.setdefault("socket_connect_timeout", CONNECT_TIMEOUT)
        options.setdefault("socket_timeout", READ_TIMEOUT)
        params["OPTIONS"] = options
        super().__init__(server, params)
        self._class = ReusedClientRedisCacheClient
        self._down_until = 0.0
        self._down = False
        self._state_lock = threading.Lock()
        self._errors = _redis_errors()

    # -- state -----------------------------------------------------------------
    @property
    def is_down(self) -> bool:
        return self._down

    def _skip_redis(self) -> bool:
        return self._down and time.monotonic() < self._down_until

    def _mark_down(self, error: BaseException) -> None:
        with self._state_lock:
            self._down_until = time.monotonic() + self._retry_after
            if not self._down:
                self._down = True
                logger.warning(
                    "Redis cache unreachable (%s): using the %s cache until it is back",
                    error,
                    self._fallback_alias or "no",
                )

    def _mark_up(self) -> None:
        if not self._down:
            return
        with self._state_lock:
            if not self._down:
                return
            self._down = False
        logger.warning("Redis cache reachable again.")
        fallback = self._fallback()
        if fallback is not None:
            try:
                fallback.clear()
            except Exception:  # the database may be down too; entries expire anyway
                logger.exception("Could not empty the fallback cache.")

    def _fallback(self):
        if not self._fallback_alias:
            return None
        return caches[self._fallback_alias]

    def _call(self, name: str, args, kwargs, *, default):
        if not self._skip_redis():
            try:
                result = getattr(super(), name)(*args, **kwargs)
            except self._errors as error:
                self._mark_down(error)
            else:
                self._mark_up()
                return result
        fallback = self._fallback()
        if fallback is None:
            return default(*args, **kwargs) if callable(default) else default
        if "timeout" in kwargs:
            kwargs = _capped_timeout(kwargs)
        try:
            return getattr(fallback, name)(*args, **kwargs)
        except Exception:
            logger.debug("Fallback cache failed for %s", name, exc_info=True)
            return default(*args, **kwargs) if callable(default) else default

    # -- the cache API -----------------------------------------------------------
    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(
            "add",
            (key, value),
            {"timeout": timeout, "version": version},
            default=True,
        )

    def get(self, key, default=None, version=None):
        return self._call(
            "get",
            (key, default),
            {"version": version},
            default=lambda *a, **k: default,
        )

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(
            "set", (key, value), {"timeout": timeout, "version": version}, default=None
        )

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(
            "touch", (key,), {"timeout": timeout, "version": version}, default=False
        )

    def delete(self, key, version=None):
        return self._call("delete", (key,), {"version": version}, default=False)

    def get_many(self, keys, version=None):
        return self._call("get_many", (keys,), {"version": version}, default=dict)

    def has_key(self, key, version=None):
        return self._call("has_key", (key,), {"version": version}, default=False)

    def incr(self, key, delta=1, version=None):
        def missing(*args, **kwargs):
            raise ValueError(f"Key '{key}' not found")

        return self._call("incr", (key, delta), {"version": version}, default=missing)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(
            "set_many",
            (data,),
            {"timeout": timeout, "version": version},
            default=lambda *a, **k: [],
        )

    def delete_many(self, keys, version=None):
        return self._call("delete_many", (keys,), {"version": version}, default=None)

    def clear(self):
        return self._call("clear", (), {}, default=False)


def _capped_timeout(kwargs):
    """Keep fallback entries short-lived: at most FALLBACK_MAX_TIMEOUT seconds."""
    kwargs = dict(kwargs)
    timeout = kwargs.get("timeout", DEFAULT_TIMEOUT)
    if timeout is DEFAULT_TIMEOUT or timeout is None or timeout > FALLBACK_MAX_TIMEOUT:
        kwargs["timeout"] = FALLBACK_MAX_TIMEOUT
    return kwargs
