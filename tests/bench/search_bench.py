"""Search benchmark: seed N items, rebuild the index, time 200 searches (p50/p95).

    .venv/bin/python tests/bench/search_bench.py --items 20000 --fresh
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench \\
        .venv/bin/python tests/bench/search_bench.py --items 100000 --fresh
    ... --queries-only      # time the searches again on the index of the last run

SQLite runs on its own file (var/bench.sqlite3); PostgreSQL on the database named in
DATABASE_URL (create it first: ``createdb -h 127.0.0.1 -U postgres bench``).
``--fresh`` starts from an empty database (SQLite: a new file; PostgreSQL: the
``public`` schema is dropped and migrated again); without it ``seed_demo`` only adds
the items that are missing, so the seeding figure means little.

Steps, each timed:
1. ``seed_demo --scale N --no-index``: the demo content plus about N synthetic
   searchable items (2 % specialists, at most 2 000; 15 % practices; the rest forum
   questions and answers), in the items' languages (``demo.synthetic``);
2. ``search.indexing.rebuild()``: the "full rebuild" figure, with the count per type;
3. the searches, through ``search.service.search`` as the pages call it, as a member.
   They are chosen from the index, whatever the generator made: *selective* ones
   (matching at most 1 % of the items: words in 5 to 300 items, two words of one
   item, a thesaurus term with a theme filter, a typo, a word with two filters) and
   *broad* ones (words whose search matches 20 to 50 % of all items; the hit counts
   are printed).

``--generated`` skips step 1 and indexes N SearchDocuments made here from
pseudo-words (the earlier benchmark; no content apps involved).
"""

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

LANGS = ("nl", "fr", "de", "en")
SQLITE_FILE = ROOT / "var" / "bench.sqlite3"
BROAD_RANGE = (0.20, 0.50)  # share of all items a broad search matches
RARE_RANGE = (5, 300)  # items a selective word is in (the vocabulary's doc_count)


def setup(args):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "exchange.settings.dev")
    if not os.environ.get("DATABASE_URL"):
        os.environ["DATABASE_URL"] = f"sqlite:///{SQLITE_FILE}"
        SQLITE_FILE.parent.mkdir(exist_ok=True)
        if args.fresh:
            for suffix in ("", "-wal", "-shm", "-journal"):
                Path(f"{SQLITE_FILE}{suffix}").unlink(missing_ok=True)
    os.environ.setdefault("DEBUG", "false")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command

    # The demo content sends notification e-mails: keep them off the console.
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    from django.db import connection

    if args.fresh and connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("DROP SCHEMA public CASCADE")
            cursor.execute("CREATE SCHEMA public")
    elif args.fresh and connection.vendor != "sqlite":
        sys.exit("--fresh works on SQLite and PostgreSQL only.")
    call_command("migrate", verbosity=0, interactive=False)


class Progress:
    """A stdout for commands: their lines, with the seconds since the step began."""

    KEEP = ("synthetic", "documents", "Indexed", "rebuilt")

    def __init__(self, verbose=False):
        self.started = time.monotonic()
        self.verbose = verbose

    def write(self, text):
        for line in str(text).splitlines():
            if not line.strip():
                continue
            keep = any(k in line for k in self.KEEP) and not line.startswith("  ")
            if self.verbose or keep:
                elapsed = time.monotonic() - self.started
                print(f"    [{elapsed:6.1f} s] {line.strip()}", flush=True)

    def flush(self):
        pass


def content_counts() -> dict[str, int]:
    from forum.models import Answer, Question
    from practices.models import PracticePage
    from specialists.models import SpecialistProfile

    return {
        "practices": PracticePage.objects.count(),
        "questions": Question.objects.count(),
        "answers": Answer.objects.count(),
        "specialists": SpecialistProfile.objects.count(),
    }


def seed(items, verbose):
    from django.core.management import call_command

    before = content_counts()
    print(f"Seeding: seed_demo --scale {items} --no-index", flush=True)
    started = time.monotonic()
    call_command("seed_demo", scale=items, no_index=True, stdout=Progress(verbose))
    elapsed = time.monotonic() - started
    after = content_counts()
    added = {kind: after[kind] - before[kind] for kind in after}
    total = sum(added.values())
    detail = ", ".join(f"{n} {kind}" for kind, n in added.items())
    print(
        f"Seeded {total} items in {elapsed:.1f} s ({total / elapsed:.0f} items/s): "
        f"{detail}"
    )
    if not total:
        print("  (nothing was missing: use --fresh to time the seeding)")


def index_summary() -> str:
    from django.db.models import Count

    from search.models import SearchDocument

    rows = SearchDocument.objects.values("doc_type").annotate(n=Count("id"))
    return ", ".join(f"{r['doc_type']} {r['n']}" for r in rows.order_by("-n"))


# --- the earlier generator (--generated) ------------------------------------------
THEMES = (
    "language-interpreting",
    "work-activation",
    "housing",
    "health",
    "education",
    "social-assistance",
    "participation",
    "digital-inclusion",
)
TYPES = ("practice", "question", "answer", "specialist", "collection")
BROAD = {
    "nl": "nieuwkomers",
    "fr": "primo-arrivants",
    "de": "Neuankömmlinge",
    "en": "newcomers",
}


def vocabulary(rng, size=6000):
    syllables = "ka to ri men sol da ve lu pra ni gor bel tes an ur schi que ber"
    syllables = [*syllables.split(), "lin", "ox"]
    words = set()
    while len(words) < size:
        words.add("".join(rng.choice(syllables) for _ in range(rng.randint(2, 4))))
    return sorted(words)


def thesaurus_words():
    from search.models import Concept

    words = []
    for concept in Concept.objects.all():
        for lang, alternatives in concept.alternatives().items():
            words += [(lang, a) for a in alternatives]
    return words


def generate(n, rng):
    """SearchDocuments from pseudo-words, through the indexing path of rebuild."""
    from search.indexing import IndexItem, build_document

    vocab, concepts = vocabulary(rng), thesaurus_words()
    weights = [1 / (rank + 1) for rank in range(len(vocab))]  # Zipf-like
    batch = []
    for i in range(n):
        lang = LANGS[i % 4]
        title = rng.choices(vocab, weights, k=rng.randint(3, 7))
        body = rng.choices(vocab, weights, k=rng.randint(40, 90))
        body += [a for lg, a in rng.sample(concepts, 3) if lg == lang]
        if i % 3 == 0:
            body.append(BROAD[lang])
        item = IndexItem(
            doc_type=TYPES[i % 5],
            object_key=str(i),
            language=lang,
            title=" ".join(title).capitalize(),
            body=" ".join(body),
            url=f"/{lang}/bench/{i}/",
            audience="public" if i % 2 else "members",
            facets=[
                ("theme", rng.choice(THEMES)),
                ("region", rng.choice(("flanders", "wallonia", "brussels"))),
            ],
        )
        batch.append(build_document(item))
        if len(batch) == 1000:
            yield batch
            batch = []
    if batch:
        yield batch


# --- queries, chosen from the index -------------------------------------------------
def _searchable(term: str) -> bool:
    from search.analysis import STOP_WORDS

    return (
        len(term) >= 4
        and not term.isdigit()
        and not any(term in stop for stop in STOP_WORDS.values())
    )


def _typo(rng, word: str) -> str:
    i = rng.randrange(1, len(word) - 2)
    if word[i] != word[i + 1]:
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]  # swap two letters
    return word[:i] + ("x" if word[i] != "x" else "z") + word[i + 1 :]


def choose_queries(rng, count, user):
    """(selective, broad, broad hit counts): lists of (query, filters)."""
    from search.analysis import words
    from search.models import Concept, SearchDocument, Term
    from search.service import search

    def probe(query, filters=None):
        return search(query, filters or {}, user=user, log=False)

    total = SearchDocument.objects.count()
    rare = [
        t
        for t in Term.objects.filter(
            doc_count__gte=RARE_RANGE[0], doc_count__lte=RARE_RANGE[1]
        ).values_list("term", flat=True)
        if _searchable(t)
    ]
    if not rare:
        sys.exit("The index has no word in 5 to 300 items: seed more items.")
    counts = dict(Term.objects.values_list("term", "doc_count"))
    concepts = [
        alternative
        for concept in Concept.objects.all()
        for names in concept.alternatives().values()
        for alternative in names
        if all(counts.get(w, 0) >= 1 for w in words(alternative))
    ]
    ids = list(SearchDocument.objects.values_list("id", flat=True))

    # A selective search matches few items: at most 1 % of them (a rare word that
    # the thesaurus widens to a common concept is not selective, and is skipped).
    selective_max = max(RARE_RANGE[1], total // 100)

    selective = []

    def add(item):
        query, filters = item
        if probe(query, filters).matches <= selective_max:
            selective.append(item)

    n = count // 2
    attempts = 0
    while len(selective) < n:
        kind = attempts % 10  # a kind that finds nothing is skipped, not retried
        attempts += 1
        if attempts > 20 * n:
            selective.append((rng.choice(rare), {}))
            continue
        if kind <= 3:
            add((rng.choice(rare), {}))
        elif kind <= 5:  # two words of one item: a rare one and a commoner one
            doc = SearchDocument.objects.get(id=rng.choice(ids))
            found = [w for w in dict.fromkeys(words(f"{doc.title} {doc.body}"))
                     if _searchable(w)]  # fmt: skip
            low = [w for w in found if counts.get(w, 0) <= RARE_RANGE[1]]
            high = [w for w in found if RARE_RANGE[1] < counts.get(w, 0) < total / 10]
            if low and high:
                add((f"{rng.choice(low)} {rng.choice(high)}", {}))
        elif kind <= 7 and concepts:  # a thesaurus term, filtered on a theme it has
            term = rng.choice(concepts)
            themes = probe(term).facets.get("theme", [])
            if themes:
                add((term, {"theme": [rng.choice(themes).value]}))
        elif kind == 8:
            word = rng.choice([w for w in rare if len(w) >= 6] or rare)
            add((_typo(rng, word), {}))
        else:  # a word with two filters
            word = rng.choice(rare)
            facets = probe(word).facets
            if facets.get("type") and facets.get("region"):
                filters = {
                    "type": [rng.choice(facets["type"]).value],
                    "region": [rng.choice(facets["region"]).value],
                }
                add((word, filters))
            else:
                add((word, {}))

    # Broad: the most frequent words, kept when their search matches 20-50 %.
    frequent = [
        t
        for t in Term.objects.filter(doc_count__gte=total * 0.05)
        .order_by("-doc_count")
        .values_list("term", flat=True)
        if _searchable(t)
    ][:40]
    hits = {}
    for term in dict.fromkeys(frequent + list(BROAD.values())):
        hits[term] = probe(term).matches
    low, high = (share * total for share in BROAD_RANGE)
    broad_words = [t for t, h in hits.items() if low <= h <= high]
    if not broad_words:
        print("  no word matches 20-50 % of the items: using the five most frequent")
        broad_words = sorted(hits, key=hits.get, reverse=True)[:5]
    rng.shuffle(broad_words)
    broad = [(broad_words[i % len(broad_words)], {}) for i in range(count - n)]
    return selective, broad, {w: hits[w] for w in broad_words}


def percentile(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=20_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--fresh", action="store_true", help="start from an empty db")
    parser.add_argument(
        "--queries-only", action="store_true", help="reuse the index of the last run"
    )
    parser.add_argument(
        "--generated",
        action="store_true",
        help="index N pseudo-word documents made here instead of seed_demo content",
    )
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()
    setup(args)

    from django.db import connection

    from exchange.accounts.models import ApprovalStatus, User
    from search.indexing import rebuild
    from search.models import SearchDocument
    from search.service import search

    rng = random.Random(42)
    print(f"Database: {connection.vendor} ({connection.settings_dict['NAME']})")
    if not args.queries_only:
        if not args.generated:
            seed(args.items, args.verbose)
        print("Full rebuild: search.indexing.rebuild()", flush=True)
        started = time.monotonic()
        documents = generate(args.items, rng) if args.generated else None
        indexed = rebuild(stdout=Progress(args.verbose), documents=documents)
        elapsed = time.monotonic() - started
        print(
            f"Rebuilt the index: {indexed} items in {elapsed:.1f} s "
            f"({indexed / elapsed:.0f} items/s)"
        )
    print(f"Index: {SearchDocument.objects.count()} items: {index_summary()}")

    # An approved member (unsaved: the bench may index generated documents only).
    user = User(is_active=True, approval_status=ApprovalStatus.APPROVED)
    search("warm up", user=user, log=False)  # loads the thesaurus once per process
    selective, broad, broad_hits = choose_queries(rng, args.queries, user)
    print(
        "Broad words (hits): "
        + ", ".join(f"{w} ({h})" for w, h in sorted(broad_hits.items()))
    )
    for label, queries in (("selective", selective), ("broad", broad)):
        timings, totals = [], []
        for n, (query, filters) in enumerate(queries):
            t0 = time.perf_counter()
            response = search(
                query, filters, user=user, language=LANGS[n % 4], log=False
            )
            timings.append((time.perf_counter() - t0) * 1000)
            totals.append(response.matches)
            if args.verbose:
                print(
                    f"  {timings[-1]:7.1f} ms {response.matches:6} {query!r} {filters}"
                )
        print(
            f"{label:9} queries: {len(queries)}  p50 {percentile(timings, 50):.1f} ms"
            f"  p95 {percentile(timings, 95):.1f} ms  max {max(timings):.1f} ms"
            f"  median hits {statistics.median(totals):.0f}"
        )


if __name__ == "__main__":
    main()
