"""Search benchmark: index N synthetic items, time 200 queries, print p50/p95.

    .venv/bin/python tests/bench/search_bench.py --items 20000
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench \\
        .venv/bin/python tests/bench/search_bench.py --items 100000

SQLite runs on its own file (var/bench.sqlite3); PostgreSQL on the database named in
DATABASE_URL (create it first: ``createdb -h 127.0.0.1 -U postgres bench``).

By default the items are generated here as SearchDocuments through the indexing
path used by ``rebuild`` (analysis, facet keys, full-text structure, vocabulary),
without the content apps: their synthetic generators are too slow for 100 000 items
on two cores. ``--seed-demo`` runs ``seed_demo --scale N`` and ``search_index
rebuild`` instead. Queries go through ``search.service.search`` like the pages do.
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
# The "broad" word: in a third of all items.
BROAD = {
    "nl": "nieuwkomers",
    "fr": "primo-arrivants",
    "de": "Neuankömmlinge",
    "en": "newcomers",
}


def setup(args):
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "exchange.settings.dev")
    if not os.environ.get("DATABASE_URL"):
        os.environ["DATABASE_URL"] = f"sqlite:///{ROOT / 'var' / 'bench.sqlite3'}"
        (ROOT / "var").mkdir(exist_ok=True)
    os.environ.setdefault("DEBUG", "false")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)


def vocabulary(rng, size=6000):
    syllables = [
        "ka",
        "to",
        "ri",
        "men",
        "sol",
        "da",
        "ve",
        "lu",
        "pra",
        "ni",
        "gor",
        "bel",
        "tes",
        "an",
        "ur",
        "schi",
        "que",
        "ber",
        "lin",
        "ox",
    ]
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


def generate(n, rng, vocab, concepts):
    from search.indexing import IndexItem, build_document

    weights = [1 / (rank + 1) for rank in range(len(vocab))]  # Zipf-like
    batch = []
    for i in range(n):
        lang = LANGS[i % 4]
        title = rng.choices(vocab, weights, k=rng.randint(3, 7))
        body = rng.choices(vocab, weights, k=rng.randint(40, 90))
        body += [a for lg, a in rng.sample(concepts, 3) if lg == lang]
        if i % 3 == 0:
            body.append(BROAD[lang])
        doc_type = TYPES[i % 5]
        item = IndexItem(
            doc_type=doc_type,
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


def percentile(values, p):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--items", type=int, default=20_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--seed-demo", action="store_true")
    parser.add_argument("--verbose", action="store_true")
    parser.add_argument(
        "--queries-only", action="store_true", help="reuse the index of the last run"
    )
    args = parser.parse_args()
    setup(args)

    from django.db import connection

    from search.adapters import AnyMember
    from search.indexing import rebuild
    from search.service import search

    rng = random.Random(42)
    vocab = vocabulary(rng)
    concepts = thesaurus_words()
    print(f"Database: {connection.vendor}; items: {args.items}")
    started = time.monotonic()
    if args.queries_only:
        from search.models import SearchDocument

        indexed = SearchDocument.objects.count()
    elif args.seed_demo:
        from django.core.management import call_command

        call_command("seed_demo", scale=args.items)
        indexed = rebuild()
    else:
        indexed = rebuild(documents=generate(args.items, rng, vocab, concepts))
    elapsed = time.monotonic() - started
    if not args.queries_only:
        print(f"Indexed {indexed} items in {elapsed:.1f} s ({indexed / elapsed:.0f}/s)")

    # Selective: rare words, thesaurus terms, two-word queries, a typo, filters.
    rare = vocab[len(vocab) // 2 :]
    selective, broad = [], []
    for i in range(args.queries // 2):
        kind = i % 5
        if kind == 0:
            selective.append((rng.choice(rare), {}))
        elif kind == 1:
            selective.append((f"{rng.choice(rare)} {rng.choice(vocab[:200])}", {}))
        elif kind == 2:
            selective.append((rng.choice(concepts)[1], {"theme": ["housing"]}))
        elif kind == 3:
            word = rng.choice(rare)
            selective.append((word[:-1] + "x" + word[-1], {}))  # a typo
        else:
            selective.append(
                (
                    rng.choice(["tolk", "leefloon", "OCMW", "GPMI"]),
                    {"region": ["wallonia"], "type": ["practice"]},
                )
            )
        lang = LANGS[i % 4]
        broad.append(
            (
                [
                    BROAD[lang],
                    f"{BROAD[lang]} {rng.choice(vocab[:50])}",
                    rng.choice(vocab[:5]),
                    "interprète",
                    "OCMW",
                ][i % 5],
                {},
            )
        )
    user = AnyMember()
    search("warm up", user=user, log=False)  # loads the thesaurus once per process
    for label, queries in (("selective", selective), ("broad", broad)):
        timings, totals = [], []
        for n, (query, filters) in enumerate(queries):
            t0 = time.perf_counter()
            response = search(
                query, filters, user=user, language=LANGS[n % 4], log=False
            )
            timings.append((time.perf_counter() - t0) * 1000)
            totals.append(response.total)
            if args.verbose:
                print(f"  {timings[-1]:7.1f} ms {response.total:6} {query!r} {filters}")
        print(
            f"{label:9} queries: {len(queries)}  p50 {percentile(timings, 50):.1f} ms"
            f"  p95 {percentile(timings, 95):.1f} ms  max {max(timings):.1f} ms"
            f"  median hits {statistics.median(totals):.0f}"
        )


if __name__ == "__main__":
    main()
