"""Designation flow through the pages, and the 'Done when' of issue 5."""

import datetime

from django.utils import timezone

from specialists.models import Designation, DesignationStatus
from tests.factories import CaseworkerFactory, CentreFactory, DesignationFactory

TODAY = timezone.localdate


def test_done_when_gap_designate_then_caseworker_finds_from_home(
    client_for, coordinator, places, site_tree
):
    # 1. The coordinator sees that Namur has no specialist.
    client = client_for(coordinator)
    gaps = client.get("/en/specialists/coverage/municipalities/?status=none")
    assert "Namur" in gaps.content.decode()
    assert "?municipality=92094" in gaps.content.decode()

    # 2. ...and designates someone from the gap list (the form is prefilled).
    person = CaseworkerFactory(full_name="Antoine Mathieu")
    form = client.get("/en/specialists/designations/new/?municipality=92094")
    assert form.context["form"].initial["municipalities"] == "Namur"
    response = client.post(
        "/en/specialists/designations/new/",
        {
            "email": person.email,
            "municipalities": "Namur",
            "role": "primary",
            "start_date": TODAY().isoformat(),
        },
    )
    assert response.status_code == 302
    gaps = client.get("/en/specialists/coverage/municipalities/?status=none")
    assert "?municipality=92094" not in gaps.content.decode()

    # 3. A caseworker of Namur finds that person from the home page.
    worker = CaseworkerFactory(home_centre=CentreFactory(municipalities=[places.namur]))
    home = client_for(worker).get("/en/").content.decode()
    assert "Antoine Mathieu" in home
    assert f"/en/specialists/people/{person.pk}/" in home
    page = client_for(worker).get(f"/en/specialists/people/{person.pk}/")
    assert page.status_code == 200


def test_specialist_requests_and_coordinator_verifies(
    client_for, coordinator, places, caseworker
):
    applicant = CaseworkerFactory()
    response = client_for(applicant).post(
        "/en/specialists/designations/request/",
        {
            "municipalities": "4000",
            "role": "primary",
            "start_date": TODAY().isoformat(),
        },
    )
    assert response.status_code == 302
    designation = Designation.objects.get(user=applicant)
    assert designation.status == DesignationStatus.REQUESTED

    listing = client_for(coordinator).get("/en/specialists/designations/")
    assert applicant.display_name in listing.content.decode()
    client_for(coordinator).post(
        f"/en/specialists/designations/{designation.pk}/verify/"
    )
    designation.refresh_from_db()
    assert designation.status == DesignationStatus.VERIFIED
    directory = client_for(caseworker).get("/en/specialists/?municipality=Liège")
    assert list(directory.context["people"]) == [applicant]


def test_caseworker_cannot_verify(client_for, places):
    applicant = CaseworkerFactory()
    designation = DesignationFactory(
        user=applicant, municipalities=[places.gent], status=DesignationStatus.REQUESTED
    )
    response = client_for(CaseworkerFactory()).post(
        f"/en/specialists/designations/{designation.pk}/verify/"
    )
    assert response.status_code == 403
    designation.refresh_from_db()
    assert designation.status == DesignationStatus.REQUESTED


def test_overlap_is_refused_and_the_form_keeps_what_was_typed(
    client_for, coordinator, places
):
    DesignationFactory(municipalities=[places.gent])
    person = CaseworkerFactory()
    response = client_for(coordinator).post(
        "/en/specialists/designations/new/",
        {
            "email": person.email,
            "municipalities": "Gent",
            "role": "primary",
            "start_date": TODAY().isoformat(),
            "note": "Starts after the summer",
        },
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "already has a primary specialist" in body
    assert "Starts after the summer" in body
    assert Designation.objects.count() == 1


def test_bad_dates_and_unknown_places_are_400_with_messages(client_for, places):
    response = client_for(CaseworkerFactory()).post(
        "/en/specialists/designations/request/",
        {
            "municipalities": "Gent, Atlantis",
            "role": "primary",
            "start_date": TODAY().isoformat(),
            "end_date": (TODAY() - datetime.timedelta(days=3)).isoformat(),
        },
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "Unknown municipality or postcode: “Atlantis”." in body
    assert "The end date cannot be before the start date." in body
    assert Designation.objects.count() == 0


def test_bad_dates_message_in_dutch(client_for, places):
    response = client_for(CaseworkerFactory()).post(
        "/nl/specialists/designations/request/",
        {"municipalities": "Atlantis", "role": "primary", "start_date": "not a date"},
    )
    assert response.status_code == 400
    assert "Atlantis" in response.content.decode()
    assert "Unknown municipality" not in response.content.decode()


def test_end_with_successor_through_the_page(client_for, coordinator, places):
    designation = DesignationFactory(municipalities=[places.eupen])
    successor = CaseworkerFactory()
    response = client_for(coordinator).post(
        f"/en/specialists/designations/{designation.pk}/end/",
        {"successor": successor.email},
    )
    assert response.status_code == 302
    designation.refresh_from_db()
    assert designation.status == DesignationStatus.ENDED
    assert Designation.objects.current().get(user=successor)


def test_end_with_unknown_successor_is_refused(client_for, coordinator, places):
    designation = DesignationFactory(municipalities=[places.eupen])
    response = client_for(coordinator).post(
        f"/en/specialists/designations/{designation.pk}/end/",
        {"successor": "nobody@nowhere.example"},
    )
    assert response.status_code == 400
    assert "No member has this e-mail address." in response.content.decode()
    designation.refresh_from_db()
    assert designation.status == DesignationStatus.VERIFIED


def test_caseworker_cannot_end_someone_elses_designation(client_for, places):
    designation = DesignationFactory(municipalities=[places.eupen])
    response = client_for(CaseworkerFactory()).post(
        f"/en/specialists/designations/{designation.pk}/end/", {}
    )
    assert response.status_code == 403


def test_profile_edit_saves_languages_and_themes(client_for, places):
    person = DesignationFactory(municipalities=[places.gent]).user
    from exchange.taxonomy.models import Theme

    housing = Theme.objects.get(slug="housing")
    response = client_for(person).post(
        "/en/specialists/profile/",
        {
            "themes": [housing.pk],
            "languages": ["nl", "ar"],
            "phone": "+32 9 123 45 67",
            "hide_phone": "on",
            "availability_note": "Mornings",
        },
    )
    assert response.status_code == 302
    profile = person.specialist_profile
    profile.refresh_from_db()
    assert profile.language_codes == ["nl", "ar"]
    assert list(profile.themes.all()) == [housing]
    assert profile.hide_phone


def test_profile_edit_rejects_a_bad_phone(client_for, places):
    person = DesignationFactory(municipalities=[places.gent]).user
    response = client_for(person).post(
        "/en/specialists/profile/", {"phone": "call me maybe"}
    )
    assert response.status_code == 400
    assert "Enter a phone number" in response.content.decode()


def test_badge_tag_shows_only_for_verified_specialists(places):
    from django.template import Context, Template

    template = Template("{% load specialists_tags %}{% specialist_badge person %}")
    verified = DesignationFactory(municipalities=[places.gent]).user
    requested = DesignationFactory(
        municipalities=[places.liege], status=DesignationStatus.REQUESTED
    ).user
    assert "Verified specialist" in template.render(Context({"person": verified}))
    assert "Verified specialist" not in template.render(Context({"person": requested}))


def test_handover_moves_owned_practices_to_the_successor(
    client_for, coordinator, places, site_tree
):
    from practices.library import practice_library_ensure
    from tests.factories import PracticePageFactory

    practice_library_ensure()
    designation = DesignationFactory(municipalities=[places.hasselt])
    PracticePageFactory(title="Buddy project for newcomers", owner=designation.user)
    successor = CaseworkerFactory()
    client_for(coordinator).post(
        f"/en/specialists/designations/{designation.pk}/end/",
        {"successor": successor.email},
    )
    page = client_for(CaseworkerFactory()).get(
        f"/en/specialists/people/{successor.pk}/"
    )
    assert "Buddy project for newcomers" in page.content.decode()
