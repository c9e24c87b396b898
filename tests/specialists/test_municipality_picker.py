"""Item 4 of issue 15: find any municipality by name (any language, tolerant of
accents, hyphens and spaces), postcode or REFNIS code, without JavaScript."""

import pytest

from specialists.selectors import municipalities_matching, municipality_exact

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("typed", "refnis"),
    [
        ("sint jans molenbeek", "21012"),
        ("Molenbeek-Saint-Jean", "21012"),
        ("liege", "62063"),
        ("LUIK", "62063"),  # Dutch name, any case
        ("saint vith", "63067"),  # "Saint-Vith"
        ("63023", "63023"),  # REFNIS
        ("4700", "63023"),  # postcode of Eupen
    ],
)
def test_picker_finds_the_municipality(municipalities, typed, refnis):
    assert refnis in [m.refnis for m in municipalities_matching(typed)]
    assert municipality_exact(typed).refnis == refnis


def test_directory_form_accepts_a_name_without_hyphens_or_accents(
    client_for, caseworker, municipalities
):
    response = client_for(caseworker).get(
        "/en/specialists/", {"municipality": "sint jans molenbeek"}
    )
    assert response.status_code == 200
