"""Wagtail's site lookup, once per process and content version, not per request.

``Site.find_for_request`` reads the ``wagtailcore_site`` table on every request
(routing, page URLs, the language links). The answer changes only when a site or
page is saved, which moves the content version (``pagecache``): it is kept here per
host and port for that version, and handed to Wagtail through the attribute it
caches the lookup in (``request._wagtail_site``).
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.views import serve as wagtail_serve

from .fragments import MISSING, fragment_key, local_get, local_set
from .pagecache import content_version

MAX_HOSTS = 32

_sites: dict = {}
_sites_version: list[int] = [0]


def _known_site(request):
    """``(key, site)``: the request's host key and its site if this process already
    knows it for the current content version (no query), else ``(key, None)``;
    ``(None, None)`` for a host that is not allowed."""
    try:
        key = (request.get_host(), request.get_port())  # allowed hosts only
    except DisallowedHost:
        return None, None
    version = content_version()
    if _sites_version[0] != version:
        _sites.clear()
        _sites_version[0] = version
    return key, _sites.get(key)


def _remember_site(key, version, site) -> None:
    if site is None or _sites_version[0] != version:
        return
    if len(_sites) >= MAX_HOSTS:
        _sites.clear()
    _sites[key] = site


class CachedSiteMiddleware:
    """Give Wagtail the request's site from the per-process cache and, for a page
    read (GET or HEAD), the route found earlier for this path (see below).

    The middleware itself never queries: a site this process does not know yet is
    looked up by Wagtail when a view needs it, and kept afterwards. So a request
    that needs no site (``/healthz``, the database-down page) costs no query and
    cannot fail on a database outage here."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info.startswith(("/static/", "/media/", "/healthz")):
            return self.get_response(request)
        key, site = _known_site(request)
        version = _sites_version[0]
        if site is not None:
            request._wagtail_site = site
        response = self.get_response(request)
        if key is not None and site is None:
            _remember_site(key, version, request.__dict__.get("_wagtail_site"))
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        # Here the language is active (the route depends on it) and the view known.
        if view_func is not wagtail_serve or request.method not in ("GET", "HEAD"):
            return None
        site = Site.find_for_request(request)  # kept by __call__ afterwards
        if site is None:
            return None
        route = route_from_cache(request, site)
        if route is None:
            path = view_args[0] if view_args else view_kwargs.get("path", "")
            route = Page.route_for_request(request, path)
            if route is not None:
                route_remember(request, site, route)
        request._wagtail_route_for_request = route
        return None


# --- Page routes ---------------------------------------------------------------------
# Wagtail walks the page tree from the site's root on every request (four to six
# queries for a practice). Which page a path leads to changes only when a page is
# saved, which moves the content version: the route found (the page's type and id;
# routes with arguments are not kept) is kept in the cache under that version,
# the language and the path, and the page is then read in one query.
#
# Wagtail's view restrictions (``PageViewRestriction`` on the page or an ancestor)
# cost two more queries on every page read (the ancestors, the restrictions). They
# are content too: any save or delete of a restriction, of its groups or of a page
# (a move) moves the content version. The route therefore also keeps whether the
# page has any restriction at all. When it has none, the page's
# ``get_view_restrictions`` answers "none" without a query; when it has some,
# Wagtail reads and enforces them on every request as before (a restricted page
# still refuses a reader without access, cached route or not). ``serve``'s own
# visibility rules (members-only practices...) run each time in either case.

ROUTE_SECONDS = 600


def _route_key(request, site, version=None) -> str:
    return fragment_key("route", site.pk, request.path_info, version=version)


def route_from_cache(request, site):
    """``(page, args, kwargs)`` from the cache, or None (not cached, or gone)."""
    version = content_version()
    key = _route_key(request, site, version)
    stored = local_get(key, version)  # this process's copy (fragments.py)
    if stored is MISSING:
        stored = cache.get(key)
        if stored is None:
            return None
        local_set(key, version, stored, ROUTE_SECONDS)
    try:
        content_type_id, pk, args, kwargs, restricted = stored
    except (TypeError, ValueError):
        return None  # an entry of another shape (an older release): found afresh
    model = ContentType.objects.get_for_id(content_type_id).model_class()
    if model is None:
        return None
    page = model.objects.select_related("locale").filter(pk=pk, live=True).first()
    if page is None:
        return None
    if not restricted:
        _known_unrestricted(page)
    return page, args, kwargs


def _known_unrestricted(page) -> None:
    """Neither the page nor an ancestor has a view restriction (known for this
    content version): Wagtail's check finds none without asking the database."""
    page.get_view_restrictions = _no_view_restrictions


def _no_view_restrictions():
    # A module-level function (not a bound manager method): a page carrying it
    # still pickles.
    return PageViewRestriction.objects.none()


def route_remember(request, site, route) -> None:
    page, args, kwargs = route
    if args or kwargs:
        return  # a routable page's sub-route: left to Wagtail every time
    restricted = page.get_view_restrictions().exists()
    if not restricted:
        _known_unrestricted(page)  # Wagtail's check on this request: no query either
    stored = (page.content_type_id, page.pk, (), {}, restricted)
    version = content_version()
    key = _route_key(request, site, version)
    cache.set(key, stored, ROUTE_SECONDS)
    local_set(key, version, stored, ROUTE_SECONDS)
