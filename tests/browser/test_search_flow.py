"""Search in Dutch, open a result written in French; every page passes axe-core."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def french_practice(site_tree):
    """The Walloon interpreter practice, written in French, published and indexed."""
    from practices.library import practice_library_ensure
    from search.engines.embedded import EmbeddedEngine
    from search.indexing import IndexItem, build_document
    from tests.factories import PracticePageFactory

    practice_library_ensure()
    page = PracticePageFactory(
        title="Le recours à un interprète social au CPAS", language="fr"
    )
    item = IndexItem(
        doc_type="practice",
        object_key=str(page.pk),
        language="fr",
        title=page.title,
        body="Notre CPAS fait appel à un interprète social pour les primo-arrivants.",
        url=page.url,
        audience="public",
        facets=[("theme", "language-interpreting")],
    )
    EmbeddedEngine().upsert([build_document(item)])
    return page


def test_dutch_search_finds_and_opens_french_practice(page, axe_check, french_practice):
    page.goto("/nl/search/")
    axe_check(page)
    page.locator("#search-page-q").fill("tolk")
    page.locator("main form button[type=submit]").click()
    result = page.locator(".result__title a").first
    assert "interprète" in result.inner_text()
    assert page.locator(".result__snippet mark").count() >= 1
    axe_check(page)
    result.click()
    page.wait_for_load_state()
    # The French practice opens inside the Dutch interface: the page stays Dutch,
    # the practice text carries its own language.
    assert page.locator("html").get_attribute("lang") == "nl"
    assert "/nl/practices/" in page.url
    assert page.url.rstrip("/").endswith(french_practice.slug)
    assert page.locator(f'main [lang="fr"]:has-text("{french_practice.title}")').count()
    axe_check(page)


def test_grouped_view_by_keyboard(page, axe_check, french_practice):
    page.goto("/nl/search/?q=tolk")
    switch = page.locator(".result-views a").nth(1)
    switch.focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**view=grouped*")
    current = page.locator('.result-views a[aria-current="true"]')
    assert "view=grouped" in current.get_attribute("href")
    assert page.locator(".result-group h2").count() >= 1
    axe_check(page)
