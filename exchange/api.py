"""The JSON API at /api/v1/ (django-ninja); apps add routers via API_ROUTERS.

The OpenAPI schema is served at /api/v1/schema and browsable at /api/v1/docs.
Every error answers ``{"detail": ..., "code": ...}`` (``exchange.core.api_errors``).
"""

from django.conf import settings
from django.http import Http404
from django.utils.module_loading import import_string
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError

from exchange.core.api_errors import error_body

api = NinjaAPI(
    title="Newcomer Exchange API",
    version="1",
    description=(
        "Read access to the good-practice library, the Q&A forum, the specialist "
        "directory and the search of Newcomer Exchange. Responses contain only what "
        "the requesting user may see: anonymous requests get public practices only. "
        "Authentication: the session cookie of a logged-in member. Every error is "
        'JSON: `{"detail": "<message in the request\'s language>", "code": '
        '"<not_found|unauthorized|forbidden|method_not_allowed|'
        'unprocessable_content|...>"}`; a 422 adds `errors`.'
    ),
    urls_namespace="api",
    openapi_url="/schema",
    docs_url="/docs",
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
