"""Notifications and their e-mails speak the recipient's language, whoever acted."""

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from exchange.notifications.models import EmailFrequency
from exchange.notifications.services import notification_send, preference_set
from tests.factories import CaseworkerFactory

pytestmark = pytest.mark.django_db


def _send_from_a_french_request(recipient):
    """What a service does inside a French actor's request."""
    actor = CaseworkerFactory(language="fr")
    with translation.override("fr"):
        url = reverse("notifications:list")  # built with the actor's /fr/ prefix
        return notification_send(
            recipient=recipient,
            kind="test.event",
            title=_("Notifications"),
            url=url,
            actor=actor,
        )


def test_email_link_and_text_are_in_the_recipients_language(
    django_capture_on_commit_callbacks, settings
):
    settings.SITE_URL = "https://exchange.example"
    recipient = CaseworkerFactory(language="nl")
    preference_set(user=recipient, email_frequency=EmailFrequency.IMMEDIATE)

    with django_capture_on_commit_callbacks(execute=True):
        _send_from_a_french_request(recipient)

    message = mail.outbox[0]
    assert "Meldingen" in message.subject or "Notificaties" in message.subject
    assert "https://exchange.example/nl/notifications/" in message.body
    assert "/fr/" not in message.body
    assert "127.0.0.1" not in message.body


def test_digest_links_are_in_the_recipients_language(settings):
    from exchange.notifications.services import digests_send

    settings.SITE_URL = "https://exchange.example"
    recipient = CaseworkerFactory(language="de")
    preference_set(user=recipient, email_frequency=EmailFrequency.DAILY)
    _send_from_a_french_request(recipient)

    assert digests_send(frequency=EmailFrequency.DAILY) == 1

    body = mail.outbox[0].body
    assert "https://exchange.example/de/notifications/" in body
    assert "/fr/" not in body


def test_opening_a_notification_keeps_the_interface_language(client_for):
    recipient = CaseworkerFactory(language="nl")
    notification = _send_from_a_french_request(recipient)

    response = client_for(recipient).get(f"/de/notifications/{notification.pk}/open/")

    assert response["Location"] == "/de/notifications/"
