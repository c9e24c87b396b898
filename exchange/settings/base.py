"""Settings shared by every environment.

Configuration comes from environment variables (see docs/operations.md), read once
here through ``exchange.settings.env`` so a bad value stops start-up with a message
that names the variable.
"""

from pathlib import Path

from django.utils.translation import gettext_lazy as _

from .env import database_config, env_bool, env_int, env_list, env_str, env_url

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(env_str("VAR_DIR", str(BASE_DIR / "var")))

SECRET_KEY = env_str("SECRET_KEY", "insecure-development-key-change-me")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])
SITE_URL = env_str("SITE_URL", "http://127.0.0.1:8000").rstrip("/")

INSTALLED_APPS = [
    # Project apps first so their templates and translations win.
    "exchange.core",
    "exchange.accounts",
    "exchange.home",
    "exchange.taxonomy",
    "exchange.notifications",
    "specialists",
    "practices",
    "forum",
    "search",
    "coordination",
    # Wagtail
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.simple_translation",
    "wagtail.contrib.routable_page",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.locales",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    # Accounts
    "allauth",
    "allauth.account",
    "allauth.mfa",
    # Background work
    "django_tasks",
    "django_tasks_db",
    # Django
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.contrib.sitemaps",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "exchange.core.middleware.PermissionsPolicyMiddleware",
    "exchange.core.middleware.ApiJsonErrorsMiddleware",
    "exchange.core.middleware.ContentSecurityPolicyMiddleware",
    "exchange.core.pagecache.AnonymousPageCacheMiddleware",
    "exchange.core.sites.CachedSiteMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "exchange.core.locale.SiteLocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "practices.admin_privacy.AdminViewerMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "coordination.audit.AuditActorMiddleware",
    "exchange.accounts.middleware.UserLanguageMiddleware",
    "exchange.accounts.middleware.RequireMfaMiddleware",
    "exchange.accounts.middleware.AdminAccessMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "exchange.urls"
WSGI_APPLICATION = "exchange.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "exchange.core.context_processors.site_frame",
                "exchange.notifications.context_processors.unread_notifications",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------
DATABASES = {
    "default": database_config(
        env_url("DATABASE_URL", schemes=("postgres", "postgresql", "pgsql", "sqlite")),
        default_sqlite_path=BASE_DIR / "db.sqlite3",
    )
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache ----------------------------------------------------------------------
# The login rate limits of allauth live in the cache, so the cache must be shared by
# every process: Redis when REDIS_URL is set, otherwise the database (still shared,
# and needs no server). Redis is optional at run time: while it cannot be reached,
# every cache call is answered by the database cache "fallback" (rate limits keep
# counting, sessions are read from the database, page caches miss), see
# exchange/core/cache.py.
REDIS_URL = env_url("REDIS_URL", schemes=("redis", "rediss", "unix"))
_DATABASE_CACHE = {
    "BACKEND": "django.core.cache.backends.db.DatabaseCache",
    "LOCATION": "exchange_cache",
}
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "exchange.core.cache.FailOverRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": "exchange",
            "OPTIONS": {"FALLBACK": "fallback"},
        },
        "fallback": _DATABASE_CACHE,
    }
else:
    CACHES = {"default": _DATABASE_CACHE}
# Sessions live in the database; the cache only speeds up reading them.
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"

# --- Accounts -------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation."
        "UserAttributeSimilarityValidator"
    },
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "/"
ACCOUNT_ADAPTER = "exchange.accounts.adapter.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_CONFIRM_EMAIL_ON_GET = False
ACCOUNT_LOGIN_ON_EMAIL_CONFIRMATION = False
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_SIGNUP_FORM_CLASS = "exchange.accounts.forms.SignupDetailsForm"
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Newcomer Exchange] "
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "5/5m/ip,5/5m/key",
    "signup": "20/m/ip",
    "reset_password": "5/m/ip,3/m/key",
    "confirm_email": "1/3m/key",
}
ACCOUNT_PREVENT_ENUMERATION = True
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Newcomer Exchange"
# Roles whose members must have TOTP before using the site (staff always must).
MFA_REQUIRED_ROLES = env_list("MFA_REQUIRED_ROLES", ["coordinator"])
# Reverse proxies in front of the app (1 behind nginx): which X-Forwarded-For entry
# is the client, for the log-in and feedback rate limits.
ALLAUTH_TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
LOGOUT_REDIRECT_URL = "/"
# "Download my data": dotted paths of callables ``(user) -> dict``; each app adds
# its own (``forum.exports.user_data`` ...). The result is merged under the app name.
ACCOUNT_DATA_EXPORTERS: list[str] = [
    "exchange.notifications.account_data.account_data",
    "specialists.account_data.account_data",
    "practices.account_data.account_data",
    "forum.account_data.account_data",
]

# --- Internationalisation -------------------------------------------------------
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("nl", "Nederlands"),
    ("fr", "Français"),
    ("de", "Deutsch"),
    ("en", "English"),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Brussels"
USE_I18N = True
USE_TZ = True
LANGUAGE_COOKIE_NAME = "exchange_language"
LANGUAGE_COOKIE_SECURE = env_bool("SECURE_COOKIES", False)
LANGUAGE_COOKIE_SAMESITE = "Lax"
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILSIMPLETRANSLATION_SYNC_PAGE_TREE = False

# --- Static and media -----------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(BASE_DIR / "static")))
STATICFILES_DIRS = [BASE_DIR / "exchange" / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "media")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Uploads are served by practices.media.serve_media after a permission check. Behind
# nginx it answers with X-Accel-Redirect to this internal location (production);
# empty: Django streams the file itself (development, tests).
MEDIA_ACCEL_REDIRECT_PREFIX = env_str("MEDIA_ACCEL_REDIRECT_PREFIX", "")
# How long browsers and proxies may keep a file anyone may see (seconds).
MEDIA_PUBLIC_MAX_AGE = 60 * 60
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# --- Wagtail --------------------------------------------------------------------
WAGTAIL_SITE_NAME = "Newcomer Exchange"
WAGTAILADMIN_BASE_URL = SITE_URL
WAGTAILADMIN_LOGIN_URL = "account_login"
WAGTAIL_FRONTEND_LOGIN_URL = "account_login"
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = [
    "csv",
    "docx",
    "odt",
    "ods",
    "pdf",
    "pptx",
    "rtf",
    "txt",
    "xlsx",
]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_INLINE_CONTENT_TYPES = ["application/pdf", "text/plain"]
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 5 * 1024 * 1024
WAGTAILEMBEDS_RESPONSIVE_HTML = True
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_ENABLE_WHATS_NEW_BANNER = False
WAGTAIL_USER_CUSTOM_FIELDS = ["full_name", "role"]
# Passwords are changed and reset through allauth only (its notifications, rate
# limits and re-authentication); the admin links to the account pages instead.
WAGTAIL_PASSWORD_MANAGEMENT_ENABLED = False
WAGTAIL_PASSWORD_RESET_ENABLED = False
WAGTAIL_WORKFLOW_ENABLED = True
WAGTAIL_MODERATION_ENABLED = True

# --- E-mail ---------------------------------------------------------------------
# Every e-mail is recorded and delivered by the task queue (exchange/notifications/
# mail.py); EMAIL_DELIVERY_BACKEND is what the task uses to actually send.
EMAIL_BACKEND = "exchange.notifications.mail.QueuedEmailBackend"
EMAIL_HOST = env_str("EMAIL_HOST")
if EMAIL_HOST:
    EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = env_int("EMAIL_PORT", 587, minimum=1)
    EMAIL_HOST_USER = env_str("EMAIL_HOST_USER")
    EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", True)
else:
    EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.console.EmailBackend"
# Seconds to wait for the mail server (connect and each reply).
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10, minimum=1)
# Retries: the first after EMAIL_RETRY_BASE_SECONDS, doubling, at most 1 h apart.
EMAIL_RETRY_BASE_SECONDS = env_int("EMAIL_RETRY_BASE_SECONDS", 30, minimum=1)
EMAIL_MAX_ATTEMPTS = env_int("EMAIL_MAX_ATTEMPTS", 10, minimum=1)
DEFAULT_FROM_EMAIL = env_str(
    "DEFAULT_FROM_EMAIL", "Newcomer Exchange <noreply@localhost>"
)
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Background tasks -----------------------------------------------------------
TASKS_BACKEND = env_str("TASKS_BACKEND", "immediate")
if TASKS_BACKEND not in ("immediate", "database"):
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured("TASKS_BACKEND must be 'immediate' or 'database'.")
TASKS = {
    "default": {
        "BACKEND": (
            "django_tasks_db.DatabaseBackend"
            if TASKS_BACKEND == "database"
            else "django_tasks.backends.immediate.ImmediateBackend"
        )
    }
}

# --- Search ---------------------------------------------------------------------
# SEARCH_ENGINE: embedded (default, no server), opensearch or elasticsearch. Without
# it, an ELASTICSEARCH_URL alone selects Elasticsearch (as before).
ELASTICSEARCH_URL = env_url("ELASTICSEARCH_URL", schemes=("http", "https"))
OPENSEARCH_URL = (
    env_url("OPENSEARCH_URL", schemes=("http", "https")) or "http://127.0.0.1:9200"
)
SEARCH_ENGINE = env_str(
    "SEARCH_ENGINE", "elasticsearch" if ELASTICSEARCH_URL else "embedded"
)
if SEARCH_ENGINE not in ("embedded", "opensearch", "elasticsearch"):
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured(
        "SEARCH_ENGINE must be 'embedded', 'opensearch' or 'elasticsearch'."
    )
if SEARCH_ENGINE == "elasticsearch" and not ELASTICSEARCH_URL:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured("SEARCH_ENGINE=elasticsearch needs ELASTICSEARCH_URL.")
# Index and alias names start with this prefix (one cluster can hold several sites).
SEARCH_INDEX_PREFIX = env_str(
    "SEARCH_INDEX_PREFIX", env_str("ELASTICSEARCH_INDEX_PREFIX", "exchange")
)
ELASTICSEARCH_INDEX_PREFIX = SEARCH_INDEX_PREFIX
# A cluster read (search, similar, suggestions) gives up after this long, so a hung
# cluster adds at most about this much to a request; after SEARCH_CLUSTER_FAILURES
# failures in a row the cluster is not asked for SEARCH_CLUSTER_RETRY_AFTER seconds
# (the embedded engine answers at once), then probed again.
SEARCH_CLUSTER_TIMEOUT = env_int("SEARCH_CLUSTER_TIMEOUT_MS", 250, minimum=10) / 1000
SEARCH_CLUSTER_WRITE_TIMEOUT = env_int("SEARCH_CLUSTER_WRITE_TIMEOUT", 30, minimum=1)
SEARCH_CLUSTER_FAILURES = env_int("SEARCH_CLUSTER_FAILURES", 3, minimum=1)
SEARCH_CLUSTER_RETRY_AFTER = env_int("SEARCH_CLUSTER_RETRY_AFTER", 10, minimum=1)
# Replicas per index (0 on one node; 1 on three nodes survives losing one).
SEARCH_CLUSTER_REPLICAS = env_int("SEARCH_CLUSTER_REPLICAS", 0)
# The query log is written in batches per process (search/querylog.py): at this
# many searches, or once the first is this many seconds old (at the next search).
SEARCH_LOG_BATCH = env_int("SEARCH_LOG_BATCH", 25, minimum=1)
SEARCH_LOG_SECONDS = env_int("SEARCH_LOG_SECONDS", 10, minimum=0)

# --- Security headers -----------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 60 * 60 * 12
# Public pages: only our own scripts and styles; embedded videos from known hosts.
_PUBLIC_CSP = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "frame-src": [
        "https://www.youtube-nocookie.com",
        "https://www.youtube.com",
        "https://player.vimeo.com",
    ],
    "frame-ancestors": ["'none'"],
    "form-action": ["'self'"],
    "base-uri": ["'self'"],
    "object-src": ["'none'"],
}
# The Wagtail and Django admins still rely on inline scripts and styles.
_ADMIN_CSP = {
    **_PUBLIC_CSP,
    "script-src": ["'self'", "'unsafe-inline'"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:", "https:"],
    "frame-ancestors": ["'self'"],
    "frame-src": ["'self'", *_PUBLIC_CSP["frame-src"]],
}
CONTENT_SECURITY_POLICY = {"DIRECTIVES": _PUBLIC_CSP}
CONTENT_SECURITY_POLICY_ADMIN = {"DIRECTIVES": _ADMIN_CSP}
ADMIN_PATH_PREFIXES = ("/admin/", "/django-admin/")
# Browser features no page of ours uses: denied to us and to every embedded frame.
# Fullscreen stays allowed for the embedded videos.
PERMISSIONS_POLICY = {
    "accelerometer": [],
    "ambient-light-sensor": [],
    "autoplay": [],
    "browsing-topics": [],
    "camera": [],
    "display-capture": [],
    "geolocation": [],
    "gyroscope": [],
    "magnetometer": [],
    "microphone": [],
    "midi": [],
    "payment": [],
    "publickey-credentials-get": [],
    "serial": [],
    "usb": [],
    "xr-spatial-tracking": [],
}

# --- Platform -------------------------------------------------------------------
# Public phone numbers the privacy guard lets through even without an institution
# named next to them (service numbers 0800/070/078/090x always pass): the public
# information lines caseworkers quote most. The variable replaces the list.
PRIVACY_PUBLIC_PHONE_NUMBERS = env_list(
    "PRIVACY_PUBLIC_PHONE_NUMBERS", ["+32 2 508 85 85", "+32 2 213 44 00"]
)
# The `demo` app (seed_demo, demo_totp, the demo content) is not in INSTALLED_APPS
# here: the development and test settings add it, production never does. Should it be
# installed anyway, its commands run only where this is true (never in production).
DEMO_TOOLS_ENABLED = True
# How long each kind of data is kept, in days (`manage.py apply_retention` applies
# them; the privacy statement lists them; exchange/core/retention.py names them).
DATA_RETENTION_DAYS = {
    "search_log": 183,
    "unverified_signups": 30,
    "rejected_signups": 180,
    "notifications": 365,
    "mailing_recipients": 365,
    "accessibility_feedback": 730,
    "audit_log": 1827,
}
# Days without an answer before a question is escalated to the coordinators.
FORUM_ESCALATION_DAYS = env_int("FORUM_ESCALATION_DAYS", 5, minimum=1)
PLATFORM_NAME = _("Newcomer Exchange")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
    "loggers": {
        "django.request": {"level": "ERROR"},
        "elastic_transport": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
    },
}
# Anonymous pages are served from the cache for this long (0: off); any content
# change empties it at once (exchange/core/pagecache.py).
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 300)
# Checks behind /readyz (exchange/core/health.py), by dotted path; apps add theirs.
READINESS_CHECKS = [
    "exchange.core.health.check_database",
    "exchange.core.health.check_cache",
    "exchange.core.health.check_task_queue",
    "exchange.notifications.mail.check_email_queue",
    "search.health.check_engine",
    "search.health.check_outbox",
]
# Routers of the JSON API at /api/v1/: (prefix, dotted path of a ninja Router).
API_ROUTERS = [
    ("/practices", "practices.api.router"),
    ("/questions", "forum.api.router"),
    ("/specialists", "specialists.api.router"),
    ("/", "search.api.router"),
]
# Tags of API routers that answer 401/403 to anonymous or unapproved callers
# (declared in the OpenAPI schema).
API_MEMBERS_ONLY_TAGS = ["forum", "specialists"]
