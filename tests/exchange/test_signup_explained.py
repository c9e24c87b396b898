"""Item 3 of issue 15: sign-up says what happens; e-mails carry the platform's name."""

import pytest
from django.core import mail

from tests.exchange.test_signup_and_approval import sign_up

pytestmark = pytest.mark.django_db


def test_signup_page_says_who_can_join_and_what_happens_next(client):
    html = client.get("/en/accounts/signup/").content.decode()
    assert "Who can join" in html
    assert "OCMW, CPAS, ÖSHZ" in html
    assert "waits until a federal coordinator approves it" in html
    assert "with a link to confirm your address" in html


def test_confirmation_email_carries_the_platform_name_not_the_host(client, settings):
    settings.SITE_URL = "https://exchange.example"
    sign_up(client, "someone@gmail.example", language="fr")

    message = mail.outbox[-1]
    assert message.subject.startswith("[Newcomer Exchange]")
    assert "127.0.0.1" not in message.subject
    assert "testserver" not in message.subject
    assert "Newcomer Exchange" in message.body


def test_password_validation_messages_are_in_the_interface_language(client):
    response = client.post(
        "/fr/accounts/signup/",
        {
            "email": "lotte@gmail.example",
            "full_name": "Lotte",
            "password1": "123",
            "password2": "123",
        },
    )
    html = response.content.decode()
    assert "Ce mot de passe est trop court" in html
