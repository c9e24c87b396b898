"""``manage.py run_worker``: django-tasks-db's ``db_worker`` that outlives outages.

The stock worker exits on the first database error (a PostgreSQL restart, a
dropped connection), and indexing and e-mail then stop until someone notices.
This wrapper takes the same options, and when the worker loop fails on a database
error it logs once, drops the broken connections, puts the task it was running
back in the queue (every task of the project is idempotent), waits (1 s doubling
to 30 s) and starts again.

Signals (systemd's SIGTERM, Ctrl+C) always end it promptly: during the wait the
worker's own handler exits at once, and a stop asked for while a task was running
(the worker then finishes the task first) is remembered when that task fails on
the database, instead of being forgotten by the restarted loop.
"""

import contextlib
import gc
import logging
import os
import time

from django.core.management.base import CommandError
from django.db import DatabaseError, InterfaceError, OperationalError, connections
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV, run_with_reloader
from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand
from django_tasks_db.management.commands.db_worker import Worker

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

    worker: Worker | None = None

    def _new_worker(self, options) -> Worker:
        queue_names = options["queue_name"].split(",")
        excluded = (
            options["exclude_queues"].split(",") if options["exclude_queues"] else []
        )
        if excluded and "*" not in queue_names:
            raise CommandError("--exclude-queues can only be used with --queue-name=*")
        return Worker(
            queue_names=queue_names,
            interval=options["interval"],
            batch=options["batch"],
            backend_name=options["backend_name"],
            startup_delay=options["startup_delay"],
            max_tasks=options["max_tasks"],
            worker_id=options["worker_id"],
            excluded_queue_names=excluded,
        )

    def _run_worker(self, options) -> None:
        """One run of the stock worker loop, keeping the worker to read its state."""
        self.worker = self._new_worker(options)
        if options["reload"] and not options["batch"]:
            if os.environ.get(DJANGO_AUTORELOAD_ENV) == "true":
                self.worker.configure_signals()
            run_with_reloader(self.worker.run)
            return
        self.worker.configure_signals()
        self.worker.run()

    def run_from_argv(self, argv):
        # Started as a process (not call_command): everything loaded so far lives as
        # long as the process, so keep it out of the collector; the collection at
        # exit (seconds under load) is then short and a SIGTERM ends it promptly.
        gc.freeze()
        return super().run_from_argv(argv)

    def stop_requested(self) -> bool:
        """A signal arrived while a task ran: the worker meant to stop after it."""
        return self.worker is not None and not self.worker.running

    def handle(self, *args, **options):
        self.configure_logging(options["verbosity"])
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
                return self._run_worker(options)
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
                if self.stop_requested():
                    logger.warning(
                        "Worker stopped on request while the database was away."
                    )
                    return None
                # The worker's signal handlers stay installed: a SIGTERM during this
                # wait ends the process at once (sys.exit from the handler).
                time.sleep(wait)
                wait = min(MAX_WAIT, wait * 2)
