"""Anyone can report an accessibility barrier; coordinators get it by e-mail."""

import pytest
from django.core import mail

from exchange.core.models import AccessibilityFeedback

pytestmark = pytest.mark.django_db

URL = "/en/accessibility-feedback/"


def test_statement_page_and_footer_link_to_the_feedback_form(client, site_tree):
    html = client.get("/en/accessibility/").content.decode()
    assert 'href="/en/accessibility-feedback/"' in html
    html = client.get("/fr/privacy/").content.decode()
    assert 'href="/fr/accessibility-feedback/?page=/fr/privacy/"' in html


def test_anonymous_visitor_reports_a_barrier_and_coordinators_are_told(
    client, coordinator, django_capture_on_commit_callbacks
):
    coordinator.language = "nl"
    coordinator.save()
    page = client.get(URL + "?page=/en/forum/")
    assert 'value="/en/forum/"' in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            URL,
            {
                "page_url": "/en/forum/",
                "message": "The vote buttons cannot be reached with the keyboard.",
                "email": "reader@example.org",
            },
        )
    assert response.status_code == 302
    assert response.url == "/en/accessibility-feedback/thanks/"
    feedback = AccessibilityFeedback.objects.get()
    assert feedback.user is None
    assert feedback.language == "en"
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [coordinator.email]
    assert "vote buttons" in mail.outbox[0].body
    assert "Toegankelijkheid" in mail.outbox[0].subject  # in the coordinator's Dutch


def test_empty_report_is_refused_with_a_message(client):
    response = client.post(URL, {"message": ""})
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    assert not AccessibilityFeedback.objects.exists()


def test_reports_are_rate_limited_per_client(client):
    for _ in range(5):
        client.post(URL, {"message": "barrier"})
    response = client.post(URL, {"message": "one too many"})
    assert response.status_code == 429
    assert "one too many" in response.content.decode()  # what they typed is kept
    assert AccessibilityFeedback.objects.count() == 5


def test_the_form_needs_a_csrf_token(client):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    response = strict.post(URL, {"message": "barrier"})
    assert response.status_code == 403
    assert not AccessibilityFeedback.objects.exists()
