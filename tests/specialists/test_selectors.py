"""The read API other apps rely on: who is listed, who to call, who gets a question."""

import datetime

from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from exchange.taxonomy.models import Theme
from specialists.models import DesignationRole, DesignationStatus
from specialists.selectors import (
    current_specialist_for,
    municipalities_matching,
    specialists_matching,
    specialists_visible_to,
)
from tests.factories import (
    CaseworkerFactory,
    DesignationFactory,
    SpecialistProfileFactory,
)


def test_anonymous_sees_no_specialist(places):
    DesignationFactory(municipalities=[places.gent])
    assert list(specialists_visible_to(AnonymousUser())) == []
    assert list(specialists_visible_to(None)) == []


def test_pending_member_sees_no_specialist(places):
    DesignationFactory(municipalities=[places.gent])
    pending = CaseworkerFactory(approval_status="pending")
    assert list(specialists_visible_to(pending)) == []


def test_member_sees_only_people_with_a_current_verified_designation(
    places, caseworker
):
    listed = DesignationFactory(municipalities=[places.gent]).user
    DesignationFactory(
        municipalities=[places.liege], status=DesignationStatus.REQUESTED
    )
    DesignationFactory(municipalities=[places.namur], status=DesignationStatus.ENDED)
    DesignationFactory(
        municipalities=[places.eupen],
        end_date=timezone.localdate() - datetime.timedelta(days=1),
    )
    assert list(specialists_visible_to(caseworker)) == [listed]


def test_current_specialist_is_the_primary_before_the_deputy(places):
    deputy = DesignationFactory(
        municipalities=[places.gent], role=DesignationRole.DEPUTY
    ).user
    assert current_specialist_for(places.gent) == deputy
    primary = DesignationFactory(municipalities=[places.gent]).user
    assert current_specialist_for(places.gent) == primary
    assert current_specialist_for(places.liege) is None


def test_specialists_matching_by_theme_and_municipality(places):
    housing = Theme.objects.get(slug="housing")
    health = Theme.objects.get(slug="health")
    gent_housing = DesignationFactory(municipalities=[places.gent]).user
    SpecialistProfileFactory(user=gent_housing, themes=[housing])
    liege_housing = DesignationFactory(municipalities=[places.liege]).user
    SpecialistProfileFactory(user=liege_housing, themes=[housing])
    gent_health = DesignationFactory(
        municipalities=[places.gent], role=DesignationRole.DEPUTY
    ).user
    SpecialistProfileFactory(user=gent_health, themes=[health])

    found = specialists_matching(themes=[housing], municipality=places.gent)
    assert list(found) == [gent_housing]
    by_region = specialists_matching(themes=[housing], region=places.liege.region)
    assert list(by_region) == [liege_housing]
    assert set(specialists_matching(themes=[], municipality=places.gent)) == {
        gent_housing,
        gent_health,
    }


def test_municipality_found_by_name_in_any_language_or_postcode(municipalities):
    assert [m.refnis for m in municipalities_matching("Luik")] == ["62063"]
    assert [m.refnis for m in municipalities_matching("liège")] == ["62063"]
    assert [m.refnis for m in municipalities_matching("La Calamine")] == ["63040"]
    assert "62063" in [m.refnis for m in municipalities_matching("4000")]
    assert list(municipalities_matching("Atlantis")) == []
