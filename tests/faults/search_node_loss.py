"""Node loss on a 3-node OpenSearch cluster (indexes with one replica).

    NODES=3 SEARCH_CLUSTER_PORT=9210 SEARCH_CLUSTER_HOME=var/search-cluster-3 \\
        bash scripts/search_cluster.sh start
    .venv/bin/python tests/faults/search_node_loss.py --url http://127.0.0.1:9210 \\
        --home var/search-cluster-3 --port 9210

Uses the demo database (`make run` or `make run-cluster` seeded it) with its own
index prefix. Steps: rebuild into the cluster; then searches run in a loop (a
thread, bounded by --seconds) while node 2 is stopped, questions are edited (their
index events go through the outbox), and node 2 is started again. Afterwards the
outbox is replayed and `search_index verify` must find no drift. Prints, per phase:
searches answered, by which engine, failures; writes; outbox left; drift. Exits 1
when a search failed or the cluster drifted. Loopback only, bounded loops.
"""

import argparse
import os
import subprocess
import sys
import threading
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default="http://127.0.0.1:9210")
    parser.add_argument("--home", default="var/search-cluster-3")
    parser.add_argument("--port", default="9210")
    parser.add_argument("--seconds", type=float, default=90)
    parser.add_argument("--edits", type=int, default=20)
    args = parser.parse_args()

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "exchange.settings.dev")
    os.environ.update(
        SEARCH_ENGINE="opensearch",
        OPENSEARCH_URL=args.url,
        SEARCH_INDEX_PREFIX="nodeloss",
        SEARCH_CLUSTER_REPLICAS="1",
        SEARCH_CLUSTER_RETRY_AFTER="2",
    )
    import django

    django.setup()
    from django.db import close_old_connections

    from forum.models import Question
    from search.engines import get_engine
    from search.indexing import apply_pending_events, rebuild, verify
    from search.models import IndexEvent
    from search.service import search

    cluster_env = dict(
        os.environ, SEARCH_CLUSTER_PORT=args.port, SEARCH_CLUSTER_HOME=args.home
    )

    def cluster(*command):
        subprocess.run(
            ["bash", str(ROOT / "scripts/search_cluster.sh"), *command],
            check=True,
            env=cluster_env,
            cwd=ROOT,
        )

    started = time.monotonic()
    total = rebuild()
    print(f"Rebuilt {total} documents in {time.monotonic() - started:.1f} s")

    phase = ["before"]
    counts: dict[str, Counter] = {}
    failures = []
    stop = threading.Event()
    queries = ["tolk", "leefloon", "housing", "interprète", "Wohnung", "language"]

    def searcher():
        i = 0
        while not stop.is_set():
            query = queries[i % len(queries)]
            i += 1
            try:
                response = search(query, user=None, language="nl", log=False)
                engine = response.engine
                if engine == "none":
                    failures.append((phase[0], query))
            except Exception as error:  # counted, never raised
                engine = f"error {type(error).__name__}"
                failures.append((phase[0], query, str(error)[:100]))
            counts.setdefault(phase[0], Counter())[engine] += 1
            time.sleep(0.05)
        close_old_connections()

    thread = threading.Thread(target=searcher, daemon=True)
    deadline = time.monotonic() + args.seconds
    thread.start()
    time.sleep(3)

    phase[0] = "node 2 down"
    cluster("stop-node", "2")
    edited = []
    for question in Question.objects.order_by("pk")[: args.edits]:
        question.title = question.title.rstrip(" *") + " *"
        question.save()  # signals record an index event; the task applies it
        edited.append(question.pk)
    left_during = IndexEvent.objects.count()
    time.sleep(5)

    phase[0] = "node 2 restarting"
    cluster("start-node", "2")
    health_url = args.url + "/_cluster/health?wait_for_status=green&timeout=120s"
    subprocess.run(["curl", "-s", "-o", "/dev/null", health_url], check=False)
    phase[0] = "after"
    time.sleep(max(0.0, min(5.0, deadline - time.monotonic())))
    stop.set()
    thread.join(10)

    for _ in range(5):  # the outbox catches up with anything the cluster missed
        applied, left = apply_pending_events()
        if not left:
            break
        time.sleep(2)
    drifts = verify()

    print(f"{'phase':<20} {'searches':>8}  engines")
    for name, counter in counts.items():
        engines = ", ".join(f"{e}: {n}" for e, n in counter.most_common())
        print(f"{name:<20} {sum(counter.values()):>8}  {engines}")
    print(f"search failures: {len(failures)}")
    print(f"edits while node 2 was down: {len(edited)}; outbox then: {left_during}")
    print(f"outbox left after recovery: {IndexEvent.objects.count()}")
    for drift in drifts:
        print(f"{drift.engine}: {len(drift.missing)} missing, {len(drift.stale)} stale")
    for pk in edited:  # put the titles back
        question = Question.objects.get(pk=pk)
        question.title = question.title.rstrip(" *")
        question.save()
    apply_pending_events()
    get_engine().primary.drop_indexes()
    ok = not failures and all(d.ok for d in drifts)
    print("OK" if ok else "FAILED")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
