"""Error pages in the user's language, health check, accessibility feedback."""

import sys

from django.db import DatabaseError
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template import loader
from django.utils import translation
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import requires_csrf_token

from . import health as health_checks
from .api_errors import error_response, is_api_request
from .forms import AccessibilityFeedbackForm
from .ratelimit import rate_limit_hit
from .services import accessibility_feedback_create


def _is_api(request) -> bool:
    return is_api_request(request)


def _api_error(request, status: int, detail: str = ""):
    """Errors under /api/ have the API's one shape (``exchange.core.api_errors``)."""
    return error_response(status, detail or None)


def _error_page(request, template_name: str, status: int):
    if _is_api(request):
        return _api_error(request, status)
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
    error = sys.exc_info()[1]
    if isinstance(error, DatabaseError):
        return database_unavailable(request)
    return _error_page(request, "500.html", 500)


def database_unavailable(request):
    """503 while the database cannot be reached: a page that needs no query.

    Rendered without the request, so no context processor (menus, notification
    counts, site settings) runs; the language comes from the URL or the browser.
    """
    language = translation.get_language_from_request(request, check_path=True)
    with translation.override(language):
        if _is_api(request):
            response = _api_error(
                request,
                503,
                str(translation.gettext("The service is briefly unavailable.")),
            )
        else:
            try:
                body = loader.render_to_string(
                    "503_database.html", {"LANGUAGE_CODE": language}
                )
            except Exception:  # the error page itself must never fail
                body = "<h1>503</h1>"
            response = HttpResponse(body, status=503)
    response["Retry-After"] = "30"
    response["Cache-Control"] = "no-store"
    return response


@never_cache
def health(request):
    """Liveness: the process answers. Needs nothing else (see ``readyz``)."""
    return JsonResponse({"status": "ok"})


@never_cache
def ready(request):
    """Readiness: database, cache, search engine, outbox and task queue.

    200 when every check passes, otherwise 503; the body names each check.
    """
    checks = health_checks.run_checks()
    failing = [check.name for check in checks if not check.ok]
    return JsonResponse(
        {
            "status": "error" if failing else "ok",
            "failing": failing,
            "checks": {check.name: check.as_dict() for check in checks},
        },
        status=503 if failing else 200,
    )


FEEDBACK_LIMIT = 5  # reports per client per hour: enough for people, not for bots
FEEDBACK_PERIOD = 60 * 60


def accessibility_feedback(request):
    """Report an accessibility barrier; open to everyone, rate-limited."""
    form = AccessibilityFeedbackForm(
        request.POST or None,
        initial={"page_url": request.GET.get("page", "")[:500]},
    )
    if request.method == "POST":
        if rate_limit_hit(
            request,
            scope="accessibility-feedback",
            limit=FEEDBACK_LIMIT,
            period=FEEDBACK_PERIOD,
        ):
            return render(
                request,
                "core/accessibility_feedback.html",
                {"form": form, "rate_limited": True},
                status=429,
            )
        if form.is_valid():
            accessibility_feedback_create(
                **form.cleaned_data,
                language=translation.get_language() or "",
                user=request.user,
            )
            return redirect("core:accessibility_thanks")
    return render(request, "core/accessibility_feedback.html", {"form": form})


def accessibility_feedback_thanks(request):
    return render(request, "core/accessibility_thanks.html")
