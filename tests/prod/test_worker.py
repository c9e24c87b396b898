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
