"""Measuring ranking: nDCG@10 of ``search.service`` on a judged query collection.

The collection (``tests/search/relevance/collection.json``) names documents by type
and a stable key, each with the title its document has in the index, so it holds on
any database and any engine: a result counts as the judged document whose type and
title it has. A question and every answer to it share the question's title, and the
service shows them as one result (the question, with its best answer as snippet): the
judgements of a question and of its answers fold into one thread, graded with the
higher of the two, and the first result of the thread earns that grade.

Nothing here seeds or indexes; it asks the configured engine through the service, as
the search page does, for a member (members see everything that is indexed).
"""

import json
import math
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings

from .models import SearchDocument
from .service import search

CUTOFF = 10
DEFAULT_COLLECTION = Path(settings.BASE_DIR) / "tests/search/relevance/collection.json"


@dataclass
class JudgedQuery:
    id: str
    kind: str
    language: str
    text: str
    filters: dict
    judgements: dict[str, int]  # document key -> grade 0-3


@dataclass
class Collection:
    queries: list[JudgedQuery]
    # (type, title) -> document key
    keys_by_title: dict[tuple[str, str], str]

    @property
    def kinds(self) -> list[str]:
        return sorted({q.kind for q in self.queries})


def load_collection(path: Path | str = DEFAULT_COLLECTION) -> Collection:
    """The collection at ``path``; ValueError when a judgement names no document."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    documents = data["documents"]
    keys_by_title = {
        (d["type"], d["title"]): _unit(d["type"], d["title"], key)
        for key, d in documents.items()
    }
    queries = []
    for raw in data["queries"]:
        unknown = set(raw["judgements"]) - set(documents)
        if unknown:
            raise ValueError(f"{raw['id']}: unknown documents {sorted(unknown)}")
        queries.append(
            JudgedQuery(
                id=raw["id"],
                kind=raw["kind"],
                language=raw["language"],
                text=raw["query"],
                filters=raw.get("filters", {}),
                judgements=_fold(documents, raw["judgements"]),
            )
        )
    return Collection(queries=queries, keys_by_title=keys_by_title)


THREAD_TYPES = ("question", "answer")


def _unit(doc_type: str, title: str, key: str) -> str:
    """The unit a result is judged as: a question and its answers are one thread."""
    return f"thread:{title}" if doc_type in THREAD_TYPES else key


def _fold(documents: dict, judgements: dict) -> dict[str, int]:
    """Judgements per unit: a thread gets the best grade of its question and answers."""
    folded: dict[str, int] = {}
    for key, grade in judgements.items():
        doc = documents[key]
        unit = _unit(doc["type"], doc["title"], key)
        folded[unit] = max(folded.get(unit, 0), int(grade))
    return folded


def dcg(gains: list[int]) -> float:
    """Discounted cumulative gain with exponential gain (2^grade - 1)."""
    return sum((2**g - 1) / math.log2(i + 2) for i, g in enumerate(gains))


def ndcg(ranked_keys: list[str | None], judgements: dict[str, int], k=CUTOFF):
    """nDCG@k of a ranking of document keys (None: a document nobody judged)."""
    seen, gains = set(), []
    for key in ranked_keys[:k]:
        grade = 0
        if key is not None and key not in seen:
            grade = judgements.get(key, 0)
            seen.add(key)
        gains.append(grade)
    ideal = dcg(sorted(judgements.values(), reverse=True)[:k])
    return dcg(gains) / ideal if ideal else 0.0


@dataclass
class QueryScore:
    query: JudgedQuery
    ndcg: float
    ranked: list[str | None]
    engines: set[str] = field(default_factory=set)


@dataclass
class Report:
    scores: list[QueryScore]

    def mean(self, kind: str | None = None) -> float:
        picked = [s.ndcg for s in self.scores if kind is None or s.query.kind == kind]
        return sum(picked) / len(picked) if picked else 0.0

    def by_kind(self) -> dict[str, float]:
        kinds = sorted({s.query.kind for s in self.scores})
        return {kind: self.mean(kind) for kind in kinds}

    def engines(self) -> Counter:
        """How many queries each engine answered (a fallback shows up here)."""
        return Counter(e for s in self.scores for e in s.engines)


def evaluate(collection: Collection, user, *, k: int = CUTOFF) -> Report:
    """Run every query of ``collection`` through the search service as ``user``."""
    scores = []
    for query in collection.queries:
        response = search(
            query.text,
            query.filters,
            user=user,
            language=query.language,
            per_page=k,
            log=False,
        )
        ranked = _judged_keys(collection, response.results)
        scores.append(
            QueryScore(
                query=query,
                ndcg=ndcg(ranked, query.judgements, k),
                ranked=ranked,
                engines={response.engine},
            )
        )
    return Report(scores=scores)


def _judged_keys(collection: Collection, results) -> list[str | None]:
    """The collection's key of each result (by its type and stored title)."""
    rows = SearchDocument.objects.filter(
        object_key__in={r.object_key for r in results}
    ).values_list("doc_type", "object_key", "title")
    titles = {(doc_type, key): title for doc_type, key, title in rows}
    return [
        collection.keys_by_title.get((r.type, titles.get((r.type, r.object_key))))
        for r in results
    ]


def format_report(report: Report, engine: str, *, verbose: bool = False) -> str:
    lines = [f"engine: {engine}"]
    answered = ", ".join(f"{e} {n}" for e, n in sorted(report.engines().items()))
    lines.append(f"  answered by: {answered}")
    counts = Counter(s.query.kind for s in report.scores)
    rows = [(k, v, counts[k]) for k, v in report.by_kind().items()]
    rows.append(("overall", report.mean(), len(report.scores)))
    for kind, value, count in rows:
        lines.append(f"  nDCG@{CUTOFF} {kind:<15} {value:.3f}  ({count} queries)")
    if verbose:
        worst = sorted(report.scores, key=lambda s: s.ndcg)
        lines.append("  per query, worst first:")
        for score in worst:
            q = score.query
            filters = f" {q.filters}" if q.filters else ""
            lines.append(
                f"    {score.ndcg:.3f} {q.id} [{q.language}] {q.text}{filters}"
            )
    return "\n".join(lines)


def per_kind_table(reports: dict[str, Report]) -> str:
    """A markdown table: one row per kind, one column per engine."""
    engines = list(reports)
    kinds = sorted({s.query.kind for r in reports.values() for s in r.scores})
    rows = [
        "| kind | " + " | ".join(engines) + " |",
        "| --- |" + " --- |" * len(engines),
    ]
    for kind in [*kinds, None]:
        values = " | ".join(f"{reports[e].mean(kind):.3f}" for e in engines)
        rows.append(f"| {kind or 'overall'} | {values} |")
    return "\n".join(rows)


def member_user(email: str | None = None):
    """A member to search as: the one with ``email``, or the first active member."""
    from django.contrib.auth import get_user_model

    users = get_user_model().objects.filter(is_active=True).order_by("pk")
    if email:
        users = users.filter(email=email)
    for user in users[:200]:
        if getattr(user, "is_member", False):
            return user
    return None
