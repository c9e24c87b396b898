"""The search page's two views: one mixed list (default, paged) or grouped by type
(a heading, the best few and a "show all" link per type with matches)."""

import re

import pytest

from search.indexing import IndexItem
from search.service import GROUP_SIZE
from tests.search.conftest import FIXTURES, index_fixtures

pytestmark = pytest.mark.django_db

EXTRA_PRACTICES = [
    IndexItem(
        doc_type="practice",
        object_key=str(900 + i),
        language="nl",
        title=f"Tolk via de telefoon, aanpak {i}",
        body="Het OCMW boekt een sociaal tolk voor het eerste gesprek.",
        url=f"/nl/practices/tolk-{i}/",
        audience="public",
        facets=[("theme", "language-interpreting")],
    )
    for i in range(GROUP_SIZE + 1)
]


@pytest.fixture
def indexed(db, settings):
    settings.SEARCH_ENGINE = "embedded"
    index_fixtures([*FIXTURES, *EXTRA_PRACTICES])


def headings(html, level):
    return [
        re.sub(r"<[^>]+>", "", h).strip()
        for h in re.findall(rf"<h{level}[^>]*>(.*?)</h{level}>", html, re.S)
    ]


def grouped(client, **params):
    return client.get("/en/search/", {"q": "tolk", "view": "grouped", **params})


def test_grouped_view_has_a_heading_per_type_with_matches(
    indexed, client_for, caseworker
):
    response = grouped(client_for(caseworker))
    assert response.status_code == 200
    html = response.content.decode()
    types = [group.type for group in response.context["groups"]]
    assert types == ["practice", "specialist", "collection"]  # in the fixed order
    h2 = headings(html, 2)
    practices = len(EXTRA_PRACTICES) + 1
    assert f"Good practices ({practices})" in h2
    assert "Specialist (1)" in h2
    assert "Collection (1)" in h2
    assert not any(h.startswith(("Question", "Answer")) for h in h2)
    # h1, then the facets' h2 and one h2 per group; results are h3 below them.
    assert html.index("<h1") < html.index('<h2 id="group-practice"')
    assert '<h2 id="results-heading"' not in html
    practice_group = response.context["groups"][0]
    assert len(practice_group.results) == GROUP_SIZE
    assert html.count('class="result result--practice"') == GROUP_SIZE


def test_show_all_link_switches_to_the_mixed_view_filtered_on_the_type(
    indexed, client_for, caseworker
):
    client = client_for(caseworker)
    response = grouped(client, theme="language-interpreting")
    html = response.content.decode()
    practices = len(EXTRA_PRACTICES) + 1
    link = re.search(
        rf'<a href="([^"]+)">Show all {practices} good practices</a>', html
    )
    assert link is not None
    url = link.group(1).replace("&amp;", "&")
    assert "view=" not in url
    assert "type=practice" in url
    assert "q=tolk" in url
    assert "theme=language-interpreting" in url  # the other filters stay
    # Types with every match shown have no such link.
    assert "Show all 1" not in html
    shown = client.get("/en/search/" + url)
    assert shown.context["view"] == "mixed"
    assert shown.context["response"].total == practices
    assert {r.type for r in shown.context["response"].results} == {"practice"}


def test_unknown_view_falls_back_to_the_mixed_list(indexed, client_for, caseworker):
    client = client_for(caseworker)
    for value in ("sideways", "<script>", ""):
        response = client.get("/en/search/", {"q": "tolk", "view": value})
        assert response.status_code == 200
        assert response.context["view"] == "mixed"
        html = response.content.decode()
        assert '<h2 id="results-heading">' in html
        assert "result-group" not in html
        assert "view=" not in html.split("search-results", 1)[1].split("One list")[0]


def test_mixed_view_is_the_default_and_paged(indexed, client_for, caseworker):
    from search import views

    client = client_for(caseworker)
    response = client.get("/en/search/", {"q": "tolk"})
    assert response.context["view"] == "mixed"
    assert response.context["groups"] == []
    # The grouped view has no pages, whatever ?page says.
    response = grouped(client, page="2")
    assert response.context["response"].page == 1
    assert response.context["pages"] == {}
    assert views.VIEWS[0] == "mixed"


def test_anonymous_grouped_view_has_no_members_only_types(indexed, client):
    response = grouped(client)
    html = response.content.decode()
    types = [group.type for group in response.context["groups"]]
    assert "specialist" not in types
    assert types == ["practice", "collection"]
    assert not any(h.startswith("Specialist") for h in headings(html, 2))
    assert "/nl/specialists/" not in html


def test_facet_links_and_the_form_keep_the_grouped_view(
    indexed, client_for, caseworker
):
    response = grouped(client_for(caseworker))
    html = response.content.decode()
    for values in response.context["response"].facets.values():
        for value in values:
            assert "view=grouped" in value.url
    assert "view=grouped&amp;type=collection" in html or (
        "type=collection&amp;view=grouped" in html
    )
    assert '<input type="hidden" name="view" value="grouped">' in html
    filtered = grouped(client_for(caseworker), type="collection")
    assert [g.type for g in filtered.context["groups"]] == ["collection"]
    # "Remove all filters" keeps the query and the view.
    assert 'href="?q=tolk&amp;view=grouped"' in filtered.content.decode()


def test_view_switch_marks_the_current_view_without_colour(
    indexed, client_for, caseworker
):
    html = grouped(client_for(caseworker)).content.decode()
    start = html.index('class="result-views"')
    nav = html[start : html.index("</nav>", start)]
    current = re.findall(r'<a href="([^"]*)" aria-current="true"[^>]*>(.*?)</a>', nav)
    assert len(current) == 1
    assert "✓" in current[0][1] and "Grouped by type" in current[0][1]
    assert '<a href="?q=tolk">One list</a>' in nav


def test_small_types_come_from_the_first_search_without_another(
    indexed, client_for, caseworker, monkeypatch
):
    from search import service

    calls = []
    original = service.search

    def counting(*args, **kwargs):
        calls.append(args[1] if len(args) > 1 else kwargs.get("filters"))
        return original(*args, **kwargs)

    monkeypatch.setattr(service, "search", counting)
    response = grouped(client_for(caseworker))
    # One search per type whose matches were not all on the first page: only the
    # practices here (specialist and collection came with the first search).
    assert [f.get("type") for f in calls] == [["practice"]]
    assert [len(g.results) for g in response.context["groups"]] == [GROUP_SIZE, 1, 1]
