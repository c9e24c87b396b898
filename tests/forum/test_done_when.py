"""The issue's "Done when" path end to end (without a browser)."""

import io

import pytest
from django.core import mail
from django.core.management import call_command

from exchange.notifications.services import preference_set
from forum.models import Question
from tests.factories import (
    CaseworkerFactory,
    DesignationFactory,
    SpecialistProfileFactory,
    municipality,
)

pytestmark = pytest.mark.django_db


def test_ask_route_answer_accept_digest_and_insz_refused(
    client_for, municipalities, theme, django_capture_on_commit_callbacks
):
    asker = CaseworkerFactory()
    designation = DesignationFactory(municipalities=[municipality("21004")])
    specialist = designation.user
    SpecialistProfileFactory(user=specialist, themes=[theme])
    follower = CaseworkerFactory(language="fr")
    preference_set(user=follower, email_frequency="daily")
    client = client_for(follower)
    client.post("/fr/forum/follow/theme/language-interpreting/")

    # 1. A caseworker asks.
    client = client_for(asker)
    response = client.post(
        "/en/forum/ask/",
        {
            "title": "Which interpreter service do you use in Brussels?",
            "body": "We need Tigrinya at short notice.",
            "themes": [theme.pk],
            "language": "en",
            "municipality": "bruxelles",
        },
    )
    question = Question.objects.get()
    assert response.status_code == 302

    # 2. The matching specialist is notified and answers.
    assert specialist.notifications.filter(kind="forum.question_routed").exists()
    client = client_for(specialist)
    client.post(
        f"/en/forum/questions/{question.pk}/answer/",
        {"body": "We call the social interpreting service the day before."},
    )
    answer = question.answers.get()

    # 3. The asker accepts.
    client = client_for(asker)
    client.post(f"/en/forum/answers/{answer.pk}/accept/")
    question.refresh_from_db()
    assert question.accepted_answer == answer

    # 4. The follower of the theme gets a daily digest, in French.
    mail.outbox.clear()
    call_command("send_digests", "daily", stdout=io.StringIO())
    assert [m.to for m in mail.outbox] == [[follower.email]]
    digest = mail.outbox[0]
    assert "Which interpreter service do you use in Brussels?" in digest.body
    assert "/fr/forum/questions/" in digest.body
    assert "Bonjour" in digest.body
    assert "/unsubscribe/" in digest.body

    # 5. A post with a valid INSZ is refused.
    response = client.post(
        "/en/forum/ask/",
        {
            "title": "A client with a long waiting time for a decision",
            "body": "Her number is 85.07.30-033.28, what can we do?",
            "themes": [theme.pk],
            "language": "en",
        },
    )
    assert response.status_code == 400
    assert Question.objects.count() == 1
