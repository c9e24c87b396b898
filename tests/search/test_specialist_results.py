"""A person found by search shows facts in the reader's language, read live."""

from django.utils import translation

from search.indexing import rebuild
from search.service import search
from specialists.models import SPOKEN_LANGUAGE_NAMES, DesignationRole, Municipality
from specialists.search_documents import ROLE_LABELS
from tests.factories import CentreFactory, DesignationFactory, SpecialistProfileFactory


def test_a_person_shows_role_centre_places_and_languages_in_the_readers_language(
    municipalities, caseworker
):
    liege, gent, eupen = (
        Municipality.objects.get(refnis=code) for code in ("62063", "44021", "63023")
    )
    centre = CentreFactory(name="CPAS de Liège")
    primary = DesignationFactory(municipalities=[liege, gent])
    primary.user.home_centre = centre
    primary.user.first_name, primary.user.last_name = "Anna", "Primaire"
    primary.user.save()
    SpecialistProfileFactory(user=primary.user, languages=" fr nl ")
    deputy = DesignationFactory(municipalities=[eupen], role=DesignationRole.DEPUTY)
    deputy.user.job_title = "Sozialarbeiterin"
    deputy.user.first_name, deputy.user.last_name = "Berta", "Vertretung"
    deputy.user.save()
    SpecialistProfileFactory(user=deputy.user, languages=" de ")
    rebuild()

    response = search("specialist", user=caseworker, language="de")
    facts = {
        r.object_key: r.details for r in response.results if r.type == "specialist"
    }
    with translation.override("de"):
        assert facts[str(primary.user.pk)] == {
            "role": str(ROLE_LABELS["primary"]),
            "centre": "CPAS de Liège",
            "municipalities": sorted([liege.name_in("de"), gent.name_in("de")]),
            "languages": [str(SPOKEN_LANGUAGE_NAMES[c]) for c in ("fr", "nl")],
        }
        assert facts[str(deputy.user.pk)] == {
            "role": "Sozialarbeiterin",
            "centre": "",
            "municipalities": [eupen.name_in("de")],
            "languages": [str(SPOKEN_LANGUAGE_NAMES["de"])],
        }
    assert "Lüttich" in facts[str(primary.user.pk)]["municipalities"]


def test_a_person_shows_only_places_of_current_designations_and_no_one_unlisted(
    municipalities,
):
    """What a result shows follows ``Designation.objects.current()`` and
    ``listed_people`` live, whatever the index still holds: an ended, a future or
    a requested designation lists no place, and a person who left is not
    described."""
    import datetime

    from django.utils import timezone

    from search.adapters import get_adapter
    from specialists.models import DesignationStatus

    liege, gent, eupen, aalst = (
        Municipality.objects.get(refnis=code)
        for code in ("62063", "44021", "63023", "41002")
    )
    today = timezone.localdate()
    current = DesignationFactory(municipalities=[liege])
    person = current.user
    DesignationFactory(
        user=person,
        municipalities=[gent],
        start_date=today - datetime.timedelta(days=400),
        end_date=today - datetime.timedelta(days=1),
    )
    DesignationFactory(
        user=person,
        municipalities=[eupen],
        start_date=today + datetime.timedelta(days=1),
    )
    DesignationFactory(
        user=person, municipalities=[aalst], status=DesignationStatus.REQUESTED
    )
    ending_today = DesignationFactory(municipalities=[gent], end_date=today)
    left = DesignationFactory(municipalities=[eupen])
    left.user.former_member = True
    left.user.save()
    only_ended = DesignationFactory(
        municipalities=[aalst], end_date=today - datetime.timedelta(days=1)
    )

    keys = [str(d.user.pk) for d in (current, ending_today, left, only_ended)]
    facts = get_adapter("specialist").describe([*keys, "not-a-key"], "nl")
    assert set(facts) == {str(person.pk), str(ending_today.user.pk)}
    assert facts[str(person.pk)]["municipalities"] == [liege.name_in("nl")]
    assert facts[str(ending_today.user.pk)]["municipalities"] == [gent.name_in("nl")]
