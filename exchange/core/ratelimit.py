"""A small fixed-window rate limit in the shared cache (Redis or the database).

The client address comes from allauth, so the proxy set-up
(``TRUSTED_PROXY_COUNT``) is configured once for log-in limits and these alike.
"""

from allauth.account.adapter import get_adapter
from django.core.cache import cache


def rate_limit_hit(request, *, scope: str, limit: int, period: int) -> bool:
    """Count one use of ``scope`` by this client; True once over ``limit``."""
    key = f"ratelimit:{scope}:{get_adapter(request).get_client_ip(request)}"
    if cache.add(key, 1, timeout=period):
        return False
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=period)
        return False
    return count > limit
