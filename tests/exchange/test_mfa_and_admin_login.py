"""TOTP is required of coordinators and staff; both admins log in through allauth."""

import io
import re

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import validate_totp_code
from django.core.management import call_command

from tests.factories import CaseworkerFactory, CoordinatorFactory

pytestmark = pytest.mark.django_db

TOTP_SETUP = "/en/accounts/2fa/totp/activate/"


def log_in(client, user):
    """Log in through allauth's form, as a person does (records the password step)."""
    response = client.post(
        "/en/accounts/login/",
        {"login": user.email, "password": "correct-horse-battery"},
    )
    assert response.status_code == 302
    return response


def confirm_password(client):
    """allauth asks for the password again before MFA changes; give it."""
    response = client.get(TOTP_SETUP)
    assert response.url.startswith("/en/accounts/reauthenticate/")
    response = client.post(response.url, {"password": "correct-horse-battery"})
    assert response.status_code == 302


def test_coordinator_without_totp_is_sent_to_the_setup_page(client):
    response = log_in(client, CoordinatorFactory())
    assert client.get(response.url).url.startswith(TOTP_SETUP)
    for path in ("/en/", "/en/account/", "/admin/", "/en/forum/"):
        response = client.get(path)
        assert response.status_code == 302, path
        assert response.url.startswith(TOTP_SETUP), path


def test_staff_without_totp_is_sent_to_the_setup_page(client):
    client.force_login(CaseworkerFactory(is_staff=True))
    response = client.get("/en/account/")
    assert response.url.startswith(TOTP_SETUP)


def test_setup_logout_static_and_language_urls_stay_reachable_without_totp(client):
    log_in(client, CoordinatorFactory())
    confirm_password(client)
    assert client.get(TOTP_SETUP).status_code == 200
    assert client.get("/fr/accounts/2fa/totp/activate/").status_code == 200
    assert client.get("/static/exchange/css/site.css").status_code != 302
    assert client.post("/i18n/setlang/", {"language": "fr"}).status_code == 302
    response = client.post("/en/accounts/logout/")
    assert response.status_code == 302
    assert client.get("/en/account/").url.startswith("/en/accounts/login/")


def test_coordinator_with_totp_and_caseworker_use_the_site(client, coordinator):
    client.force_login(coordinator)
    assert client.get("/en/account/").status_code == 200
    client.force_login(CaseworkerFactory())
    assert client.get("/en/account/").status_code == 200


def test_totp_setup_page_is_in_the_site_frame(client):
    log_in(client, CoordinatorFactory())
    confirm_password(client)
    html = client.get(TOTP_SETUP).content.decode()
    assert 'id="main"' in html
    assert "data:image/svg+xml;base64" in html  # the QR code, no inline script
    assert "<script>" not in html


def test_wagtail_admin_login_goes_through_allauth(client):
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response.url.startswith("/en/accounts/login/?next=/admin/")


def test_django_admin_login_goes_through_allauth(client):
    response = client.get("/django-admin/login/?next=/django-admin/")
    assert response.status_code == 302
    assert response.url.startswith("/en/accounts/login/")
    response = client.get("/django-admin/")
    assert response.status_code == 302
    assert "/django-admin/login/" in response.url or "/accounts/login/" in response.url


def test_staff_login_asks_for_the_totp_code_then_opens_the_django_admin(client):
    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    user = CoordinatorFactory(is_staff=True, is_superuser=True)
    secret = "JBSWY3DPEHPK3PXP"
    Authenticator.objects.create(
        user=user, type=Authenticator.Type.TOTP, data={"secret": secret}
    )
    response = client.post(
        "/en/accounts/login/?next=/django-admin/",
        {"login": user.email, "password": "correct-horse-battery"},
    )
    assert response.status_code == 302
    assert response.url.startswith("/en/accounts/2fa/authenticate/")
    assert client.get("/django-admin/").status_code == 302  # not logged in yet

    import time

    code = format_hotp_value(hotp_value(secret, int(time.time()) // 30))
    response = client.post(response.url, {"code": code})
    assert response.status_code == 302
    assert response.url == "/django-admin/"
    assert client.get("/django-admin/").status_code == 200
    assert client.get("/admin/").status_code == 200


def test_non_staff_member_gets_403_from_the_django_admin(client, coordinator):
    client.force_login(coordinator)
    assert client.get("/django-admin/").status_code in (302, 403)
    assert client.get("/django-admin/login/").status_code == 403


def test_demo_coordinator_has_a_totp_and_demo_totp_prints_a_valid_code():
    from demo import accounts as demo

    users = demo.seed(stdout=io.StringIO())
    coordinator = users["coordinator"]
    out = io.StringIO()
    call_command("demo_totp", coordinator.email, stdout=out, stderr=io.StringIO())
    code = out.getvalue().strip()
    assert re.fullmatch(r"\d{6}", code)
    assert validate_totp_code(demo.DEMO_TOTP_SECRET, code)
    demo.seed(stdout=io.StringIO())  # idempotent
    assert Authenticator.objects.filter(user=coordinator).count() == 1


def test_demo_logins_printout_explains_the_totp():
    from demo import accounts as demo

    out = io.StringIO()
    demo.print_logins(out)
    assert "demo_totp coordinator@demo.mi-is.example" in out.getvalue()
    assert demo.DEMO_TOTP_SECRET in out.getvalue()


def test_coordinator_who_activates_totp_gets_into_the_site(client):
    import time

    from allauth.mfa.totp.internal.auth import format_hotp_value, hotp_value

    coordinator = CoordinatorFactory()
    log_in(client, coordinator)
    confirm_password(client)
    secret = client.get(TOTP_SETUP).context["form"].secret
    code = format_hotp_value(hotp_value(secret, int(time.time()) // 30))
    response = client.post(TOTP_SETUP, {"code": code})
    assert response.status_code == 302
    assert Authenticator.objects.filter(user=coordinator, type="totp").exists()
    assert client.get("/en/account/approvals/").status_code == 200
