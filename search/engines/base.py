"""What every engine receives and returns."""

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

from ..query import ParsedQuery

if TYPE_CHECKING:
    from ..models import SearchDocument

# Facet name -> prefix of its keys in SearchDocument.facet_keys.
FACETS = {
    "type": "type",
    "theme": "theme",
    "target_group": "target",
    "region": "region",
    "province": "province",
    "municipality": "municipality",
    "language": "lang",
}
AUDIENCE_PREFIX = "aud"

# Relevance weight per type, multiplied into the text score by every engine. A
# specialist's document is short and lists theme and place names in four languages,
# so a theme word ("housing", "leefloon") would otherwise rank every specialist of
# that theme above the practices and questions about it; a person's name still finds
# the person (nothing else matches it). Curated practices first, answers after the
# questions they answer.
TYPE_WEIGHTS = {
    "practice": 1.25,
    "collection": 1.0,
    "question": 1.0,
    "answer": 0.8,
    "specialist": 0.4,
}


def type_weight_sql(column: str = "doc_type") -> str:
    """``CASE`` expression giving TYPE_WEIGHTS for ``column`` (fixed SQL)."""
    cases = " ".join(f"WHEN '{t}' THEN {w}" for t, w in TYPE_WEIGHTS.items())
    return f"(CASE {column} {cases} ELSE 1.0 END)"


def facet_key(facet: str, value: str) -> str:
    return f"{FACETS.get(facet, facet)}:{value}"


def key_token(key: str) -> str:
    """A facet key as one full-text token: "theme:a-b" -> "theme_a_b"."""
    return re.sub(r"[^a-z0-9]", "_", key.lower())


def minimum_should_match(groups: int) -> int:
    """How many of a query's groups (words or concepts) a document must match.

    Every group is preferred (the text score adds up what each matched group is
    worth, and engines rank the documents holding every group first) but from two
    groups on only half of them are required, rounded up. One weak document that
    happens to hold every word can then no longer hide the documents that hold the
    words that matter, and a query mixing thesaurus concepts (which match in every
    language) with words of one language still finds the documents in the others.
    Elasticsearch and OpenSearch spell it ``minimum_should_match: "1<-50%"``.
    """
    return (groups + 1) // 2 if groups > 1 else groups


# The same rule for Elasticsearch and OpenSearch: beyond one clause, up to half of
# them (rounded down) may be missing.
MINIMUM_SHOULD_MATCH = "1<-50%"


def document_fingerprint(document: "SearchDocument") -> str:
    """A short hash of what a search shows and filters on, per document."""
    import hashlib

    parts = [
        document.title,
        document.body,
        document.url,
        document.audience,
        document.language,
        "|".join(sorted(document.facet_keys or [])),
    ]
    if document.summary:  # documents without one keep their earlier fingerprint
        parts.append(document.summary)
    return hashlib.blake2b("\x1f".join(parts).encode(), digest_size=8).hexdigest()


class EngineError(Exception):
    """The engine could not answer (down, timeout, bad response)."""


@dataclass
class SearchRequest:
    query: ParsedQuery
    audiences: list[str]
    # facet name -> accepted values (OR within a facet, AND across facets)
    filters: dict[str, list[str]] = field(default_factory=dict)
    offset: int = 0
    limit: int = 20
    match_any: bool = False  # any one group suffices (similar items, last resort)

    def min_should_match(self) -> int:
        """Groups a document must match (see ``minimum_should_match``)."""
        groups = sum(1 for g in self.query.groups if g.phrases)
        if self.match_any:
            return min(1, groups)
        return minimum_should_match(groups)

    def filter_keys(self) -> list[list[str]]:
        """Groups of facet keys; a document needs one key of every group."""
        groups = [[f"{AUDIENCE_PREFIX}:{a}" for a in self.audiences]]
        for facet, values in sorted(self.filters.items()):
            if values:
                groups.append([facet_key(facet, v) for v in values])
        return groups


@dataclass
class EngineHit:
    document_id: int | None
    doc_type: str
    object_key: str
    score: float
    highlight: str = ""


@dataclass
class EngineResult:
    hits: list[EngineHit]
    total: int
    facets: dict[str, int]
    engine: str
    facets_estimated: bool = False


@runtime_checkable
class SearchEngine(Protocol):
    """What every engine does, with the same signatures (embedded, OpenSearch,
    Elasticsearch, and the fallback wrapper around a cluster engine).

    Reading raises ``EngineError`` when the engine cannot answer. A rebuild is
    ``begin_rebuild()`` -> a token, ``bulk_index(batch, token)`` per batch, then
    ``finish_rebuild(token)`` (or ``abort_rebuild(token)``), all inside the
    rebuild's database transaction.
    """

    name: str

    def ping(self) -> bool: ...

    def search(self, request: SearchRequest) -> EngineResult: ...

    def similar(
        self, document: "SearchDocument", request: SearchRequest
    ) -> EngineResult: ...

    def suggest(
        self, text: str, audiences: list[str], *, limit: int = 8
    ) -> list["SearchDocument"]: ...

    def upsert(self, documents: list["SearchDocument"]) -> None: ...

    def delete(self, keys: list[tuple[str, str]]) -> None: ...

    def begin_rebuild(self) -> Any: ...

    def bulk_index(self, documents: list["SearchDocument"], index: Any) -> None: ...

    def finish_rebuild(self, index: Any) -> None: ...

    def abort_rebuild(self, index: Any) -> None: ...

    def put_synonyms(self) -> None: ...

    def indexed_keys(self) -> dict[tuple[str, str], str]: ...
