"""Dashboard benchmark: seed N items, then time the coordinators' dashboard.

    .venv/bin/python tests/bench/coordination_bench.py --scale 20000 --fresh
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/coord \\
        .venv/bin/python tests/bench/coordination_bench.py --scale 100000 --fresh

SQLite runs on its own file (var/coordination-bench.sqlite3). ``seed_demo --scale N
--no-index`` makes the demo content plus about N practices, questions and answers;
the script adds N/2 anonymous search-log rows spread over a year. It then requests
the dashboard page, one chart and one CSV export as a coordinator, five times per
filter (all of Belgium this quarter; one region over twelve months; one theme), and
prints the number of queries and the median and worst time of each.
"""

import argparse
import os
import random
import statistics
import sys
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
SQLITE_FILE = ROOT / "var" / "coordination-bench.sqlite3"
RUNS = 5


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
    from django.db import connection

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.ALLOWED_HOSTS = ["*"]
    if args.fresh and connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("DROP SCHEMA public CASCADE")
            cursor.execute("CREATE SCHEMA public")
    call_command("migrate", verbosity=0, interactive=False)


def seed(scale: int) -> None:
    from io import StringIO

    from django.core.management import call_command
    from django.utils import timezone

    from search.models import QueryLog

    started = time.monotonic()
    call_command("seed_demo", scale=scale, no_index=True, stdout=StringIO())
    print(f"seed_demo --scale {scale}: {time.monotonic() - started:.0f} s")
    rng = random.Random(16)
    words = ["leefloon", "tolk", "huisvesting", "interprète", "GPMI", "logement"]
    now = timezone.now()
    logs = [
        QueryLog(
            query=f"{rng.choice(words)} {rng.randint(1, 400)}",
            language=rng.choice(["nl", "fr", "de", "en"]),
            result_count=rng.choice([0, 0, 3, 12, 40]),
            engine="embedded",
        )
        for _ in range(scale // 2)
    ]
    QueryLog.objects.bulk_create(logs, batch_size=5000)
    # auto_now_add dated every row now: move a quarter of them 200 days back.
    QueryLog.objects.filter(pk__in=QueryLog.objects.values("pk")[: scale // 4]).update(
        created_at=now - timedelta(days=200)
    )


def counts() -> dict:
    from forum.models import Answer, Question
    from practices.models import PracticePage
    from search.models import QueryLog

    return {
        "practices": PracticePage.objects.count(),
        "questions": Question.objects.count(),
        "answers": Answer.objects.count(),
        "search log rows": QueryLog.objects.count(),
    }


def measure() -> None:
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    User = get_user_model()
    coordinator = User.objects.filter(role="coordinator", is_active=True).first()
    client = Client()
    client.force_login(coordinator)
    client.get("/en/coordination/")  # warm up
    cases = {
        "dashboard, Belgium, this quarter": "/en/coordination/",
        "dashboard, Flanders, 12 months": (
            "/en/coordination/?region=flanders&period=year"
        ),
        "dashboard, theme housing, 12 months": (
            "/en/coordination/?theme=housing&period=year"
        ),
        "chart: questions per month, 12 months": (
            "/en/coordination/charts/questions.svg?period=year"
        ),
        "CSV: figures, 12 months": "/en/coordination/export/figures.csv?period=year",
    }
    print(f"{'request':45} {'queries':>7} {'median':>8} {'worst':>8}")
    for label, url in cases.items():
        times, queries = [], 0
        for _run in range(RUNS):
            with CaptureQueriesContext(connection) as captured:
                started = time.perf_counter()
                response = client.get(url, HTTP_HOST="localhost")
                times.append(time.perf_counter() - started)
            assert response.status_code == 200, (url, response.status_code)
            queries = len(captured)
        print(
            f"{label:45} {queries:7d} {statistics.median(times) * 1000:6.0f} ms"
            f" {max(times) * 1000:6.0f} ms"
        )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", type=int, default=20000)
    parser.add_argument("--fresh", action="store_true")
    parser.add_argument("--measure-only", action="store_true")
    args = parser.parse_args()
    setup(args)
    if not args.measure_only:
        seed(args.scale)
    from django.db import connection

    print(
        f"database: {connection.vendor}; "
        + ", ".join(f"{key}: {value}" for key, value in counts().items())
    )
    measure()


if __name__ == "__main__":
    main()
