"""A reader keeps their interface language when opening a practice of another one."""

import re

from tests.factories import PracticePageFactory


def _html_lang(html: str) -> str:
    return re.search(r'<html lang="([a-z]+)"', html).group(1)


def test_french_reader_opens_dutch_practice_in_french_interface(client, library):
    dutch = PracticePageFactory(title="Tolkenwijzer voor het OCMW", language="nl")
    assert dutch.url == f"/nl/practices/{dutch.slug}/"
    assert dutch.url_for_language("fr") == f"/fr/practices/nl/{dutch.slug}/"

    response = client.get(f"/fr/practices/nl/{dutch.slug}/")

    html = response.content.decode()
    assert response.status_code == 200
    assert _html_lang(html) == "fr"
    assert "Bonnes pratiques" in html or "Forum" in html
    assert '<h1 id="practice-title" lang="nl">Tolkenwijzer voor het OCMW</h1>' in html
    assert 'href="/fr/practices/"' in html  # back to the French library


def test_plain_slug_finds_a_practice_of_another_language(client, library):
    dutch = PracticePageFactory(title="Tolkenwijzer", language="nl")

    response = client.get(f"/de/practices/{dutch.slug}/")

    assert response.status_code == 200
    assert _html_lang(response.content.decode()) == "de"


def test_translations_are_offered_inside_the_interface_language(client, library):
    original = PracticePageFactory(title="Tolkenwijzer", language="nl")
    german = PracticePageFactory(
        title="Dolmetscherleitfaden",
        language="de",
        translation_key=original.translation_key,
    )

    html = client.get(original.url_for_language("fr")).content.decode()

    assert f'href="/fr/practices/de/{german.slug}/"' in html
    assert "Allemand" in html  # the language named in the interface language


def test_listing_links_keep_the_interface_language(client, library):
    dutch = PracticePageFactory(title="Tolkenwijzer", language="nl")

    html = client.get("/fr/practices/").content.decode()

    assert f'href="/fr/practices/nl/{dutch.slug}/"' in html
    assert f'href="/nl/practices/{dutch.slug}/"' not in html


def test_unknown_practice_in_another_language_is_404(client, library):
    assert client.get("/fr/practices/nl/no-such-practice/").status_code == 404
    assert client.get("/fr/practices/no-such-practice/").status_code == 404
