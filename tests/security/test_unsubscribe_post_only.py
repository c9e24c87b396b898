"""Issue 11 item 9: unsubscribe confirms on GET, acts on POST, hides the address."""

import pytest

from exchange.notifications.models import EmailFrequency
from exchange.notifications.services import preference_set, unsubscribe_url

pytestmark = pytest.mark.django_db


def frequency(user):
    user.notification_preference.refresh_from_db()
    return user.notification_preference.email_frequency


def test_opening_the_unsubscribe_link_only_asks_for_confirmation(client, caseworker):
    preference_set(user=caseworker, email_frequency=EmailFrequency.DAILY)
    url = unsubscribe_url(caseworker).removeprefix("http://testserver")
    response = client.get(url)  # a mail scanner or link preview follows the link
    assert response.status_code == 200
    html = response.content.decode()
    assert '<form method="post"' in html
    assert caseworker.email not in html
    assert frequency(caseworker) == EmailFrequency.DAILY


def test_confirming_the_form_unsubscribes_without_showing_the_address(
    client, caseworker
):
    preference_set(user=caseworker, email_frequency=EmailFrequency.DAILY)
    url = unsubscribe_url(caseworker).removeprefix("http://testserver")
    response = client.post(url)
    assert response.status_code == 200
    assert b"no longer receive" in response.content
    assert caseworker.email not in response.content.decode()
    assert frequency(caseworker) == EmailFrequency.NEVER


def test_rfc_8058_one_click_post_still_works_without_csrf_token(caseworker):
    from django.test import Client

    preference_set(user=caseworker, email_frequency=EmailFrequency.WEEKLY)
    url = unsubscribe_url(caseworker).removeprefix("http://testserver")
    client = Client(enforce_csrf_checks=True)
    response = client.post(url, {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert frequency(caseworker) == EmailFrequency.NEVER


def test_other_methods_are_refused(client, caseworker):
    preference_set(user=caseworker, email_frequency=EmailFrequency.DAILY)
    url = unsubscribe_url(caseworker).removeprefix("http://testserver")
    assert client.put(url).status_code == 405
    assert frequency(caseworker) == EmailFrequency.DAILY
