"""The JSON API at /api/v1/ (django-ninja); apps add routers via API_ROUTERS.

The OpenAPI schema is served at /api/v1/schema and browsable at /api/v1/docs.
"""

from django.conf import settings
from django.utils.module_loading import import_string
from ninja import NinjaAPI
from ninja.errors import HttpError, ValidationError

api = NinjaAPI(
    title="Newcomer Exchange API",
    version="1",
    description=(
        "Read access to the good-practice library, the Q&A forum, the specialist "
        "directory and the search of Newcomer Exchange. Responses contain only what "
        "the requesting user may see: anonymous requests get public practices only. "
        "Authentication: the session cookie of a logged-in member."
    ),
    urls_namespace="api",
    openapi_url="/schema",
    docs_url="/docs",
)


@api.exception_handler(ValidationError)
def validation_error(request, exc):
    return api.create_response(
        request, {"detail": "Invalid request.", "errors": exc.errors}, status=422
    )


@api.exception_handler(HttpError)
def http_error(request, exc):
    return api.create_response(request, {"detail": str(exc)}, status=exc.status_code)


for prefix, dotted in settings.API_ROUTERS:
    api.add_router(prefix, import_string(dotted))
