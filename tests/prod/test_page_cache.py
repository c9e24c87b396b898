"""Issue 13, item 7: anonymous pages come from a full-page cache with ETag.

A content change shows at once (the cache version moves with every save); signed
in members never get a cached page.
"""

import pytest
from django.test import override_settings

from tests.factories import QuestionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _page_cache():
    with override_settings(PAGE_CACHE_SECONDS=300):
        yield


def test_anonymous_home_is_cached_with_etag_and_revalidated(client, site_tree):
    first = client.get("/en/")
    assert first.status_code == 200
    assert first["X-Page-Cache"] == "miss"
    assert first["Cache-Control"] == "public, max-age=0, must-revalidate"
    etag = first["ETag"]
    second = client.get("/en/")
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert second["ETag"] == etag
    not_modified = client.get("/en/", HTTP_IF_NONE_MATCH=etag)
    assert not_modified.status_code == 304


def test_a_cached_page_costs_no_query(client, site_tree, django_assert_num_queries):
    client.get("/en/forum/")
    with django_assert_num_queries(0):
        response = client.get("/en/forum/")
    assert response.status_code in (200, 302)


def test_a_content_change_shows_at_once(client, site_tree):
    before = client.get("/en/")
    assert before["X-Page-Cache"] == "miss"
    assert client.get("/en/")["X-Page-Cache"] == "hit"
    QuestionFactory()  # any content save moves the version
    after = client.get("/en/")
    assert after["X-Page-Cache"] == "miss"


def test_members_never_get_a_cached_page(client, site_tree, caseworker):
    client.get("/en/")
    client.force_login(caseworker)
    response = client.get("/en/")
    assert "X-Page-Cache" not in response
    assert "public" not in response.get("Cache-Control", "")


def test_a_fresh_database_migrates_with_the_database_cache(tmp_path):
    """`make run` on a fresh clone: Wagtail's first migration saves a page before the
    cache table exists; the page cache must not stop the migration."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "exchange.settings.dev",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'fresh.sqlite3'}",
    }
    env.pop("REDIS_URL", None)
    done = subprocess.run(
        [sys.executable, "manage.py", "migrate", "--no-input", "-v", "0"],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-2000:]


def test_an_announcement_shows_to_visitors_on_its_start_date(
    client, site_tree, monkeypatch
):
    # Nothing is saved on the morning an announcement starts: the cached home page
    # of the day before must not be served on it.
    from datetime import timedelta

    from django.utils import timezone

    from coordination.models import Announcement

    today = timezone.localdate()
    Announcement.objects.create(
        title_en="Starts tomorrow",
        starts_on=today + timedelta(days=1),
        ends_on=today + timedelta(days=5),
    )
    assert "Starts tomorrow" not in client.get("/en/").content.decode()
    assert client.get("/en/")["X-Page-Cache"] == "hit"

    monkeypatch.setattr(timezone, "localdate", lambda *a, **k: today + timedelta(1))
    tomorrow = client.get("/en/")
    assert tomorrow["X-Page-Cache"] == "miss"
    assert "Starts tomorrow" in tomorrow.content.decode()


def test_a_new_announcement_shows_to_visitors_at_once(client, site_tree):
    from django.utils import timezone

    from coordination.models import Announcement

    assert client.get("/en/")["X-Page-Cache"] == "miss"
    assert client.get("/en/")["X-Page-Cache"] == "hit"
    Announcement.objects.create(
        title_en="Office closed on Friday", ends_on=timezone.localdate()
    )
    response = client.get("/en/")
    assert "Office closed on Friday" in response.content.decode()
