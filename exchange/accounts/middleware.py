"""Per-user language and the MFA requirement for coordinators and staff."""

from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation

LANGUAGE_CODES = {code for code, _name in settings.LANGUAGES}


class UserLanguageMiddleware:
    """Use each member's language.

    A path without a language prefix (``/``, a bare link) is redirected by
    ``LocaleMiddleware`` to the active language: for a logged-in member with a
    preferred language, that is their language rather than the browser's. The
    preference itself changes only by POST (``views.language_switch``).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        authenticated = user is not None and user.is_authenticated
        path_language = translation.get_language_from_path(request.path_info)
        if authenticated and path_language is None and user.language in LANGUAGE_CODES:
            translation.activate(user.language)
            request.LANGUAGE_CODE = user.language
        return self.get_response(request)


def language_cookie_set(response, language: str) -> None:
    """Remember the language in the language cookie (visitors and members)."""
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )


def mfa_required_for(user) -> bool:
    """Coordinators (and any role in MFA_REQUIRED_ROLES) and staff need TOTP."""
    return bool(
        user.is_authenticated
        and (
            user.is_staff
            or user.is_superuser
            or user.role in settings.MFA_REQUIRED_ROLES
        )
    )


def has_totp(user) -> bool:
    from allauth.mfa.models import Authenticator

    return Authenticator.objects.filter(
        user=user, type=Authenticator.Type.TOTP
    ).exists()


# Paths (after the language prefix) a user without TOTP may still reach.
MFA_EXEMPT_PREFIXES = (
    "/accounts/2fa/",
    "/accounts/logout/",
    "/accounts/reauthenticate/",
    "/accounts/confirm-email/",
    "/jsi18n/",
)
MFA_EXEMPT_ROOT_PREFIXES = ("/static/", "/media/", "/i18n/", "/healthz", "/favicon")


class RequireMfaMiddleware:
    """Send coordinators and staff without a TOTP authenticator to its set-up page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and mfa_required_for(user)
            and not self._exempt(request.path_info)
            and not has_totp(user)
        ):
            url = reverse("mfa_activate_totp")
            return HttpResponseRedirect(
                f"{url}?{urlencode({'next': request.get_full_path()})}"
            )
        return self.get_response(request)

    @staticmethod
    def _exempt(path: str) -> bool:
        if path.startswith(MFA_EXEMPT_ROOT_PREFIXES):
            return True
        language = translation.get_language_from_path(path)
        if language:
            path = path[len(language) + 1 :]
        return path.startswith(MFA_EXEMPT_PREFIXES)


class AdminAccessMiddleware:
    """A member without admin rights gets a clear 403 page from the admins.

    Wagtail (and Django's admin) would send them to the log-in page, which sends a
    logged-in member back: a redirect loop. Anonymous visitors still go to log in.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            path = request.path_info
            if (
                path.startswith("/admin/")
                and not user.has_perm("wagtailadmin.access_admin")
            ) or (path.startswith("/django-admin/") and not user.is_staff):
                return render(request, "403_admin.html", status=403)
        return self.get_response(request)
