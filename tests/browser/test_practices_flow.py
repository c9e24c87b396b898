"""The practice library's "Done when" path in a browser, axe-core on every page:
a specialist writes, a coordinator returns it with a comment, the specialist
resubmits, the coordinator publishes, a caseworker filters and adopts, and an
anonymous visitor sees only public practices.
"""

import pytest
from playwright.sync_api import expect

from tests.factories import (
    CaseworkerFactory,
    CentreFactory,
    CoordinatorFactory,
    PracticePageFactory,
    SpecialistFactory,
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
    if user is not None:
        page.context.add_cookies(
            [{"name": "sessionid", "value": _session_for(user), "url": live_server.url}]
        )


def _visit(page, axe_check, path):
    page.goto(path)
    assert page.locator("main h1").count() == 1
    axe_check(page)


def test_write_review_publish_adopt(page, live_server, axe_check, site_tree):
    from allauth.mfa.models import Authenticator

    from practices.library import practice_library_ensure
    from practices.models import PracticePage
    from specialists.models import Municipality, Province, Region

    practice_library_ensure()
    flanders = Region.objects.create(
        code="02000", slug="flanders", name_nl="Vlaanderen"
    )
    province = Province.objects.create(
        code="40000", region=flanders, name_nl="Oost-Vlaanderen"
    )
    gent = Municipality.objects.create(
        refnis="44021", region=flanders, province=province, name_nl="Gent"
    )
    centre = CentreFactory(name="OCMW Gent", municipalities=[gent])
    specialist = SpecialistFactory(full_name="Lies Specialist")
    coordinator = CoordinatorFactory(full_name="Anna Coordinator")
    Authenticator.objects.create(
        user=coordinator,
        type=Authenticator.Type.TOTP,
        data={"secret": "JBSWY3DPEHPK3PXP"},
    )
    caseworker = CaseworkerFactory(full_name="Sofie Caseworker", home_centre=centre)
    from exchange.taxonomy.models import Theme

    PracticePageFactory(
        title="An internal members-only note",
        visibility="members",
        themes=[Theme.objects.get(slug="housing")],
    )

    # 1. The specialist writes a practice; a missing field is reported, text kept.
    _log_in_as(page, live_server, specialist)
    _visit(page, axe_check, "/en/practices/")
    page.get_by_role("link", name="Write a practice").click()
    assert page.locator("main h1").inner_text() == "Write a practice"
    axe_check(page)
    page.get_by_label("Summary").fill(
        "Newcomers meet a social worker and an "
        "interpreter together on Tuesday mornings."
    )
    page.get_by_label("Context and problem addressed").fill(
        "Appointments took three visits because nobody understood each other."
    )
    page.get_by_label("Approach").fill("We book the interpreter for the whole morning.")
    page.get_by_label("Language and interpreting").check()
    page.get_by_label("Municipalities").fill("Gent")
    page.get_by_label("Public: anyone may read it").check()
    page.get_by_role("button", name="Save and submit for review").click()
    expect(page.get_by_text("Please correct the following").first).to_be_visible()
    assert page.get_by_label("Approach").input_value().startswith("We book")
    axe_check(page)
    page.get_by_label("Title").fill("Interpreter Tuesdays")
    page.get_by_role("button", name="Save and submit for review").click()
    expect(
        page.get_by_text("Sent to the coordinators for review").first
    ).to_be_visible()
    expect(page.get_by_text("Waiting for review").first).to_be_visible()
    axe_check(page)
    practice = PracticePage.objects.get(title="Interpreter Tuesdays")

    # 2. The coordinator returns it with a comment.
    _log_in_as(page, live_server, coordinator)
    _visit(page, axe_check, "/en/practices/review/")
    page.get_by_role("link", name="Interpreter Tuesdays").click()
    axe_check(page)
    page.get_by_label("Comment for the author").fill("Please say what it costs.")
    page.get_by_role("button", name="Request changes").click()
    expect(page.get_by_text("Returned to the author").first).to_be_visible()

    # 3. The specialist sees the comment, edits and resubmits.
    _log_in_as(page, live_server, specialist)
    _visit(page, axe_check, "/en/practices/mine/")
    expect(page.get_by_text("Please say what it costs.").first).to_be_visible()
    page.get_by_role("link", name="Edit Interpreter Tuesdays").click()
    expect(page.get_by_text("The coordinator asked for changes").first).to_be_visible()
    axe_check(page)
    page.get_by_label("Resources needed").fill(
        "Four interpreter hours, 180 euro a week."
    )
    page.get_by_role("button", name="Save and submit for review").click()
    expect(
        page.get_by_text("Sent to the coordinators for review").first
    ).to_be_visible()

    # 4. The coordinator publishes.
    _log_in_as(page, live_server, coordinator)
    page.goto(f"/en/practices/review/{practice.pk}/")
    expect(page.get_by_text("180 euro a week").first).to_be_visible()
    page.get_by_role("button", name="Approve and publish").click()
    expect(page.get_by_text("Approved and published").first).to_be_visible()
    axe_check(page)

    # 5. The caseworker finds it through the filters and records adoption.
    _log_in_as(page, live_server, caseworker)
    _visit(page, axe_check, "/en/practices/")
    page.get_by_label("Theme").select_option("language-interpreting")
    page.get_by_label("Region").select_option("flanders")
    page.get_by_role("button", name="Show practices").click()
    assert "theme=language-interpreting" in page.url
    assert page.locator(".practice-list > li").count() == 1
    axe_check(page)
    page.get_by_role("link", name="Interpreter Tuesdays").click()
    axe_check(page)
    page.get_by_label("Note (optional)").fill("We started in May.")
    page.get_by_role("button", name="Record adoption").click()
    expect(
        page.get_by_role("heading", name="Adopted by 1 centre").first
    ).to_be_visible()
    expect(page.get_by_text("We started in May.").first).to_be_visible()
    axe_check(page)

    # 6. An anonymous visitor sees only the public practice.
    _log_in_as(page, live_server, None)
    _visit(page, axe_check, "/en/practices/")
    expect(page.get_by_role("link", name="Interpreter Tuesdays").first).to_be_visible()
    assert page.get_by_text("An internal members-only note").count() == 0
    page.get_by_role("link", name="Interpreter Tuesdays").click()
    expect(page.get_by_text("visible to members").first).to_be_visible()
    axe_check(page)
