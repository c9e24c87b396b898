"""Item 4 of issue 11: a document obeys the practice it is attached to.

A document on a draft is for its author and the coordinators; on a members-only
practice for members; on a public practice for everyone. Anyone else gets 404.
"""

import pytest
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model

from practices.models import PracticeAttachment
from tests.factories import (
    CaseworkerFactory,
    PracticePageFactory,
    SpecialistFactory,
)

pytestmark = pytest.mark.django_db

Document = get_document_model()


def _document(uploaded_by=None, name="leaflet.txt"):
    document = Document(title=name, uploaded_by_user=uploaded_by)
    document.file.save(name, ContentFile(b"Opening hours: 9-12"), save=False)
    document.save()
    return document


@pytest.fixture
def author():
    return SpecialistFactory()


def _practice_with_document(author, *, live, visibility="public"):
    page = PracticePageFactory(owner=author, live=live, visibility=visibility)
    document = _document(uploaded_by=author)
    page.attachments.add(PracticeAttachment(document=document))
    page.save()  # a draft never published keeps its content on the row
    revision = page.save_revision(user=author)
    if live:
        revision.publish()
    return document


def _status(client_for, user, document):
    return client_for(user).get(document.url).status_code


def test_draft_document_is_only_for_its_author_and_coordinators(
    client_for, library, author, coordinator
):
    document = _practice_with_document(author, live=False)
    assert PracticeAttachment.objects.filter(document=document).exists()
    assert _status(client_for, None, document) == 404
    assert _status(client_for, CaseworkerFactory(), document) == 404
    assert _status(client_for, SpecialistFactory(), document) == 404
    assert _status(client_for, author, document) == 200
    assert _status(client_for, coordinator, document) == 200


def test_members_only_practice_document_is_for_members(
    client_for, library, author, coordinator
):
    document = _practice_with_document(author, live=True, visibility="members")
    assert _status(client_for, None, document) == 404
    assert _status(client_for, CaseworkerFactory(), document) == 200
    assert _status(client_for, SpecialistFactory(), document) == 200
    assert _status(client_for, author, document) == 200
    assert _status(client_for, coordinator, document) == 200


def test_public_practice_document_is_for_everyone(client_for, library, author):
    document = _practice_with_document(author, live=True, visibility="public")
    assert _status(client_for, None, document) == 200
    assert _status(client_for, CaseworkerFactory(), document) == 200


def test_document_added_to_a_draft_of_a_public_practice_waits_for_publication(
    client_for, library, themes, author, coordinator
):
    """The front-end form adds an upload to a new draft revision only."""
    page = PracticePageFactory(owner=author, visibility="public")
    client = client_for(author)
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client.post(
        f"/en/practices/{page.pk}/edit/",
        {
            "title": page.title,
            "summary": page.summary,
            "context": page.context,
            "language": "en",
            "themes": [themes["housing"].pk],
            "visibility": "public",
            "attachment": SimpleUploadedFile(
                "new-form.txt", b"Draft form", content_type="text/plain"
            ),
        },
    )
    assert response.status_code in (200, 302)
    document = Document.objects.get(title="new-form.txt")
    assert _status(client_for, author, document) == 200
    assert _status(client_for, coordinator, document) == 200
    assert _status(client_for, None, document) == 404
    assert _status(client_for, CaseworkerFactory(), document) == 404
    assert _status(client_for, SpecialistFactory(), document) == 404
