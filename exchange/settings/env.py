"""Read configuration from environment variables once, failing clearly.

Every reader raises ``ImproperlyConfigured`` naming the variable when its value is
unusable, so a misconfigured deployment stops at start-up instead of at the first
request that touches the setting.
"""

import os
from urllib.parse import urlparse

from django.core.exceptions import ImproperlyConfigured

TRUE_VALUES = {"1", "true", "yes", "on"}
FALSE_VALUES = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str | None = None, *, required: bool = False) -> str:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        if required:
            raise ImproperlyConfigured(f"The environment variable {name} must be set.")
        return default if default is not None else ""
    return value.strip()


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    lowered = value.strip().lower()
    if lowered in TRUE_VALUES:
        return True
    if lowered in FALSE_VALUES:
        return False
    raise ImproperlyConfigured(
        f"The environment variable {name} must be true or false, not {value!r}."
    )


def env_int(name: str, default: int, *, minimum: int = 0) -> int:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    try:
        number = int(value)
    except ValueError:
        raise ImproperlyConfigured(
            f"The environment variable {name} must be a whole number, not {value!r}."
        )
    if number < minimum:
        raise ImproperlyConfigured(
            f"The environment variable {name} must be at least {minimum}."
        )
    return number


def env_list(name: str, default: list[str] | None = None, *, required=False) -> list:
    raw = env_str(name, required=required)
    if not raw:
        return list(default or [])
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_url(name: str, *, schemes: tuple[str, ...], required: bool = False) -> str:
    """A URL whose scheme is one of ``schemes`` (empty string when unset)."""
    value = env_str(name, required=required)
    if not value:
        return ""
    parsed = urlparse(value)
    if parsed.scheme not in schemes or not (parsed.netloc or parsed.path):
        raise ImproperlyConfigured(
            f"The environment variable {name} must be a URL starting with "
            f"{' or '.join(s + '://' for s in schemes)}, not {value!r}."
        )
    return value


# SQLite (development, demo, benchmarks; production needs PostgreSQL): write-ahead
# log, and fsync at checkpoints rather than at every commit (a commit stays atomic
# and the file consistent; a power cut may lose the last commits). A logged search
# or any small write then costs well under a millisecond instead of 4-20 ms.
# Reads are memory-mapped (up to 256 MB of the file): every request opens a new
# connection, whose page cache starts empty, and a search then read each FTS5 page
# it needs by a system call into that cache; mapped, it reads the operating
# system's cache directly (about 5 ms of CPU per API search at 20 000 items).
SQLITE_OPTIONS = {
    "timeout": 20,
    "init_command": (
        "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"
        " PRAGMA mmap_size=268435456;"
    ),
}


def database_config(url: str, *, default_sqlite_path) -> dict:
    """Django DATABASES['default'] from DATABASE_URL, or the embedded SQLite file."""
    import dj_database_url

    if not url:
        return {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(default_sqlite_path),
            "OPTIONS": dict(SQLITE_OPTIONS),
        }
    try:
        config = dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
    except Exception as error:  # dj-database-url raises bare ValueErrors
        raise ImproperlyConfigured(f"DATABASE_URL is not a usable URL: {error}")
    engine = config.get("ENGINE", "")
    if engine not in (
        "django.db.backends.postgresql",
        "django.db.backends.sqlite3",
    ):
        raise ImproperlyConfigured(
            "DATABASE_URL must point at PostgreSQL (postgres://…) or SQLite "
            f"(sqlite:///…), not {engine or url!r}."
        )
    if engine == "django.db.backends.sqlite3":
        config["CONN_MAX_AGE"] = 0
        # The same as the default file: a sqlite:/// URL (the benchmarks use one)
        # used to get the rollback journal, ~20 ms of fsyncs per logged search.
        config["OPTIONS"] = {**SQLITE_OPTIONS, **config.get("OPTIONS", {})}
    return config
