"""Issue 15 item 8: the seeded demo data is consistent. Centres are named as their
region names them (French elision, OCMW / CPAS / ÖSHZ by region and language), and
every demo practice belongs to its author's centre, which serves its municipality."""

from io import StringIO

import pytest
from django.db.models import Count

from demo import accounts, practices, specialists
from demo.centres import french_of
from practices.models import Adoption, PracticePage
from specialists.models import Centre, CentreKind, Designation

FLANDERS, BRUSSELS_REGION = "02000", "04000"


@pytest.mark.parametrize(
    ("place", "expected"),
    [
        ("Anderlecht", "d'Anderlecht"),
        ("Ixelles", "d'Ixelles"),
        ("Écaussinnes", "d'Écaussinnes"),
        ("Yvoir", "d'Yvoir"),
        ("Liège", "de Liège"),
        ("Huy", "de Huy"),
        ("La Louvière", "de La Louvière"),
        ("Le Rœulx", "du Rœulx"),
        ("Les Bons Villers", "des Bons Villers"),
    ],
)
def test_french_centre_names_elide_and_contract(place, expected):
    assert french_of(place) == expected


@pytest.fixture
def seeded(site_tree, municipalities):
    accounts.seed(stdout=StringIO())
    specialists.seed(stdout=StringIO())
    practices.seed(stdout=StringIO())


def _centre_named(name):
    return Centre.objects.filter(name=name).first()


@pytest.mark.django_db
def test_centres_are_named_as_their_region_names_them(seeded):
    for name in (
        "CPAS d'Anderlecht / OCMW Anderlecht",
        "OCMW Gent",
        "CPAS de Liège",
        "CPAS de La Louvière",
        "ÖSHZ Eupen",
        "CPAS de Bruxelles / OCMW Brussel",
    ):
        assert _centre_named(name) is not None, name
    assert not Centre.objects.filter(name__regex=r"\bde [AEIOUYÉÈÊ]").exists()
    assert not Centre.objects.filter(name__regex=r"\bde (Le|Les) ").exists()

    own = (
        Centre.objects.filter(kind=CentreKind.OCMW)
        .annotate(places=Count("municipalities"))
        .filter(places=1)
        .prefetch_related("municipalities__region")
    )
    assert own.count() >= 30
    for centre in own:
        municipality = centre.municipalities.get()
        region = municipality.region.code
        if region == BRUSSELS_REGION:
            assert centre.name.startswith("CPAS ") and " / OCMW " in centre.name
        elif region == FLANDERS:
            assert centre.name == f"OCMW {municipality.name_in('nl')}"
        elif municipality.main_language == "de":
            assert centre.name == f"ÖSHZ {municipality.name_in('de')}"
        else:
            assert centre.name.startswith("CPAS d"), centre.name
            assert municipality.name_in("fr") in centre.name


@pytest.mark.django_db
def test_every_demo_practice_belongs_to_its_authors_centre(seeded):
    demo_practices = PracticePage.objects.exclude(external_id="").select_related(
        "owner__home_centre", "centre"
    )
    assert demo_practices.count() >= 40
    for practice in demo_practices:
        assert practice.owner is not None, practice.external_id
        assert practice.centre is not None, practice.external_id
        assert practice.centre == practice.owner.home_centre, practice.external_id
        served = set(practice.centre.municipalities.values_list("refnis", flat=True))
        places = set(practice.municipalities.values_list("refnis", flat=True))
        assert served & places, (practice.external_id, practice.centre.name)

    # The draft waiting for review is the demo specialist's, in their own centre.
    draft = PracticePage.objects.get(
        title="Un carnet de liaison entre le CPAS et l'école des devoirs"
    )
    assert draft.owner.email == "specialist@demo.ocmw.example"
    assert set(draft.municipalities.all()) <= set(draft.centre.municipalities.all())
    # The demo specialist's library shows practices of their own centre.
    assert PracticePage.objects.filter(
        owner__email="specialist@demo.ocmw.example", live=True
    ).exists()


@pytest.mark.django_db
def test_specialists_and_adopting_centres_serve_their_municipalities(seeded):
    current = Designation.objects.current().select_related("user__home_centre")
    for designation in current:
        centre = designation.user.home_centre
        assert centre is not None, designation.user.full_name
        assert set(designation.municipalities.all()) & set(
            centre.municipalities.all()
        ), (designation.user.full_name, centre.name)
    for adoption in Adoption.objects.select_related("centre"):
        assert adoption.centre.municipalities.exists()
        assert adoption.centre.kind == CentreKind.OCMW
    # Verviers (REFNIS 63079) is French-speaking, Eupen German-speaking.
    assert PracticePage.objects.get(
        external_id="verviers-article60-fle-forem"
    ).centre.name == ("CPAS de Verviers")
    eupen = PracticePage.objects.get(external_id="eupen-dolmetscher-rahmen-oeshz")
    assert eupen.centre.name == "ÖSHZ Eupen"
    assert eupen.owner.home_centre.name == "ÖSHZ Eupen"
