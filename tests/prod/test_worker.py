"""Issue 13, item 3: the worker never dies quietly.

``run_worker`` outlives database errors (the real PostgreSQL restart is in
tests/faults/run_faults.py); the outbox and the task queue age show in
``search_index status`` and on the coordinators' admin dashboard.
"""

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import OperationalError
from django.test import override_settings
from django.utils import timezone

from search.models import DocType, IndexAction, IndexEvent

pytestmark = pytest.mark.django_db

DB_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def _old_event():
    event = IndexEvent.objects.create(
        doc_type=DocType.values[0], object_key="7", action=IndexAction.UPSERT
    )
    IndexEvent.objects.filter(pk=event.pk).update(
        created_at=timezone.now() - timedelta(minutes=9)
    )


def test_search_index_status_reports_outbox_and_task_age():
    from django_tasks_db.models import DBTaskResult

    from search.tasks import process_index_events

    _old_event()
    out, err = io.StringIO(), io.StringIO()
    with override_settings(TASKS=DB_TASKS):
        process_index_events.enqueue()
        DBTaskResult.objects.update(enqueued_at=timezone.now() - timedelta(minutes=6))
        with pytest.raises(SystemExit) as exit_info:
            call_command("search_index", "status", stdout=out, stderr=err)
    assert exit_info.value.code == 2
    assert "1 index events waiting, the oldest for 5" in out.getvalue()
    assert "1 tasks waiting, the oldest for 3" in out.getvalue()
    assert "older than 5 minutes" in err.getvalue()
    assert "more than 5 minutes" in err.getvalue()


def test_search_index_status_is_quiet_when_all_flows():
    out = io.StringIO()
    call_command("search_index", "status", stdout=out)
    assert "0 index events waiting." in out.getvalue()


def test_coordinators_dashboard_shows_an_old_outbox(client_for, coordinator):
    _old_event()
    response = client_for(coordinator).get("/admin/")
    assert response.status_code == 200
    html = response.content.decode()
    assert "Background work" in html
    assert "index events waiting, the oldest for" in html


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_run_worker_survives_database_errors_and_requeues_its_task(monkeypatch):
    # Transactional: on PostgreSQL an error inside the test's own transaction would
    # abort it, and every later query of the worker would fail for that reason.
    from django_tasks_db.management.commands import db_worker
    from django_tasks_db.models import DBTaskResult

    from exchange.core.management.commands import run_worker
    from search.tasks import process_index_events

    monkeypatch.setattr(run_worker.time, "sleep", lambda seconds: None)
    calls = {"n": 0}
    original_run = db_worker.Worker.run

    def flaky_run(self):
        calls["n"] += 1
        if calls["n"] <= 2:
            # The worker had claimed a task when the database went away.
            DBTaskResult.objects.update(status="RUNNING", worker_ids=[self.worker_id])
            raise OperationalError("server closed the connection unexpectedly")
        return original_run(self)

    monkeypatch.setattr(db_worker.Worker, "run", flaky_run)
    with override_settings(TASKS=DB_TASKS):
        process_index_events.enqueue()
        call_command(
            "run_worker",
            "--batch",
            "--no-startup-delay",
            "--worker-id",
            "w1",
            "--interval",
            "0",
            verbosity=0,
        )
    assert calls["n"] == 3
    assert DBTaskResult.objects.get().status == "SUCCESSFUL"


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_run_worker_keeps_a_stop_asked_for_during_a_task_that_loses_the_database(
    monkeypatch,
):
    # systemd sends one SIGTERM: the worker finishes the task it runs first. When
    # that task then fails on the database, the stop must not be forgotten by the
    # restarted loop (before: it looped on, until systemd's SIGKILL).
    import signal

    from django_tasks_db.management.commands import db_worker

    from exchange.core.management.commands import run_worker

    monkeypatch.setattr(run_worker.time, "sleep", lambda seconds: None)
    calls = {"n": 0}

    def run_during_outage(self):
        calls["n"] += 1
        if calls["n"] > 20:
            raise RuntimeError("the worker looped on after SIGTERM")
        self.running_task = True
        self.shutdown(signal.SIGTERM, None)  # arrives while the task runs
        self.running_task = False
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(db_worker.Worker, "run", run_during_outage)
    monkeypatch.setattr(db_worker.Worker, "configure_signals", lambda self: None)
    with override_settings(TASKS=DB_TASKS):
        call_command(
            "run_worker",
            "--no-startup-delay",
            "--no-reload",
            "--interval",
            "0",
            verbosity=0,
        )
    assert calls["n"] == 1


def test_run_worker_ends_promptly_on_sigterm_while_the_database_is_down(tmp_path):
    # A real process: the database refuses connections, the worker retries, and a
    # SIGTERM ends it with a clean exit within seconds (not systemd's stop timeout).
    import os
    import signal
    import subprocess
    import sys
    import time
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("DJANGO_", "DATABASE_", "TASKS_"))
    }
    env.update(
        DJANGO_SETTINGS_MODULE="exchange.settings.dev",
        DATABASE_URL="postgres://postgres@127.0.0.1:1/unreachable",
        TASKS_BACKEND="database",
        VAR_DIR=str(tmp_path),
    )
    log = tmp_path / "worker.log"
    with open(log, "w") as out:
        worker = subprocess.Popen(
            [
                sys.executable,
                "manage.py",
                "run_worker",
                "--interval",
                "0.1",
                "--no-startup-delay",
                "--no-reload",
            ],
            cwd=root,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + 30
        while "lost the database" not in log.read_text():
            assert worker.poll() is None, log.read_text()
            assert time.monotonic() < deadline, log.read_text()
            time.sleep(0.1)
        time.sleep(1.5)  # now inside the retry wait
        worker.send_signal(signal.SIGTERM)
        stopped = time.monotonic()
        assert worker.wait(timeout=15) == 0
        assert time.monotonic() - stopped < 10
    finally:
        if worker.poll() is None:
            worker.kill()
            worker.wait()


def test_writes_share_one_queued_index_run_instead_of_one_each(
    django_capture_on_commit_callbacks,
):
    # Under load every write queued its own run, and e-mails waited behind
    # thousands of duplicates. A run not yet started reads every event committed
    # before it, so writes meanwhile add none; once a worker has started it, the
    # next write queues a new one (the started run may have read the outbox).
    from django_tasks_db.models import DBTaskResult

    from search.indexing import record_event

    doc_type = DocType.values[0]
    with override_settings(TASKS=DB_TASKS):
        for key in range(5):
            with django_capture_on_commit_callbacks(execute=True):
                record_event(doc_type, key)
        assert DBTaskResult.objects.count() == 1
        assert IndexEvent.objects.count() == 5

        DBTaskResult.objects.update(status="RUNNING")
        with django_capture_on_commit_callbacks(execute=True):
            record_event(doc_type, 99)
        assert DBTaskResult.objects.filter(status="READY").count() == 1
        assert DBTaskResult.objects.count() == 2
