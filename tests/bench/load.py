"""Load bench: requests/s and p50/p95/p99 per page against a running server.

Pages as a signed-in member (home, practice listing, a practice, question list, a
question), side by side with a trivial view (``/healthz``) in the same run, at
concurrency 1, 8 and 32. Every request uses a fresh connection (no keep-alive
delayed-ACK artefacts). Traffic goes to 127.0.0.1 only, with a bounded number of
requests per cell.

    .venv/bin/python -m tests.bench.load --base http://127.0.0.1:8114
    .venv/bin/python -m tests.bench.load --start   # the loopback production stack

With ``--start`` the production stack of tests/faults/harness.py is started
(gunicorn with production settings, PostgreSQL, Redis); ``--scale`` seeds more.
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import threading
import time
from urllib.parse import urlparse

import requests

from tests.faults.harness import Client

CONCURRENCY = (1, 8, 32)


def percentile(values, q):
    values = sorted(values)
    if not values:
        return float("nan")
    k = max(0, min(len(values) - 1, round(q / 100 * (len(values) - 1))))
    return values[k]


def discover(member: Client) -> dict[str, str]:
    pages = {
        "trivial (/healthz)": "/healthz",
        "home": "/en/",
        "practice listing": "/en/practices/",
        "question list": "/en/forum/",
    }
    listing = member.get("/en/practices/").text
    # A practice, not the feed or the collections (``/en/practices/[nl/]<slug>/``).
    practice = r'href="(/en/practices/(?!feed/|collections/)(?:[a-z]{2}/)?[a-z0-9-]+/)"'
    match = re.search(practice, listing)
    if match:
        pages["practice"] = match.group(1)
    questions = member.get("/en/forum/").text
    match = re.search(r'href="(/en/forum/questions/\d+/)"', questions)
    if match:
        pages["question"] = match.group(1)
    return pages


def measure(base, path, cookies, concurrency, total):
    latencies, failures = [], 0
    lock = threading.Lock()
    counter = {"left": total}
    host = urlparse(base).netloc

    def work():
        nonlocal failures
        while True:
            with lock:
                if counter["left"] <= 0:
                    return
                counter["left"] -= 1
            start = time.perf_counter()
            try:
                response = requests.get(
                    base + path,
                    cookies=cookies,
                    headers={
                        "X-Forwarded-Proto": "https",
                        "Connection": "close",
                        "Host": host,
                    },
                    allow_redirects=False,
                    timeout=60,
                )
                ok = response.status_code == 200
            except requests.RequestException:
                ok = False
            elapsed = time.perf_counter() - start
            with lock:
                if ok:
                    latencies.append(elapsed * 1000)
                else:
                    failures += 1

    threads = [threading.Thread(target=work) for _ in range(concurrency)]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.perf_counter() - began
    return {
        "rps": len(latencies) / wall if wall else 0.0,
        "p50": percentile(latencies, 50),
        "p95": percentile(latencies, 95),
        "p99": percentile(latencies, 99),
        "failed": failures,
        "median": statistics.median(latencies) if latencies else float("nan"),
    }


def run(base: str, requests_per_cell: int, login: bool = True) -> str:
    member = Client(base, "10.6.0.1")
    if login:
        member.login()
    pages = discover(member)
    cookies = dict(member.cookies)
    lines = [
        "| page | concurrency | req/s | % of trivial | p50 ms | p95 ms | p99 ms "
        "| x trivial p50 | failed |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for concurrency in CONCURRENCY:
        count = max(requests_per_cell, concurrency * 4)
        trivial = None
        for name, path in pages.items():
            result = measure(base, path, cookies, concurrency, count)
            if trivial is None:
                trivial = result
            share = 100 * result["rps"] / trivial["rps"] if trivial["rps"] else 0
            ratio = result["p50"] / trivial["p50"] if trivial["p50"] else 0
            lines.append(
                f"| {name} | {concurrency} | {result['rps']:.1f} | {share:.0f} % "
                f"| {result['p50']:.0f} | {result['p95']:.0f} | {result['p99']:.0f} "
                f"| {ratio:.1f} | {result['failed']} |"
            )
            print(lines[-1], flush=True)
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description="Load bench on loopback.")
    parser.add_argument("--base", default="http://127.0.0.1:8114")
    parser.add_argument("--start", action="store_true")
    parser.add_argument("--scale", type=int, default=0)
    parser.add_argument("--requests", type=int, default=60)
    parser.add_argument("--workers", type=int, default=4)
    args = parser.parse_args(argv)
    if not args.base.startswith(("http://127.0.0.1", "http://localhost")):
        parser.error("the bench only runs against 127.0.0.1")
    stack = None
    if args.start:
        from tests.faults.harness import Stack

        stack = Stack(web_workers=args.workers)
        stack.setup(scale=args.scale)
        args.base = stack.base
    try:
        print(run(args.base, args.requests))
    finally:
        if stack is not None:
            stack.teardown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
