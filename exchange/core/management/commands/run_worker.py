"""``manage.py run_worker``: django-tasks-db's ``db_worker`` that outlives outages.

The stock worker exits on the first database error (a PostgreSQL restart, a
dropped connection), and indexing and e-mail then stop until someone notices.
This wrapper takes the same options, and when the worker loop fails on a database
error it logs once, drops the broken connections, puts the task it was running
back in the queue (every task of the project is idempotent), waits (1 s doubling
to 30 s) and starts again. Signals (systemd stop) still end it at once.
"""

import contextlib
import logging
import time

from django.db import DatabaseError, InterfaceError, OperationalError, connections
from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand

logger = logging.getLogger("exchange.worker")

MAX_WAIT = 30.0


def requeue_claimed(worker_id: str) -> int:
    """Tasks this worker had claimed when it lost the database go back to READY."""
    from django_tasks_db.models import DBTaskResult

    running = DBTaskResult.objects.filter(status="RUNNING")
    ids = [
        pk
        for pk, worker_ids in running.values_list("pk", "worker_ids")
        if worker_id in (worker_ids or [])
    ]
    if not ids:
        return 0
    return DBTaskResult.objects.filter(pk__in=ids).update(status="READY")


class Command(DbWorkerCommand):
    help = "Run the database task worker; reconnect after database outages."

    def handle(self, *args, **options):
        wait = 1.0
        down_since = None
        while True:
            try:
                if down_since is not None:
                    connections.close_all()
                    requeued = requeue_claimed(options["worker_id"])
                    logger.warning(
                        "Database reachable again after %.0f s; worker restarts "
                        "(%s interrupted tasks queued again).",
                        time.monotonic() - down_since,
                        requeued,
                    )
                    down_since = None
                    wait = 1.0
                return super().handle(*args, **options)
            except (OperationalError, InterfaceError, DatabaseError) as error:
                if down_since is None:
                    down_since = time.monotonic()
                    logger.error(
                        "Worker lost the database (%s); retrying until it is back.",
                        str(error).strip().splitlines()[0] if str(error) else error,
                    )
                for connection in connections.all(initialized_only=True):
                    with contextlib.suppress(Exception):
                        connection.close()
                time.sleep(wait)
                wait = min(MAX_WAIT, wait * 2)
