"""Values every page's frame needs (navigation, language switcher)."""

from django.conf import settings
from django.urls import translate_url


def site_frame(request):
    path = request.get_full_path() if request else "/"
    return {
        "PLATFORM_NAME": settings.PLATFORM_NAME,
        "SEARCH_ENGINE": settings.SEARCH_ENGINE,
        "language_links": [
            {"code": code, "name": name, "url": translate_url(path, code)}
            for code, name in settings.LANGUAGES
        ],
    }
