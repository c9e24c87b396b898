"""A coordinator closes a gap; the caseworker of that municipality finds the person.

Every page on the way passes axe-core.
"""

import pytest
from django.utils import timezone

from tests.factories import (
    CaseworkerFactory,
    CentreFactory,
    CoordinatorFactory,
    DesignationFactory,
    NetworkGroupFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
PASSWORD = "correct-horse-battery"


def _log_in_as(page, live_server, user):
    """Start a session for ``user`` (the login form has its own browser test)."""
    page.context.clear_cookies()
    page.context.add_cookies(
        [{"name": "sessionid", "value": _session_for(user), "url": live_server.url}]
    )


def test_gap_designate_and_find_from_home(
    page, live_server, axe_check, site_tree, municipalities
):
    from allauth.mfa.models import Authenticator

    from specialists.models import Municipality

    namur = Municipality.objects.get(refnis="92094")
    liege = Municipality.objects.get(refnis="62063")
    DesignationFactory(municipalities=[liege])
    coordinator = CoordinatorFactory()
    Authenticator.objects.create(
        user=coordinator,
        type=Authenticator.Type.TOTP,
        data={"secret": "JBSWY3DPEHPK3PXP"},
    )
    newcomer_specialist = CaseworkerFactory(full_name="Antoine Mathieu")
    worker = CaseworkerFactory(home_centre=CentreFactory(municipalities=[namur]))
    NetworkGroupFactory(name="Réseau Namur", members=[newcomer_specialist])

    # The coordinator sees the gap on the dashboard.
    _log_in_as(page, live_server, coordinator)
    page.goto("/en/specialists/coverage/")
    assert page.locator("main h1").count() == 1
    assert page.locator("svg.coverage-map__svg").count() == 1
    axe_check(page)
    page.goto(
        "/en/specialists/coverage/municipalities/?status=none&area=province-90000"
    )
    axe_check(page)
    page.get_by_role("link", name="Designate for Namur").click()
    axe_check(page)
    page.fill("input[name=email]", newcomer_specialist.email)
    page.fill("input[name=start_date]", timezone.localdate().isoformat())
    page.get_by_role("button", name="Save", exact=True).click()
    page.wait_for_load_state()
    assert "is now designated for Namur" in page.content()
    page.goto("/en/specialists/designations/")
    axe_check(page)

    # The caseworker of Namur finds that person from the home page.
    _log_in_as(page, live_server, worker)
    page.goto("/en/")
    panel = page.locator(".home-panel", has_text="Who do I call")
    assert "Antoine Mathieu" in panel.inner_text()
    axe_check(page)
    panel.get_by_role("link", name="Antoine Mathieu").click()
    page.wait_for_load_state()
    assert page.locator("main h1").inner_text().startswith("Antoine Mathieu")
    axe_check(page)
    page.goto("/en/specialists/?municipality=5000")
    assert "Antoine Mathieu" in page.locator("main").inner_text()
    axe_check(page)
    page.goto("/en/specialists/?municipality=Atlantis")
    assert "No municipality or postcode matches" in page.content()
    axe_check(page)

    # The new specialist's network pages.
    _log_in_as(page, live_server, newcomer_specialist)
    for path in (
        "/en/specialists/groups/",
        "/en/specialists/agenda/",
        "/en/specialists/profile/",
        "/en/specialists/designations/request/",
    ):
        page.goto(path)
        assert page.locator("main h1").count() == 1
        axe_check(page)
    page.goto("/en/specialists/groups/")
    page.get_by_role("link", name="Réseau Namur").click()
    axe_check(page)


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
