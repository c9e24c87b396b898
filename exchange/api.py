"""The JSON API at /api/v1/ (django-ninja); apps add routers via API_ROUTERS.

The OpenAPI schema is served at /api/v1/schema and browsable at /api/v1/docs.
It is a contract, checked by Schemathesis in the test suite:
- every error is ``{"detail": ..., "code": ...}`` (``exchange.core.api_errors``);
  errors outside an operation (no such route, wrong method) are converted by
  ``ApiJsonErrorsMiddleware``;
- every operation declares the error statuses it can answer;
- messages and labels follow ``lang``, else ``Accept-Language``, else the member's
  language;
- date-times are ISO 8601 with the Brussels offset.
"""

import datetime
import functools

from django.conf import settings
from django.http import Http404
from django.utils import translation
from django.utils.module_loading import import_string
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError
from ninja.renderers import JSONRenderer
from ninja.responses import NinjaJSONEncoder

from exchange.core.api_errors import api_datetime, error_body

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]

ERROR_SCHEMA = {
    "title": "Error",
    "type": "object",
    "properties": {
        "detail": {
            "type": "string",
            "description": "What went wrong, in the request's language.",
        },
        "code": {
            "type": "string",
            "description": "Stable key: not_found, unauthorized, forbidden, "
            "method_not_allowed, unprocessable_entity, ...",
        },
        "errors": {
            "type": "array",
            "items": {"type": "object"},
            "description": "422 only: each invalid parameter.",
        },
    },
    "required": ["detail", "code"],
}
ERROR_DESCRIPTIONS = {
    "401": "Not logged in (members-only endpoint).",
    "403": "Logged in, but the account is not (yet) approved.",
    "404": "No such item, or not one the caller may see.",
    "405": "Method not allowed (the API is read-only: GET).",
    "422": "Invalid parameters.",
}


class BrusselsJSONEncoder(NinjaJSONEncoder):
    def default(self, o):
        if isinstance(o, datetime.datetime):
            return api_datetime(o)
        return super().default(o)


class ExchangeRenderer(JSONRenderer):
    encoder_class = BrusselsJSONEncoder
    json_dumps_params = {"ensure_ascii": False}


def request_language(request) -> str | None:
    """``lang`` if valid, else the best of ``Accept-Language``, else None."""
    lang = request.GET.get("lang", "")
    if lang in LANGUAGE_CODES:
        return lang
    header = request.META.get("HTTP_ACCEPT_LANGUAGE", "")
    for code, _quality in translation.trans_real.parse_accept_lang_header(header):
        if code == "*":
            break
        try:
            return translation.get_supported_language_variant(code)
        except LookupError:
            continue
    return None


def in_request_language(view):
    """Run an API view in the language the request asks for (over the account's)."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        language = request_language(request)
        if language is None:
            return view(request, *args, **kwargs)
        with translation.override(language):
            request.LANGUAGE_CODE = language
            response = view(request, *args, **kwargs)
            response.headers.setdefault("Content-Language", language)
            return response

    return wrapper


class ExchangeApi(NinjaAPI):
    def get_openapi_schema(self, *args, **kwargs):
        schema = super().get_openapi_schema(*args, **kwargs)
        schema.setdefault("components", {}).setdefault("schemas", {})["Error"] = (
            ERROR_SCHEMA
        )
        members_only = set(getattr(settings, "API_MEMBERS_ONLY_TAGS", ()))
        for operations in schema["paths"].values():
            for operation in operations.values():
                statuses = ["404", "405", "422"]
                if members_only & set(operation.get("tags", ())):
                    statuses[:0] = ["401", "403"]
                responses = operation.setdefault("responses", {})
                for status in statuses:
                    responses.setdefault(
                        status,
                        {
                            "description": ERROR_DESCRIPTIONS[status],
                            "content": {
                                "application/json": {
                                    "schema": {"$ref": "#/components/schemas/Error"}
                                }
                            },
                        },
                    )
        return schema

    @property
    def urls(self):
        patterns, app_name, namespace = super().urls
        for pattern in patterns:
            pattern.callback = in_request_language(pattern.callback)
        return patterns, app_name, namespace


api = ExchangeApi(
    title="Newcomer Exchange API",
    version="1",
    description=(
        "Read access to the good-practice library, the Q&A forum, the specialist "
        "directory and the search of Newcomer Exchange. Responses contain only what "
        "the requesting user may see: anonymous requests get public practices only. "
        "Authentication: the session cookie of a logged-in member. Every error is "
        'JSON: `{"detail": "<message>", "code": "<key>"}`; a 422 adds `errors`. '
        "Messages and labels follow `lang`, else `Accept-Language`, else the "
        "member's language. Date-times are ISO 8601 with the Brussels offset."
    ),
    urls_namespace="api",
    openapi_url="/schema",
    docs_url="/docs",
    renderer=ExchangeRenderer(),
)


def _error(request, status: int, detail=None, **extra):
    return api.create_response(
        request, error_body(status, detail, **extra), status=status
    )


@api.exception_handler(ValidationError)
def validation_error(request, exc):
    return _error(request, 422, errors=exc.errors)


@api.exception_handler(HttpError)
def http_error(request, exc):
    return _error(request, exc.status_code, str(exc))


@api.exception_handler(Http404)
def not_found(request, exc):
    return _error(request, 404)


@api.exception_handler(AuthenticationError)
def unauthorized(request, exc):
    return _error(request, 401)


for prefix, dotted in settings.API_ROUTERS:
    api.add_router(prefix, import_string(dotted))
