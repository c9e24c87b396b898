"""Item 1 of issue 15: the interface stays in the reader's language.

A French reader walks practices, questions, notifications and search results
written in Dutch and German; at every step ``<html lang>`` and the menu stay
French while the content keeps its own ``lang``. axe-core runs on every page.
"""

import pytest
from django.utils import translation

from tests.browser.helpers import log_in_as
from tests.factories import (
    CaseworkerFactory,
    PracticePageFactory,
    QuestionFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _assert_french_interface(page):
    assert page.locator("html").get_attribute("lang") == "fr", page.url
    nav = page.get_by_role("navigation", name="Menu principal")
    assert nav.get_by_role("link", name="Bonnes pratiques").count() == 1, page.url
    assert nav.get_by_role("link", name="Spécialistes").count() == 1, page.url
    assert page.url.split("/")[3] == "fr", page.url


def test_french_reader_never_leaves_the_french_interface(
    page, live_server, axe_check, site_tree
):
    from exchange.notifications.services import notification_send
    from practices.library import practice_library_ensure

    practice_library_ensure()
    dutch = PracticePageFactory(title="Tolkenwijzer voor het OCMW", language="nl")
    PracticePageFactory(
        title="Dolmetscherleitfaden für das ÖSHZ",
        language="de",
        translation_key=dutch.translation_key,
    )
    question = QuestionFactory(
        title="Wie organisieren Sie Dolmetscher beim Erstgespräch?", language="de"
    )
    reader = CaseworkerFactory(full_name="Claire Lambert", language="fr")
    with translation.override("nl"):  # a Dutch colleague's action built the link
        notification_send(
            recipient=reader,
            kind="test.answer",
            title="Nieuw antwoord",
            url=question.get_absolute_url(),
            actor=CaseworkerFactory(language="nl"),
        )
    log_in_as(page, live_server, reader)

    # Practices: the listing, a Dutch practice, its German translation.
    page.goto("/fr/practices/")
    _assert_french_interface(page)
    page.get_by_role("link", name="Tolkenwijzer voor het OCMW").click()
    _assert_french_interface(page)
    assert page.locator("h1").get_attribute("lang") == "nl"
    axe_check(page)
    translations = page.get_by_role(
        "navigation", name="Autres langues de cette pratique"
    )
    translations.get_by_role("link", name="Allemand").click()
    _assert_french_interface(page)
    assert page.locator("h1").get_attribute("lang") == "de"
    assert "Dolmetscherleitfaden" in page.locator("h1").inner_text()
    page.get_by_role("link", name="Toutes les pratiques").click()
    _assert_french_interface(page)

    # Forum: a German question.
    page.goto("/fr/forum/")
    _assert_french_interface(page)
    page.get_by_role("link", name=question.title).first.click()
    _assert_french_interface(page)
    assert page.locator("h1").get_attribute("lang") == "de"
    axe_check(page)

    # Notifications: the link was built in Dutch; it opens in French.
    page.goto("/fr/notifications/")
    _assert_french_interface(page)
    axe_check(page)
    page.get_by_role("link", name="Nieuw antwoord").click()
    _assert_french_interface(page)
    assert page.url.endswith(f"/fr/forum/questions/{question.pk}/")

    # Search: results of other languages open in French.
    page.goto("/fr/search/?q=Dolmetscher")
    _assert_french_interface(page)
    axe_check(page)
    page.locator(".result__title a").first.click()
    _assert_french_interface(page)
