"""Indexing that loses nothing: outbox rows, retries, replay and rebuild."""

from io import StringIO
from unittest import mock

import pytest
from django.core.management import call_command

from search.engines import configured_name
from search.engines.embedded import EmbeddedEngine
from search.indexing import IndexItem, apply_pending_events, record_event
from search.models import IndexEvent, SearchDocument
from search.service import search
from tests.search.conftest import FIXTURES

pytestmark = pytest.mark.django_db


def fake_adapter(items):
    """An adapter whose objects are the given IndexItems, by key."""
    from search.indexing import build_document

    adapter = mock.MagicMock()
    adapter.document_for_key.side_effect = lambda key: (
        build_document(items[key]) if key in items else None
    )
    return adapter


def test_event_is_recorded_in_the_transaction_and_applied_after_commit(
    django_capture_on_commit_callbacks,
):
    items = {"101": FIXTURES[0]}
    adapter = fake_adapter(items)
    with (
        mock.patch("search.adapters.get_adapter", return_value=adapter),
        django_capture_on_commit_callbacks(execute=True),
    ):
        record_event("practice", "101")
        assert IndexEvent.objects.count() == 1
        assert not SearchDocument.objects.exists()
    assert SearchDocument.objects.filter(object_key="101").exists()
    assert not IndexEvent.objects.exists()


def test_engine_down_mid_stream_loses_no_change(django_capture_on_commit_callbacks):
    items = {
        str(100 + i): IndexItem(
            doc_type="practice",
            object_key=str(100 + i),
            language="nl",
            title=f"Praktijk nummer {i}",
            body="tolk",
            url=f"/nl/p/{i}/",
            audience="public",
        )
        for i in range(10)
    }
    real_upsert = EmbeddedEngine.upsert
    calls = {"n": 0}

    def flaky(self, documents):
        calls["n"] += 1
        if calls["n"] > 3:
            raise ConnectionError("engine stopped")
        return real_upsert(self, documents)

    with mock.patch("search.adapters.get_adapter", return_value=fake_adapter(items)):
        with mock.patch.object(EmbeddedEngine, "upsert", flaky):
            for key in items:
                with django_capture_on_commit_callbacks(execute=True):
                    record_event("practice", key)
        assert SearchDocument.objects.count() == 3
        waiting = IndexEvent.objects.all()
        assert waiting.count() == 7
        first = waiting.first()
        assert first.attempts >= 1 and "engine stopped" in first.last_error
        # The engine is back: the replay brings every change.
        out = StringIO()
        call_command("search_index", "sync", stdout=out)
    assert SearchDocument.objects.count() == 10
    assert not IndexEvent.objects.exists()
    assert "Applied 7" in out.getvalue()


def test_delete_event_removes_the_document():
    items = {"101": FIXTURES[0]}
    with mock.patch("search.adapters.get_adapter", return_value=fake_adapter(items)):
        IndexEvent.objects.create(
            doc_type="practice", object_key="101", action="upsert"
        )
        apply_pending_events()
        assert search("interprète", language="fr").total == 1
        IndexEvent.objects.create(
            doc_type="practice", object_key="101", action="delete"
        )
        apply_pending_events()
    assert search("interprète", language="fr").total == 0


def test_object_that_stopped_being_indexable_is_removed():
    items = {"101": FIXTURES[0]}
    adapter = fake_adapter(items)
    with mock.patch("search.adapters.get_adapter", return_value=adapter):
        IndexEvent.objects.create(
            doc_type="practice", object_key="101", action="upsert"
        )
        apply_pending_events()
        items.clear()  # unpublished: the adapter returns no document any more
        IndexEvent.objects.create(
            doc_type="practice", object_key="101", action="upsert"
        )
        apply_pending_events()
    assert not SearchDocument.objects.exists()


def test_rebuild_prints_progress_and_replaces_the_index():
    from search.indexing import build_document

    out = StringIO()
    SearchDocument.objects.create(
        doc_type="practice",
        object_key="old",
        language="en",
        title="Stale",
        url="/",
        audience="public",
    )
    with mock.patch(
        "search.indexing.iter_documents",
        return_value=iter([[build_document(i) for i in FIXTURES]]),
    ):
        call_command("search_index", "rebuild", stdout=out)
    assert "Indexed 7 documents" in out.getvalue()
    assert not SearchDocument.objects.filter(object_key="old").exists()
    assert search("tolk", language="nl").total >= 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_rebuild_outside_a_transaction_tidies_up_and_searches_at_once():
    """As run by `manage.py search_index rebuild` in production: autocommit, so on
    PostgreSQL the rebuild ends with VACUUM, which cannot run in a transaction."""
    from search.indexing import build_document, rebuild

    for _ in range(2):  # the second run replaces the first run's rows
        rebuild(documents=iter([[build_document(i) for i in FIXTURES]]))
    assert SearchDocument.objects.count() == len(FIXTURES)
    response = search("tolk", language="nl")
    assert response.total >= 1
    assert response.engine == configured_name()
