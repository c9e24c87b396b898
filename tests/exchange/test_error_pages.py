"""403, 404 and 500 pages speak the user's language and keep the site frame."""

import pytest
from django.test import override_settings
from django.urls import path

from exchange import urls as site_urls

pytestmark = pytest.mark.django_db


def broken_view(request):
    raise RuntimeError("boom")


urlpatterns = [path("boom/", broken_view), *site_urls.urlpatterns]
handler500 = site_urls.handler500


@pytest.mark.parametrize(
    ("language", "title"),
    [
        ("en", "Page not found"),
        ("fr", "Page introuvable"),
        ("nl", "Pagina niet gevonden"),
        ("de", "Seite nicht gefunden"),
    ],
)
def test_404_in_the_language_of_the_url(client, site_tree, language, title):
    response = client.get(f"/{language}/does-not-exist/")
    assert response.status_code == 404
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    assert title in html
    assert 'class="skip-link"' in html


def test_404_outside_a_language_prefix_follows_the_browser(client, site_tree):
    response = client.get("/nothing-here/", HTTP_ACCEPT_LANGUAGE="de", follow=True)
    assert response.redirect_chain[0][0] == "/de/nothing-here/"
    assert response.status_code == 404
    assert "Seite nicht gefunden" in response.content.decode()


def test_403_in_french_for_a_caseworker_on_the_approval_queue(client, caseworker):
    client.force_login(caseworker)
    response = client.get("/fr/account/approvals/")
    assert response.status_code == 403
    html = response.content.decode()
    assert '<html lang="fr">' in html
    assert "Vous ne pouvez pas voir cette page" in html


def test_500_page_is_translated_and_says_nothing_is_lost(rf, settings):
    from django.utils import translation

    from exchange.core.views import server_error

    with translation.override("nl"):
        response = server_error(rf.get("/nl/boom/"))
    assert response.status_code == 500
    assert "Er ging iets mis" in response.content.decode()


@override_settings(ROOT_URLCONF="tests.exchange.test_error_pages")
def test_an_unhandled_error_gives_the_500_page(client):
    client.raise_request_exception = False
    response = client.get("/boom/", HTTP_ACCEPT_LANGUAGE="fr")
    assert response.status_code == 500
    html = response.content.decode()
    assert '<html lang="fr">' in html
    assert "Une erreur s" in html  # "Une erreur s'est produite de notre côté"
