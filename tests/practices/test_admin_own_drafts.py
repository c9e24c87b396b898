"""Item 7 of issue 11: in the Wagtail admin a specialist sees only their own drafts.

Another specialist's draft practice must not show in the page explorer, the admin
search, the admin page API or the site history.
"""

import pytest

from practices.models import PracticePage
from tests.factories import PracticePageFactory, SpecialistFactory

pytestmark = pytest.mark.django_db

SECRET = "Zebrafish intake pilot"


@pytest.fixture
def drafts(library):
    author = SpecialistFactory()
    draft = PracticePageFactory(title=SECRET, owner=author, live=False)
    mine = SpecialistFactory()
    own = PracticePageFactory(title="Okapi own draft", owner=mine, live=False)
    return {"author": author, "draft": draft, "me": mine, "own": own}


def _admin_views(draft):
    index_id = draft.get_parent().pk
    return [
        f"/admin/pages/{index_id}/",
        "/admin/pages/search/?q=Zebrafish",
        f"/admin/pages/{index_id}/?q=Zebrafish",
        "/admin/api/main/pages/?search=Zebrafish",
        f"/admin/api/main/pages/?child_of={index_id}&for_explorer=1",
        f"/admin/api/main/pages/{draft.pk}/",
        "/admin/reports/site-history/",
        "/admin/choose-page/search/?q=Zebrafish",
    ]


def test_other_specialists_draft_is_hidden_in_admin_views(client_for, drafts):
    client = client_for(drafts["me"])
    for url in _admin_views(drafts["draft"]):
        response = client.get(url)
        assert response.status_code in (200, 404), url
        assert SECRET not in response.content.decode(), url


def test_specialist_still_sees_own_draft_in_admin(client_for, drafts):
    client = client_for(drafts["me"])
    index_id = drafts["own"].get_parent().pk
    assert "Okapi own draft" in client.get(f"/admin/pages/{index_id}/").content.decode()
    assert client.get(f"/admin/pages/{drafts['own'].pk}/edit/").status_code == 200


def test_author_and_coordinator_see_the_draft(client_for, drafts, coordinator):
    index_id = drafts["draft"].get_parent().pk
    for user in (drafts["author"], coordinator):
        html = client_for(user).get(f"/admin/pages/{index_id}/").content.decode()
        assert SECRET in html
    assert PracticePage.objects.filter(title=SECRET).exists()
