"""The embedded default: SQLite, embedded search, immediate tasks, console e-mail."""

from .base import *  # noqa: F403
from .base import INSTALLED_APPS
from .env import env_bool

DEBUG = env_bool("DEBUG", True)
EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.console.EmailBackend"
# Demo content and its commands (seed_demo, demo_totp): never in production.
INSTALLED_APPS = [*INSTALLED_APPS, "demo"]
