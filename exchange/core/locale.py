"""Language detection that leaves unprefixed machine URLs alone."""

from django.middleware.locale import LocaleMiddleware

# Paths outside i18n_patterns: a 404 there is a real 404, not a missing /xx/ prefix.
UNPREFIXED_PATHS = (
    "/api/",
    "/admin/",
    "/django-admin/",
    "/documents/",
    "/static/",
    "/media/",
    "/i18n/",
    "/healthz",
    "/readyz",
)


class SiteLocaleMiddleware(LocaleMiddleware):
    """Django's LocaleMiddleware, minus its 404 → /en/… redirect on unprefixed URLs.

    Wagtail's catch-all page route makes every /en/… path "valid", so the stock
    middleware would answer an API 404 with a redirect to a page.
    """

    def process_response(self, request, response):
        if response.status_code == 404 and request.path_info.startswith(
            UNPREFIXED_PATHS
        ):
            return response
        return super().process_response(request, response)


def url_in_language(url: str, language: str) -> str:
    """``url`` with its language prefix replaced by ``language``.

    Links to content (stored in notifications, the search index, e-mails) carry the
    prefix of whoever built them; the reader follows them in their own language.
    Unprefixed paths (``/admin/``), other hosts and empty values come back unchanged.
    """
    if not url:
        return url
    from django.conf import settings

    base = ""
    if url.startswith(settings.SITE_URL + "/"):
        base, url = settings.SITE_URL, url[len(settings.SITE_URL) :]
    if not url.startswith("/"):
        return base + url
    codes = {code for code, _name in settings.LANGUAGES}
    head, sep, rest = url[1:].partition("/")
    if head in codes and sep:
        return f"{base}/{language}/{rest}"
    return base + url
