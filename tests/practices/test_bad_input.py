"""Bad input gets a clear message and a 4xx; nothing already typed or saved is lost."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from practices.models import PracticePage
from tests.factories import PracticePageFactory

pytestmark = pytest.mark.django_db


def form_data(themes, **extra):
    data = {
        "title": "Checklist",
        "summary": "A list.",
        "context": "Before: chaos.",
        "language": "en",
        "themes": [themes["housing"].pk],
        "visibility": "public",
    }
    data.update(extra)
    return data


@pytest.mark.parametrize(
    "name, content, message",
    [
        ("drawing.svg", b"<svg onload='alert(1)'></svg>", "are not accepted"),
        ("page.html", b"<script>alert(1)</script>", "are not accepted"),
        ("data.xml", b"<x/>", "are not accepted"),
        ("run.exe", b"MZ", "are not accepted"),
    ],
)
def test_disallowed_file_types_are_refused(
    client_for, specialist, library, themes, name, content, message
):
    upload = SimpleUploadedFile(name, content)
    response = client_for(specialist).post(
        "/en/practices/new/", {**form_data(themes), "attachment": upload}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    assert "Before: chaos." in html  # typed text kept
    assert "choose the document again" in html
    assert not PracticePage.objects.exists()


@override_settings(WAGTAILDOCS_MAX_UPLOAD_SIZE=1024)
def test_oversize_upload_is_refused(client_for, specialist, library, themes):
    upload = SimpleUploadedFile("big.pdf", b"%PDF" + b"0" * 4096)
    response = client_for(specialist).post(
        "/en/practices/new/", {**form_data(themes), "attachment": upload}
    )
    assert "The file is too large" in response.content.decode()
    assert not PracticePage.objects.exists()


def test_allowed_document_is_attached_and_downloaded_not_run(
    client_for, specialist, coordinator, library, themes
):
    upload = SimpleUploadedFile(
        "leaflet.txt", b"Opening hours", content_type="text/plain"
    )
    client = client_for(specialist)
    client.post("/en/practices/new/", {**form_data(themes), "attachment": upload})
    page = PracticePage.objects.get()
    draft = page.get_latest_revision_as_object()
    assert [a.label for a in draft.attachments.all()] == ["leaflet.txt"]
    document = draft.attachments.first().document
    response = client.get(document.url)
    assert response.status_code == 200
    assert response["X-Content-Type-Options"] == "nosniff"


def test_documents_with_risky_types_are_never_served_inline(settings):
    # Wagtail serves a document inline only if its type is in this list.
    assert "image/svg+xml" not in settings.WAGTAILDOCS_INLINE_CONTENT_TYPES
    assert "text/html" not in settings.WAGTAILDOCS_INLINE_CONTENT_TYPES
    assert not {"svg", "html", "htm", "xml"} & set(settings.WAGTAILDOCS_EXTENSIONS)


def test_script_typed_in_the_form_is_shown_as_text(
    client_for, specialist, library, themes
):
    data = form_data(themes, approach="<script>alert('x')</script> and <b>bold</b>")
    client = client_for(specialist)
    client.post("/en/practices/new/", data)
    page = PracticePage.objects.get()
    html = client.get(f"/en/practices/{page.pk}/preview/").content.decode()
    assert "<script>alert('x')</script>" not in html
    assert "&lt;script&gt;" in html


def test_oversize_text_is_refused_with_the_limit(
    client_for, specialist, library, themes
):
    response = client_for(specialist).post(
        "/en/practices/new/", form_data(themes, summary="x" * 601)
    )
    assert "at most 600 characters" in response.content.decode()


def test_unknown_practice_and_filters_give_4xx_or_empty_not_500(
    client, library, themes
):
    PracticePageFactory(themes=[themes["housing"]])
    assert client.get("/en/practices/no-such-practice/").status_code == 404
    assert client.get("/en/practices/?theme=nope&page=abc&sort=evil").status_code == 200
    assert client.get("/api/v1/practices/999999").status_code in (302, 404)
    assert client.get("/api/v1/practices/?page=-1").status_code in (200, 422)
    assert client.post("/en/practices/1/adopt/").status_code == 302  # to login


def test_editing_keeps_blocks_the_form_does_not_show(
    client_for, specialist, library, themes
):
    page = PracticePageFactory(
        owner=specialist,
        themes=[themes["housing"]],
        body=[
            {"type": "text", "value": "<p>Old text</p>"},
            {"type": "quote", "value": {"text": "Keep me", "attribution": ""}},
        ],
    )
    client_for(specialist).post(
        f"/en/practices/{page.pk}/edit/", form_data(themes, approach="New text")
    )
    page.refresh_from_db()
    draft = page.get_latest_revision_as_object()
    assert [b.block_type for b in draft.body] == ["text", "quote"]
    assert "New text" in str(draft.body[0].value)
    # The live version is unchanged until a coordinator publishes.
    page.refresh_from_db()
    assert "Old text" in str(page.body[0].value)
