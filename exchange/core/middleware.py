"""Security headers: a Content Security Policy (strict on the site, relaxed where the
admins need it) and a Permissions-Policy."""

from csp.middleware import CSPMiddleware, PolicyParts
from csp.utils import default_config
from django.conf import settings


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware with a second policy for the Wagtail/Django admins."""

    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if (
            not report_only
            and parts.config is None
            and request.path_info.startswith(settings.ADMIN_PATH_PREFIXES)
        ):
            parts.config = default_config(
                settings.CONTENT_SECURITY_POLICY_ADMIN["DIRECTIVES"]
            )
        return parts


def permissions_policy_header(policy: dict[str, list[str]]) -> str:
    """``{"camera": []}`` -> ``camera=()``; origins as given (``self``, quoted URLs)."""
    return ", ".join(
        f"{feature}=({' '.join(origins)})" for feature, origins in policy.items()
    )


class PermissionsPolicyMiddleware:
    """Send settings.PERMISSIONS_POLICY on every response."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.header = permissions_policy_header(settings.PERMISSIONS_POLICY)

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", self.header)
        return response
class ApiJsonErrorsMiddleware:
    """Under /api/, every error is JSON of the documented shape.

    Errors raised inside an operation already are (``exchange.api``); this catches
    the rest: a path no route matches (404), a method a route does not take (405),
    the CSRF check (403) and a crash (500).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        from .api_errors import error_response, is_api_request

        if is_api_request(request) and "\x00" in request.path_info:
            return error_response(404)  # no id, key or name contains a NUL byte
        if is_api_request(request) and "%00" in request.META.get("QUERY_STRING", ""):
            # A NUL byte cannot be stored or compared in PostgreSQL text: drop it
            # rather than fail (it is never meaningful in a filter or a query).
            cleaned = request.GET.copy()
            for key in list(cleaned):
                cleaned.setlist(
                    key, [v.replace("\x00", "") for v in cleaned.getlist(key)]
                )
            request.GET = cleaned
        response = self.get_response(request)
        if (
            response.status_code >= 400
            and is_api_request(request)
            and not response.get("Content-Type", "").startswith("application/json")
        ):
            json_response = error_response(response.status_code)
            if response.has_header("Allow"):
                json_response["Allow"] = response["Allow"]
            return json_response
        return response

    def process_exception(self, request, exception):
        from .api_errors import error_response, is_api_request

        if not is_api_request(request):
            return None
        from django.core.exceptions import PermissionDenied
        from django.http import Http404

        if isinstance(exception, Http404):
            return error_response(404)
        if isinstance(exception, PermissionDenied):
            return error_response(403)
        return None
