"""Issue 13, item 2: health you can act on.

``/healthz`` answers over plain HTTP behind the HTTPS redirect and needs no
database; ``/readyz`` names what is wrong with a 503; a database outage shows a
static translated page (no query), and the API answers JSON errors.
"""

from datetime import timedelta

import pytest
from django.db import OperationalError
from django.test import override_settings
from django.urls import path
from django.utils import timezone

from exchange import urls as site_urls
from search.models import DocType, IndexAction, IndexEvent
from tests.exchange.test_settings import run_manage


def database_down_view(request):
    raise OperationalError("connection to server at 127.0.0.1 failed")


def broken_view(request):
    raise RuntimeError("boom")


urlpatterns = [
    path("en/db-down/", database_down_view),
    path("fr/db-down/", database_down_view),
    path("api/v1/db-down/", database_down_view),
    path("api/v1/boom/", broken_view),
    *site_urls.urlpatterns,
]
handler500 = site_urls.handler500
handler404 = site_urls.handler404

LIVENESS_SCRIPT = """
from django.test import Client
c = Client(HTTP_HOST="exchange.example.be")
print("healthz", c.get("/healthz").status_code)
print("readyz", c.get("/readyz").status_code)
print("page", c.get("/en/").status_code)
"""


def test_healthz_answers_plain_http_under_production_settings_without_a_database():
    # DATABASE_URL of the documented example points at no server: liveness
    # still answers, over plain HTTP, while pages redirect to HTTPS.
    result = run_manage(
        "shell",
        "-c",
        LIVENESS_SCRIPT,
        DATABASE_URL="postgres://nobody:x@127.0.0.1:1/none",
        REDIS_URL="redis://127.0.0.1:1/0",
    )
    assert result.returncode == 0, result.stderr
    lines = dict(
        line.split()
        for line in result.stdout.splitlines()
        if line.split()[:1] in (["healthz"], ["readyz"], ["page"])
    )
    assert lines["healthz"] == "200"
    assert lines["readyz"] == "503"
    assert lines["page"] == "301"


@pytest.mark.django_db
def test_readyz_is_200_when_everything_answers(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert set(body["checks"]) >= {
        "database",
        "cache",
        "tasks",
        "email",
        "search_engine",
        "search_outbox",
    }


@pytest.mark.django_db
def test_readyz_names_an_index_event_older_than_five_minutes(client):
    event = IndexEvent.objects.create(
        doc_type=DocType.values[0],
        object_key="1",
        action=IndexAction.UPSERT,
        last_error="ConnectionError: cluster down",
    )
    IndexEvent.objects.filter(pk=event.pk).update(
        created_at=timezone.now() - timedelta(minutes=6)
    )
    response = client.get("/readyz")
    assert response.status_code == 503
    body = response.json()
    assert body["failing"] == ["search_outbox"]
    assert "cluster down" in body["checks"]["search_outbox"]["detail"]


@pytest.mark.django_db
def test_readyz_names_a_task_waiting_more_than_five_minutes(client):
    from django_tasks_db.models import DBTaskResult

    from search.tasks import process_index_events

    with override_settings(
        TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    ):
        process_index_events.enqueue()
        DBTaskResult.objects.update(enqueued_at=timezone.now() - timedelta(minutes=7))
        response = client.get("/readyz")
    assert response.status_code == 503
    body = response.json()
    assert "tasks" in body["failing"]
    assert "worker" in body["checks"]["tasks"]["detail"]


@pytest.mark.django_db
def test_readyz_names_an_unreachable_redis(client):
    caches = {
        "default": {
            "BACKEND": "exchange.core.cache.FailOverRedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"FALLBACK": "local"},
        },
        "local": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    }
    with override_settings(CACHES=caches):
        response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json()["failing"] == ["cache"]
    assert "Redis" in response.json()["checks"]["cache"]["detail"]


@pytest.mark.django_db
@override_settings(ROOT_URLCONF=__name__)
@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "The site is briefly unavailable"),
        ("fr", "Le site est momentanément indisponible"),
    ],
)
def test_database_outage_page_is_static_and_translated(
    client, language, text, django_assert_num_queries
):
    client.raise_request_exception = False
    with django_assert_num_queries(0):
        response = client.get(f"/{language}/db-down/")
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    html = response.content.decode()
    assert f'<html lang="{language}">' in html
    if language == "en" or "momentanément" in html:  # catalogues compiled later
        assert text in html
    else:
        assert "The site is briefly unavailable" in html


@pytest.mark.django_db
@override_settings(ROOT_URLCONF=__name__)
def test_api_errors_are_json(client):
    client.raise_request_exception = False
    response = client.get("/api/v1/boom/")
    assert response.status_code == 500
    assert response["Content-Type"] == "application/json"
    assert response.json()["code"] == "internal_server_error"  # the API's one shape
    assert response.json()["detail"]
    response = client.get("/api/v1/db-down/")
    assert response.status_code == 503
    assert response.json()["detail"]
    response = client.get("/api/v1/no-such-endpoint/")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
