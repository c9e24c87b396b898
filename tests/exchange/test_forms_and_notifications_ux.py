"""Items 4 and 9 of issue 15: forms a person can use, notifications at a glance."""

import pytest

from exchange.notifications.models import EmailFrequency
from exchange.notifications.services import notification_send, preference_set
from tests.factories import CaseworkerFactory, QuestionFactory

pytestmark = pytest.mark.django_db


def test_forum_filters_offer_all_instead_of_dashes(client_for, caseworker):
    html = client_for(caseworker).get("/en/forum/").content.decode()
    assert "---------" not in html
    assert "All themes" in html


def test_profile_form_says_not_set_instead_of_dashes(client_for, caseworker):
    html = client_for(caseworker).get("/en/account/").content.decode()
    assert "---------" not in html
    assert "Not set" in html


def test_dismissing_a_flag_asks_for_confirmation(client_for, coordinator):
    from forum import services

    services.flag_create(
        reporter=CaseworkerFactory(), post=QuestionFactory(), reason="spam"
    )
    html = client_for(coordinator).get("/en/forum/moderation/").content.decode()
    form = html[html.index('<details class="confirm">') :]
    assert form.index("Dismiss…") < form.index("Yes, dismiss the flag")


@pytest.mark.parametrize(
    ("frequency", "words"),
    [
        (EmailFrequency.NEVER, "no e-mail"),
        (EmailFrequency.IMMEDIATE, "by e-mail too"),
        (EmailFrequency.DAILY, "daily digest"),
        (EmailFrequency.WEEKLY, "weekly digest"),
    ],
)
def test_follow_confirmation_matches_the_email_preference(
    client_for, caseworker, frequency, words
):
    preference_set(user=caseworker, email_frequency=frequency)
    question = QuestionFactory()
    response = client_for(caseworker).post(
        f"/en/forum/follow/question/{question.pk}/", follow=True
    )
    assert words in response.content.decode()


def test_notification_list_shows_unread_who_and_excerpt(client_for, caseworker):
    actor = CaseworkerFactory(full_name="Jan Peeters")
    notification_send(
        recipient=caseworker,
        kind="test",
        title="A new answer",
        body="We call the social interpreting service two days ahead.",
        url="/en/forum/",
        actor=actor,
    )
    html = client_for(caseworker).get("/en/notifications/").content.decode()
    item = html[html.index('<li class="unread">') :]
    item = item[: item.index("</li>")]
    assert '<span class="badge">New</span>' in item
    assert "by Jan Peeters" in item
    assert "social interpreting service" in item


@pytest.mark.parametrize(
    ("frequency", "words"),
    [
        (EmailFrequency.NEVER, "no e-mail"),
        (EmailFrequency.IMMEDIATE, "one e-mail per event"),
        (EmailFrequency.WEEKLY, "weekly digest by e-mail"),
    ],
)
def test_saving_the_email_preference_says_what_happens_next(
    client_for, caseworker, frequency, words
):
    response = client_for(caseworker).post(
        "/en/notifications/preferences/", {"email_frequency": frequency}, follow=True
    )
    assert words in response.content.decode()


def test_following_a_signal_says_how_news_arrives(client_for, caseworker):
    from coordination.models import StructuralSignal
    from exchange.taxonomy.models import Theme

    preference_set(user=caseworker, email_frequency=EmailFrequency.DAILY)
    signal = StructuralSignal.objects.create(
        author=CaseworkerFactory(),
        title="Rent guarantee refused in some centres",
        body="Differences between centres.",
        kind="inconsistency",
        theme=Theme.objects.first(),
    )
    response = client_for(caseworker).post(
        f"/en/signals/{signal.pk}/follow/", follow=True
    )
    assert "daily digest" in response.content.decode()


def test_resetting_feed_links_asks_for_confirmation(client_for, caseworker):
    html = client_for(caseworker).get("/en/account/").content.decode()
    form = html[html.index("/account/feeds/reset/") :]
    form = form[: form.index("</form>")]
    # The real button sits inside a closed <details>: one click opens the
    # explanation, a second one resets (no script needed).
    assert '<details class="confirm">' in form
    assert form.index("<details") < form.index("Yes, reset my feed links")
