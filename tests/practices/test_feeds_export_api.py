"""Atom feeds, CSV/JSON export and the JSON API follow the same visibility rules."""

import csv
import io
import json

import pytest

from tests.factories import AdoptionFactory, CentreFactory, PracticePageFactory

pytestmark = pytest.mark.django_db


def refused(response) -> bool:
    """The API does not serve it. (Django's LocaleMiddleware currently turns a 404 of
    an unprefixed path into a redirect to /en/...; either way nothing is served.)"""
    return response.status_code in (302, 404) and b"idea" not in response.content


@pytest.fixture
def mixed(library, themes, geo):
    return {
        "public": PracticePageFactory(
            title="Public housing idea",
            themes=[themes["housing"]],
            municipalities=[geo["gent"]],
        ),
        "members": PracticePageFactory(
            title="Members health idea", visibility="members", themes=[themes["health"]]
        ),
        "draft": PracticePageFactory(
            title="Draft idea", live=False, themes=[themes["housing"]]
        ),
        "health": PracticePageFactory(
            title="Public health idea", themes=[themes["health"]]
        ),
    }


def test_atom_feed_lists_only_new_public_practices(client_for, caseworker, mixed):
    for client in (client_for(None), client_for(caseworker)):
        response = client.get("/en/practices/feed/")
        assert response.status_code == 200
        assert response["Content-Type"].startswith("application/atom+xml")
        body = response.content.decode()
        assert "Public housing idea" in body and "Public health idea" in body
        assert "Members health idea" not in body and "Draft idea" not in body


def test_atom_feed_per_theme(client, mixed):
    body = client.get("/en/practices/feed/housing/").content.decode()
    assert "Public housing idea" in body
    assert "Public health idea" not in body
    assert client.get("/en/practices/feed/no-such-theme/").status_code == 404


def test_csv_export_holds_what_the_user_may_see_with_filters(
    client_for, caseworker, mixed
):
    def rows(client, query=""):
        response = client.get(f"/en/practices/export.csv{query}")
        assert response.status_code == 200
        text = b"".join(response.streaming_content).decode("utf-8-sig")
        return list(csv.DictReader(io.StringIO(text)))

    anonymous = {r["title"] for r in rows(client_for(None))}
    assert anonymous == {"Public housing idea", "Public health idea"}
    member = {r["title"] for r in rows(client_for(caseworker))}
    assert member == {
        "Public housing idea",
        "Public health idea",
        "Members health idea",
    }
    filtered = rows(client_for(caseworker), "?theme=housing")
    assert [r["title"] for r in filtered] == ["Public housing idea"]
    assert filtered[0]["municipalities"] == "44021"
    assert filtered[0]["themes"] == "housing"


def test_json_export(client_for, mixed):
    response = client_for(None).get("/en/practices/export.json")
    data = json.loads(response.content)
    assert {p["title"] for p in data["practices"]} == {
        "Public housing idea",
        "Public health idea",
    }
    assert response["Content-Disposition"].startswith("attachment")


def test_api_list_and_detail_respect_visibility(client_for, caseworker, mixed):
    AdoptionFactory(practice=mixed["public"], centre=CentreFactory(name="CPAS Namur"))
    anonymous = client_for(None)
    data = anonymous.get("/api/v1/practices/").json()
    assert {p["title"] for p in data["items"]} == {
        "Public housing idea",
        "Public health idea",
    }
    assert refused(anonymous.get(f"/api/v1/practices/{mixed['members'].pk}"))
    assert refused(anonymous.get(f"/api/v1/practices/{mixed['draft'].pk}"))
    detail = anonymous.get(f"/api/v1/practices/{mixed['public'].pk}").json()
    assert detail["adoption_count"] == 1
    assert detail["adopted_by"][0]["centre"] == "CPAS Namur"
    assert detail["contact"] is None
    member = client_for(caseworker)
    assert member.get(f"/api/v1/practices/{mixed['members'].pk}").status_code == 200
    assert refused(member.get(f"/api/v1/practices/{mixed['draft'].pk}"))
    filtered = member.get("/api/v1/practices/?theme=health").json()
    assert {p["title"] for p in filtered["items"]} == {
        "Members health idea",
        "Public health idea",
    }


def test_api_list_query_budget(
    client, library, themes, geo, django_assert_max_num_queries
):
    for n in range(15):
        PracticePageFactory(
            title=f"P{n}", themes=[themes["housing"]], municipalities=[geo["gent"]]
        )
    with django_assert_max_num_queries(12):
        response = client.get("/api/v1/practices/")
    assert response.json()["count"] == 15


def test_practices_export_neutralises_hostile_titles_and_summaries(client, library):
    PracticePageFactory(title='=HYPERLINK("http://evil.example")', summary="@SUM(1)")
    response = client.get("/en/practices/export.csv")
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert rows[0]["title"] == '\'=HYPERLINK("http://evil.example")'
    assert rows[0]["summary"] == "'@SUM(1)"
    assert rows[0]["id"].isdigit()  # numbers stay numbers


def test_api_list_shows_a_reviewed_practice(client_for, caseworker, library):
    """A review date is a date, not a date-time: the list still answers (was a 500)."""
    import datetime

    practice = PracticePageFactory(title="Reviewed practice")
    practice.last_reviewed_at = datetime.date(2026, 3, 1)
    practice.save_revision().publish()

    response = client_for(caseworker).get("/api/v1/practices/")

    assert response.status_code == 200
    data = response.json()
    items = data["items"] if isinstance(data, dict) else data
    rows = [r for r in items if r["title"] == "Reviewed practice"]
    assert rows and rows[0]["last_reviewed_at"] == "2026-03-01"
