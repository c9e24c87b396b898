"""The account page: profile, download my data, delete my account."""

import json

import pytest
from allauth.account.models import EmailAddress
from django.test import override_settings

from exchange.accounts.models import User
from exchange.accounts.signals import account_deleted
from specialists.models import Centre

pytestmark = pytest.mark.django_db


def exporter_for_tests(user):
    return {"questions": [{"title": f"asked by {user.pk}"}]}


def test_member_updates_profile_and_site_follows_the_new_language(client, caseworker):
    centre = Centre.objects.create(name="CPAS de Namur")
    client.force_login(caseworker)
    response = client.post(
        "/en/account/",
        {
            "full_name": "Marie Dubois",
            "job_title": "Assistante sociale",
            "language": "fr",
            "home_centre": centre.name,
        },
    )
    assert response.status_code == 302
    assert response.url == "/fr/account/"
    caseworker.refresh_from_db()
    assert (caseworker.full_name, caseworker.job_title) == (
        "Marie Dubois",
        "Assistante sociale",
    )
    assert caseworker.language == "fr"
    assert caseworker.home_centre == centre


def test_profile_without_a_name_shows_an_error_next_to_the_field(client, caseworker):
    client.force_login(caseworker)
    response = client.post("/en/account/", {"full_name": "", "language": "en"})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'aria-invalid="true"' in html
    assert "This field is required." in html


@override_settings(
    ACCOUNT_DATA_EXPORTERS=["tests.exchange.test_account_page.exporter_for_tests"]
)
def test_download_my_data_includes_profile_and_every_apps_data(client, caseworker):
    client.force_login(caseworker)
    response = client.get("/en/account/data.json")
    assert response.status_code == 200
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    assert data["profile"]["email"] == caseworker.email
    assert data["profile"]["full_name"] == caseworker.full_name
    assert data["email_addresses"][0]["verified"] is True
    assert data["tests"]["questions"] == [{"title": f"asked by {caseworker.pk}"}]


def test_data_download_needs_a_login(client):
    assert client.get("/en/account/data.json").status_code == 302


def test_wrong_password_does_not_delete_the_account(client, caseworker):
    client.force_login(caseworker)
    response = client.post("/en/account/delete/", {"password": "not-my-password"})
    assert response.status_code == 200
    assert "Your account was not deleted" in response.content.decode()
    caseworker.refresh_from_db()
    assert not caseworker.former_member


def test_deleting_the_account_anonymises_it_logs_out_and_tells_other_apps(
    client, caseworker
):
    received = []

    def on_deleted(sender, user, **kwargs):
        received.append(user.pk)

    account_deleted.connect(on_deleted)
    try:
        email = caseworker.email
        client.force_login(caseworker)
        response = client.post(
            "/en/account/delete/", {"password": "correct-horse-battery"}
        )
    finally:
        account_deleted.disconnect(on_deleted)
    assert response.status_code == 302
    assert received == [caseworker.pk]
    user = User.objects.get(pk=caseworker.pk)
    assert user.former_member
    assert user.display_name == "former member"
    assert email not in user.email
    assert not EmailAddress.objects.filter(email=email).exists()
    assert client.get("/en/account/").status_code == 302  # logged out
    response = client.post(
        "/en/accounts/login/", {"login": email, "password": "correct-horse-battery"}
    )
    assert response.status_code == 200  # the log-in form again, with an error


def test_account_page_links_to_data_download_and_deletion(client, caseworker):
    client.force_login(caseworker)
    html = client.get("/en/account/").content.decode()
    assert 'href="/en/account/data.json"' in html
    assert 'href="/en/account/delete/"' in html
    assert 'href="/en/accounts/2fa/"' in html
