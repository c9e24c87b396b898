"""Engines side by side: the same seeded data and queries on every engine, one run.

    .venv/bin/python tests/bench/engines_bench.py --scale 20000 --fresh --api
    DATABASE_URL=sqlite:////tmp/seeded.sqlite3 .venv/bin/python \
        tests/bench/engines_bench.py --no-seed   # a database seeded before
    SEARCH_ENGINES=embedded,opensearch OPENSEARCH_URL=http://127.0.0.1:9200 \\
        .venv/bin/python tests/bench/engines_bench.py --scale 100000 --fresh

Per engine it prints the full rebuild time, selective and broad p50/p95 (the
queries of ``search_bench.py``, chosen once from the index and run on every
engine), and nDCG@10 on the project's relevance collection
(``tests/search/relevance``; ``seed_demo`` always seeds the demo content it is
judged on, whatever ``--scale`` adds). Engines are named as ``SEARCH_ENGINE``
values (``--engines`` or ``SEARCH_ENGINES``); each is taken from the settings
(``search.engines.get_engine``), so a cluster engine needs no code here. A cluster
that does not answer its ``ping()`` is reported and skipped; the embedded engine is
always measured. A cluster's rebuild is timed twice: alone
(``rebuild(engines=[cluster])``: its documents built from the database and sent
to it), then as ``search_index rebuild`` runs it with that engine configured,
writing the embedded index (the fallback) as well. The load average is printed
after each engine's rebuild and queries. For a cluster the node's own time
(``took`` of its responses, summed per search) is printed next to it.

``--api`` adds the HTTP measurement, once per engine: a development server on
127.0.0.1 (``--port``, default 8107) with that engine (``SEARCH_ENGINE``), a
member's session, and the median and p95 of ``/api/v1/search`` against a
trivial request to the same server (``/api/v1/suggest?q=a``, answered before any
search). Every request opens a new
connection: keep-alive to the development server adds ~45 ms of delayed-ACK wait.

The database is set up as by ``search_bench.py`` (``--fresh``, ``DATABASE_URL``).
"""

import argparse
import contextlib
import http.client
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import search_bench  # noqa: E402  (the seeding and the queries are shared)

LANGS = search_bench.LANGS


def engine_names(args) -> list[str]:
    raw = args.engines or os.environ.get("SEARCH_ENGINES", "")
    names = [n.strip() for n in raw.split(",") if n.strip()] or ["embedded"]
    if "embedded" not in names:
        names.insert(0, "embedded")
    return list(dict.fromkeys(names))


def engine_ready(name: str) -> bool:
    """Whether ``name`` answers (the embedded engine always does)."""
    from django.test.utils import override_settings

    from search.engines import get_engine

    with override_settings(SEARCH_ENGINE=name):
        engine = get_engine()
        if engine.name != name:  # an engine this code base does not know
            print(f"  {name}: no such engine here (got {engine.name}); skipped")
            return False
        ping = getattr(engine, "ping", None)
        if name != "embedded" and (ping is None or not ping()):
            print(f"  {name}: the cluster does not answer; skipped")
            return False
    return True


def time_rebuild(name: str, verbose: bool) -> tuple[float, float | None]:
    """(seconds of the engine's own rebuild, seconds of ``rebuild()`` as
    ``search_index rebuild`` runs it with that engine configured). For the
    embedded engine both are one figure; a cluster is rebuilt alone first (its
    documents still built from the database), then with the embedded index, its
    fallback, which is what production runs."""
    from django.test.utils import override_settings

    from search.engines import engines_to_write
    from search.indexing import rebuild

    with override_settings(SEARCH_ENGINE=name):
        configured = engines_to_write()
        timings = []
        passes = [configured[-1:]] if name == "embedded" else [configured[-1:], None]
        for engines in passes:
            started = time.monotonic()
            indexed = rebuild(stdout=search_bench.Progress(verbose), engines=engines)
            timings.append(time.monotonic() - started)
    alone = timings[0]
    both = timings[1] if len(timings) > 1 else None
    detail = "" if both is None else f"; with the embedded fallback {both:.1f} s"
    print(f"  {name}: rebuilt {indexed} items alone in {alone:.1f} s{detail}")
    return alone, both


@contextlib.contextmanager
def node_took():
    """The cluster's own time (``took``, ms) of every search response read while
    inside, appended to the list yielded (nothing for the embedded engine)."""
    from search.engines.cluster import ClusterEngine

    took = []
    original = ClusterEngine._result

    def recording(self, response, counted=None):
        # A first read's hits and counts run at once (one _msearch): the longer.
        took.append(max(response.get("took", 0), (counted or {}).get("took", 0)))
        return original(self, response, counted)

    ClusterEngine._result = recording
    try:
        yield took
    finally:
        ClusterEngine._result = original


def time_queries(name, queries, user):
    """(p50, p95, engines that answered, node took p50 and p95 or None) of
    ``queries`` on engine ``name``; a search's took is the sum of its requests'."""
    from django.test.utils import override_settings

    from search.service import search

    timings, answered, tooks = [], {}, []
    with override_settings(SEARCH_ENGINE=name), node_took() as took:
        search("warm up", user=user, log=False)
        for n, (query, filters) in enumerate(queries):
            took.clear()
            t0 = time.perf_counter()
            response = search(
                query, filters, user=user, language=LANGS[n % 4], log=False
            )
            timings.append((time.perf_counter() - t0) * 1000)
            answered[response.engine] = answered.get(response.engine, 0) + 1
            if took:
                tooks.append(sum(took))
    p50 = search_bench.percentile(timings, 50)
    p95 = search_bench.percentile(timings, 95)
    node = None
    if tooks:
        node = (search_bench.percentile(tooks, 50), search_bench.percentile(tooks, 95))
    return p50, p95, answered, node


def _pair(figures) -> str:
    return "-" if figures is None else f"{figures[0]:.0f} / {figures[1]:.0f}"


def relevance(name, user):
    from django.test.utils import override_settings

    from search.relevance import evaluate, load_collection

    with override_settings(SEARCH_ENGINE=name):
        return evaluate(load_collection(), user)


# --- the API measurement --------------------------------------------------------
def member_session(user) -> str:
    """A session key of ``user`` logged in (as the login view would store it)."""
    from django.conf import settings
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.utils.module_loading import import_string

    store = import_string(f"{settings.SESSION_ENGINE}.SessionStore")()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.save()
    return store.session_key


def fresh_get(port: int, path: str, cookie: str) -> tuple[int, bytes, float]:
    """One GET on a new connection: (status, body, milliseconds)."""
    t0 = time.perf_counter()
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("GET", path, headers={"Cookie": cookie})
        response = connection.getresponse()
        body = response.read()
    finally:
        connection.close()
    return response.status, body, (time.perf_counter() - t0) * 1000


def wait_for_server(port: int, process, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            sys.exit("The development server stopped; see its output above.")
        with contextlib.suppress(OSError):
            fresh_get(port, "/api/v1/suggest?q=a", "")
            return
        time.sleep(0.5)
    sys.exit(f"The development server did not answer on port {port}.")


def measure_api(args, user, queries, name: str) -> None:
    import json
    from urllib.parse import urlencode

    from django.conf import settings

    cookie = f"{settings.SESSION_COOKIE_NAME}={member_session(user)}"
    env = {**os.environ, "DEBUG": "false", "SEARCH_ENGINE": name}
    process = subprocess.Popen(  # noqa: S603 - our own manage.py, fixed arguments
        [
            sys.executable,
            str(search_bench.ROOT / "manage.py"),
            "runserver",
            f"127.0.0.1:{args.port}",
            "--noreload",
            "--nothreading",
        ],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for_server(args.port, process)
        paths = []
        for n, (query, filters) in enumerate(queries):
            params = [("q", query), ("lang", LANGS[n % 4])]
            params += [(f, v) for f, values in filters.items() for v in values]
            paths.append("/api/v1/search?" + urlencode(params))
        fresh_get(args.port, paths[0], cookie)
        trivial, searches, engines = [], [], {}
        for path in paths:  # interleaved, so both see the same machine load
            trivial.append(fresh_get(args.port, "/api/v1/suggest?q=a", cookie)[2])
            status, body, ms = fresh_get(args.port, path, cookie)
            if status != 200:
                sys.exit(f"{path} answered HTTP {status}")
            searches.append(ms)
            engine = json.loads(body).get("engine")
            engines[engine] = engines.get(engine, 0) + 1
    finally:
        process.terminate()
        process.wait(timeout=30)
    t50, s50 = statistics.median(trivial), statistics.median(searches)
    engine = ", ".join(f"{e} {n}" for e, n in sorted(engines.items()))
    if set(engines) != {name}:
        print(f"WARNING: not every API search was answered by {name}: {engine}")
    print(
        f"API ({len(paths)} searches as a member, engine {engine}, fresh connections):"
        f" trivial p50 {t50:.1f} ms p95 {search_bench.percentile(trivial, 95):.1f} ms;"
        f" search p50 {s50:.1f} ms p95 {search_bench.percentile(searches, 95):.1f} ms;"
        f" median search / trivial {s50 / t50:.2f}x"
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=20_000, help="seed_demo --scale")
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--fresh", action="store_true", help="start from an empty db")
    parser.add_argument(
        "--queries-only", action="store_true", help="no seeding, no rebuild"
    )
    parser.add_argument(
        "--no-seed",
        action="store_true",
        help="the database as it is (seeded before): rebuilds and queries only",
    )
    parser.add_argument("--engines", help="comma-separated SEARCH_ENGINE values")
    parser.add_argument("--api", action="store_true", help="also time the HTTP API")
    parser.add_argument("--port", type=int, default=8107)
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()
    args.generated = False
    search_bench.setup(args)

    from django.db import connection

    from search.models import SearchDocument
    from search.relevance import member_user

    print(f"Database: {connection.vendor} ({connection.settings_dict['NAME']})")
    if not (args.queries_only or args.no_seed):
        search_bench.seed(args.scale, args.verbose)
    print(f"Content: {search_bench.content_counts()}", flush=True)
    print("Engines:", flush=True)
    names = [n for n in engine_names(args) if engine_ready(n)]
    rebuilds = {}
    for name in names:
        if args.queries_only:
            rebuilds[name] = (None, None)
        else:
            rebuilds[name] = time_rebuild(name, args.verbose)
        os.system("uptime")  # noqa: S605, S607 - the load the figures were taken at
    print(
        f"Index: {SearchDocument.objects.count()} items: {search_bench.index_summary()}"
    )

    user = member_user()
    if user is None:
        sys.exit("No member to search as: seed_demo makes the demo caseworker.")
    rng = random.Random(42)
    selective, broad, broad_hits = search_bench.choose_queries(rng, args.queries, user)
    print(
        "Broad words (hits): "
        + ", ".join(f"{w} ({h})" for w, h in sorted(broad_hits.items()))
    )
    rows = []
    for name in names:
        s50, s95, s_by, s_node = time_queries(name, selective, user)
        b50, b95, b_by, b_node = time_queries(name, broad, user)
        if s_node or b_node:
            print(
                f"  {name}: node took (ms) selective p50 / p95 "
                f"{_pair(s_node)}, broad {_pair(b_node)}"
            )
        report = relevance(name, user)
        answered = {**s_by}
        for key, count in b_by.items():
            answered[key] = answered.get(key, 0) + count
        if set(answered) != {name}:
            print(f"WARNING: not every search was answered by {name}: {answered}")
        rows.append((name, rebuilds[name], s50, s95, b50, b95, report, answered))
        os.system("uptime")  # noqa: S605, S607
    print()
    print(
        "| engine | rebuild alone | rebuild with fallback | selective p50 / p95 "
        "| broad p50 / p95 | nDCG@10 overall | cross-language | answered by |"
    )
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    for name, (alone, both), s50, s95, b50, b95, report, answered in rows:
        rebuilt = "-" if alone is None else f"{alone:.0f} s"
        rebuilt += " | " + ("-" if both is None else f"{both:.0f} s")
        by = ", ".join(f"{k} {v}" for k, v in sorted(answered.items()))
        print(
            f"| {name} | {rebuilt} | {s50:.1f} / {s95:.1f} ms | {b50:.1f} / {b95:.1f}"
            f" ms | {report.mean():.3f} | {report.mean('cross-language'):.3f} | {by} |"
        )
    print()
    from search.relevance import per_kind_table

    print(per_kind_table({row[0]: row[6] for row in rows}))
    if args.api:
        print()
        for name, *_rest in rows:
            measure_api(args, user, selective + broad, name)
            os.system("uptime")  # noqa: S605, S607


if __name__ == "__main__":
    main()
