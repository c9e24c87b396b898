"""Issue 11 item 3 (practices): every text field of a practice, its import and the
adoption note pass the privacy guard; reviewers see findings on the review page."""

import json
from io import StringIO

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command

from practices.models import Adoption, PracticePage
from practices.services import (
    adoption_record,
    practice_create_draft,
    practice_update_draft,
)
from tests.factories import CaseworkerFactory, PracticePageFactory, SpecialistFactory

pytestmark = pytest.mark.django_db


def draft_fields(**overrides):
    fields = {
        "title": "Interpreter framework",
        "summary": "When to book which interpreter.",
        "language": "en",
    }
    fields.update(overrides)
    return fields


@pytest.mark.parametrize(
    ("field", "text"),
    [
        ("summary", "Client 85&#46;07.30-033.28 helped"),
        ("context", "Mail jan[at]example.be"),
        ("results", "Paid to be71 0961 2345 6769"),
        ("resources", "Call (0470) 12 34 56"),
        ("transferability", "The family at kerkstraat 12"),
        ("legal_basis", "art. 60, client 85073003328"),
        ("body_text", "Step one: visit Kerkstr. 12"),
    ],
)
def test_practice_draft_with_client_data_in_any_field_is_refused(library, field, text):
    author = SpecialistFactory()
    with pytest.raises(ValidationError) as error:
        practice_create_draft(author=author, **draft_fields(**{field: text}))
    expected = "body" if field == "body_text" else field
    assert expected in error.value.error_dict
    assert not PracticePage.objects.filter(title="Interpreter framework").exists()


def test_practice_edit_adding_client_data_is_refused(library):
    author = SpecialistFactory()
    page = practice_create_draft(author=author, **draft_fields())
    with pytest.raises(ValidationError):
        practice_update_draft(
            practice=page, user=author, fields={"results": "Bel 0470 12 34 56"}
        )
    page.refresh_from_db()
    assert "0470" not in page.get_latest_revision_as_object().results


def test_front_end_form_shows_the_finding_next_to_the_field(client_for, library):
    author = SpecialistFactory()
    response = client_for(author).post(
        "/en/practices/new/",
        {
            **draft_fields(summary="Client 85.07.30-033.28 helped"),
            "approach": "We agreed on three levels.",
            "visibility": "members",
        },
    )
    html = response.content.decode()
    assert response.status_code in (200, 400)
    assert "85.07.30-033.28" in html
    assert not PracticePage.objects.filter(title="Interpreter framework").exists()


def test_import_refuses_a_line_with_client_data(tmp_path, library, geo):
    record = {
        "external_id": "pd-1",
        "title": "Interpreter framework",
        "summary": "When to book which interpreter.",
        "context": "Family at Kerkstraat 12 bus 3 asked",
        "body": "We agreed on three levels.",
        "language": "en",
        "themes": ["language-interpreting"],
        "municipality": "Gent",
        "visibility": "public",
    }
    path = tmp_path / "practices.jsonl"
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    out, err = StringIO(), StringIO()
    call_command("import_practices", str(path), stdout=out, stderr=err)
    assert "personal data" in err.getvalue()
    assert "Kerkstraat 12 bus 3" in err.getvalue()
    assert not PracticePage.objects.filter(external_id="pd-1").exists()


def test_adoption_note_with_client_data_is_refused(client_for, library, centre):
    practice = PracticePageFactory(title="Welcome checklist")
    member = CaseworkerFactory(home_centre=centre)
    with pytest.raises(ValidationError):
        adoption_record(
            practice=practice, user=member, centre=centre, note="client@example.be"
        )
    response = client_for(member).post(
        f"/en/practices/{practice.pk}/adopt/",
        {"centre": centre.pk, "note": "Mail client@example.be"},
        follow=True,
    )
    assert "e-mail address" in response.content.decode()
    assert not Adoption.objects.exists()


def test_reviewer_sees_findings_on_the_review_page(client_for, coordinator, library):
    # Written in the Wagtail admin (no front-end form): the reviewer is warned.
    draft = PracticePageFactory(
        title="Housing help", live=False, summary="Call 0470 12 34 56 for the family"
    )
    html = client_for(coordinator).get(f"/en/practices/review/{draft.pk}/")
    html = html.content.decode()
    assert 'id="privacy-findings"' in html
    assert "0470 12 34 56" in html.split('id="privacy-findings"', 1)[1]
    clean = PracticePageFactory(title="Clean", live=False)
    html = client_for(coordinator).get(f"/en/practices/review/{clean.pk}/")
    assert 'id="privacy-findings"' not in html.content.decode()
