"""Each role's home in Dutch and French, at desktop and phone width, with axe-core.

Anonymous, caseworker, specialist and coordinator each land on their own home;
the page never scrolls sideways at 390 px and axe-core finds nothing serious.
"""

import pytest

from tests.browser.helpers import log_in_as
from tests.factories import (
    CaseworkerFactory,
    CoordinatorFactory,
    PracticePageFactory,
    QuestionFactory,
    SpecialistFactory,
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SIZES = {
    "desktop": {"width": 1280, "height": 900},
    "phone": {"width": 390, "height": 844},
}
# What each role's home says in each language (msgids already translated).
MARKERS = {
    "anonymous": {"nl": "Zo wordt u lid", "fr": "Comment adhérer", "en": "How to join"},
    "caseworker": {"nl": "Mijn vragen", "fr": "Mes questions", "en": "My questions"},
    "specialist": {
        "nl": "Mijn praktijken",
        "fr": "Mes pratiques",
        "en": "My practices",
    },
    "coordinator": {
        "nl": "gemeenten zonder specialist",
        "fr": "communes sans spécialiste",
        "en": "municipalities without a specialist",
    },
}


def _users():
    from allauth.mfa.models import Authenticator

    coordinator = CoordinatorFactory(full_name="Anna Schmitz")
    Authenticator.objects.create(
        user=coordinator,
        type=Authenticator.Type.TOTP,
        data={"secret": "JBSWY3DPEHPK3PXP"},
    )
    worker = CaseworkerFactory(full_name="Sofie Vermeulen")
    specialist = SpecialistFactory(full_name="Karim Benali")
    QuestionFactory(author=worker, title="Hoe vraag ik een tolk aan?", language="nl")
    PracticePageFactory(title="Tolkenwijzer", language="nl", owner=specialist)
    return {
        "anonymous": None,
        "caseworker": worker,
        "specialist": specialist,
        "coordinator": coordinator,
    }


@pytest.mark.parametrize("language", ["nl", "fr"])
def test_each_role_has_a_home_in_dutch_and_french_at_both_widths(
    browser, live_server, axe_check, site_tree, language
):
    from practices.library import practice_library_ensure

    practice_library_ensure()
    users = _users()
    for size, viewport in SIZES.items():
        context = browser.new_context(base_url=live_server.url, viewport=viewport)
        page = context.new_page()
        page.set_default_timeout(15_000)
        try:
            for role, user in users.items():
                log_in_as(page, live_server, user)
                page.goto(f"/{language}/")
                assert page.locator("html").get_attribute("lang") == language
                assert page.locator("main h1").count() == 1
                text = page.locator("main").inner_text()
                expected = MARKERS[role]
                assert expected[language] in text or expected["en"] in text, (
                    role,
                    size,
                )
                width = page.evaluate("document.documentElement.scrollWidth")
                assert width <= viewport["width"], (role, size, width)
                axe_check(page)
        finally:
            context.close()
