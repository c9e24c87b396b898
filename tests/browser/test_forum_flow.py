"""The forum's "Done when" path in a browser: ask (INSZ refused first), the matching
specialist is notified and answers, the asker accepts. Every page passes axe-core.
"""

import pytest

from forum.models import Question
from tests.factories import (
    CaseworkerFactory,
    DesignationFactory,
    QuestionFactory,
    SpecialistProfileFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _session_for(user):
    """A logged-in session key (skips the login form, MFA and rate limits)."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return session.session_key


def _log_in_as(page, live_server, user):
    page.context.clear_cookies()
    page.context.add_cookies(
        [{"name": "sessionid", "value": _session_for(user), "url": live_server.url}]
    )


def test_ask_route_answer_accept(
    page, live_server, axe_check, site_tree, municipalities
):
    from exchange.taxonomy.models import Theme
    from specialists.models import Municipality

    theme = Theme.objects.get(slug="language-interpreting")
    ghent = Municipality.objects.get(refnis="44021")
    designation = DesignationFactory(
        municipalities=[ghent], user__full_name="Karim Specialist"
    )
    SpecialistProfileFactory(user=designation.user, themes=[theme])
    specialist = designation.user
    asker = CaseworkerFactory(full_name="Sofie Asker")
    QuestionFactory(title="Which interpreter service works for Dari speakers?")

    # The caseworker opens the forum and asks.
    _log_in_as(page, live_server, asker)
    page.goto("/en/forum/")
    assert page.locator("main h1").count() == 1
    axe_check(page)
    page.get_by_role("link", name="Ask a question").click()
    page.get_by_label("Your question in one sentence").fill(
        "Which interpreter do you call for a Dari intake?"
    )
    page.get_by_label("Your question in one sentence").press("End")
    similar = page.locator("#similar-results")
    similar.get_by_role("link", name="Which interpreter service works").wait_for()
    axe_check(page)
    page.get_by_label("Explain the situation").fill(
        "Our client 85.07.30-033.28 needs an interpreter tomorrow."
    )
    page.get_by_label("Language and interpreting").check()
    page.get_by_label("Language of your question").select_option("en")
    page.get_by_label("Municipality").fill("gent")  # typed, resolved by the server
    page.get_by_role("button", name="Post your question").click()

    # The national register number is refused; the text stays for rephrasing.
    alert = page.locator("#form-errors")
    alert.wait_for()
    assert "national register number" in alert.inner_text()
    assert "85.07.30-033.28" in page.get_by_label("Explain the situation").input_value()
    assert not Question.objects.filter(title__contains="Dari intake").exists()
    axe_check(page)
    page.get_by_label("Explain the situation").fill(
        "A client needs a Dari interpreter tomorrow. Whom do you call?"
    )
    page.get_by_role("button", name="Post your question").click()
    page.get_by_role("heading", name="Which interpreter do you call").wait_for()
    axe_check(page)
    question = Question.objects.get(title__contains="Dari intake")

    # The matching specialist sees the notification and answers.
    _log_in_as(page, live_server, specialist)
    page.goto("/en/notifications/")
    # One unread notification: marked "New" in the list (the header counts it too).
    assert page.locator("main .badge").count() == 1
    axe_check(page)
    page.get_by_role("link", name="Which interpreter do you call").click()
    page.get_by_role("textbox", name="Your answer").fill(
        "We call the social interpreting service; book a day ahead."
    )
    page.get_by_role("button", name="Post your answer").click()
    page.get_by_text("Your answer has been posted.").wait_for()
    axe_check(page)
    page.goto("/en/forum/queue/")
    axe_check(page)

    # The asker accepts the answer.
    _log_in_as(page, live_server, asker)
    page.goto(f"/en/forum/questions/{question.pk}/")
    page.get_by_role("button", name="Accept this answer").click()
    page.get_by_text("Accepted by the asker").wait_for()
    axe_check(page)
    question.refresh_from_db()
    assert question.accepted_answer.author == specialist
