"""Item 13 of issue 11: the API is a contract, held to its OpenAPI schema.

Schemathesis generates requests from /api/v1/schema (valid and invalid ones) and runs
all its checks on every answer, anonymously and signed in, against the in-process
WSGI app; the other tests pin what the issue saw broken.
"""

import re

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import CHECKS, load_all_checks
from schemathesis.generation import GenerationMode

from tests.factories import CaseworkerFactory, PracticePageFactory, QuestionFactory

pytestmark = pytest.mark.django_db(transaction=False)

BRUSSELS_DATETIME = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+0[12]:00$")


@pytest.fixture
def library(site_tree):
    from practices.library import practice_library_ensure

    return practice_library_ensure()


def _assert_error_shape(response, status):
    assert response.status_code == status
    assert response["Content-Type"].startswith("application/json")
    body = response.json()
    assert isinstance(body["detail"], str) and body["detail"]
    assert isinstance(body["code"], str) and body["code"]
    return body


def test_route_level_errors_are_json_of_the_documented_shape(client_for, caseworker):
    client = client_for(caseworker)
    assert _assert_error_shape(client.get("/api/v1/questions/abc"), 404)["code"] == (
        "not_found"
    )
    _assert_error_shape(client.get("/api/v1/no-such"), 404)
    response = client.post("/api/v1/search")
    body = _assert_error_shape(response, 405)
    assert body["code"] == "method_not_allowed"
    assert "GET" in response["Allow"]
    _assert_error_shape(client.get("/api/v1/search?page=abc"), 422)
    _assert_error_shape(client_for(None).get("/api/v1/questions/"), 401)


def test_schema_declares_every_error_status(client):
    schema = client.get("/api/v1/schema").json()
    questions = schema["paths"]["/api/v1/questions/"]["get"]["responses"]
    assert {"200", "401", "403", "404", "405", "422"} <= set(questions)
    practice = schema["paths"]["/api/v1/practices/{practice_id}"]["get"]["responses"]
    assert {"200", "404", "422"} <= set(practice)
    error = schema["components"]["schemas"]["Error"]
    assert error["required"] == ["detail", "code"]


def test_messages_and_labels_follow_lang_and_accept_language(client_for):
    from tests.search.conftest import index_fixtures

    index_fixtures()
    member = CaseworkerFactory(language="nl")
    client = client_for(member)

    def type_labels(response):
        return [v["label"] for v in response.json()["facets"]["type"]]

    french = client.get("/api/v1/search?q=interprete&lang=fr")
    assert french.json()["language"] == "fr"
    assert "Bonne pratique" in type_labels(french)
    by_header = client.get("/api/v1/search?q=interprete", HTTP_ACCEPT_LANGUAGE="fr")
    assert "Bonne pratique" in type_labels(by_header)
    # Without lang or header, the member's own language applies.
    assert "Goede praktijk" in type_labels(client.get("/api/v1/search?q=interprete"))

    missing = client.get("/api/v1/questions/999999", HTTP_ACCEPT_LANGUAGE="fr")
    assert missing.json()["detail"] == "Cette question n'existe pas."
    missing = client.get("/api/v1/questions/999999?lang=fr")
    assert missing.json()["detail"] == "Cette question n'existe pas."
    missing = client.get("/api/v1/questions/999999")
    assert missing.json()["detail"] == "Deze vraag bestaat niet."


def test_dates_carry_the_brussels_offset_in_one_style(client_for, library):
    member = CaseworkerFactory()
    question = QuestionFactory()
    PracticePageFactory(title="Buddy project")
    client = client_for(member)
    row = client.get("/api/v1/questions/").json()["results"][0]
    assert BRUSSELS_DATETIME.match(row["created_at"]), row["created_at"]
    detail = client.get(f"/api/v1/questions/{question.pk}").json()
    assert BRUSSELS_DATETIME.match(detail["last_activity_at"])
    practice = client.get("/api/v1/practices/").json()["items"][0]
    assert BRUSSELS_DATETIME.match(practice["first_published_at"])


def test_page_size_is_bounded(client, library):
    PracticePageFactory()
    assert client.get("/api/v1/practices/?page_size=100").status_code == 200
    _assert_error_shape(client.get("/api/v1/practices/?page_size=101"), 422)
    schema = client.get("/api/v1/schema").json()
    parameters = schema["paths"]["/api/v1/practices/"]["get"]["parameters"]
    page_size = next(p for p in parameters if p["name"] == "page_size")
    bounds = page_size["schema"].get("anyOf", [page_size["schema"]])[0]
    assert bounds["maximum"] == 100


# --- Schemathesis ----------------------------------------------------------------

EXAMPLES_PER_MODE = 80

# The directory answers 422 to a municipality, province, region, theme or language
# it does not know (docs/api.md): a rule about the data that the schema, with free
# strings, cannot state. Only there is "valid data was rejected" not checked.
DATA_RULES_OUTSIDE_THE_SCHEMA = "/api/v1/specialists/"


def _schemathesis_run(cookies: dict):
    """Schemathesis through the WSGI handler, in the test's transaction.

    As Django's test client does, the handler must not close the database connection
    at the end of each request (``close_old_connections``).
    """
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        return _schemathesis_checks(cookies)
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def _schemathesis_checks(cookies: dict):
    from schemathesis.specs.openapi.checks import positive_data_acceptance

    load_all_checks()
    schema = schemathesis.openapi.from_wsgi("/api/v1/schema", get_wsgi_application())
    checks = CHECKS.get_all()
    assert positive_data_acceptance in checks
    failures = []
    for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):

        @settings(
            max_examples=EXAMPLES_PER_MODE,
            deadline=None,
            database=None,
            derandomize=True,
            suppress_health_check=list(HealthCheck),
        )
        @given(case=schema.as_strategy(generation_mode=mode))
        def run(case):
            own = checks
            if case.path.startswith(DATA_RULES_OUTSIDE_THE_SCHEMA):
                own = [c for c in checks if c is not positive_data_acceptance]
            case.call_and_validate(checks=own, cookies=cookies)

        try:
            run()
        except Exception as error:  # noqa: BLE001 - reported by the test
            failures.append(f"{mode.value}: {error}")
    return failures


@pytest.fixture
def api_data(library):
    QuestionFactory(title="Interpreters for Tigrinya?")
    PracticePageFactory(title="Buddy project", visibility="public")


def test_schemathesis_all_checks_anonymous(api_data):
    failures = _schemathesis_run(cookies={})
    assert not failures, "\n\n".join(failures[:5])


def test_schemathesis_all_checks_signed_in(client, api_data):
    client.force_login(CaseworkerFactory())
    cookies = {"sessionid": client.cookies["sessionid"].value}
    failures = _schemathesis_run(cookies=cookies)
    assert not failures, "\n\n".join(failures[:5])
