"""The one shape of every error the JSON API answers: ``{"detail", "code"}``.

``detail`` is a message in the request's language; ``code`` a stable machine-readable
key. A 422 adds ``errors`` (what was wrong with which parameter).
"""

from http import HTTPStatus

from django.http import JsonResponse
from django.utils.translation import gettext as _

API_PATH_PREFIX = "/api/"


def _messages() -> dict[int, str]:
    return {
        400: _("Bad request."),
        401: _("Log in as a member to use this."),
        403: _("You may not do this."),
        404: _("Not found."),
        405: _("Method not allowed."),
        422: _("Invalid request."),
        429: _("Too many requests: try again later."),
        500: _("Server error: we have been told and will look into it."),
    }


def error_code(status: int) -> str:
    """``not_found`` for 404, ``method_not_allowed`` for 405, ..."""
    try:
        phrase = HTTPStatus(status).phrase
    except ValueError:
        return "error"
    return phrase.lower().replace(" ", "_").replace("-", "_").replace("'", "")


def error_body(status: int, detail=None, **extra) -> dict:
    body = {
        "detail": str(detail) if detail else _messages().get(status, _("Error.")),
        "code": error_code(status),
    }
    body.update(extra)
    return body


def error_response(status: int, detail=None, **extra) -> JsonResponse:
    return JsonResponse(
        error_body(status, detail, **extra),
        status=status,
        json_dumps_params={"ensure_ascii": False},
    )


def is_api_request(request) -> bool:
    return request.path_info.startswith(API_PATH_PREFIX)


def api_datetime(value) -> str:
    """One date-time style for the whole API: ISO 8601, seconds, Brussels offset
    (``2026-01-12T10:15:00+01:00``)."""
    import datetime

    from django.utils import timezone

    if not isinstance(value, datetime.datetime):  # a date (``last_reviewed_at``)
        return value.isoformat()
    if timezone.is_naive(value):
        value = timezone.make_aware(value)
    return timezone.localtime(value).isoformat(timespec="seconds")
