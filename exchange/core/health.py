"""Readiness checks behind ``/readyz``, ``search_index status`` and the admin panel.

Each check is a callable returning a ``Check``; ``settings.READINESS_CHECKS`` lists
them by dotted path, so an app contributes its own (search adds the engine and the
outbox) without this module importing it.
"""

from __future__ import annotations

import logging
import time
from dataclasses import asdict, dataclass, field

from django.conf import settings
from django.core.cache import caches
from django.db import connection
from django.utils import timezone
from django.utils.module_loading import import_string

logger = logging.getLogger("exchange.health")

# A waiting index event or task older than this is reported.
MAX_QUEUE_AGE_SECONDS = 5 * 60


@dataclass
class Check:
    name: str
    ok: bool
    detail: str = ""
    data: dict = field(default_factory=dict)

    def as_dict(self) -> dict:
        result = asdict(self)
        result["status"] = "ok" if self.ok else "error"
        return result


def check_database() -> Check:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception as error:
        return Check("database", False, f"database unreachable: {error}".strip())
    return Check("database", True)


def check_cache() -> Check:
    backend = caches["default"]
    key = "readyz:probe"
    value = str(time.time())
    try:
        backend.set(key, value, 30)
        read = backend.get(key)
    except Exception as error:
        return Check("cache", False, f"cache unreachable: {error}")
    if getattr(backend, "is_down", False):
        return Check(
            "cache", False, "Redis unreachable: the database cache answers meanwhile"
        )
    if read != value:
        return Check("cache", False, "cache does not keep what is written")
    return Check("cache", True)


def task_queue_state() -> dict:
    """How many tasks wait for the worker and how old the oldest one is (seconds).

    Only the database backend has a queue; the immediate backend runs tasks at once.
    """
    backend = settings.TASKS["default"]["BACKEND"]
    if not backend.startswith("django_tasks_db"):
        return {"backend": "immediate", "waiting": 0, "oldest_age": None}
    from django_tasks_db.models import DBTaskResult

    now = timezone.now()
    ready = DBTaskResult.objects.ready()
    waiting = ready.count()
    oldest_age = None
    for enqueued_at, run_after in ready.order_by("enqueued_at").values_list(
        "enqueued_at", "run_after"
    )[:100]:
        # A deferred task waits from its run_after on (9999-01-01: not deferred).
        since = run_after if run_after and run_after.year < 9999 else enqueued_at
        age = max(0.0, (now - since).total_seconds())
        oldest_age = age if oldest_age is None else max(oldest_age, age)
    return {"backend": "database", "waiting": waiting, "oldest_age": oldest_age}


def check_task_queue() -> Check:
    try:
        state = task_queue_state()
    except Exception as error:
        return Check("tasks", False, f"task queue unreadable: {error}")
    age = state["oldest_age"]
    if age is not None and age > MAX_QUEUE_AGE_SECONDS:
        return Check(
            "tasks",
            False,
            f"{state['waiting']} tasks waiting, the oldest for {int(age)} s: "
            "is the worker running?",
            state,
        )
    return Check("tasks", True, data=state)


def run_checks() -> list[Check]:
    checks = []
    for path in settings.READINESS_CHECKS:
        try:
            result = import_string(path)()
            checks.append(Check(**result) if isinstance(result, dict) else result)
        except Exception as error:  # a broken check is itself a finding
            logger.exception("Readiness check %s failed", path)
            checks.append(Check(path.rsplit(".", 1)[-1], False, str(error)))
    return checks
