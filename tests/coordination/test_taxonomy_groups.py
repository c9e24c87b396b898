"""The taxonomy covers the research's target groups and themes, in four languages."""

import pytest

from exchange.taxonomy.models import TargetGroup, Theme

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "slug,nl,fr,de,en",
    [
        (
            "unaccompanied-minors",
            "(Ex-)niet-begeleide minderjarigen",
            "(Anciens) mineurs étrangers non accompagnés",
            "(Ehemalige) unbegleitete Minderjährige",
            "(Former) unaccompanied minors",
        ),
        (
            "women-mothers",
            "Vrouwen en moeders",
            "Femmes et mères",
            "Frauen und Mütter",
            "Women and mothers",
        ),
        (
            "trafficking-victims",
            "Slachtoffers van mensenhandel",
            "Victimes de la traite des êtres humains",
            "Opfer von Menschenhandel",
            "Victims of human trafficking",
        ),
    ],
)
def test_research_target_groups_exist_in_four_languages(slug, nl, fr, de, en):
    group = TargetGroup.objects.get(slug=slug)
    assert [group.name_in(code) for code in ("nl", "fr", "de", "en")] == [
        nl,
        fr,
        de,
        en,
    ]


def test_childcare_and_mental_health_are_themes():
    childcare = Theme.objects.get(slug="childcare-family")
    assert childcare.name_in("fr") == "Garde d'enfants et famille"
    assert Theme.objects.get(slug="mental-health-trauma").name_in("de") == (
        "Psychische Gesundheit und Trauma"
    )


def test_new_groups_come_after_the_existing_ones():
    orders = dict(TargetGroup.objects.values_list("slug", "sort_order"))
    assert orders["unaccompanied-minors"] > orders["newcomers-general"]


def test_question_form_offers_the_new_groups(client_for, caseworker):
    page = client_for(caseworker).get("/en/forum/ask/").content.decode()
    assert "(Former) unaccompanied minors" in page
