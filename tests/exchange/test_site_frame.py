"""The frame of every page: landmarks, skip link, no inline code, security headers."""

import re

import pytest
from django.core import mail

pytestmark = pytest.mark.django_db


def test_home_page_has_skip_link_landmarks_and_one_h1(client, site_tree):
    html = client.get("/en/").content.decode()
    assert html.index('class="skip-link" href="#main"') < html.index("<header")
    for landmark in ("<header", '<main id="main"', "<footer", 'aria-label="Main"'):
        assert landmark in html
    assert len(re.findall(r"<h1[ >]", html)) == 1


def test_pages_carry_no_inline_script_or_style(client, site_tree, caseworker):
    client.force_login(caseworker)
    for path in ("/en/", "/fr/accessibility/", "/en/account/", "/en/accounts/email/"):
        html = client.get(path).content.decode()
        inline_scripts = [
            tag
            for tag in re.findall(r"<script\b[^>]*>", html)
            if "src=" not in tag and "application/json" not in tag
        ]
        assert not inline_scripts, (path, inline_scripts)
        assert "<style" not in html, path
        assert not re.search(r"\sstyle=\"", html), path


def test_security_headers_and_strict_csp_on_the_site(client, site_tree):
    response = client.get("/en/")
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp
    assert "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_admin_gets_the_relaxed_policy_it_needs(client, specialist):
    client.force_login(specialist)
    response = client.get("/admin/")
    assert "'unsafe-inline'" in response["Content-Security-Policy"]


def test_footer_credits_the_municipality_data_licence(client, site_tree):
    html = client.get("/nl/").content.decode()
    assert "CC BY 4.0" in html and "Statbel" in html


def test_password_reset_by_email_link(client, caseworker):
    page = client.get("/fr/accounts/password/reset/").content.decode()
    assert '<html lang="fr">' in page
    client.post("/en/accounts/password/reset/", {"email": caseworker.email})
    assert len(mail.outbox) == 1
    link = re.search(
        r"https?://\S+/accounts/password/reset/key/\S+/", mail.outbox[0].body
    )[0]
    response = client.get(link.split("testserver", 1)[1])
    assert response.status_code == 302  # allauth moves the key into the session
    response = client.post(
        response.url,
        {"password1": "a-brand-new-password-7", "password2": "a-brand-new-password-7"},
    )
    assert response.status_code == 302
    response = client.post(
        "/en/accounts/login/",
        {"login": caseworker.email, "password": "a-brand-new-password-7"},
    )
    assert response.status_code == 302
    assert client.get("/en/account/").status_code == 200


def test_password_reset_is_rate_limited_per_address(client, caseworker):
    for _ in range(4):
        client.post("/en/accounts/password/reset/", {"email": caseworker.email})
    assert len(mail.outbox) == 3  # reset_password: 3 per minute per address
