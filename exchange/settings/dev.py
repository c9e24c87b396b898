"""The embedded default: SQLite, embedded search, immediate tasks, console e-mail."""

from .base import *  # noqa: F403
from .env import env_bool

DEBUG = env_bool("DEBUG", True)
EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.console.EmailBackend"
