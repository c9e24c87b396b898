"""Services other apps call, seed_demo content, and the bulk path of --scale."""

from io import StringIO

import pytest
from django.core.exceptions import PermissionDenied
from wagtail.models import Page

from practices.models import Adoption, PracticeCollection, PracticePage
from practices.services import practice_create_draft
from tests.factories import CaseworkerFactory

pytestmark = pytest.mark.django_db


def test_forum_can_turn_a_solved_question_into_a_draft(specialist, library, themes):
    page = practice_create_draft(
        author=specialist,
        title="Paying interpreters from the social fund",
        summary="How one centre pays social interpreters.",
        body_text="First paragraph.\n\nSecond <paragraph>.",
        language="nl",
        themes=[themes["language-interpreting"]],
    )
    assert not page.live
    assert page.owner == specialist
    assert page.locale.language_code == "nl"
    draft = page.get_latest_revision_as_object()
    assert "Second &lt;paragraph&gt;." in str(draft.body[0].value)
    assert list(draft.themes.all()) == [themes["language-interpreting"]]


def test_caseworker_cannot_create_a_draft_through_the_service(library, themes):
    with pytest.raises(PermissionDenied):
        practice_create_draft(
            author=CaseworkerFactory(),
            title="x",
            summary="y",
            language="en",
            themes=[themes["housing"]],
        )


def test_seed_demo_fills_the_library(client, site_tree, municipalities):
    from demo import practices as demo

    demo.seed(stdout=StringIO())
    live = PracticePage.objects.live()
    assert live.count() >= 30
    assert set(live.values_list("locale__language_code", flat=True)) == {
        "nl",
        "fr",
        "de",
        "en",
    }
    assert live.values("region").distinct().count() == 3
    assert live.values("themes").distinct().count() >= 10
    translated = live.exclude(translated_by="author").count()
    assert translated >= 5
    assert Adoption.objects.count() >= 10
    assert PracticeCollection.objects.exists()
    assert "Good practices" in client.get("/en/").content.decode()
    # Running it again changes nothing.
    before = PracticePage.objects.count()
    demo.seed(stdout=StringIO())
    assert PracticePage.objects.count() == before


def test_scale_adds_synthetic_practices_in_bulk(client, library, geo):
    from demo.practices_bulk import practices_bulk_create

    created = practices_bulk_create(count=1200)
    assert created == 1200
    assert (
        PracticePage.objects.filter(external_id__startswith="synthetic-").count()
        == 1200
    )
    assert Page.find_problems() == ([], [], [], [], [])
    page = PracticePage.objects.filter(
        external_id__startswith="synthetic-", visibility="public"
    ).first()
    assert client.get(page.url).status_code == 200
    assert page.themes.exists()
    # A second run continues the numbering and the tree.
    practices_bulk_create(count=10)
    assert Page.find_problems() == ([], [], [], [], [])
    assert (
        PracticePage.objects.filter(external_id__startswith="synthetic-").count()
        == 1210
    )


def test_synthetic_practices_belong_to_their_authors_centre(library, geo):
    from demo.practices_bulk import practices_bulk_create
    from tests.factories import CentreFactory, SpecialistFactory

    author = SpecialistFactory(home_centre=CentreFactory(name="OCMW Gent"))
    assert practices_bulk_create(count=5, author=author) == 5
    synthetic = PracticePage.objects.filter(external_id__startswith="synthetic-")
    assert {p.centre_id for p in synthetic} == {author.home_centre_id}
