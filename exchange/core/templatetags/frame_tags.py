"""Template tags of the site frame."""

from django import template
from django.conf import settings
from django.urls import translate_url
from wagtail.models import Page

from exchange.core.fragments import cached_fragment
from exchange.core.locale import url_in_language

register = template.Library()


@register.simple_tag(takes_context=True)
def language_links(context) -> list[dict]:
    """One target per language that keeps the reader on the same page.

    A Wagtail page links to its translation in that language when one is live;
    any other page (and a page without that translation) to ``translate_url``.
    The switcher posts each target as ``next`` to ``language_switch``, which
    remembers the choice.
    """
    request = context.get("request")
    path = request.get_full_path() if request else "/"
    page = context.get("page")
    translations = {}
    if isinstance(page, Page) and page.pk:
        # The same for every reader: kept until content changes (fragments.py).
        translations = cached_fragment(
            "language-links",
            page.pk,
            request.get_host() if request else "",
            compute=lambda: _translation_urls(page, request),
        )
    missing = [code for code, _name in settings.LANGUAGES if code not in translations]
    if missing:
        # Resolving and reversing the path once per language: the same for every
        # reader of this path, kept like the page translations.
        translations = {
            **cached_fragment(
                "language-paths",
                path,
                compute=lambda: {code: translate_url(path, code) for code in missing},
            ),
            **translations,
        }
    return [
        {"code": code, "name": name, "url": translations.get(code)}
        for code, name in settings.LANGUAGES
    ]


def _translation_urls(page, request) -> dict[str, str]:
    translations = {}
    for translation in (
        page.get_translations(inclusive=True).live().select_related("locale")
    ):
        url = translation.get_url(request)
        if url:
            translations[translation.locale.language_code] = url
    return translations


@register.filter
def in_language(url: str, language: str) -> str:
    """``url`` with its language prefix set to ``language`` (the reader's)."""
    return url_in_language(url, language)
