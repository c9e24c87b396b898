"""Start the production stack on loopback and check what a visitor needs.

gunicorn with ``exchange.settings.production`` against PostgreSQL and Redis (each
of its own, see tests/faults/harness.py), WhiteNoise serving the static files.
Checks: liveness over plain HTTP, readiness, the redirect to HTTPS, the main
pages, a hashed static file (compressed, far-future cache), log-in and a search.
Exit status 0 when every check passes. Run: ``bash tests/deploy/check_production.sh``.
"""

import re
import sys
import time

from tests.faults.harness import Client, Stack

FAILURES = []


def check(name, ok, detail=""):
    print(f"{'ok  ' if ok else 'FAIL'} {name}{': ' + str(detail) if detail else ''}")
    if not ok:
        FAILURES.append(name)


def run(stack: Stack) -> None:
    import requests

    base = stack.base
    plain = requests.get(base + "/healthz", timeout=5)
    check("/healthz over plain HTTP", plain.status_code == 200, plain.status_code)
    redirect = requests.get(base + "/en/", allow_redirects=False, timeout=5)
    check(
        "plain HTTP page redirects to HTTPS",
        redirect.status_code == 301
        and redirect.headers["Location"].startswith("https://"),
        redirect.status_code,
    )
    time.sleep(2)  # the worker drains the tasks seed_demo queued
    ready = requests.get(base + "/readyz", timeout=10)
    check("/readyz", ready.status_code == 200, ready.text[:300])

    anonymous = Client(base, "10.1.0.1")
    home = anonymous.get("/en/")
    check("home page (anonymous)", home.status_code == 200, home.status_code)
    css = re.search(r'href="(/static/[^"]+\.[0-9a-f]{12}\.css)"', home.text)
    check("hashed static file name in the page", css is not None)
    if css:
        static = anonymous.get(css.group(1), headers={"Accept-Encoding": "gzip"})
        cache_control = static.headers.get("Cache-Control", "")
        check("static file served", static.status_code == 200, static.status_code)
        check(
            "static file far-future cache",
            "max-age=315360000" in cache_control and "immutable" in cache_control,
            cache_control,
        )
        check(
            "static file compressed",
            static.headers.get("Content-Encoding") == "gzip",
            static.headers.get("Content-Encoding"),
        )

    member = Client(base, "10.1.0.2")
    member.login()
    for path in ("/en/", "/en/practices/", "/en/forum/", "/en/specialists/"):
        response = member.get(path)
        check(f"{path} (signed in)", response.status_code == 200, response.status_code)
    search = member.get("/en/search/?q=interpreter")
    check(
        "search answers with results",
        search.status_code == 200 and "interpret" in search.text.lower(),
        search.status_code,
    )
    api = member.get("/api/v1/practices/")
    check(
        "API answers JSON",
        api.status_code == 200
        and api.headers["Content-Type"].startswith("application/json"),
        api.status_code,
    )


def main() -> int:
    stack = Stack()
    try:
        stack.setup()
        run(stack)
    finally:
        stack.teardown()
    print("FAILED: " + ", ".join(FAILURES) if FAILURES else "All checks passed.")
    return 1 if FAILURES else 0


if __name__ == "__main__":
    sys.exit(main())
