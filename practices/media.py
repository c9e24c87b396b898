"""Every uploaded file under ``MEDIA_URL`` is served through here, after a check.

Wagtail writes original images, renditions and documents under ``MEDIA_ROOT`` and
links to them with ``MEDIA_URL`` (``{% image %}``, the API, the admin). Served as
plain files, an image in a draft or members-only practice would be readable by
anyone holding its URL. So the web server does not publish ``MEDIA_ROOT``; this
view decides per file:

- an original image or a rendition: ``image_may_be_served`` (the practices using
  the image, through Wagtail's reference index);
- a document file: ``document_may_be_served``, and then the same answer as
  Wagtail's document view (collection privacy included): it redirects there;
- anything else: 404 (no upload is published without an owner deciding).

Anyone else gets 404, as for a page they may not see. A file the anonymous
visitor may see is sent with ``Cache-Control: public`` (browsers and proxies keep
it for ``MEDIA_PUBLIC_MAX_AGE``); any other with ``private, no-cache``.

Behind nginx (``MEDIA_ACCEL_REDIRECT_PREFIX`` set, as in production) the response
is an empty ``X-Accel-Redirect`` to an ``internal`` location that streams the file;
without it (development, tests) Django streams the file itself.
"""

from __future__ import annotations

import mimetypes
import posixpath
from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.http import FileResponse, Http404, HttpResponse, HttpResponseRedirect
from django.utils._os import safe_join
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.views.decorators.http import require_safe
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

from .documents import document_may_be_served, image_may_be_served


def _clean_path(path: str) -> str:
    """The storage name of the file asked for, or 404 for anything odd."""
    cleaned = posixpath.normpath(path).lstrip("/")
    if (
        not path
        or cleaned != path
        or cleaned.startswith("..")
        or "\\" in path
        or "\x00" in path
    ):
        raise Http404
    return cleaned


def _image_for(name: str):
    Image = get_image_model()
    image = Image.objects.filter(file=name).first()
    if image is not None:
        return image
    Rendition = Image.get_rendition_model()
    rendition = Rendition.objects.filter(file=name).select_related("image").first()
    return rendition.image if rendition is not None else None


def _send(request, name: str, *, public: bool) -> HttpResponse:
    try:
        full_path = Path(safe_join(settings.MEDIA_ROOT, name))
    except Exception as error:  # SuspiciousFileOperation: outside MEDIA_ROOT
        raise Http404 from error
    if not full_path.is_file():
        raise Http404
    content_type = mimetypes.guess_type(name)[0] or "application/octet-stream"
    prefix = getattr(settings, "MEDIA_ACCEL_REDIRECT_PREFIX", "")
    if prefix:
        response = HttpResponse(content_type=content_type)
        response["X-Accel-Redirect"] = prefix.rstrip("/") + "/" + quote(name)
    else:
        response = FileResponse(full_path.open("rb"), content_type=content_type)
    response["X-Content-Type-Options"] = "nosniff"
    if public:
        patch_cache_control(
            response, public=True, max_age=settings.MEDIA_PUBLIC_MAX_AGE
        )
    else:
        patch_cache_control(response, private=True, no_cache=True)
        patch_vary_headers(response, ["Cookie"])
    return response


@require_safe
def serve_media(request, path: str) -> HttpResponse:
    name = _clean_path(path)
    image = _image_for(name)
    if image is not None:
        if image_may_be_served(image, AnonymousUser()):
            return _send(request, name, public=True)
        if image_may_be_served(image, request.user):
            return _send(request, name, public=False)
        raise Http404
    document = get_document_model().objects.filter(file=name).first()
    if document is not None and document_may_be_served(document, request.user):
        return HttpResponseRedirect(document.url)
    raise Http404
