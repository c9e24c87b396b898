"""Item 11 of issue 11: a bad id answers 404 (or another 4xx), never 500.

One test sweeps the whole URL conf: every route with an integer part (``<int:...>``,
``\\d+``, or a ``<str:pk>`` that Wagtail parses as an id) is requested with ids beyond
64 bits, negative and non-numeric, by a coordinator (who reaches the most views) and
anonymously. Another sweeps the API schema: every path parameter and every integer
query parameter.
"""

import re

import pytest
from django.urls import URLResolver, get_resolver
from django.urls.resolvers import LocalePrefixPattern, RegexPattern, RoutePattern

pytestmark = pytest.mark.django_db

HUGE = "99999999999999999999"
JUST_BEYOND_64_BITS = str(2**63)
BAD_INTEGERS = [HUGE, JUST_BEYOND_64_BITS]
BAD_STRING_IDS = [HUGE, "-1", "abc"]

_ROUTE_PART = re.compile(r"<(?:(?P<converter>\w+):)?(?P<name>\w+)>")
_REGEX_GROUP = re.compile(r"\(\?P<(?P<name>\w+)>(?P<body>[^()]*)\)")
ID_NAMES = re.compile(r"(^|_)(pk|id)$")


def _fill_route(route: str, value: str) -> tuple[str, bool]:
    """The route with ``value`` for integer/id parts; whether it had any."""
    found = False

    def repl(match):
        nonlocal found
        converter, name = match["converter"] or "str", match["name"]
        if converter in ("int", "id") or (converter == "str" and ID_NAMES.search(name)):
            found = True
            return value
        return {"uuid": "00000000-0000-0000-0000-000000000000"}.get(converter, "x")

    return _ROUTE_PART.sub(repl, route), found


def _fill_regex(regex: str, value: str) -> list[tuple[str, bool]]:
    """Every text the regex matches with ``value`` in its id groups (one per
    alternative of a ``(a|b)`` group); [] for a regex this sweep cannot fill."""
    texts = [("", False)]
    position = 0
    for match in _REGEX_GROUP.finditer(regex):
        literal = regex[position : match.start()]
        position = match.end()
        body = match["body"]
        if body in (r"\d+", "[0-9]+"):
            options, found = [value], True
        elif re.fullmatch(r"[\w|]+", body):
            options, found = body.split("|"), False
        elif body in (r"[\w-]+", r"[-\w]+", r"[a-z]+", "[^/]+", ".+", ".*"):
            options, found = ["x"], False
        else:
            return []
        texts = [
            (text + literal + option, had or found)
            for text, had in texts
            for option in options
        ]
    texts = [(text + regex[position:], had) for text, had in texts]
    cleaned = []
    for text, had in texts:
        text = text.lstrip("^").rstrip("$").replace("\\", "")
        if re.search(r"[()\[\]?*+{}|]", text):
            return []
        cleaned.append((text, had))
    return cleaned


def _urls_with_ids(value: str) -> list[str]:
    urls: list[str] = []

    def walk(patterns, prefix: str, has_id: bool):
        for entry in patterns:
            pattern = entry.pattern
            if isinstance(pattern, LocalePrefixPattern):
                parts = [("en/", False)]
            elif isinstance(pattern, RoutePattern):
                parts = [_fill_route(str(pattern), value)]
            elif isinstance(pattern, RegexPattern):
                parts = _fill_regex(str(pattern), value)
            else:
                continue
            for part, found in parts:
                if isinstance(entry, URLResolver):
                    walk(entry.url_patterns, prefix + part, has_id or found)
                elif has_id or found:
                    urls.append(prefix + part)

    walk(get_resolver().url_patterns, "/", False)
    return sorted(set(urls))


def test_the_sweep_covers_every_kind_of_id_route():
    urls = _urls_with_ids(HUGE)
    assert len(urls) > 150
    assert f"/en/forum/questions/{HUGE}/" in urls
    assert f"/en/forum/answers/{HUGE}/vote/" in urls
    assert f"/api/v1/questions/{HUGE}" in urls or any(
        u.startswith("/api/v1/") for u in urls
    )
    assert f"/admin/pages/{HUGE}/edit/" in urls


def _server_errors(client, urls, methods=("get",)):
    client.raise_request_exception = False
    failures = []
    for url in urls:
        for method in methods:
            response = getattr(client, method)(url)
            if response.status_code >= 500:
                failures.append(f"{method.upper()} {url} -> {response.status_code}")
    return failures


def test_every_id_route_answers_4xx_to_an_id_beyond_64_bits(client_for, coordinator):
    coordinator.is_superuser = True
    coordinator.save()
    client = client_for(coordinator)
    failures = _server_errors(client, _urls_with_ids(HUGE), methods=("get", "post"))
    assert not failures, "\n".join(failures)


def test_id_routes_answer_4xx_to_bad_ids_anonymously(client_for):
    client = client_for(None)
    values = [JUST_BEYOND_64_BITS, *BAD_STRING_IDS]
    urls = [u for v in values for u in _urls_with_ids(v)]
    failures = _server_errors(client, urls)
    assert not failures, "\n".join(failures)


def _api_operations():
    from exchange.api import api

    schema = api.get_openapi_schema()
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            yield path, method, operation.get("parameters", [])


def _api_requests():
    """(method, path, query) for each bad value of each id or integer parameter."""
    for path, method, parameters in _api_operations():
        for parameter in parameters:
            schema = parameter.get("schema", {})
            is_integer = schema.get("type") == "integer"
            if parameter["in"] == "path":
                for value in [HUGE, JUST_BEYOND_64_BITS, "-1", "abc", "a%00b"]:
                    filled = path.replace("{" + parameter["name"] + "}", value)
                    filled = re.sub(r"\{\w+\}", "1", filled)
                    yield method, filled, {}, parameter["name"]
            elif parameter["in"] == "query" and is_integer:
                path_filled = re.sub(r"\{\w+\}", "1", path)
                for value in [HUGE, JUST_BEYOND_64_BITS, "-1", "0", "abc", "1\x00"]:
                    yield method, path_filled, {parameter["name"]: value}, None


@pytest.mark.parametrize("signed_in", [False, True], ids=["anonymous", "member"])
def test_every_api_id_and_integer_parameter_answers_4xx_json(
    client_for, caseworker, signed_in
):
    client = client_for(caseworker if signed_in else None)
    client.raise_request_exception = False
    requests = list(_api_requests())
    assert any(p == "practice_id" for *_, p in requests)
    assert any(q.get("page") for _m, _p, q, _n in requests)
    failures = []
    for method, path, query, id_name in requests:
        response = getattr(client, method)(path, query)
        problem = None
        if response.status_code >= 500:
            problem = "server error"
        elif not response["Content-Type"].startswith("application/json"):
            problem = "not JSON"
        elif (
            id_name
            and signed_in
            and response.status_code != 404
            and response.status_code < 400
        ):
            problem = "bad id answered as found"
        if problem:
            failures.append(
                f"{method} {path} {query}: {response.status_code} {problem}"
            )
    assert not failures, "\n".join(failures)


def test_practice_id_beyond_64_bits_is_not_found(client):
    response = client.get(f"/api/v1/practices/{HUGE}")
    assert response.status_code == 404
    assert response.json()["code"] == "not_found"
