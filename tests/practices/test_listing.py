"""The library page: filters in the URL, sorting, pagination, one version each."""

import datetime

import pytest

from tests.factories import AdoptionFactory, CentreFactory, PracticePageFactory

pytestmark = pytest.mark.django_db


def titles(response):
    return [p.title for p in response.context["practices"]]


@pytest.fixture
def shelf(library, themes, target_groups, geo):
    return {
        "gent_housing": PracticePageFactory(
            title="Gent housing cafe",
            themes=[themes["housing"]],
            target_groups=[target_groups["recognised-refugees"]],
            municipalities=[geo["gent"]],
        ),
        "liege_interpreting": PracticePageFactory(
            title="Liège interpreter framework",
            language="fr",
            themes=[themes["language-interpreting"]],
            target_groups=[target_groups["eu-citizens"]],
            municipalities=[geo["liege"]],
        ),
        "brussels_health": PracticePageFactory(
            title="Brussels urgent medical aid unit",
            themes=[themes["health"]],
            municipalities=[geo["brussels"]],
        ),
    }


def test_library_is_a_wagtail_page_in_each_language(client, library):
    for code in ("en", "nl", "fr", "de"):
        response = client.get(f"/{code}/practices/")
        assert response.status_code == 200
        assert (
            response.context["page"].specific.__class__.__name__ == "PracticeIndexPage"
        )


@pytest.mark.parametrize(
    "query, expected",
    [
        ("theme=housing", ["Gent housing cafe"]),
        ("target_group=eu-citizens", ["Liège interpreter framework"]),
        ("region=wallonia", ["Liège interpreter framework"]),
        ("province=40000", ["Gent housing cafe"]),
        ("municipality=21004", ["Brussels urgent medical aid unit"]),
        ("language=fr", ["Liège interpreter framework"]),
        ("theme=housing&region=wallonia", []),
    ],
)
def test_filters_in_the_url_narrow_the_list(client, shelf, query, expected):
    response = client.get(f"/en/practices/?{query}")
    assert titles(response) == expected


def test_a_shared_filtered_link_keeps_its_filters_in_pagination(
    client, library, themes
):
    for n in range(23):
        PracticePageFactory(title=f"Housing idea {n:02d}", themes=[themes["housing"]])
    response = client.get("/en/practices/?theme=housing")
    assert len(response.context["practices"]) == 20
    html = response.content.decode()
    assert "?theme=housing&amp;page=2" in html
    page_two = client.get("/en/practices/?theme=housing&page=2")
    assert len(page_two.context["practices"]) == 3
    # A page number out of range shows the last page instead of an error.
    assert client.get("/en/practices/?theme=housing&page=99").status_code == 200


def test_sort_by_most_adopted_and_recently_reviewed(client, shelf):
    centre_a, centre_b = CentreFactory(), CentreFactory()
    AdoptionFactory(practice=shelf["brussels_health"], centre=centre_a)
    AdoptionFactory(practice=shelf["brussels_health"], centre=centre_b)
    AdoptionFactory(practice=shelf["liege_interpreting"], centre=centre_a)
    assert titles(client.get("/en/practices/?sort=adopted")) == [
        "Brussels urgent medical aid unit",
        "Liège interpreter framework",
        "Gent housing cafe",
    ]
    from practices.models import PracticePage

    PracticePage.objects.filter(pk=shelf["gent_housing"].pk).update(
        last_reviewed_at=datetime.date(2026, 5, 1)
    )
    PracticePage.objects.filter(pk=shelf["liege_interpreting"].pk).update(
        last_reviewed_at=datetime.date(2025, 5, 1)
    )
    assert titles(client.get("/en/practices/?sort=reviewed"))[:2] == [
        "Gent housing cafe",
        "Liège interpreter framework",
    ]
    # Newest first by default.
    assert titles(client.get("/en/practices/"))[0] == "Brussels urgent medical aid unit"


def test_adoption_count_shows_in_the_listing(client, shelf):
    AdoptionFactory(practice=shelf["gent_housing"], centre=CentreFactory())
    html = client.get("/en/practices/?theme=housing").content.decode()
    assert "Adopted by 1 centre" in html


def test_one_version_per_practice_preferring_the_readers_language(
    client, library, themes
):
    original = PracticePageFactory(
        title="Tolkenwijzer", language="nl", themes=[themes["language-interpreting"]]
    )
    PracticePageFactory(
        title="Guide de l'interprète",
        language="fr",
        translation_key=original.translation_key,
        translated_by="human",
        themes=[themes["language-interpreting"]],
    )
    assert titles(client.get("/fr/practices/")) == ["Guide de l'interprète"]
    assert titles(client.get("/en/practices/")) == ["Tolkenwijzer"]
    assert sorted(titles(client.get("/en/practices/?language=fr"))) == [
        "Guide de l'interprète"
    ]


def test_anonymous_sees_only_public_practices_members_see_all(
    client_for, caseworker, library, themes
):
    PracticePageFactory(title="Open to all", themes=[themes["housing"]])
    PracticePageFactory(
        title="For colleagues", visibility="members", themes=[themes["housing"]]
    )
    PracticePageFactory(title="Still a draft", live=False, themes=[themes["housing"]])
    assert titles(client_for(None).get("/en/practices/")) == ["Open to all"]
    assert sorted(titles(client_for(caseworker).get("/en/practices/"))) == [
        "For colleagues",
        "Open to all",
    ]


def test_listing_query_count_stays_flat(
    client, library, themes, geo, django_assert_max_num_queries
):
    for n in range(20):
        page = PracticePageFactory(
            title=f"Practice {n}",
            themes=[themes["housing"], themes["health"]],
            municipalities=[geo["gent"], geo["liege"]],
        )
        AdoptionFactory(practice=page, centre=CentreFactory())
    with django_assert_max_num_queries(25):
        response = client.get("/en/practices/?sort=adopted&region=flanders")
    assert len(response.context["practices"]) == 20
