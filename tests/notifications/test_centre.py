"""The notification centre, e-mail preferences, digests and one-click unsubscribe."""

import io

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from exchange.notifications.models import EmailFrequency, Notification
from exchange.notifications.services import (
    notification_send,
    preference_set,
    unsubscribe_url,
)
from tests.factories import CaseworkerFactory

pytestmark = pytest.mark.django_db


def send(user, title="Something happened", **kwargs):
    return notification_send(
        recipient=user, kind="test.event", title=title, url="/en/forum/", **kwargs
    )


def test_unread_count_shows_in_the_header_badge(client_for, caseworker, site_tree):
    send(caseworker)
    send(caseworker)
    page = client_for(caseworker).get("/en/").content.decode()
    assert '<span class="badge">2' in page


def test_centre_lists_notifications_and_marks_them_read(client_for, caseworker):
    note = send(caseworker, title="A new answer on your question")
    client = client_for(caseworker)
    page = client.get("/en/notifications/").content.decode()
    assert "A new answer on your question" in page
    response = client.get(f"/en/notifications/{note.pk}/open/")
    assert response["Location"] == "/en/forum/"
    note.refresh_from_db()
    assert note.read_at is not None


def test_mark_all_read(client_for, caseworker):
    send(caseworker)
    send(caseworker)
    client_for(caseworker).post("/en/notifications/read/")
    assert not Notification.objects.filter(read_at__isnull=True).exists()


def test_someone_elses_notification_is_not_found(client_for, caseworker):
    note = send(CaseworkerFactory())
    response = client_for(caseworker).get(f"/en/notifications/{note.pk}/open/")
    assert response.status_code == 404


def test_email_is_opt_in(caseworker, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        send(caseworker)
    assert mail.outbox == []


def test_email_per_event_in_the_recipients_language(
    django_capture_on_commit_callbacks,
):
    from django.utils.translation import gettext_lazy as _

    user = CaseworkerFactory(language="de")
    preference_set(user=user, email_frequency=EmailFrequency.IMMEDIATE)
    with django_capture_on_commit_callbacks(execute=True):
        send(user, title=_("Notifications"))
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert "Benachrichtigungen" in message.subject
    assert "Hallo" in message.body
    assert message.extra_headers["List-Unsubscribe-Post"] == (
        "List-Unsubscribe=One-Click"
    )


def test_choosing_a_digest_in_the_centre(client_for, caseworker):
    client_for(caseworker).post(
        "/en/notifications/preferences/", {"email_frequency": "weekly"}
    )
    assert caseworker.notification_preference.email_frequency == "weekly"


def test_invalid_preference_is_refused(client_for, caseworker):
    response = client_for(caseworker).post(
        "/en/notifications/preferences/", {"email_frequency": "hourly"}
    )
    assert response.status_code == 400


def test_daily_digest_groups_pending_notifications_once(caseworker):
    preference_set(user=caseworker, email_frequency=EmailFrequency.DAILY)
    send(caseworker, title="First event")
    send(caseworker, title="Second event")
    call_command("send_digests", "daily", stdout=io.StringIO())
    assert len(mail.outbox) == 1
    assert "First event" in mail.outbox[0].body
    assert "Second event" in mail.outbox[0].body
    call_command("send_digests", "daily", stdout=io.StringIO())
    assert len(mail.outbox) == 1  # nothing new: no second digest


def test_weekly_digest_only_for_weekly_readers(caseworker):
    daily = CaseworkerFactory()
    preference_set(user=caseworker, email_frequency=EmailFrequency.WEEKLY)
    preference_set(user=daily, email_frequency=EmailFrequency.DAILY)
    send(caseworker)
    send(daily)
    call_command("send_digests", "weekly", stdout=io.StringIO())
    assert [m.to for m in mail.outbox] == [[caseworker.email]]


def test_digest_leaves_out_old_and_in_app_only_notifications(caseworker):
    preference_set(user=caseworker, email_frequency=EmailFrequency.DAILY)
    old = send(caseworker, title="Old event")
    Notification.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - timezone.timedelta(days=3)
    )
    send(caseworker, title="In-app only", email=False)
    call_command("send_digests", "daily", stdout=io.StringIO())
    assert mail.outbox == []


def test_one_click_unsubscribe_with_a_signed_link(client, caseworker):
    preference_set(user=caseworker, email_frequency=EmailFrequency.IMMEDIATE)
    url = unsubscribe_url(caseworker).removeprefix("http://testserver")
    assert client.get(url).status_code == 200  # not logged in: a confirmation
    response = client.post(url)
    assert response.status_code == 200
    assert b"no longer receive" in response.content
    caseworker.notification_preference.refresh_from_db()
    assert caseworker.notification_preference.email_frequency == EmailFrequency.NEVER


def test_mail_client_one_click_post_unsubscribes(client, caseworker):
    preference_set(user=caseworker, email_frequency=EmailFrequency.DAILY)
    url = unsubscribe_url(caseworker).removeprefix("http://testserver")
    client.post(url, {"List-Unsubscribe": "One-Click"})
    caseworker.notification_preference.refresh_from_db()
    assert caseworker.notification_preference.email_frequency == EmailFrequency.NEVER


def test_tampered_unsubscribe_link_is_refused(client, caseworker):
    preference_set(user=caseworker, email_frequency=EmailFrequency.DAILY)
    url = unsubscribe_url(caseworker).removeprefix("http://testserver")
    response = client.get(url.replace("/unsubscribe/", "/unsubscribe/x"))
    assert response.status_code == 400
    caseworker.notification_preference.refresh_from_db()
    assert caseworker.notification_preference.email_frequency == EmailFrequency.DAILY


def test_notification_send_keeps_its_signature_for_other_apps(caseworker):
    note = notification_send(
        recipient=caseworker,
        kind="specialists.designation_verified",
        title="Your designation was verified",
        body="You are now listed.",
        url="/en/specialists/",
        actor=None,
        email=True,
    )
    assert note.recipient == caseworker
    assert notification_send(recipient=None, kind="x", title="y") is None


def test_centre_requires_login(client):
    response = client.get("/en/notifications/")
    assert response.status_code == 302
