"""Item 8 of issue 11: signed feed links can be revoked.

A password change, the "reset my feed links" button and account deletion each make
every feed link issued before them answer 404.
"""

import pytest

from exchange.accounts.services import account_delete
from specialists.exports import agenda_token
from tests.factories import AgendaEventFactory, CaseworkerFactory, NetworkGroupFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def member():
    user = CaseworkerFactory(password="old-Secret-123")
    group = NetworkGroupFactory(members=[user])
    AgendaEventFactory(group=group, title="Austauschtreffen")
    return user


def _feed_status(client, token):
    return client.get(f"/en/specialists/agenda/{token}.ics").status_code


def test_old_feed_link_works_until_revoked(client, member):
    token = agenda_token(member)
    assert _feed_status(client, token) == 200
    member.refresh_from_db()
    assert agenda_token(member) == token, "the link is stable until revoked"


def test_password_change_revokes_feed_links(client_for, member):
    token = agenda_token(member)
    client = client_for(member)
    response = client.post(
        "/en/accounts/password/change/",
        {
            "oldpassword": "old-Secret-123",
            "password1": "new-Secret-456-xyz",
            "password2": "new-Secret-456-xyz",
        },
    )
    assert response.status_code == 302
    client.logout()
    assert _feed_status(client, token) == 404
    member.refresh_from_db()
    assert _feed_status(client, agenda_token(member)) == 200


def test_reset_feed_links_button_revokes_old_links(client_for, member):
    token = agenda_token(member)
    client = client_for(member)
    page = client.get("/en/account/")
    assert 'action="/en/account/feeds/reset/"' in page.content.decode()
    assert client.get("/en/account/feeds/reset/").status_code == 405
    response = client.post("/en/account/feeds/reset/", follow=True)
    assert "Your feed links have been renewed" in response.content.decode()
    client.logout()
    assert _feed_status(client, token) == 404
    member.refresh_from_db()
    new_token = agenda_token(member)
    assert new_token != token
    assert _feed_status(client, new_token) == 200


def test_account_deletion_revokes_feed_links(client, member):
    token = agenda_token(member)
    account_delete(user=member)
    assert _feed_status(client, token) == 404
    # Even if the row were reactivated by mistake, the old link stays dead.
    member.is_active = True
    member.former_member = False
    member.save()
    assert _feed_status(client, token) == 404
