"""Wagtail's site lookup, once per process and content version, not per request.

``Site.find_for_request`` reads the ``wagtailcore_site`` table on every request
(routing, page URLs, the language links). The answer changes only when a site or
page is saved, which moves the content version (``pagecache``): it is kept here per
host and port for that version, and handed to Wagtail through the attribute it
caches the lookup in (``request._wagtail_site``).
"""

from __future__ import annotations

from django.core.exceptions import DisallowedHost
from wagtail.models import Site

from .pagecache import content_version

MAX_HOSTS = 32

_sites: dict = {}
_sites_version: list[int] = [0]


def site_for_request(request):
    try:
        host = request.get_host()  # the allowed hosts only: no unbounded growth
        port = request.get_port()
    except DisallowedHost:
        return Site.find_for_request(request)
    version = content_version()
    if _sites_version[0] != version:
        _sites.clear()
        _sites_version[0] = version
    key = (host, port)
    if key not in _sites:
        if len(_sites) >= MAX_HOSTS:
            _sites.clear()
        _sites[key] = Site._find_for_request(request)
    return _sites[key]


class CachedSiteMiddleware:
    """Give Wagtail the request's site from the per-process cache (after sessions)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path_info.startswith(("/static/", "/media/", "/healthz")):
            request._wagtail_site = site_for_request(request)
        return self.get_response(request)
