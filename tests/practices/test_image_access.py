"""Item 4 of issue 11, images: an image obeys the practices that show it.

Originals and renditions are files under ``MEDIA_ROOT``; they are served only
through ``practices.media.serve_media``. An image in a draft is for its author and
the coordinators; in a members-only practice for members; in a public practice for
everyone (and cacheable). Anyone else gets 404, whatever URL they guess.
"""

import re

import pytest
from django.test import override_settings
from django.urls import resolve
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

from practices.media import serve_media
from practices.models import PracticeAttachment
from tests.factories import (
    CaseworkerFactory,
    PracticePageFactory,
    SpecialistFactory,
)

pytestmark = pytest.mark.django_db

Image = get_image_model()


@pytest.fixture
def author():
    return SpecialistFactory()


def _image(uploaded_by, name="intake-desk.png"):
    return Image.objects.create(
        title=name,
        file=get_test_image_file(filename=name),
        uploaded_by_user=uploaded_by,
    )


def _practice_showing(image, author, *, live, visibility="public"):
    body = [
        {
            "type": "image",
            "value": {"image": image.pk, "alt_text": "The intake desk", "caption": ""},
        }
    ]
    return PracticePageFactory(
        owner=author, live=live, visibility=visibility, body=body
    )


def _urls(image):
    """The original file and the rendition the practice page shows."""
    return [image.file.url, image.get_rendition("max-800x600").url]


def _statuses(client_for, user, image):
    client = client_for(user)
    return {client.get(url).status_code for url in _urls(image)}


def test_draft_practice_image_is_only_for_its_author_and_coordinators(
    client_for, library, author, coordinator
):
    image = _image(author)
    _practice_showing(image, author, live=False)
    assert _statuses(client_for, None, image) == {404}
    assert _statuses(client_for, CaseworkerFactory(), image) == {404}
    assert _statuses(client_for, SpecialistFactory(), image) == {404}
    assert _statuses(client_for, author, image) == {200}
    assert _statuses(client_for, coordinator, image) == {200}


def test_members_only_practice_image_is_for_members_and_not_cached_publicly(
    client_for, library, author
):
    image = _image(author)
    _practice_showing(image, author, live=True, visibility="members")
    assert _statuses(client_for, None, image) == {404}
    member = client_for(CaseworkerFactory())
    for url in _urls(image):
        response = member.get(url)
        assert response.status_code == 200, url
        assert response["Content-Type"] == "image/png"
        assert "private" in response["Cache-Control"]
        assert "public" not in response["Cache-Control"]


def test_public_practice_page_shows_its_image_through_the_guarded_route(
    client_for, library, author
):
    image = _image(author)
    page = _practice_showing(image, author, live=True)
    html = client_for(None).get(page.url).content.decode()
    sources = re.findall(r'<img[^>]*\ssrc="([^"]+)"', html)
    assert sources, "the practice page shows the image"
    for src in sources:
        assert resolve(src).func is serve_media, src
        response = client_for(None).get(src)
        assert response.status_code == 200, src
        assert b"".join(response.streaming_content).startswith(b"\x89PNG")
        assert "public" in response["Cache-Control"]
        assert "max-age=" in response["Cache-Control"]


def test_unpublishing_a_practice_hides_its_image_again(client_for, library, author):
    image = _image(author)
    page = _practice_showing(image, author, live=True)
    assert _statuses(client_for, None, image) == {200}
    page.unpublish()
    assert _statuses(client_for, None, image) == {404}
    assert _statuses(client_for, author, image) == {200}


def test_image_used_nowhere_yet_is_only_for_its_uploader(client_for, library, author):
    image = _image(author)
    assert _statuses(client_for, None, image) == {404}
    assert _statuses(client_for, CaseworkerFactory(), image) == {404}
    assert _statuses(client_for, author, image) == {200}


def test_behind_nginx_the_file_is_handed_over_with_x_accel_redirect(
    client_for, library, author
):
    image = _image(author)
    _practice_showing(image, author, live=True, visibility="members")
    with override_settings(MEDIA_ACCEL_REDIRECT_PREFIX="/protected-media/"):
        allowed = client_for(CaseworkerFactory()).get(image.file.url)
        assert allowed.status_code == 200
        assert allowed["X-Accel-Redirect"] == "/protected-media/" + image.file.name
        assert allowed.content == b""
        refused = client_for(None).get(image.file.url)
        assert refused.status_code == 404
        assert not refused.has_header("X-Accel-Redirect")


def test_document_files_are_not_readable_past_the_document_view(
    client_for, library, author
):
    """``/media/documents/…`` was a way around the document hook."""
    from django.core.files.base import ContentFile

    Document = get_document_model()
    document = Document(title="leaflet.txt", uploaded_by_user=author)
    document.file.save("leaflet.txt", ContentFile(b"Opening hours"), save=False)
    document.save()
    page = PracticePageFactory(owner=author, live=False)
    page.attachments.add(PracticeAttachment(document=document))
    page.save()
    file_url = document.file.url
    assert file_url.startswith("/media/")
    assert client_for(None).get(file_url).status_code == 404
    assert client_for(CaseworkerFactory()).get(file_url).status_code == 404
    response = client_for(author).get(file_url)
    assert response.status_code == 302
    assert response["Location"] == document.url


@pytest.mark.parametrize(
    "url",
    [
        "/media/../exchange/settings/base.py",
        "/media/%2e%2e/exchange/settings/base.py",
        "/media/images/../../manage.py",
        "/media/original_images/does-not-exist.png",
        "/media/somewhere/else.txt",
        "/media//etc/passwd",
    ],
)
def test_guessed_or_crafted_media_paths_give_404(client, db, url):
    assert client.get(url).status_code == 404


def test_media_files_are_read_only(client_for, library, author):
    image = _image(author)
    _practice_showing(image, author, live=True)
    assert client_for(author).post(image.file.url).status_code == 405


def test_image_chooser_lists_no_image_of_a_colleagues_draft(
    client_for, library, author, coordinator
):
    hidden = _image(author, name="pangolin-draft-photo.png")
    _practice_showing(hidden, author, live=False)
    shown = _image(author, name="okapi-public-photo.png")
    _practice_showing(shown, author, live=True)
    colleague = SpecialistFactory()
    own = _image(colleague, name="quokka-own-upload.png")
    assert own.pk
    html = client_for(colleague).get("/admin/images/chooser/").content.decode()
    assert "okapi-public-photo" in html
    assert "quokka-own-upload" in html
    assert "pangolin-draft-photo" not in html
    for user in (author, coordinator):
        html = client_for(user).get("/admin/images/chooser/").content.decode()
        assert "pangolin-draft-photo" in html
