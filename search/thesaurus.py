"""The multilingual thesaurus: loading the CSV, expanding query words at query time."""

import csv
import threading
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from .analysis import LANGUAGES, analyse_phrase, phrase_variants, words

CSV_PATH = Path(__file__).resolve().parent / "thesaurus.csv"
# A concept expands to at most this many phrases (all languages, all stemmings).
MAX_PHRASES_PER_CONCEPT = 60
MAX_PHRASE_WORDS = 8


def read_csv(path: Path = CSV_PATH) -> list[dict]:
    with open(path, encoding="utf-8", newline="") as handle:
        return [row for row in csv.DictReader(handle) if row.get("concept")]


def load_csv(concept_model, path: Path = CSV_PATH) -> tuple[int, int]:
    """Create or update a Concept per CSV row; returns (created, updated)."""
    created = updated = 0
    for row in read_csv(path):
        values = {lang: row.get(lang, "").strip() for lang in LANGUAGES}
        values["group"] = row.get("group", "").strip()
        _, was_created = concept_model.objects.update_or_create(
            key=row["concept"].strip(), defaults=values
        )
        created += was_created
        updated += not was_created
    return created, updated


def merge_csv(concept_model, path: Path = CSV_PATH) -> tuple[int, int]:
    """Add the CSV's concepts that are missing and the alternatives a concept lacks,
    never removing or rewording what is there (coordinators edit concepts in the
    admin); returns (concepts created, concepts widened)."""
    created = widened = 0
    for row in read_csv(path):
        concept = concept_model.objects.filter(key=row["concept"].strip()).first()
        if concept is None:
            values = {lang: row.get(lang, "").strip() for lang in LANGUAGES}
            concept_model.objects.create(
                key=row["concept"].strip(), group=row.get("group", "").strip(), **values
            )
            created += 1
            continue
        changed = False
        for lang in LANGUAGES:
            have = [a.strip() for a in getattr(concept, lang).split("|") if a.strip()]
            known = {a.lower() for a in have}
            new = [
                a.strip()
                for a in row.get(lang, "").split("|")
                if a.strip() and a.strip().lower() not in known
            ]
            if new:
                setattr(concept, lang, "|".join(have + new))
                changed = True
        if changed:
            concept.save()
            widened += 1
    return created, widened


@dataclass
class ThesaurusIndex:
    """Lookup from an analysed phrase (in any language's analysis) to concepts."""

    # (language, analysed tokens) -> concept keys
    lookup: dict[tuple[str, tuple[str, ...]], set[str]] = field(default_factory=dict)
    # concept key -> phrases (analysed token tuples) to search for
    expansions: dict[str, set[tuple[str, ...]]] = field(default_factory=dict)
    # concept key -> alternatives as written, for the synonym sets of Elasticsearch
    alternatives: dict[str, list[str]] = field(default_factory=dict)
    vocabulary: set[str] = field(default_factory=set)
    longest: int = 1

    @cached_property
    def _by_initial(self) -> dict[str, list[str]]:
        by_initial: dict[str, list[str]] = {}
        for term in self.vocabulary:
            by_initial.setdefault(term[:1], []).append(term)
        return by_initial

    def vocabulary_starting(self, initial: str) -> list[str]:
        """The vocabulary's words that start with ``initial`` (grouped once per
        index: "did you mean" looks at one letter's words)."""
        return self._by_initial.get(initial, [])

    @classmethod
    def build(cls, concepts) -> "ThesaurusIndex":
        index = cls()
        for concept in concepts:
            written = [a for alts in concept.alternatives().values() for a in alts]
            index.alternatives[concept.key] = written
            phrases: set[tuple[str, ...]] = set()
            for alternative in written:
                variants = {
                    p
                    for p in phrase_variants(alternative)
                    if len(p) <= MAX_PHRASE_WORDS
                }
                phrases |= variants
                index.vocabulary.update(words(alternative))
                for lang in LANGUAGES:
                    key = analyse_phrase(alternative, lang)
                    if key:
                        index.lookup.setdefault((lang, key), set()).add(concept.key)
                        index.longest = max(index.longest, len(words(alternative)))
            # A phrase containing a one-word alternative adds no match, only cost.
            singles = {p[0] for p in phrases if len(p) == 1}
            phrases = {p for p in phrases if len(p) == 1 or not singles & set(p)}
            # Shortest phrases first: they match most, and survive the cap.
            ordered = sorted(phrases, key=lambda p: (len(p), p))
            index.expansions[concept.key] = set(ordered[:MAX_PHRASES_PER_CONCEPT])
        index.longest = min(index.longest, MAX_PHRASE_WORDS)
        return index

    def concepts_for(self, text: str, languages) -> set[str]:
        for lang in languages:
            key = analyse_phrase(text, lang)
            if key and (lang, key) in self.lookup:
                return self.lookup[(lang, key)]
        return set()


_cache_lock = threading.Lock()
_cache: dict[str, object] = {"version": None, "index": None}


def version_sql() -> tuple[str, str]:
    """(the columns that date the thesaurus, its concepts' count and last change;
    the table they are read from)."""
    from django.db import connection

    from .models import Concept

    quote = connection.ops.quote_name
    changed = quote(Concept._meta.get_field("updated_at").column)
    return f"count(*), max({changed})", quote(Concept._meta.db_table)


def current_index(version: tuple | None = None) -> ThesaurusIndex:
    """The thesaurus as it is in the database now (rebuilt when a concept changes).
    ``version``: ``version_sql()``'s row, when the caller read it already."""
    from django.db import connection

    from .models import Concept

    if version is None:
        with connection.cursor() as cursor:
            # Raw SQL: the ORM compiled this aggregate anew on every search.
            columns, table = version_sql()
            cursor.execute(f"SELECT {columns} FROM {table}")  # noqa: S608 - model names
            version = tuple(cursor.fetchone())
    with _cache_lock:
        if _cache["version"] != version or _cache["index"] is None:
            _cache["index"] = ThesaurusIndex.build(Concept.objects.all())
            _cache["version"] = version
        return _cache["index"]


def synonym_rules(index: ThesaurusIndex) -> list[dict]:
    """Elasticsearch synonym-set rules: one equivalence rule per concept."""
    rules = []
    for key, alternatives in sorted(index.alternatives.items()):
        cleaned = sorted({" ".join(words(a)) for a in alternatives} - {""})
        if len(cleaned) > 1:
            rules.append({"id": key, "synonyms": ", ".join(cleaned)})
    return rules
