"""Language switcher, per-user language and the browser's language as first default."""

import re

import pytest

pytestmark = pytest.mark.django_db


def switcher_links(html: str) -> dict[str, str]:
    nav = html.split('class="language-nav"', 1)[1].split("</nav>", 1)[0]
    return {
        code: url.replace("&amp;", "&")
        for url, code in re.findall(r'href="([^"]+)" lang="(\w\w)"', nav)
    }


def test_switcher_on_a_wagtail_page_links_to_its_translations(client, site_tree):
    from exchange.home.models import StandardPage

    # Give the French translation its own slug: the switcher must follow the page.
    french = StandardPage.objects.get(slug="privacy", locale__language_code="fr")
    french.slug = "vie-privee"
    french.save_revision().publish()
    links = switcher_links(client.get("/en/privacy/").content.decode())
    assert links["fr"] == "/fr/vie-privee/?switch_language=1"
    assert links["nl"] == "/nl/privacy/?switch_language=1"


def test_switcher_on_an_app_page_keeps_the_path_and_query(client, caseworker):
    client.force_login(caseworker)
    links = switcher_links(client.get("/en/account/").content.decode())
    assert links["de"] == "/de/account/?switch_language=1"
    links = switcher_links(client.get("/en/search/?q=tolk").content.decode())
    assert links["nl"] == "/nl/search/?q=tolk&switch_language=1"


def test_switching_remembers_the_language_for_the_member(client, caseworker):
    client.force_login(caseworker)
    response = client.get("/de/account/?switch_language=1")
    assert response.status_code == 302
    assert response.url == "/de/account/"
    assert response.cookies["exchange_language"].value == "de"
    caseworker.refresh_from_db()
    assert caseworker.language == "de"
    # Later, from another browser that prefers French, the root follows the member.
    client.cookies.clear()
    client.force_login(caseworker)
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="fr")
    assert response.status_code == 302
    assert response.url == "/de/"


def test_switching_as_a_visitor_sets_the_language_cookie(client, site_tree):
    response = client.get("/nl/?switch_language=1")
    assert response.url == "/nl/"
    response = client.get("/")
    assert response.url == "/nl/"


def test_browser_language_is_the_first_default(client, site_tree):
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="fr-BE,fr;q=0.9").url == "/fr/"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="de").url == "/de/"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="ja").url == "/en/"


def test_visiting_another_language_without_switching_keeps_the_preference(
    client, caseworker
):
    caseworker.language = "nl"
    caseworker.save()
    client.force_login(caseworker)
    assert client.get("/fr/account/").status_code == 200
    caseworker.refresh_from_db()
    assert caseworker.language == "nl"
