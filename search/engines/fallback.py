"""A cluster engine with the embedded engine behind it.

Every read goes to the cluster engine first; when it raises ``EngineError`` (down,
timeout, bad answer, or its circuit breaker open: then at once) the embedded
engine, which always holds the whole index, answers and the result says so. The
breaker logs its state changes; a fallback itself is not logged per search.
"""

import logging

from .base import EngineError, EngineResult, SearchEngine, SearchRequest

logger = logging.getLogger("search.engines")
FALLBACK_SUFFIX = " (fallback)"


class FallbackEngine:
    def __init__(self, primary: SearchEngine, fallback: SearchEngine):
        self.primary = primary
        self.fallback = fallback
        self.name = primary.name
        self.primary_failed = False

    def _read(self, what: str, ask):
        if not self.primary_failed:
            try:
                return ask(self.primary)
            except EngineError as error:
                # Once per wrapper (one per request): a request pays one timeout.
                self.primary_failed = True
                logger.debug("%s failed on %s: %s", self.primary.name, what, error)
        answer = ask(self.fallback)
        if isinstance(answer, EngineResult):
            answer.engine = self.fallback.name + FALLBACK_SUFFIX
        return answer

    def ping(self) -> bool:
        return self.primary.ping()

    def search(self, request: SearchRequest) -> EngineResult:
        return self._read("a search", lambda engine: engine.search(request))

    def similar(self, document, request: SearchRequest) -> EngineResult:
        return self._read(
            "similar items", lambda engine: engine.similar(document, request)
        )

    def suggest(self, text: str, audiences, *, limit: int = 8):
        return self._read(
            "suggestions", lambda engine: engine.suggest(text, audiences, limit=limit)
        )

    # Writes, rebuilds and the thesaurus belong to each engine on its own (see
    # ``engines_to_write``); through this wrapper they reach the cluster.
    def upsert(self, documents) -> None:
        self.primary.upsert(documents)

    def delete(self, keys) -> None:
        self.primary.delete(keys)

    def begin_rebuild(self):
        return self.primary.begin_rebuild()

    def bulk_index(self, documents, index) -> None:
        self.primary.bulk_index(documents, index)

    def finish_rebuild(self, index) -> None:
        self.primary.finish_rebuild(index)

    def abort_rebuild(self, index) -> None:
        self.primary.abort_rebuild(index)

    def put_synonyms(self) -> None:
        self.primary.put_synonyms()

    def indexed_keys(self):
        return self.primary.indexed_keys()
