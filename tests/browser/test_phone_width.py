"""Item 7 of issue 15: at 390 px no main page scrolls sideways.

A coordinator (who may open every main page) visits them at phone width in Dutch
and French: the document is never wider than the screen, the header folds into a
"Menu" button whose links are at least 24 px tall, and axe-core finds nothing
serious.
"""

import pytest

from tests.browser.helpers import log_in_as
from tests.factories import (
    CaseworkerFactory,
    CentreFactory,
    CoordinatorFactory,
    DesignationFactory,
    PracticePageFactory,
    QuestionFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
MENU = {"nl": "Menu", "fr": "Menu"}


def _seed():
    from allauth.mfa.models import Authenticator

    from exchange.notifications.services import notification_send
    from practices.library import practice_library_ensure
    from specialists.models import Municipality, Province, Region

    practice_library_ensure()
    wallonia = Region.objects.create(
        code="03000", slug="wallonia", name_fr="Région wallonne"
    )
    province = Province.objects.create(
        code="60000", region=wallonia, name_fr="Province de Liège"
    )
    eupen = Municipality.objects.create(
        refnis="63023",
        region=wallonia,
        province=province,
        name_fr="Eupen",
        name_de="Eupen",
    )
    centre = CentreFactory(name="ÖSHZ Eupen", municipalities=[eupen])
    designation = DesignationFactory(
        municipalities=[eupen], user__full_name="Maximiliane Schwarzenberger-Lindqvist"
    )
    practice = PracticePageFactory(
        title="Ein ausführlicher Leitfaden für Dolmetschereinsätze im Erstgespräch",
        language="de",
        municipalities=[eupen],
        review_by="2020-01-01",
    )
    question = QuestionFactory(
        title="Hoe organiseert u een tolk bij het eerste gesprek met een nieuwkomer?",
        language="nl",
    )
    coordinator = CoordinatorFactory(full_name="Anna Coordinator", home_centre=centre)
    Authenticator.objects.create(
        user=coordinator,
        type=Authenticator.Type.TOTP,
        data={"secret": "JBSWY3DPEHPK3PXP"},
    )
    notification_send(
        recipient=coordinator,
        kind="test",
        title="Een lange titel van een melding over een vraag die wacht op antwoord",
        body="Uittreksel " * 40,
        url=question.get_absolute_url(),
        actor=CaseworkerFactory(),
    )
    return {
        "coordinator": coordinator,
        "practice": practice,
        "question": question,
        "person": designation.user,
    }


def _main_pages(language, data):
    return [
        f"/{language}/",
        f"/{language}/practices/",
        data["practice"].url_for_language(language),
        f"/{language}/forum/",
        f"/{language}/forum/questions/{data['question'].pk}/",
        f"/{language}/specialists/",
        f"/{language}/specialists/people/{data['person'].pk}/",
        f"/{language}/search/?q=tolk",
        f"/{language}/specialists/coverage/",
        f"/{language}/practices/review/",
        f"/{language}/notifications/",
        f"/{language}/account/",
    ]


@pytest.mark.parametrize("language", ["nl", "fr"])
def test_no_main_page_scrolls_sideways_at_phone_width(
    browser, live_server, axe_check, site_tree, language
):
    data = _seed()
    context = browser.new_context(
        base_url=live_server.url, viewport=PHONE, locale="en-GB"
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    log_in_as(page, live_server, data["coordinator"])
    try:
        for path in _main_pages(language, data):
            response = page.goto(path)
            assert response.status == 200, path
            assert page.locator("html").get_attribute("lang") == language
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= PHONE["width"], f"{path} is {width}px wide"
            menu = page.get_by_role("button", name=MENU[language])
            assert menu.is_visible(), path
            assert not page.locator("#site-menu").is_visible(), path
            menu.click()
            assert page.locator("#site-menu").is_visible(), path
            assert menu.get_attribute("aria-expanded") == "true"
            for link in page.locator("#site-menu nav a").all():
                box = link.bounding_box()
                assert box and box["height"] >= 24, f"{path}: small target {box}"
            width = page.evaluate("document.documentElement.scrollWidth")
            assert width <= PHONE["width"], f"{path} with menu open is {width}px"
            axe_check(page)
    finally:
        context.close()
