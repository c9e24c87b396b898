"""Error pages in the user's language, health check, accessibility feedback."""

from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template import loader
from django.utils import translation
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import requires_csrf_token

from .forms import AccessibilityFeedbackForm
from .ratelimit import rate_limit_hit
from .services import accessibility_feedback_create


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
