"""The query log, written in batches.

A search adds its row to this process's batch; the batch is written in one
statement once it holds ``SEARCH_LOG_BATCH`` rows or its first row is
``SEARCH_LOG_SECONDS`` old (checked at the next search), when a report of the log
is read in this process, and when the process exits. Each search then costs no
write of its own (a write transaction per search was about a twentieth of an API
search on SQLite). A crash loses at most one batch of a process's rows; each row
keeps the time of its search."""

import atexit
import logging
import threading
import time

from django.conf import settings
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from .models import QueryLog

logger = logging.getLogger(__name__)

_lock = threading.Lock()
_rows: list[tuple] = []
_started = [0.0]  # when the batch's first row was added (time.monotonic())
_SQL: list[str] = []  # the INSERT statement, built once


def _insert_sql() -> str:
    if not _SQL:
        quote = connection.ops.quote_name
        fields = ("query", "language", "result_count", "engine", "created_at")
        columns = ", ".join(quote(QueryLog._meta.get_field(f).column) for f in fields)
        _SQL.append(
            f"INSERT INTO {quote(QueryLog._meta.db_table)} ({columns})"  # noqa: S608
            f" VALUES ({', '.join(['%s'] * len(fields))})"
        )
    return _SQL[0]


def record(query: str, language: str, result_count: int, engine: str) -> None:
    """Add one search to the log (written with its batch)."""
    now = time.monotonic()
    with _lock:
        if not _rows:
            _started[0] = now
        _rows.append((query[:200], language, result_count, engine, timezone.now()))
        due = (
            len(_rows) >= settings.SEARCH_LOG_BATCH
            or now - _started[0] >= settings.SEARCH_LOG_SECONDS
        )
    if due:
        flush()


def flush() -> None:
    """Write this process's batch now (before a report reads the log)."""
    with _lock:
        rows = list(_rows)
        _rows.clear()
    if not rows:
        return
    adapt = connection.ops.adapt_datetimefield_value
    try:  # in a savepoint: a failure leaves a caller's transaction usable
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.executemany(
                _insert_sql(), [(*row[:4], adapt(row[4])) for row in rows]
            )
    except DatabaseError as error:  # the log must never break a search
        logger.warning("%s searches were not logged: %s", len(rows), error)


atexit.register(flush)
