"""A new member signs up, verifies by e-mail, logs in and switches language."""

import re

import pytest
from django.core import mail

from exchange.accounts.models import AllowedEmailDomain, Role, User

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "sign-up-in-the-browser-2026"


def test_sign_up_verify_log_in_and_switch_language(page, axe_check, site_tree):
    AllowedEmailDomain.objects.create(domain="ocmw-leuven.example")

    page.goto("/en/")
    axe_check(page)
    page.get_by_role("link", name="Sign up").click()
    page.wait_for_url("**/en/accounts/signup/")
    axe_check(page)
    page.get_by_label("Email").fill("an.janssens@ocmw-leuven.example")
    page.get_by_label("Password:", exact=True).fill(PASSWORD)
    page.get_by_label("Password (again):", exact=True).fill(PASSWORD)
    page.get_by_label("Full name").fill("An Janssens")
    page.get_by_role("button", name="Sign Up").click()
    page.wait_for_url("**/accounts/confirm-email/")
    assert "Verify Your Email Address" in page.content()
    axe_check(page)

    # The verification e-mail, from the test mailbox of the live server.
    assert len(mail.outbox) == 1
    link = re.search(r"https?://\S+/accounts/confirm-email/\S+/", mail.outbox[0].body)[
        0
    ]
    page.goto(link)
    axe_check(page)
    page.get_by_role("button", name="Confirm").click()
    page.wait_for_url("**/accounts/login/")
    axe_check(page)

    page.get_by_label("Email").fill("an.janssens@ocmw-leuven.example")
    page.get_by_label("Password:", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    page.wait_for_url("**/en/")
    assert page.get_by_role("link", name="An Janssens").is_visible()
    user = User.objects.get(email="an.janssens@ocmw-leuven.example")
    assert user.role == Role.CASEWORKER

    page.get_by_role("link", name="An Janssens").click()
    page.wait_for_url("**/en/account/")
    axe_check(page)

    page.get_by_role("navigation", name="Language").get_by_role(
        "button", name="Nederlands"
    ).click()
    page.wait_for_url("**/nl/account/")
    assert page.locator("html").get_attribute("lang") == "nl"
    assert page.get_by_role("heading", level=1).inner_text() == "Uw account"
    axe_check(page)
    user.refresh_from_db()
    assert user.language == "nl"

    # The language is remembered: the bare root now opens the Dutch site.
    page.goto("/")
    page.wait_for_url("**/nl/")
    axe_check(page)
