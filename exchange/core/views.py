"""Error pages in the user's language, and a health check for load balancers."""

from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.template import loader
from django.utils import translation
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import requires_csrf_token


def _error_page(request, template_name: str, status: int):
    # Outside i18n_patterns the LocaleMiddleware still picked the user's language.
    language = translation.get_language() or "en"
    context = {"request_path": request.path, "LANGUAGE_CODE": language}
    try:
        template = loader.get_template(template_name)
        body = template.render(context, request)
    except Exception:  # the error page itself must never fail
        body = f"<h1>{status}</h1>"
    return HttpResponse(body, status=status)


@requires_csrf_token
def bad_request(request, exception=None):
    return _error_page(request, "400.html", 400)


@requires_csrf_token
def permission_denied(request, exception=None):
    return _error_page(request, "403.html", 403)


@requires_csrf_token
def page_not_found(request, exception=None):
    return _error_page(request, "404.html", 404)


@requires_csrf_token
def server_error(request):
    return _error_page(request, "500.html", 500)


@never_cache
def health(request):
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
    return JsonResponse({"status": "ok"})
