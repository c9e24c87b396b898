"""Production: every secret from the environment, PostgreSQL, Redis, HTTPS only.

Start-up fails with a message naming the variable when one is missing or invalid.
"""

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import DATABASES, MIDDLEWARE, REDIS_URL, TASKS_BACKEND
from .env import env_bool, env_int, env_list, env_str

DEBUG = False
SECRET_KEY = env_str("SECRET_KEY", required=True)
if len(SECRET_KEY) < 50 or SECRET_KEY.startswith("insecure"):
    raise ImproperlyConfigured(
        "SECRET_KEY must be a random string of at least 50 characters."
    )
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", required=True)
# Absolute links in e-mails and feeds, and the origins forms may be posted from:
# wrong values break sign-up links and every form, so they must be given.
SITE_URL = env_str("SITE_URL", required=True).rstrip("/")
if not SITE_URL.startswith(("https://", "http://")):
    raise ImproperlyConfigured("SITE_URL must start with https:// (or http://).")
WAGTAILADMIN_BASE_URL = SITE_URL
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", required=True)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", required=True)
SERVER_EMAIL = DEFAULT_FROM_EMAIL
if DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
    raise ImproperlyConfigured(
        "DATABASE_URL must point at PostgreSQL in production (postgres://…)."
    )
if not REDIS_URL:
    raise ImproperlyConfigured(
        "REDIS_URL must be set in production: rate limits and sessions need a "
        "cache shared by every process."
    )
if not env_str("EMAIL_HOST"):
    raise ImproperlyConfigured(
        "EMAIL_HOST must be set in production: sign-up and password reset send e-mail."
    )
if TASKS_BACKEND != "database" and not env_bool("ALLOW_IMMEDIATE_TASKS", False):
    raise ImproperlyConfigured(
        "TASKS_BACKEND must be 'database' in production (run `manage.py db_worker`)."
    )

# nginx streams uploads from its internal /protected-media/ location once Django
# has checked the permission (deploy/nginx-exchange.conf).
MEDIA_ACCEL_REDIRECT_PREFIX = env_str(
    "MEDIA_ACCEL_REDIRECT_PREFIX", "/protected-media/"
)

# Demo accounts with a published TOTP secret must never reach a real instance.
DEMO_TOOLS_ENABLED = False

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
# Probes from the machine itself speak plain HTTP to gunicorn.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31_536_000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
# WhiteNoise serves the static files from gunicorn itself: hashed names,
# gzip and Brotli-free compressed copies, and a far-future immutable cache for
# hashed files (10 years); the unhashed names get WHITENOISE_MAX_AGE.
MIDDLEWARE = [
    MIDDLEWARE[0],  # SecurityMiddleware first, then WhiteNoise
    "whitenoise.middleware.WhiteNoiseMiddleware",
    *MIDDLEWARE[1:],
]
WHITENOISE_MAX_AGE = 60 * 60
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
