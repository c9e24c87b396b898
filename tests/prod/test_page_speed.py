"""Issue 13, item 7: the main pages as a member stay fast at any size.

Query budgets per page that do not grow with the content (no N+1), and the cached
parts of member pages (exchange/core/fragments.py: the practice library's filter
lists, the home page's practice panel) show a change on the very next request.
"""

import re

import pytest

from tests.factories import (
    AnswerFactory,
    PracticePageFactory,
    QuestionFactory,
)
from tests.practices.conftest import geo, library, themes  # noqa: F401

pytestmark = pytest.mark.django_db

# Measured with the fragment cache cold (first request) and warm (second request).
BUDGETS = {
    "home": 20,
    "practice listing": 24,
    "practice": 34,
    "question list": 14,
    "question": 16,
}


def _content(themes, geo, n=8):  # noqa: F811
    practices = [
        PracticePageFactory(
            title=f"Practice {i}",
            themes=[themes["housing"], themes["health"]],
            municipalities=[geo["gent"], geo["liege"]],
            visibility="members" if i % 2 else "public",
        )
        for i in range(n)
    ]
    questions = [QuestionFactory(title=f"Question {i}") for i in range(n)]
    for question in questions[:3]:
        AnswerFactory(question=question)
    return practices, questions


def _pages(practices, questions):
    return {
        "home": "/en/",
        "practice listing": "/en/practices/",
        "practice": practices[0].url,
        "question list": "/en/forum/",
        "question": f"/en/forum/questions/{questions[0].pk}/",
    }


@pytest.mark.parametrize("size", [4, 12])
def test_member_pages_stay_within_their_query_budgets(
    client_for,
    caseworker,
    library,  # noqa: F811
    themes,  # noqa: F811
    geo,  # noqa: F811
    size,
):
    practices, questions = _content(themes, geo, n=size)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(caseworker)
    counts = {}
    for name, path in _pages(practices, questions).items():
        for round_ in ("cold", "warm"):
            with CaptureQueriesContext(connection) as queries:
                response = client.get(path)
            assert response.status_code == 200, (name, path)
            counts[name, round_] = len(queries)
    over = {key: n for key, n in counts.items() if n > BUDGETS[key[0]]}
    assert not over, counts


def test_the_related_practices_cost_no_query_per_card(
    client_for,
    caseworker,
    library,  # noqa: F811
    themes,  # noqa: F811
    geo,  # noqa: F811
    django_assert_num_queries,
):
    practices, _questions = _content(themes, geo, n=6)
    client = client_for(caseworker)
    client.get(practices[0].url)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(practices[0].url)
    for i in range(6, 12):
        PracticePageFactory(
            title=f"More {i}",
            themes=[themes["housing"]],
            municipalities=[geo["gent"], geo["brussels"]],
        )
    client.get(practices[0].url)
    with CaptureQueriesContext(connection) as more:
        response = client.get(practices[0].url)
    assert len(response.context["related"]) == 4
    assert len(more) == len(few)


def _options(html, name):
    select = re.search(rf'<select id="f-{name}".*?</select>', html, re.S).group(0)
    return re.findall(r">([^<]+)</option>", select)


def test_a_new_practice_shows_in_the_cached_filter_lists_at_once(
    client_for,
    caseworker,
    library,  # noqa: F811
    themes,  # noqa: F811
    geo,  # noqa: F811
):
    PracticePageFactory(title="In Ghent", municipalities=[geo["gent"]])
    client = client_for(caseworker)
    before = client.get("/en/practices/").content.decode()
    again = client.get("/en/practices/").content.decode()  # from the cache
    assert _options(again, "municipality") == _options(before, "municipality")
    assert "Brussel" not in _options(before, "municipality")

    PracticePageFactory(title="In Brussels", municipalities=[geo["brussels"]])
    after = client.get("/en/practices/").content.decode()
    assert "Brussel" in _options(after, "municipality")
    assert "In Brussels" in after


def test_cached_filter_lists_never_cross_audiences(
    client_for,
    caseworker,
    library,  # noqa: F811
    themes,  # noqa: F811
    geo,  # noqa: F811
):
    PracticePageFactory(title="Open", municipalities=[geo["gent"]])
    PracticePageFactory(
        title="Colleagues only", municipalities=[geo["liege"]], visibility="members"
    )
    member = client_for(caseworker).get("/en/practices/").content.decode()
    assert "Luik" in _options(member, "municipality")
    anonymous = client_for(None).get("/en/practices/").content.decode()
    assert "Luik" not in _options(anonymous, "municipality")
    assert "Gent" in _options(anonymous, "municipality")


def test_the_home_panel_counts_a_new_practice_at_once(
    client_for,
    caseworker,
    library,  # noqa: F811
    themes,  # noqa: F811
):
    PracticePageFactory(title="First practice")
    client = client_for(caseworker)
    assert "Browse 1 practice" in client.get("/en/").content.decode()
    assert "Browse 1 practice" in client.get("/en/").content.decode()
    PracticePageFactory(title="Second practice")
    home = client.get("/en/").content.decode()
    assert "Browse all 2 practices" in home
    assert "Second practice" in home
