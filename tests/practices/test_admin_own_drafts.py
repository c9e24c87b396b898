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


PENDING = "Pangolin pending title"


@pytest.fixture
def pending_change(library):
    """Another author's live practice with changes saved but not published."""
    author = SpecialistFactory()
    page = PracticePageFactory(title="Okapi live title", owner=author, live=True)
    first = page.live_revision
    page = PracticePage.objects.get(pk=page.pk)
    page.title = PENDING
    page.summary = "Quokka words only in the unpublished summary."
    pending = page.save_revision(user=author, log_action=True)
    return {"author": author, "page": page, "first": first, "pending": pending}


def _pending_views(page, first, pending):
    index_id = page.get_parent().pk
    pid = page.pk
    return [
        f"/admin/pages/{index_id}/",
        f"/admin/pages/{pid}/",
        "/admin/pages/search/?q=Okapi",
        f"/admin/pages/{index_id}/?q=Okapi",
        f"/admin/api/main/pages/{pid}/",
        f"/admin/api/main/pages/?child_of={index_id}&for_explorer=1",
        "/admin/api/main/pages/?search=Okapi",
        f"/admin/choose-page/{index_id}/",
        "/admin/choose-page/search/?q=Okapi",
        "/admin/reports/site-history/",
        "/admin/reports/site-history/results/",
        f"/admin/pages/{pid}/history/",
        f"/admin/pages/{pid}/history/results/",
        f"/admin/pages/{pid}/revisions/{pending.pk}/view/",
        f"/admin/pages/{pid}/revisions/compare/live...{pending.pk}/",
        f"/admin/pages/{pid}/revisions/compare/{first.pk}...{pending.pk}/",
        f"/admin/pages/{pid}/revisions/{pending.pk}/revert/",
        f"/admin/pages/{pid}/edit/",
        f"/admin/pages/{pid}/edit/preview/",
        f"/admin/pages/{pid}/view_draft/",
        f"/en/practices/{pid}/edit/",
        f"/api/v1/practices/{pid}",
    ]


def test_unpublished_changes_to_another_authors_live_practice_stay_hidden(
    client_for, pending_change
):
    client = client_for(SpecialistFactory())
    change = pending_change
    for url in _pending_views(change["page"], change["first"], change["pending"]):
        response = client.get(url)
        assert response.status_code in (200, 302, 403, 404), url
        assert PENDING not in response.content.decode(), url
    index_id = change["page"].get_parent().pk
    listing = client.get(f"/admin/pages/{index_id}/").content.decode()
    assert "Okapi live title" in listing
    api = client.get(f"/admin/api/main/pages/{change['page'].pk}/").json()
    assert api["admin_display_title"] == "Okapi live title"
    history = client.get("/admin/reports/site-history/").content.decode()
    assert "Okapi live title" in history  # its publication is public anyway
    for word in ("Quokka", "Pangolin"):  # words only in the unpublished changes
        for url in (
            f"/admin/pages/search/?q={word}",
            f"/admin/choose-page/search/?q={word}",
        ):
            assert "Okapi live title" not in client.get(url).content.decode(), url


def test_author_and_coordinator_see_the_pending_changes(
    client_for, pending_change, coordinator
):
    page = pending_change["page"]
    index_id = page.get_parent().pk
    for user in (pending_change["author"], coordinator):
        client = client_for(user)
        assert PENDING in client.get(f"/admin/pages/{index_id}/").content.decode()
        assert PENDING in client.get("/admin/reports/site-history/").content.decode()
        assert client.get(f"/admin/pages/{page.pk}/history/").status_code == 200
        preview = client.get(
            f"/admin/pages/{page.pk}/revisions/{pending_change['pending'].pk}/view/"
        )
        assert preview.status_code == 200
