"""Item 6 of issue 15: a municipality without a specialist shows who to ask."""

import pytest

from specialists.models import Municipality
from tests.factories import CaseworkerFactory, CentreFactory, DesignationFactory

pytestmark = pytest.mark.django_db


def test_search_for_uncovered_municipality_names_a_specialist_of_its_province(
    client_for, places, coordinator
):
    namur_province = places.namur.province
    neighbour = Municipality.objects.filter(province=namur_province).exclude(
        pk=places.namur.pk
    )[0]
    nearby = DesignationFactory(
        municipalities=[neighbour], user__full_name="Luc Voisin"
    ).user
    DesignationFactory(municipalities=[places.gent])  # another province

    html = (
        client_for(CaseworkerFactory())
        .get("/en/specialists/", {"municipality": "Namur"})
        .content.decode()
    )

    assert "No specialist matches these filters." in html
    assert "Luc Voisin" in html and f"mailto:{nearby.email}" in html
    assert f"mailto:{coordinator.email}?subject=" in html
    assert "Report that Namur has no specialist" in html


def test_without_any_specialist_nearby_the_coordinator_is_the_contact(
    client_for, places, coordinator, site_tree
):
    worker = CaseworkerFactory(home_centre=CentreFactory(municipalities=[places.eupen]))

    html = client_for(worker).get("/en/").content.decode()

    assert "no specialist designated yet" in html
    assert "ask a federal coordinator" in html
    assert coordinator.display_name in html
