"""From content to index: documents, the outbox, replay and full rebuilds."""

import logging
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime

from django.db import connection, transaction

from .analysis import analyse, is_stop_word, stem, words
from .engines import engines_to_write
from .engines.base import AUDIENCE_PREFIX, EngineError, facet_key, key_token
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
    # A short description weighted between the title and the body; when it is
    # also in ``body`` the snippet can still show it.
    summary: str = ""
    audience: str = Audience.MEMBERS
    # (facet name, value): ("theme", "housing"), ("region", "wallonia")...
    facets: list[tuple[str, str]] = field(default_factory=list)
    published_at: datetime | None = None
    popularity: float = 0.0


def title_tokens(title: str, language: str) -> str:
    """Title stems, then the unstemmed words (for prefix suggestions while typing)."""
    return _title_tokens(words(title), language)


def _title_tokens(title_words: list[str], language: str) -> str:
    stems = _stems(title_words, language)
    raw = [w for w in dict.fromkeys(title_words) if w not in stems]
    return " ".join(stems + raw)


def _stems(tokens: list[str], language: str) -> list[str]:
    """``analyse`` of a text whose ``words`` are ``tokens`` (each text of a
    document is split once, for its index columns and the vocabulary)."""
    return [stem(w, language) for w in tokens if not is_stop_word(w, language)]


def build_document(item: IndexItem) -> SearchDocument:
    """An unsaved SearchDocument with analysed columns and facet keys."""
    language = item.language if item.language in ("nl", "fr", "de", "en") else "en"
    if item.audience not in Audience.values:
        # Each item holds exactly one audience key: the embedded engine relies on it
        # to leave a member's search unfiltered (``embedded.match_filter_keys``).
        raise ValueError(f"Unknown audience {item.audience!r} for {item.object_key}")
    keys = [
        f"type:{item.doc_type}",
        f"lang:{language}",
        f"{AUDIENCE_PREFIX}:{item.audience}",
    ]
    keys += [facet_key(f, str(v)) for f, v in item.facets if v not in (None, "")]
    keys = list(dict.fromkeys(keys))
    title_words, body_words = words(item.title), words(item.body)
    document = SearchDocument(
        doc_type=item.doc_type,
        object_key=str(item.object_key),
        language=language,
        title=item.title[:500],
        body=item.body,
        summary=item.summary,
        url=item.url,
        audience=item.audience,
        facet_keys=keys,
        index_title=_title_tokens(title_words, language),
        index_body=" ".join(_stems(body_words, language)),
        index_summary=" ".join(analyse(item.summary, language)),
        index_keys=" ".join(key_token(k) for k in keys),
        published_at=item.published_at,
        popularity=item.popularity,
    )
    # The words of the title and body, for the vocabulary (spelling suggestions).
    if len(item.title) > 500:  # the stored title is cut
        title_words = words(document.title)
    document.vocabulary = set(title_words) | set(body_words)
    return document


def vocabulary_of(document: SearchDocument) -> set[str]:
    found = getattr(document, "vocabulary", None)
    if found is None:
        found = set(words(document.title)) | set(words(document.body))
    return found


def add_to_vocabulary(documents: list[SearchDocument]) -> None:
    counts: Counter = Counter()
    for document in documents:
        counts.update(vocabulary_of(document))
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
        if not _processing_queued(process_index_events):
            process_index_events.enqueue()
    except Exception:  # the events stay in the outbox; `search_index sync` replays
        logger.exception("Could not enqueue search index processing")


def _processing_queued(task) -> bool:
    """A queued run that no worker has started yet reads every event committed
    before it starts, so a write needs no run of its own (writes under load queued
    thousands of duplicates that kept e-mails waiting). A run already started may
    have read the outbox before this event: then a new run is queued."""
    from django_tasks_db.backend import DatabaseBackend
    from django_tasks_db.models import DBTaskResult

    backend = task.get_backend()
    if not isinstance(backend, DatabaseBackend):
        return False
    return (
        DBTaskResult.objects.ready()
        .filter(
            task_path=task.module_path,
            backend_name=backend.alias,
            queue_name=task.queue_name,
        )
        .exists()
    )


def apply_pending_events(*, limit: int | None = None) -> tuple[int, int]:
    """Apply outbox events in order to every engine; returns (applied, left).

    Each engine is written on its own: an event is removed once every engine has
    it, and an engine that fails (a cluster down or hung: its breaker then fails it
    at once) keeps its events for the next run while the others, the embedded index
    always among them, go on receiving theirs. An engine that failed gets no later
    event in this run, so each engine sees its events in order."""
    from .adapters import get_adapter

    events = list(IndexEvent.objects.order_by("id")[: limit or 10_000])
    if not events:
        return 0, 0
    by_key: dict[tuple[str, str], list[IndexEvent]] = {}
    for event in events:
        by_key.setdefault((event.doc_type, event.object_key), []).append(event)
    engines = engines_to_write()
    failed: dict[str, Exception] = {}
    done_ids, changed = [], []
    for (doc_type, object_key), group in by_key.items():
        latest = group[-1]
        already = set.intersection(*(set(e.done_engines.split()) for e in group))
        wanted = [e for e in engines if e.name not in already]
        document = None
        if latest.action == IndexAction.UPSERT and any(
            e.name not in failed for e in wanted
        ):
            adapter = get_adapter(doc_type)
            if adapter is not None:
                document = adapter.document_for_key(object_key)
        done, attempted = set(already), False
        for engine in wanted:
            if engine.name in failed:
                continue
            attempted = True
            try:
                if document is None:
                    engine.delete([(doc_type, object_key)])
                else:
                    engine.upsert([document])
            except Exception as error:
                logger.warning(
                    "Search indexing on %s failed, will retry: %s", engine.name, error
                )
                failed[engine.name] = error
                continue
            done.add(engine.name)
        if document is not None and done - already:
            add_to_vocabulary([document])
        if all(e.name in done for e in engines):
            done_ids += [e.id for e in group]
            continue
        if not attempted:  # only engines that already failed in this run: as is
            continue
        errors = "; ".join(f"{name}: {error}" for name, error in failed.items())
        for event in group:
            event.done_engines = " ".join(sorted(done))
            event.attempts += 1
            event.last_error = errors[:2000]
            changed.append(event)
    IndexEvent.objects.filter(id__in=done_ids).delete()
    if changed:
        IndexEvent.objects.bulk_update(
            changed, ["done_engines", "attempts", "last_error"], batch_size=500
        )
    return len(done_ids), IndexEvent.objects.count()


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


def rebuild(stdout=None, documents=None, engines=None) -> int:
    """Reindex everything into every engine. The embedded index is replaced in one
    transaction (readers see the old one until commit); a cluster gets new indexes
    and an alias swap. A cluster that fails is left as it was (its old indexes keep
    answering) and ``EngineError`` is raised after the rest has been committed.

    Each document is built once and given to every engine; a cluster indexes one
    batch while the next is built (its sending thread). ``engines`` rebuilds only
    some of the engines (``tests/bench`` times a cluster alone this way); the
    outbox is then kept, since the others still need its events."""
    started = time.monotonic()
    every = engines_to_write()
    if engines is None:
        engines = every
    batches = documents if documents is not None else iter_documents(stdout)
    total = 0
    failures: dict[str, EngineError] = {}

    def attempt(engine, step, *args):
        try:
            return step(*args)
        except EngineError as error:
            logger.error("Rebuild of %s failed: %s", engine.name, error)
            failures[engine.name] = error
            return None

    rebuilt = {engine.name for engine in engines}
    with transaction.atomic():
        if rebuilt >= {engine.name for engine in every}:
            IndexEvent.objects.all().delete()  # the rebuild covers them
        Term.objects.all().delete()
        tokens = {}
        for engine in engines:
            token = attempt(engine, engine.begin_rebuild)
            if engine.name not in failures:
                tokens[engine.name] = (engine, token)
        vocabulary: Counter = Counter()
        for batch in batches:
            for name, (engine, token) in list(tokens.items()):
                attempt(engine, engine.bulk_index, batch, token)
                if name in failures:
                    engine.abort_rebuild(token)
                    del tokens[name]
            for document in batch:
                vocabulary.update(vocabulary_of(document))
            total += len(batch)
        Term.objects.bulk_create(
            [
                Term(term=t, length=len(t), doc_count=c)
                for t, c in vocabulary.items()
                if 3 <= len(t) <= 40 and not t.isdigit()
            ],
            batch_size=BATCH_SIZE,
        )
        for engine, token in tokens.values():
            attempt(engine, engine.finish_rebuild, token)
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
    if failures:
        raise EngineError(
            "Not rebuilt: " + "; ".join(f"{n}: {e}" for n, e in failures.items())
        )
    return total


# --- reconciling -------------------------------------------------------------------
@dataclass
class Drift:
    engine: str
    missing: list[tuple[str, str]]  # in the database, not in the engine
    stale: list[tuple[str, str]]  # in the engine but changed or gone since

    @property
    def ok(self) -> bool:
        return not self.missing and not self.stale


def verify() -> list[Drift]:
    """Compare every engine with what the database says it should hold (the
    adapters' documents): missing documents, and stale ones (changed since they
    were indexed, or no longer indexable). Raises EngineError when an engine
    cannot be read."""
    from .engines.base import document_fingerprint

    expected = {
        (d.doc_type, d.object_key): document_fingerprint(d)
        for batch in iter_documents()
        for d in batch
    }
    drifts = []
    for engine in engines_to_write():
        found = engine.indexed_keys()
        missing = sorted(set(expected) - set(found))
        stale = sorted(
            key
            for key, fingerprint in found.items()
            if expected.get(key) != fingerprint
        )
        drifts.append(Drift(engine.name, missing, stale))
    return drifts
