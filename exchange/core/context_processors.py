"""Values every page's frame needs."""

from django.conf import settings


def site_frame(request):
    return {
        "PLATFORM_NAME": settings.PLATFORM_NAME,
        "SEARCH_ENGINE": settings.SEARCH_ENGINE,
    }
