import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_home_and_standard_pages_pass_axe_in_each_language(page, axe_check, site_tree):
    for path in ("/en/", "/nl/", "/fr/accessibility/", "/de/privacy/"):
        page.goto(path)
        assert page.locator("main h1").count() == 1
        axe_check(page)
