"""Announcements on the home page and by e-mail; the monthly newsletter."""

import re

import pytest
from django.core import mail
from django.utils import timezone

from coordination import mailings
from coordination.models import (
    Announcement,
    AuditAction,
    AuditEntry,
    Mailing,
    MailingRecipient,
    Newsletter,
    StructuralSignal,
)
from exchange.notifications.models import EmailFrequency
from exchange.notifications.services import (
    preference_set,
    unsubscribe_url,
    user_from_unsubscribe_token,
)
from forum.models import Question
from tests.factories import AnswerFactory, CaseworkerFactory, PracticePageFactory

pytestmark = pytest.mark.django_db


def _reader(language, frequency=EmailFrequency.WEEKLY):
    person = CaseworkerFactory(language=language)
    preference_set(user=person, email_frequency=frequency)
    return person


def _announcement_post(**overrides):
    today = timezone.localdate()
    data = {
        "title_en": "Training day on interpreting",
        "title_nl": "Opleidingsdag over tolken",
        "title_fr": "",
        "title_de": "",
        "body_en": "Join us on 3 March in Brussels.",
        "body_nl": "Kom op 3 maart naar Brussel.",
        "body_fr": "",
        "body_de": "",
        "starts_on": today.isoformat(),
        "ends_on": (today + timezone.timedelta(days=10)).isoformat(),
    }
    data.update(overrides)
    return data


def test_announcement_shows_on_the_home_page_in_the_readers_language(
    client_for, coordinator, site_tree
):
    client = client_for(coordinator)
    response = client.post("/en/coordination/announcements/", _announcement_post())
    assert response.status_code == 302
    assert "Opleidingsdag over tolken" in client.get("/nl/").content.decode()
    english = client.get("/en/").content.decode()
    assert "Training day on interpreting" in english
    # French is empty: the English text stands in.
    assert "Training day on interpreting" in client.get("/fr/").content.decode()
    assert not mail.outbox  # no e-mail unless asked
    assert AuditEntry.objects.filter(action=AuditAction.ANNOUNCEMENT).exists()


def test_announcement_leaves_the_home_page_after_its_period(client_for, site_tree):
    today = timezone.localdate()
    Announcement.objects.create(
        title_en="Old news",
        starts_on=today - timezone.timedelta(days=9),
        ends_on=today - timezone.timedelta(days=1),
    )
    assert "Old news" not in client_for(None).get("/en/").content.decode()


def test_announcement_e_mail_goes_to_readers_who_want_e_mail_in_their_language(
    client_for, coordinator, django_capture_on_commit_callbacks
):
    dutch, english = _reader("nl"), _reader("en")
    _reader("fr", EmailFrequency.NEVER)
    CaseworkerFactory()  # no preference: e-mail is opt-in
    with django_capture_on_commit_callbacks(execute=True):
        client_for(coordinator).post(
            "/en/coordination/announcements/", _announcement_post(send_email="on")
        )
    by_address = {message.to[0]: message for message in mail.outbox}
    assert set(by_address) == {dutch.email, english.email}
    assert "Opleidingsdag over tolken" in by_address[dutch.email].subject
    assert "Training day" in by_address[english.email].subject
    header = by_address[dutch.email].extra_headers["List-Unsubscribe"]
    assert header.startswith("<") and header.endswith(">")
    assert _unsubscribes(dutch, header[1:-1])
    assert Mailing.objects.get().status == Mailing.Status.DONE


def test_announcement_with_dates_the_wrong_way_round_is_refused(
    client_for, coordinator
):
    today = timezone.localdate()
    response = client_for(coordinator).post(
        "/en/coordination/announcements/",
        _announcement_post(ends_on=(today - timezone.timedelta(days=1)).isoformat()),
    )
    assert response.status_code == 400
    assert "The end date is before the start date." in response.content.decode()
    assert not Announcement.objects.exists()


def test_only_coordinators_manage_announcements_and_newsletters(client_for):
    client = client_for(CaseworkerFactory())
    assert client.get("/en/coordination/announcements/").status_code == 403
    assert client.get("/en/coordination/newsletter/").status_code == 403


def test_newsletter_is_assembled_previewed_and_edited(
    client_for, coordinator, library, themes
):
    PracticePageFactory(title="Buddy project for young adults", language="en")
    question = AnswerFactory().question
    Question.objects.filter(pk=question.pk).update(
        accepted_answer=question.answers.first(), status="solved"
    )
    StructuralSignal.objects.create(
        title="Integration income refused to students",
        body="x",
        theme=themes["housing"],
    )
    client = client_for(coordinator)
    page = client.get("/en/coordination/newsletter/").content.decode()
    assert "Buddy project for young adults" in page
    assert question.title in page
    assert "Integration income refused to students" in page
    newsletter = Newsletter.objects.get()
    today = timezone.localdate()
    response = client.post(
        f"/en/coordination/newsletter/{today.year}/{today.month}/",
        {
            **{f"title_{c}": f"Subject {c}" for c in ("nl", "fr", "de", "en")},
            **{f"body_{c}": f"Intro in {c}" for c in ("nl", "fr", "de", "en")},
        },
    )
    assert response.status_code == 302
    newsletter.refresh_from_db()
    assert newsletter.body_in("fr") == "Intro in fr"
    preview = client.get(response["Location"]).content.decode()
    assert "Intro in de" in preview and "Subject nl" in preview


def test_test_send_goes_to_the_coordinator_only(client_for, coordinator):
    _reader("nl")
    client = client_for(coordinator)
    client.get("/en/coordination/newsletter/")
    newsletter = Newsletter.objects.get()
    client.post(f"/en/coordination/newsletter/{newsletter.pk}/test/")
    assert [message.to for message in mail.outbox] == [[coordinator.email]]
    assert newsletter.mailing_id is None


def _unsubscribes(reader, text: str) -> bool:
    """Whether ``text`` holds the reader's own unsubscribe link, in their language.

    The link is signed with a timestamp, so one made a second later differs: the
    link is found by its path and its token checked."""
    start = unsubscribe_url(reader).rsplit("/", 2)[0] + "/"
    found = re.search(re.escape(start) + r"([^/\s>]+)/", text)
    return found is not None and user_from_unsubscribe_token(found[1]) == reader


def test_newsletter_is_sent_once_per_language_through_the_task_queue(
    client_for, coordinator, django_capture_on_commit_callbacks
):
    readers = {code: _reader(code) for code in ("nl", "fr", "de", "en")}
    client = client_for(coordinator)
    client.get("/en/coordination/newsletter/")
    newsletter = Newsletter.objects.get()
    newsletter.title_fr = "Lettre du mois"
    newsletter.save()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/en/coordination/newsletter/{newsletter.pk}/send/")
    by_address = {message.to[0]: message for message in mail.outbox}
    assert set(by_address) == {person.email for person in readers.values()}
    assert "Lettre du mois" in by_address[readers["fr"].email].subject
    dutch_body = by_address[readers["nl"].email].body
    assert _unsubscribes(readers["nl"], dutch_body)  # the digests' link
    assert "Stop these e-mails with one click" not in dutch_body  # said in Dutch
    # A second send is refused: nobody gets it twice.
    client.post(f"/en/coordination/newsletter/{newsletter.pk}/send/")
    assert len(mail.outbox) == 4
    assert AuditEntry.objects.filter(verb="newsletter.send").count() == 1


def test_sending_resumes_where_a_stopped_worker_left_off(coordinator, monkeypatch):
    people = [_reader("en") for _n in range(5)]
    newsletter = mailings.newsletter_prepare(month=timezone.localdate())
    mailing = mailings.mailing_start(kind="newsletter", created_by=coordinator)
    newsletter.mailing = mailing
    newsletter.save()
    # The worker stops after two e-mails.
    assert mailings.mailing_send_next(mailing.pk, batch_size=2) == 3
    assert len(mail.outbox) == 2
    assert mailings.mailings_resume() == 1  # the immediate backend sends the rest
    assert sorted(m.to[0] for m in mail.outbox) == sorted(p.email for p in people)
    mailing.refresh_from_db()
    assert mailing.status == Mailing.Status.DONE
    assert not MailingRecipient.objects.filter(sent_at__isnull=True).exists()


def test_one_click_unsubscribe_stops_the_newsletter(client, coordinator):
    reader = _reader("nl")
    client.post(unsubscribe_url(reader).replace("http://testserver", ""))
    assert reader not in mailings.mailing_audience()
