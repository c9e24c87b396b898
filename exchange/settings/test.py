"""Settings for the pytest suite: fast hashing, in-memory mail and cache."""

from .base import *  # noqa: F403
from .base import BASE_DIR, INSTALLED_APPS

DEBUG = False
SECRET_KEY = "test-secret-key-not-for-production"
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# Tests read mail.outbox directly; tests/prod/test_email_queue.py switches the
# queued backend of production on.
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
MEDIA_ROOT = BASE_DIR / "var" / "test-media"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WAGTAILADMIN_BASE_URL = "http://testserver"
SITE_URL = "http://testserver"
ALLOWED_HOSTS = ["testserver", "127.0.0.1", "localhost"]
# The anonymous page cache is tested on its own (tests/prod/test_page_cache.py);
# elsewhere tests change data with queryset updates that send no signals.
PAGE_CACHE_SECONDS = 0
# Each search's log row is written at once (tests/search/test_query_log_batch.py
# tests the batches).
SEARCH_LOG_BATCH = 1
# Demo content and its commands (seed_demo, demo_totp): never in production.
INSTALLED_APPS = [*INSTALLED_APPS, "demo"]
