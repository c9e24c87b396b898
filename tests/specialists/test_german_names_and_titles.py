"""Issue 15 item 8: German reads "Brüssel", "Lüttich" and gendered role titles."""

import pytest
from django.urls import reverse
from django.utils import translation

from exchange.accounts.models import User
from exchange.accounts.titles import role_title
from specialists.exonyms import GERMAN_EXONYMS, municipality_name_in_german
from specialists.models import Municipality
from tests.factories import DesignationFactory, municipality


@pytest.mark.parametrize(
    ("refnis", "official", "main", "german"),
    [
        ("21004", {"nl": "Brussel", "fr": "Bruxelles"}, "fr", "Brüssel"),
        ("62063", {"nl": "Luik", "fr": "Liège"}, "fr", "Lüttich"),
        ("24062", {"nl": "Leuven", "fr": "Louvain"}, "nl", "Löwen"),
        # No German exonym: the place's own name, never the other language's.
        ("11002", {"nl": "Antwerpen", "fr": "Anvers"}, "nl", "Antwerpen"),
        ("44021", {"nl": "Gent", "fr": "Gand"}, "nl", "Gent"),
        ("92094", {"nl": "Namen", "fr": "Namur"}, "fr", "Namur"),
        # An official German name wins.
        ("63023", {"nl": "Eupen", "fr": "Eupen", "de": "Eupen"}, "de", "Eupen"),
    ],
)
def test_german_name_of_a_municipality(refnis, official, main, german):
    assert municipality_name_in_german(refnis, official, main) == german


@pytest.mark.django_db
def test_exonyms_point_at_real_municipalities(municipalities):
    """The curated table names municipalities that exist, under their Dutch or
    French name as a check that each code is the intended place."""
    expected = {
        "21004": "Brussel",
        "62063": "Liège",
        "24062": "Leuven",
        "12025": "Mechelen",
        "31005": "Brugge",
        "35013": "Oostende",
        "33011": "Ieper",
    }
    places = Municipality.objects.in_bulk(list(GERMAN_EXONYMS), field_name="refnis")
    wrong = [c for c in expected if expected[c] not in places[c].all_names()]
    assert wrong == []
    with translation.override("de"):
        assert places["21004"].name == "Brüssel"
    with translation.override("fr"):
        assert places["21004"].name == "Bruxelles"
    # The German name is searchable (the search index reads all_names()).
    assert "Lüttich" in places["62063"].all_names()


@pytest.mark.parametrize(
    ("language", "form", "title"),
    [
        ("de", "f", "Spezialistin für Neuankömmlinge"),
        ("de", "m", "Spezialist für Neuankömmlinge"),
        ("de", "", "Fachperson für Neuankömmlinge"),
        ("fr", "f", "Spécialiste primo-arrivants"),
        ("nl", "f", "Nieuwkomersspecialist"),
    ],
)
def test_role_title_follows_the_form_of_address(language, form, title):
    person = User(email="x@example.org", role="specialist", form_of_address=form)
    with translation.override(language):
        assert role_title(person) == title


def test_coordinator_title_in_french_follows_the_form_of_address():
    person = User(email="x@example.org", role="coordinator", form_of_address="f")
    with translation.override("fr"):
        assert role_title(person) == "Coordinatrice fédérale"


@pytest.mark.django_db
def test_person_page_in_german_uses_the_feminine_title(
    client_for, caseworker, municipalities
):
    designation = DesignationFactory(
        municipalities=[municipality("21004")], role="deputy"
    )
    person = designation.user
    person.form_of_address = "f"
    person.save()
    with translation.override("de"):
        url = reverse("specialists:person", args=[person.pk])
    html = client_for(caseworker).get(url).content.decode()
    assert "Spezialistin für Neuankömmlinge" in html
    assert "Brüssel" in html and "Bruxelles" not in html
    assert "Stellvertreterin" in html


@pytest.mark.django_db
def test_member_sets_a_form_of_address_on_the_profile(client_for, caseworker):
    response = client_for(caseworker).post(
        "/de/account/",
        {"full_name": "Anna Schmitz", "form_of_address": "f", "language": "de"},
    )
    assert response.status_code == 302
    caseworker.refresh_from_db()
    assert caseworker.form_of_address == "f"
    html = client_for(caseworker).get("/de/account/").content.decode()
    assert "Sozialarbeiterin" in html
