"""Collections, featured practices, the review queue and review reminders."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from exchange.notifications.models import Notification
from practices.models import PracticePage
from tests.factories import (
    FeaturedPracticeFactory,
    PracticeCollectionFactory,
    PracticeCollectionItemFactory,
    PracticePageFactory,
    SpecialistFactory,
)

pytestmark = pytest.mark.django_db

LAST_YEAR = timezone.localdate() - datetime.timedelta(days=400)


def test_collection_lists_its_practices_in_order_with_intro(client, library, themes):
    first = PracticePageFactory(title="First read this", themes=[themes["housing"]])
    second = PracticePageFactory(title="Then this", themes=[themes["housing"]])
    hidden = PracticePageFactory(
        title="Members see this", visibility="members", themes=[themes["housing"]]
    )
    collection = PracticeCollectionFactory(
        title="Housing dossier", intro="Start with the cafe."
    )
    PracticeCollectionItemFactory(collection=collection, practice=second, sort_order=2)
    PracticeCollectionItemFactory(
        collection=collection, practice=first, sort_order=1, note="The classic."
    )
    PracticeCollectionItemFactory(collection=collection, practice=hidden, sort_order=3)
    assert (
        "Housing dossier" in client.get("/en/practices/collections/").content.decode()
    )
    html = client.get(f"/en/practices/collections/{collection.slug}/").content.decode()
    assert "Start with the cafe." in html and "The classic." in html
    assert html.index("First read this") < html.index("Then this")
    assert "Members see this" not in html


def test_unpublished_collection_is_not_found(client, library):
    collection = PracticeCollectionFactory(published=False)
    assert (
        client.get(f"/en/practices/collections/{collection.slug}/").status_code == 404
    )


def test_coordinators_may_manage_collections_in_the_admin(
    client_for, coordinator, library
):
    client = client_for(coordinator)
    assert (
        client.get("/admin/snippets/practices/practicecollection/").status_code == 200
    )
    assert client.get("/admin/snippets/practices/featuredpractice/").status_code == 200


def test_specialists_may_not_curate(client_for, specialist, library):
    response = client_for(specialist).get(
        "/admin/snippets/practices/practicecollection/"
    )
    assert response.status_code in (302, 403)


def test_featured_practices_appear_on_the_home_page(client, library, themes):
    featured = PracticePageFactory(title="Our featured pick", themes=[themes["health"]])
    PracticePageFactory(title="Not featured", themes=[themes["health"]])
    FeaturedPracticeFactory(practice=featured)
    html = client.get("/en/").content.decode()
    # The featured panel; the anonymous home also lists recent practices apart.
    panel = html[html.index('id="home-practices"') :]
    panel = panel[: panel.index("</section>")]
    assert "Our featured pick" in panel
    assert "Not featured" not in panel


def test_members_only_featured_practice_is_not_on_the_public_home_page(
    client_for, caseworker, library, themes
):
    featured = PracticePageFactory(
        title="Internal pick", visibility="members", themes=[themes["health"]]
    )
    FeaturedPracticeFactory(practice=featured)
    assert "Internal pick" not in client_for(None).get("/en/").content.decode()
    assert "Internal pick" in client_for(caseworker).get("/en/").content.decode()


def test_review_queue_lists_overdue_practices_for_coordinators(
    client_for, coordinator, caseworker, library, themes
):
    PracticePageFactory(
        title="Old practice", review_by=LAST_YEAR, themes=[themes["health"]]
    )
    PracticePageFactory(
        title="Fresh practice",
        review_by=timezone.localdate() + datetime.timedelta(days=30),
        themes=[themes["health"]],
    )
    assert client_for(caseworker).get("/en/practices/review/").status_code == 403
    html = client_for(coordinator).get("/en/practices/review/").content.decode()
    assert "Old practice" in html
    assert "Fresh practice" not in html


def test_coordinator_marks_an_overdue_practice_reviewed(
    client_for, coordinator, library, themes
):
    page = PracticePageFactory(
        title="Old practice", review_by=LAST_YEAR, themes=[themes["health"]]
    )
    client_for(coordinator).post(f"/en/practices/{page.pk}/reviewed/")
    page.refresh_from_db()
    assert page.last_reviewed_at == timezone.localdate()
    assert page.review_by > timezone.localdate()
    assert (
        "Old practice"
        not in client_for(coordinator).get("/en/practices/review/").content.decode()
    )


def test_reminder_goes_to_the_author_once(library, themes):
    author = SpecialistFactory()
    page = PracticePageFactory(
        title="Old practice",
        owner=author,
        review_by=LAST_YEAR,
        themes=[themes["health"]],
    )
    out = StringIO()
    call_command("practices_review_reminders", stdout=out)
    assert "reminded 1" in out.getvalue()
    note = Notification.objects.get(recipient=author, kind="practice_review_due")
    assert "Old practice" in note.title
    call_command("practices_review_reminders", stdout=StringIO())
    assert Notification.objects.filter(kind="practice_review_due").count() == 1
    page.refresh_from_db()
    assert page.review_reminded_at is not None


def test_practice_of_an_author_who_left_goes_to_a_coordinator(
    library, themes, coordinator
):
    author = SpecialistFactory()
    page = PracticePageFactory(
        title="Orphan practice",
        owner=author,
        review_by=LAST_YEAR,
        themes=[themes["health"]],
    )
    author.mark_deleted()
    out = StringIO()
    call_command("practices_review_reminders", stdout=out)
    assert "reassigned 1" in out.getvalue()
    page.refresh_from_db()
    assert page.owner == coordinator
    assert Notification.objects.filter(
        recipient=coordinator, kind="practice_reassigned"
    ).exists()


def test_practice_of_an_author_who_left_goes_to_the_municipalitys_specialist(
    library, themes, geo, coordinator
):
    from tests.factories import DesignationFactory

    successor = SpecialistFactory(full_name="New Specialist")
    DesignationFactory(user=successor, municipalities=[geo["gent"]])
    author = SpecialistFactory()
    page = PracticePageFactory(
        owner=author,
        review_by=LAST_YEAR,
        themes=[themes["health"]],
        municipalities=[geo["gent"]],
    )
    author.mark_deleted()
    call_command("practices_review_reminders", stdout=StringIO())
    page.refresh_from_db()
    assert page.owner == successor


def test_reassigned_owner_survives_a_later_publish(library, themes, coordinator):
    author = SpecialistFactory()
    page = PracticePageFactory(
        owner=author, review_by=LAST_YEAR, themes=[themes["health"]]
    )
    author.mark_deleted()
    call_command("practices_review_reminders", stdout=StringIO())
    page = PracticePage.objects.get(pk=page.pk)
    page.get_latest_revision().publish()
    page.refresh_from_db()
    assert page.owner == coordinator
