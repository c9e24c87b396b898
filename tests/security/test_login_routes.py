"""Issue 11 item 1: every login route goes through allauth (MFA, rate limits, checks).

The test walks the whole URL conf: every URL that renders a password form for an
anonymous visitor must be one of allauth's own views, and posting a coordinator's
correct password to any URL that ever rendered a login form gives no session
without the TOTP code.
"""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.utils import translation

from tests.factories import CaseworkerFactory, SpecialistFactory

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery"
# Every route that rendered a login form before the fix (and allauth's own).
KNOWN_LOGIN_ROUTES = [
    "/en/_util/login/",
    "/nl/_util/login/",
    "/admin/login/",
    "/django-admin/login/",
    "/en/accounts/login/",
]
SAMPLE_VALUES = {"int": "1", "str": "x", "slug": "x", "uuid": "0" * 32, "path": "x"}


def _concrete(route: str) -> str | None:
    """A path for a route pattern, converters filled with sample values."""

    def fill(match):
        converter = (match.group(1) or "str").rstrip(":")
        return SAMPLE_VALUES.get(converter, "x")

    if route.startswith("^"):  # a regex: only plain ones
        plain = route.lstrip("^").rstrip("$").replace("\\", "")
        return None if re.search(r"[()\[\]*+?|{}]", plain) else plain
    return re.sub(r"<(?:(\w+):)?\w+>", fill, route)


def url_conf_paths(patterns=None, prefix="/"):
    """Every concrete path the URL conf can serve (one sample per pattern)."""
    for entry in patterns if patterns is not None else get_resolver().url_patterns:
        part = _concrete(str(entry.pattern))
        if part is None:
            continue
        if isinstance(entry, URLResolver):
            yield from url_conf_paths(entry.url_patterns, prefix + part)
        elif isinstance(entry, URLPattern):
            yield prefix + part


def renders_password_form(response) -> bool:
    if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
        return False
    return bool(re.search(rb'type="?password', response.content))


def test_the_walk_sees_the_whole_url_conf():
    with translation.override("en"):
        paths = set(url_conf_paths())
    assert "/en/accounts/login/" in paths
    assert "/admin/login/" in paths
    assert "/django-admin/login/" in paths
    assert "/en/_util/login/" in paths
    assert len(paths) > 300


def test_every_url_rendering_a_password_form_is_allauths(client):
    with translation.override("en"):
        paths = sorted(set(url_conf_paths()))
    forms = {}
    for path in paths:
        response = client.get(path)
        if renders_password_form(response):
            forms[path] = resolve(path).func.__module__
    assert "/en/accounts/login/" in forms  # the walk reaches the real one
    others = {
        path: module
        for path, module in forms.items()
        if not module.startswith("allauth.")
    }
    assert others == {}


@pytest.mark.parametrize("path", KNOWN_LOGIN_ROUTES)
def test_former_login_routes_lead_to_allauths_login(client, path):
    response = client.get(path + "?next=/en/private/")
    if path.endswith("/accounts/login/"):
        assert response.status_code == 200
        return
    assert response.status_code == 302
    assert "/accounts/login/" in response.url
    assert "next=" in response.url


@pytest.mark.parametrize("path", KNOWN_LOGIN_ROUTES)
def test_password_alone_gives_a_totp_coordinator_no_session(client, coordinator, path):
    credentials = {
        "login": coordinator.email,
        "username": coordinator.email,
        "email": coordinator.email,
        "password": PASSWORD,
        "next": "/admin/",
    }
    client.post(path, credentials)
    assert "_auth_user_id" not in client.session
    assert client.get("/en/account/").status_code == 302


def test_password_alone_via_any_walked_form_gives_no_session(client, coordinator):
    with translation.override("en"):
        paths = sorted(set(url_conf_paths()))
    candidates = [p for p in paths if "login" in p or "password" in p]
    assert "/en/_util/login/" in candidates
    for path in candidates:
        client.post(
            path,
            {
                "login": coordinator.email,
                "username": coordinator.email,
                "password": PASSWORD,
            },
        )
        assert "_auth_user_id" not in client.session, path


def test_wagtail_login_settings_point_at_allauth(settings):
    from django.urls import reverse

    login = reverse("account_login")
    assert reverse(settings.WAGTAILADMIN_LOGIN_URL) == login
    assert reverse(settings.WAGTAIL_FRONTEND_LOGIN_URL) == login
    # Password changes and resets go through allauth too (notification, rate limit).
    assert settings.WAGTAIL_PASSWORD_MANAGEMENT_ENABLED is False
    assert settings.WAGTAIL_PASSWORD_RESET_ENABLED is False


@pytest.mark.parametrize("language", ["en", "nl"])
def test_caseworker_opening_the_admin_gets_a_translated_403(client, language):
    caseworker = CaseworkerFactory(language=language)
    client.force_login(caseworker)
    for path in ("/admin/", "/admin/pages/", "/django-admin/"):
        response = client.get(path)
        assert response.status_code == 403, path
        html = response.content.decode()
        assert f'lang="{language}"' in html
        with translation.override(language):
            expected = translation.gettext("No access to the editing area")
        assert f"<h1>{expected}</h1>" in html, path
        assert "/accounts/login/" not in response.get("Location", "")


def test_specialist_still_opens_the_wagtail_admin(client):
    client.force_login(SpecialistFactory())
    assert client.get("/admin/").status_code == 200
