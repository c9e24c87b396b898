"""A coordinator reads the dashboard in English and in Dutch; axe-core finds nothing.

The charts are images drawn on the server, each with a data table beside it.
"""

import pytest

from tests.factories import CoordinatorFactory, QuestionFactory

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


def test_dashboard_in_two_languages_passes_axe(page, live_server, axe_check, site_tree):
    from allauth.mfa.models import Authenticator

    from search.models import QueryLog

    coordinator = CoordinatorFactory()
    Authenticator.objects.create(
        user=coordinator,
        type=Authenticator.Type.TOTP,
        data={"secret": "JBSWY3DPEHPK3PXP"},
    )
    QuestionFactory(title="Who pays the interpreter at the first intake?")
    QueryLog.objects.create(query="tolk", language="nl", result_count=0, engine="x")
    page.context.add_cookies(
        [
            {
                "name": "sessionid",
                "value": _session_for(coordinator),
                "url": live_server.url,
            }
        ]
    )
    for language, heading in (("en", "Coordination dashboard"), ("nl", None)):
        page.goto(f"/{language}/coordination/")
        assert page.locator("html").get_attribute("lang") == language
        assert page.locator("main h1").count() == 1
        if heading:
            assert page.locator("main h1").inner_text() == heading
        charts = page.locator("main figure img")
        assert charts.count() == 5
        # Every chart image loads (the CSP lets its own inline styles through).
        for index in range(charts.count()):
            assert charts.nth(index).evaluate(
                "img => img.complete && img.naturalWidth > 0"
            )
        assert page.locator("#table-questions tbody tr").count() >= 1
        axe_check(page)
    # Filtering keeps the figures on one screen and the filter in the address.
    page.goto("/en/coordination/")
    page.locator("#id_period").select_option("30d")
    page.get_by_role("button", name="Show").click()
    assert "period=30d" in page.url
    axe_check(page)
