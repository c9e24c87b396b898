"""Language switcher, per-user language and the browser's language as first default."""

import re

import pytest

pytestmark = pytest.mark.django_db


def switcher_links(html: str) -> dict[str, str]:
    """The switcher's target per language: each is a small POST form."""
    nav = html.split('class="language-nav"', 1)[1].split("</nav>", 1)[0]
    forms = re.findall(r"<form\b.*?</form>", nav, re.S)
    links = {}
    for form in forms:
        assert 'method="post"' in form
        code = re.search(r'name="language" value="(\w\w)"', form).group(1)
        target = re.search(r'name="next" value="([^"]+)"', form).group(1)
        links[code] = target.replace("&amp;", "&")
    return links


def switch(client, language, next_url, **extra):
    return client.post(
        "/i18n/switch/", {"language": language, "next": next_url}, **extra
    )


def test_switcher_on_a_wagtail_page_links_to_its_translations(client, site_tree):
    from exchange.home.models import StandardPage

    # Give the French translation its own slug: the switcher must follow the page.
    french = StandardPage.objects.get(slug="privacy", locale__language_code="fr")
    french.slug = "vie-privee"
    french.save_revision().publish()
    links = switcher_links(client.get("/en/privacy/").content.decode())
    assert links["fr"] == "/fr/vie-privee/"
    assert links["nl"] == "/nl/privacy/"


def test_switcher_on_an_app_page_keeps_the_path_and_query(client, caseworker):
    client.force_login(caseworker)
    links = switcher_links(client.get("/en/account/").content.decode())
    assert links["de"] == "/de/account/"
    links = switcher_links(client.get("/en/search/?q=tolk").content.decode())
    assert links["nl"] == "/nl/search/?q=tolk"


def test_switching_remembers_the_language_for_the_member(client, caseworker):
    client.force_login(caseworker)
    response = switch(client, "de", "/de/account/")
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
    response = switch(client, "nl", "/nl/")
    assert response.url == "/nl/"
    response = client.get("/")
    assert response.url == "/nl/"


def test_a_get_with_the_old_switch_parameter_changes_no_preference(client, caseworker):
    """Issue 11 item 9: no state change on GET (a link or image could trigger it)."""
    caseworker.language = "nl"
    caseworker.save()
    client.force_login(caseworker)
    response = client.get("/de/account/?switch_language=1")
    assert "exchange_language" not in response.cookies
    caseworker.refresh_from_db()
    assert caseworker.language == "nl"
    assert client.get("/i18n/switch/?language=de&next=/de/").status_code == 405
    caseworker.refresh_from_db()
    assert caseworker.language == "nl"


def test_switch_needs_a_csrf_token_and_refuses_bad_input(caseworker):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(caseworker)
    assert switch(client, "de", "/de/").status_code == 403
    caseworker.refresh_from_db()
    assert caseworker.language != "de"
    plain = Client()
    assert switch(plain, "xx", "/en/").status_code == 400
    # An outside "next" is not followed.
    response = switch(plain, "fr", "https://evil.example/")
    assert response.status_code == 302
    assert response.url == "/fr/"


def test_anonymous_switch_needs_no_token_so_public_pages_stay_cacheable(site_tree):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    page = client.get("/en/")
    assert b"csrfmiddlewaretoken" not in page.content
    response = switch(client, "fr", "/fr/")
    assert response.status_code == 302
    assert response.url == "/fr/"
    assert response.cookies["exchange_language"].value == "fr"


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
