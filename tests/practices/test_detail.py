"""The practice page: sections, contact for members, translations, related, adoption."""

import pytest
from django.utils import translation
from django.utils.translation import gettext, ngettext

from practices.models import PracticePage
from tests.factories import (
    AdoptionFactory,
    CaseworkerFactory,
    CentreFactory,
    PracticePageFactory,
    SpecialistFactory,
)

pytestmark = pytest.mark.django_db


def in_language(code, text):
    with translation.override(code):
        return gettext(text)


@pytest.fixture
def practice(library, themes, target_groups, geo):
    author = SpecialistFactory(
        full_name="Lies De Clercq", email="lies@ocmw-gent.example"
    )
    return PracticePageFactory(
        title="A checklist for the first appointment",
        owner=author,
        contact_specialist=author,
        themes=[themes["social-assistance"]],
        target_groups=[target_groups["recognised-refugees"]],
        municipalities=[geo["gent"]],
        legal_basis="GPMI, article 60",
        transferability="Small centres can use the same list.",
        resources="Two hours to adapt the list.",
        body=[
            {
                "type": "text",
                "value": "<p>We send the list before the appointment.</p>",
            },
            {"type": "steps", "value": [{"title": "Send the list", "text": ""}]},
            {
                "type": "quote",
                "value": {
                    "text": "Nobody comes twice now.",
                    "attribution": "social worker",
                },
            },
        ],
    )


def test_detail_shows_the_structured_sections(client, practice):
    html = client.get(practice.url).content.decode()
    for text in (
        "A checklist for the first appointment",
        "Context and problem addressed",
        "We send the list before the appointment.",
        "Send the list",
        "Nobody comes twice now.",
        "Results and evidence",
        "Resources needed",
        "Transferability",
        "GPMI, article 60",
        "Gent",
        "Last reviewed",
        "practice-print.css",
    ):
        assert text in html, text


def test_contact_details_are_for_members_only(client_for, caseworker, practice):
    anonymous = client_for(None).get(practice.url).content.decode()
    assert "lies@ocmw-gent.example" not in anonymous
    assert "visible to members" in anonymous
    member = client_for(caseworker).get(practice.url).content.decode()
    assert "lies@ocmw-gent.example" in member
    assert "Lies De Clercq" in member


def test_members_only_practice_sends_anonymous_to_login(
    client_for, caseworker, library, themes
):
    page = PracticePageFactory(visibility="members", themes=[themes["health"]])
    response = client_for(None).get(page.url)
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
    assert client_for(caseworker).get(page.url).status_code == 200


def test_reader_sees_other_languages_and_who_translated(client, library, themes):
    original = PracticePageFactory(
        title="Tolkenwijzer", language="nl", themes=[themes["language-interpreting"]]
    )
    french = PracticePageFactory(
        title="Guide de l'interprète",
        language="fr",
        translation_key=original.translation_key,
        translated_by="human",
        translator_name="Marie Dubois",
        themes=[themes["language-interpreting"]],
    )
    german = PracticePageFactory(
        title="Dolmetscherleitfaden",
        language="de",
        translation_key=original.translation_key,
        translated_by="machine",
        translator_name="eTranslation",
        themes=[themes["language-interpreting"]],
    )
    # Each version is served in its own language's site.
    html = client.get(original.url).content.decode()
    assert in_language("nl", "Also available in:") in html
    assert f'href="{french.url}"' in html and f'href="{german.url}"' in html
    assert in_language("nl", "original text by the author") in html
    html = client.get(german.url).content.decode()
    assert in_language("de", "machine translation") in html and "eTranslation" in html
    assert f'href="{original.url}"' in html
    html = client.get(french.url).content.decode()
    assert in_language("fr", "translated by a person") in html


def test_drafts_of_translations_are_not_offered(client, library, themes):
    original = PracticePageFactory(
        title="Tolkenwijzer", language="nl", themes=[themes["language-interpreting"]]
    )
    PracticePageFactory(
        title="Brouillon",
        language="fr",
        live=False,
        translation_key=original.translation_key,
        themes=[themes["language-interpreting"]],
    )
    assert "Also available in:" not in client.get(original.url).content.decode()


def test_related_practices_share_a_theme(client, practice, themes):
    PracticePageFactory(
        title="Another social assistance idea", themes=[themes["social-assistance"]]
    )
    PracticePageFactory(title="Unrelated housing idea", themes=[themes["housing"]])
    PracticePageFactory(
        title="Hidden related draft", live=False, themes=[themes["social-assistance"]]
    )
    html = client.get(practice.url).content.decode()
    assert "Another social assistance idea" in html
    assert "Unrelated housing idea" not in html
    assert "Hidden related draft" not in html


def test_caseworker_records_adoption_and_it_shows_everywhere(
    client_for, practice, centre
):
    caseworker = CaseworkerFactory(home_centre=centre)
    client = client_for(caseworker)
    html = client.get(practice.url).content.decode()
    assert "Our centre applies this too" in html
    response = client.post(
        f"/en/practices/{practice.pk}/adopt/",
        {"centre": centre.pk, "note": "Since March, with our own logo."},
        follow=True,
    )
    html = response.content.decode()
    assert "Adopted by 1 centre" in html
    assert "OCMW Gent" in html
    assert "Since March, with our own logo." in html
    assert "Your centre is listed" in html
    # Twice is still once.
    client.post(f"/en/practices/{practice.pk}/adopt/", {"centre": centre.pk})
    assert practice.adoptions.count() == 1
    listing = client.get("/en/practices/").content.decode()
    assert "Adopted by 1 centre" in listing
    # The author hears about it.
    assert practice.owner.notifications.filter(kind="practice_adopted").exists()
    # And can take it back.
    client.post(f"/en/practices/{practice.pk}/adopt/withdraw/", {"centre": centre.pk})
    assert practice.adoptions.count() == 0


def test_adoption_counts_for_every_language_version(client, practice, library, themes):
    french = PracticePageFactory(
        title="Une liste de contrôle",
        language="fr",
        translation_key=practice.translation_key,
        translated_by="human",
        themes=[themes["social-assistance"]],
    )
    AdoptionFactory(practice=practice, centre=CentreFactory(name="CPAS Namur"))
    html = client.get(french.url).content.decode()
    with translation.override("fr"):
        count = ngettext(
            "Adopted by %(counter)s centre", "Adopted by %(counter)s centres", 1
        )
    assert count % {"counter": 1} in html and "CPAS Namur" in html


def test_anonymous_cannot_adopt(client_for, practice, centre):
    response = client_for(None).post(
        f"/en/practices/{practice.pk}/adopt/", {"centre": centre.pk}
    )
    assert response.status_code == 302
    assert practice.adoptions.count() == 0
    assert (
        "Our centre applies this too"
        not in client_for(None).get(practice.url).content.decode()
    )


def test_adoption_without_centre_is_refused_with_a_message(client_for, practice):
    client = client_for(CaseworkerFactory())
    response = client.post(f"/en/practices/{practice.pk}/adopt/", {}, follow=True)
    assert response.status_code == 200
    assert "This field is required." in response.content.decode()
    assert practice.adoptions.count() == 0


def test_linked_forum_questions_show_to_those_who_may_see_them(
    client_for, caseworker, practice
):
    try:
        from forum.models import Question
    except ImportError:
        pytest.skip("forum app has no Question model yet")
    if not hasattr(PracticePage, "linked_questions"):
        pytest.skip("forum does not link questions to practices yet")
    from tests.factories import QuestionFactory  # noqa: PLC0415

    question = QuestionFactory(title="How do you pay the interpreter?")
    question.practices.add(practice)
    assert Question.objects.filter(pk=question.pk).exists()
    # The forum is for members: anonymous readers do not see the link.
    assert (
        "How do you pay the interpreter?"
        not in client_for(None).get(practice.url).content.decode()
    )
    html = client_for(caseworker).get(practice.url).content.decode()
    assert "How do you pay the interpreter?" in html


def test_owner_may_edit_and_sees_the_link(client_for, practice):
    html = client_for(practice.owner).get(practice.url).content.decode()
    assert "Edit this practice" in html
    other = client_for(CaseworkerFactory()).get(practice.url).content.decode()
    assert "Edit this practice" not in other


def test_admin_translate_marks_the_copy_as_a_translation(library, themes):
    from wagtail.models import Locale

    original = PracticePageFactory(
        title="Tolkenwijzer",
        language="nl",
        external_id="imported-1",
        themes=[themes["language-interpreting"]],
    )
    copy = original.copy_for_translation(Locale.objects.get(language_code="fr"))
    copy.refresh_from_db()
    assert copy.translation_key == original.translation_key
    assert copy.external_id is None  # the unique import id stays with the source
    assert copy.translated_by == "human"
    assert copy.get_latest_revision_as_object().translated_by == "human"
