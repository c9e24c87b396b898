from allauth.account.decorators import secure_admin_login
from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path
from django.views.decorators.cache import never_cache
from django.views.i18n import JavaScriptCatalog
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.admin.auth import require_admin_access
from wagtail.documents import urls as wagtaildocs_urls

from exchange.accounts import views as accounts_views
from exchange.api import api
from exchange.core import views as core_views
from practices.admin_history import SiteHistoryView
from practices.media import serve_media

# The Django admin logs in through allauth: same rate limits and MFA.
admin.site.login = secure_admin_login(admin.site.login)
admin.site.site_header = "Newcomer Exchange"


def admin_view(view):
    """What Wagtail wraps its own admin views in."""
    return never_cache(require_admin_access(view))


urlpatterns = [
    path("django-admin/", admin.site.urls),
    # Only allauth takes passwords (MFA, rate limits, approval checks).
    path("admin/login/", accounts_views.login_via_allauth),
    # Site history without other authors' unpublished changes (issue 11, item 7).
    path("admin/reports/site-history/", admin_view(SiteHistoryView.as_view())),
    path(
        "admin/reports/site-history/results/",
        admin_view(SiteHistoryView.as_view(results_only=True)),
    ),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    # Uploads (images, renditions, document files) only after a permission check,
    # in every environment: nginx does not publish MEDIA_ROOT (practices/media.py).
    path(f"{settings.MEDIA_URL.strip('/')}/<path:path>", serve_media, name="media"),
    path("api/v1/", api.urls),
    path("i18n/switch/", accounts_views.language_switch, name="language_switch"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("healthz", core_views.health, name="health"),
    path("readyz", core_views.ready, name="ready"),
]

urlpatterns += i18n_patterns(
    path("accounts/", include("allauth.urls")),
    path("account/", include("exchange.accounts.urls")),
    path("accessibility-feedback/", include("exchange.core.urls")),
    path("notifications/", include("exchange.notifications.urls")),
    path("jsi18n/", JavaScriptCatalog.as_view(), name="javascript-catalog"),
    path("practices/", include("practices.urls")),
    path("forum/", include("forum.urls")),
    path("specialists/", include("specialists.urls")),
    path("search/", include("search.urls")),
    # Wagtail's front-end log-in (private pages, previews) is allauth's too.
    path("_util/login/", accounts_views.login_via_allauth),
    path("coordination/", include("coordination.urls")),
    path("signals/", include("coordination.signal_urls")),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)

handler400 = "exchange.core.views.bad_request"
handler403 = "exchange.core.views.permission_denied"
handler404 = "exchange.core.views.page_not_found"
handler500 = "exchange.core.views.server_error"
