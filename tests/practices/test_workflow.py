"""Write → review (request changes with a comment) → resubmit → publish."""

import pytest
from django.core import mail
from wagtail.models import Revision, WorkflowState

from exchange.notifications.models import Notification
from practices.models import PracticePage
from tests.factories import PracticePageFactory, SpecialistFactory

pytestmark = pytest.mark.django_db


def practice_post(th, geo, **overrides):
    data = {
        "title": "A welcome desk with an interpreter on Tuesdays",
        "summary": "Newcomers see a social worker and an interpreter together.",
        "context": "Appointments took three visits: nobody understood each other.",
        "approach": "We book the interpreter for the whole morning.\n\nEveryone knows.",
        "steps": "Book the interpreter: a fixed slot\nTell the teams",
        "results": "One visit instead of three.",
        "resources": "Four interpreter hours a week.",
        "transferability": "Small centres can share the slot.",
        "legal_basis": "GPMI",
        "language": "en",
        "themes": [th["language-interpreting"].pk],
        "municipalities": "Gent",
        "visibility": "public",
        "review_by": "2030-01-01",
    }
    data.update(overrides)
    return data


def test_specialist_writes_a_draft_that_nobody_else_sees(
    client_for, specialist, library, themes, geo
):
    client = client_for(specialist)
    response = client.post("/en/practices/new/", practice_post(themes, geo))
    assert response.status_code == 302
    page = PracticePage.objects.get(title__startswith="A welcome desk")
    assert page.owner == specialist
    assert not page.live
    draft = page.get_latest_revision_as_object()
    assert [b.block_type for b in draft.body] == ["text", "steps"]
    assert list(draft.municipalities.all()) == [geo["gent"]]
    # Nobody sees a draft: not in the library, not at its address.
    client_for(None)
    assert "A welcome desk" not in client.get("/en/practices/").content.decode()
    assert client.get(f"/en/practices/{page.slug}/").status_code == 404


def test_caseworker_cannot_create_practices(client_for, caseworker, library):
    client = client_for(caseworker)
    assert client.get("/en/practices/new/").status_code == 403
    assert client.post("/en/practices/new/", {"title": "x"}).status_code == 403
    assert not PracticePage.objects.exists()


def test_anonymous_is_sent_to_login_to_write(client_for, library):
    response = client_for(None).get("/en/practices/new/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_specialist_cannot_edit_someone_elses_practice(
    client_for, specialist, library, themes, geo
):
    other = PracticePageFactory(owner=SpecialistFactory(), themes=[themes["housing"]])
    client = client_for(specialist)
    assert client.get(f"/en/practices/{other.pk}/edit/").status_code == 404
    response = client.post(
        f"/en/practices/{other.pk}/edit/", practice_post(themes, geo, title="Hijacked")
    )
    assert response.status_code == 404
    assert other.get_latest_revision_as_object().title != "Hijacked"


def test_missing_fields_are_named_and_typed_text_is_kept(
    client_for, specialist, library, themes, geo
):
    data = practice_post(themes, geo, title="", themes=[])
    response = client_for(specialist).post("/en/practices/new/", data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Please correct the following" in html
    assert "This field is required." in html
    assert "Choose at least one theme." in html
    # What was typed is still in the form.
    assert "Appointments took three visits" in html
    assert "Four interpreter hours a week." in html
    assert not PracticePage.objects.exists()


def test_unknown_municipality_is_reported_and_nothing_is_lost(
    client_for, specialist, library, themes, geo
):
    data = practice_post(themes, geo, municipalities="Gent, Atlantis")
    response = client_for(specialist).post("/en/practices/new/", data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "Unknown municipality or postcode: “Atlantis”" in html
    assert "Gent, Atlantis" in html
    assert not PracticePage.objects.exists()


def test_review_date_before_start_date_is_refused(
    client_for, specialist, library, themes, geo
):
    data = practice_post(themes, geo, start_date="2026-01-01", review_by="2025-01-01")
    response = client_for(specialist).post("/en/practices/new/", data)
    assert (
        "The review date cannot be before the start date." in response.content.decode()
    )


def test_whole_review_round_trip_with_notifications(
    client_for,
    specialist,
    coordinator,
    library,
    themes,
    geo,
    django_capture_on_commit_callbacks,
):
    client = client_for(specialist)
    client.post(
        "/en/practices/new/", {**practice_post(themes, geo), "submit": "1"}, follow=True
    )
    page = PracticePage.objects.get()
    state = WorkflowState.objects.for_instance(page).get()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS
    kinds = set(
        Notification.objects.filter(recipient=specialist).values_list("kind", flat=True)
    )
    assert "practice_submitted" in kinds
    assert Notification.objects.filter(
        recipient=coordinator, kind="practice_to_review"
    ).exists()
    # While in review the author cannot change it.
    edit = client.get(f"/en/practices/{page.pk}/edit/").content.decode()
    assert "waiting for a coordinator" in edit

    # The coordinator must give a reason to return it.
    client = client_for(coordinator)
    queue = client.get("/en/practices/review/").content.decode()
    assert "A welcome desk with an interpreter" in queue
    response = client.post(f"/en/practices/review/{page.pk}/", {"action": "reject"})
    assert "the comment is required" in response.content.decode()
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/en/practices/review/{page.pk}/",
            {
                "action": "reject",
                "comment": "Please add how much the interpreter costs.",
            },
        )
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    note = Notification.objects.get(
        recipient=specialist, kind="practice_changes_requested"
    )
    assert "how much the interpreter costs" in note.body
    assert any("Changes requested" in m.subject for m in mail.outbox)
    assert [specialist.email] in [m.to for m in mail.outbox]

    # The author sees the comment, edits and resubmits.
    client = client_for(specialist)
    edit = client.get(f"/en/practices/{page.pk}/edit/").content.decode()
    assert "Please add how much the interpreter costs." in edit
    mine = client.get("/en/practices/mine/").content.decode()
    assert "Please add how much the interpreter costs." in mine
    client.post(
        f"/en/practices/{page.pk}/edit/",
        {
            **practice_post(
                themes, geo, resources="Four hours, about 200 euro a month."
            ),
            "submit": "1",
        },
    )
    state.refresh_from_db()
    assert state.status == WorkflowState.STATUS_IN_PROGRESS

    # The coordinator approves: Wagtail publishes; the author is told.
    mail.outbox.clear()
    client = client_for(coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(f"/en/practices/review/{page.pk}/", {"action": "approve"})
    page.refresh_from_db()
    assert page.live
    assert page.resources == "Four hours, about 200 euro a month."
    assert page.last_reviewed_at is not None
    assert Notification.objects.filter(
        recipient=specialist, kind="practice_published"
    ).exists()
    assert any("is published" in m.subject for m in mail.outbox)
    # Revisions are kept (first draft, the resubmitted one) and comparable in the admin.
    revisions = Revision.page_revisions.filter(object_id=str(page.pk)).order_by("pk")
    assert revisions.count() >= 2
    first, last = revisions.first(), revisions.last()
    compare = client.get(
        f"/admin/pages/{page.pk}/revisions/compare/{first.pk}...{last.pk}/"
    )
    assert compare.status_code == 200
    assert "200 euro" in compare.content.decode()
    # Readers now find it.
    assert "A welcome desk" in client_for(None).get("/en/practices/").content.decode()


def test_only_coordinators_can_review(
    client_for, specialist, caseworker, library, themes
):
    page = PracticePageFactory(owner=specialist, live=False, themes=[themes["health"]])
    from practices.services import practice_submit

    practice_submit(practice=page, user=specialist)
    for user in (specialist, caseworker):
        response = client_for(user).post(
            f"/en/practices/review/{page.pk}/", {"action": "approve"}
        )
        assert response.status_code == 403
    page.refresh_from_db()
    assert not page.live


def test_specialist_admin_rights_are_own_pages_under_the_library(
    specialist, coordinator, library, themes
):
    index = library["en"]
    own = PracticePageFactory(owner=specialist, themes=[themes["health"]])
    other = PracticePageFactory(owner=SpecialistFactory(), themes=[themes["health"]])
    assert index.permissions_for_user(specialist).can_add_subpage()
    assert own.permissions_for_user(specialist).can_edit()
    assert not other.permissions_for_user(specialist).can_edit()
    assert not own.permissions_for_user(specialist).can_publish()
    assert other.permissions_for_user(coordinator).can_publish()
    # Wagtail's admin submit uses the same workflow.
    assert own.get_workflow().name == "Practice review"


def test_specialist_edits_own_practice_in_the_wagtail_admin(
    client_for, specialist, library, themes
):
    own = PracticePageFactory(owner=specialist, themes=[themes["health"]])
    other = PracticePageFactory(owner=SpecialistFactory(), themes=[themes["health"]])
    client = client_for(specialist)
    assert client.get(f"/admin/pages/{own.pk}/edit/").status_code == 200
    assert client.get(f"/admin/pages/{other.pk}/edit/").status_code in (302, 403)
    index = library["en"]
    response = client.get(f"/admin/pages/add/practices/practicepage/{index.pk}/")
    assert response.status_code == 200
    # Documents can be chosen and uploaded for attachments.
    assert client.get("/admin/documents/chooser/").status_code == 200


def test_caseworker_has_no_admin_access(client_for, caseworker, library):
    response = client_for(caseworker).get("/admin/")
    assert response.status_code in (302, 403)
