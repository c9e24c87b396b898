"""From content to index: documents, the outbox, replay and full rebuilds."""

import logging
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime

from django.conf import settings
from django.db import connection, transaction

from .analysis import analyse, words
from .engines.base import AUDIENCE_PREFIX, facet_key, key_token
from .models import Audience, IndexAction, IndexEvent, SearchDocument, Term

logger = logging.getLogger(__name__)
BATCH_SIZE = 1000
GIN_INDEXES = (
    "search_document_vector",
    "search_document_title",
    "search_document_facets",
)


@dataclass
class IndexItem:
    """What an adapter says about one object; engine-neutral."""

    doc_type: str
    object_key: str
    language: str
    title: str
    body: str
    url: str
    audience: str = Audience.MEMBERS
    # (facet name, value): ("theme", "housing"), ("region", "wallonia")...
    facets: list[tuple[str, str]] = field(default_factory=list)
    published_at: datetime | None = None
    popularity: float = 0.0


def title_tokens(title: str, language: str) -> str:
    """Title stems, then the unstemmed words (for prefix suggestions while typing)."""
    stems = analyse(title, language)
    raw = [w for w in dict.fromkeys(words(title)) if w not in stems]
    return " ".join(stems + raw)


def build_document(item: IndexItem) -> SearchDocument:
    """An unsaved SearchDocument with analysed columns and facet keys."""
    language = item.language if item.language in ("nl", "fr", "de", "en") else "en"
    keys = [
        f"type:{item.doc_type}",
        f"lang:{language}",
        f"{AUDIENCE_PREFIX}:{item.audience}",
    ]
    keys += [facet_key(f, str(v)) for f, v in item.facets if v not in (None, "")]
    keys = list(dict.fromkeys(keys))
    return SearchDocument(
        doc_type=item.doc_type,
        object_key=str(item.object_key),
        language=language,
        title=item.title[:500],
        body=item.body,
        url=item.url,
        audience=item.audience,
        facet_keys=keys,
        index_title=title_tokens(item.title, language),
        index_body=" ".join(analyse(item.body, language)),
        index_keys=" ".join(key_token(k) for k in keys),
        published_at=item.published_at,
        popularity=item.popularity,
    )


def engines_to_write():
    """The embedded index always (it is the fallback); Elasticsearch when configured."""
    from .engines.embedded import EmbeddedEngine

    engines = [EmbeddedEngine()]
    if getattr(settings, "SEARCH_ENGINE", "embedded") == "elasticsearch":
        from .engines.elasticsearch import ElasticsearchEngine

        engines.append(ElasticsearchEngine())
    return engines


def add_to_vocabulary(documents: list[SearchDocument]) -> None:
    counts: Counter = Counter()
    for document in documents:
        counts.update(set(words(document.title)) | set(words(document.body)))
    new = [
        Term(term=t, length=len(t), doc_count=c)
        for t, c in counts.items()
        if 3 <= len(t) <= 40 and not t.isdigit()
    ]
    Term.objects.bulk_create(new, ignore_conflicts=True, batch_size=BATCH_SIZE)


# --- the outbox --------------------------------------------------------------------
def record_event(doc_type: str, object_key, action: str = IndexAction.UPSERT) -> None:
    """Write an outbox row in the current transaction; push it after commit."""
    IndexEvent.objects.create(
        doc_type=doc_type, object_key=str(object_key), action=action
    )
    transaction.on_commit(enqueue_processing)


def enqueue_processing() -> None:
    from .tasks import process_index_events

    try:
        process_index_events.enqueue()
    except Exception:  # the events stay in the outbox; `search_index sync` replays
        logger.exception("Could not enqueue search index processing")


def apply_pending_events(*, limit: int | None = None) -> tuple[int, int]:
    """Apply outbox events in order; returns (applied, left). Stops at an error."""
    from .adapters import get_adapter

    events = list(IndexEvent.objects.order_by("id")[: limit or 10_000])
    if not events:
        return 0, 0
    latest: dict[tuple[str, str], IndexEvent] = {}
    for event in events:
        latest[(event.doc_type, event.object_key)] = event
    engines = engines_to_write()
    applied_ids = []
    for (doc_type, object_key), event in latest.items():
        ids = [
            e.id for e in events if (e.doc_type, e.object_key) == (doc_type, object_key)
        ]
        try:
            document = None
            adapter = get_adapter(doc_type)
            if event.action == IndexAction.UPSERT and adapter is not None:
                document = adapter.document_for_key(object_key)
            for engine in engines:
                if document is None:
                    engine.delete([(doc_type, object_key)])
                else:
                    engine.upsert([document])
            if document is not None:
                add_to_vocabulary([document])
        except Exception as error:
            logger.warning("Search indexing failed, will retry: %s", error)
            IndexEvent.objects.filter(id__in=ids).update(
                attempts=event.attempts + 1, last_error=str(error)[:2000]
            )
            break
        applied_ids += ids
    IndexEvent.objects.filter(id__in=applied_ids).delete()
    return len(applied_ids), IndexEvent.objects.count()


# --- full rebuild ------------------------------------------------------------------
def iter_documents(stdout=None):
    """Every indexable object of every type, as batches of SearchDocuments."""
    from .adapters import all_adapters

    for adapter in all_adapters():
        if adapter.model() is None:
            continue
        started, count, batch = time.monotonic(), 0, []
        for item in adapter.iter_items():
            batch.append(build_document(item))
            if len(batch) >= BATCH_SIZE:
                count += len(batch)
                yield batch
                batch = []
                if stdout is not None:
                    stdout.write(f"  {adapter.doc_type}: {count} …")
        if batch:
            count += len(batch)
            yield batch
        if stdout is not None:
            elapsed = time.monotonic() - started
            stdout.write(f"{adapter.doc_type}: {count} documents in {elapsed:.1f} s")


def _suspend_fts_triggers() -> list[str]:
    """Drop the FTS5 sync triggers (inside the rebuild's transaction): a bulk load
    followed by one FTS5 'rebuild' is much faster than a trigger per row."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name, sql FROM sqlite_master"
            " WHERE type = 'trigger' AND tbl_name = 'search_searchdocument'"
        )
        triggers = cursor.fetchall()
        for name, _sql in triggers:
            cursor.execute(f'DROP TRIGGER "{name}"')
        cursor.execute("INSERT INTO search_fts(search_fts) VALUES ('delete-all')")
    return [sql for _name, sql in triggers]


def _resume_fts_triggers(statements: list[str]) -> None:
    with connection.cursor() as cursor:
        cursor.execute("INSERT INTO search_fts(search_fts) VALUES ('rebuild')")
        for statement in statements:
            cursor.execute(statement)


def rebuild(stdout=None, documents=None) -> int:
    """Reindex everything. The embedded index is replaced in one transaction (readers
    see the old one until commit); Elasticsearch gets a new index and an alias swap."""
    started = time.monotonic()
    batches = documents if documents is not None else iter_documents(stdout)
    engines = engines_to_write()
    elastic = [e for e in engines if e.name == "elasticsearch"]
    total = 0
    sqlite = connection.vendor == "sqlite"
    with transaction.atomic():
        IndexEvent.objects.all().delete()  # the rebuild covers them
        triggers = _suspend_fts_triggers() if sqlite else []
        SearchDocument.objects.all().delete()
        Term.objects.all().delete()
        new_indexes = [engine.begin_rebuild() for engine in elastic]
        vocabulary: Counter = Counter()
        for batch in batches:
            SearchDocument.objects.bulk_create(batch, batch_size=BATCH_SIZE)
            for document in batch:
                vocabulary.update(
                    set(words(document.title)) | set(words(document.body))
                )
            for engine, index in zip(elastic, new_indexes, strict=True):
                engine.bulk_index(batch, index=index)
            total += len(batch)
        Term.objects.bulk_create(
            [
                Term(term=t, length=len(t), doc_count=c)
                for t, c in vocabulary.items()
                if 3 <= len(t) <= 40 and not t.isdigit()
            ],
            batch_size=BATCH_SIZE,
        )
        if sqlite:
            _resume_fts_triggers(triggers)
        for engine, index in zip(elastic, new_indexes, strict=True):
            engine.finish_rebuild(index)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql" and not connection.in_atomic_block:
            # VACUUM merges the GIN pending lists (which every search would scan
            # linearly), frees the rows the rebuild replaced, and marks the pages
            # all-visible, so counting matches needs no visit to the rows.
            cursor.execute("VACUUM (ANALYZE) search_searchdocument")
        elif connection.vendor == "postgresql":  # inside a caller's transaction
            for index in GIN_INDEXES:
                cursor.execute("SELECT gin_clean_pending_list(%s::regclass)", [index])
            cursor.execute("ANALYZE search_searchdocument")
        else:
            cursor.execute("ANALYZE search_searchdocument")
    if stdout is not None:
        elapsed = time.monotonic() - started
        rate = total / elapsed if elapsed else total
        stdout.write(f"Indexed {total} documents in {elapsed:.1f} s ({rate:.0f}/s).")
    return total
