"""The directory: members only, searchable, person page, vCard, privacy."""

import pytest
from django.urls import reverse

from exchange.taxonomy.models import Theme
from specialists import services
from tests.factories import (
    CaseworkerFactory,
    CentreFactory,
    DesignationFactory,
    SpecialistProfileFactory,
)

DIRECTORY = "/en/specialists/"


@pytest.fixture
def liege_specialist(places):
    person = DesignationFactory(municipalities=[places.liege]).user
    person.full_name = "Marie Leclercq"
    person.save()
    SpecialistProfileFactory(
        user=person,
        languages=" fr ar ",
        themes=[Theme.objects.get(slug="housing")],
        phone="+32 4 220 11 11",
    )
    return person


def test_anonymous_is_sent_to_login_everywhere(client_for, liege_specialist):
    client = client_for(None)
    for url in (
        DIRECTORY,
        f"/en/specialists/people/{liege_specialist.pk}/",
        f"/en/specialists/people/{liege_specialist.pk}/vcard/",
        "/en/specialists/coverage.csv",
    ):
        response = client.get(url)
        assert response.status_code == 302, url
        assert "/accounts/login/" in response["Location"]


def test_pending_account_gets_403(client_for, liege_specialist):
    pending = CaseworkerFactory(approval_status="pending")
    assert client_for(pending).get(DIRECTORY).status_code == 403


@pytest.mark.parametrize(
    "query",
    [
        "municipality=Luik",
        "municipality=Li%C3%A8ge",
        "municipality=4000",
        "name=leclercq",
        "region=wallonia",
        "theme=housing",
        "language=ar",
    ],
)
def test_caseworker_finds_specialist_by_each_filter(
    client_for, caseworker, liege_specialist, places, query
):
    DesignationFactory(municipalities=[places.gent])  # someone else
    response = client_for(caseworker).get(f"{DIRECTORY}?{query}")
    assert response.status_code == 200
    people = list(response.context["people"])
    assert people == [liege_specialist]
    assert "Marie Leclercq" in response.content.decode()


def test_filter_by_province(client_for, caseworker, liege_specialist, places):
    DesignationFactory(municipalities=[places.gent])
    response = client_for(caseworker).get(
        f"{DIRECTORY}?province={places.liege.province_id}"
    )
    assert list(response.context["people"]) == [liege_specialist]


def test_unknown_municipality_gives_a_clear_400(client_for, caseworker, places):
    response = client_for(caseworker).get(f"{DIRECTORY}?municipality=Atlantis")
    assert response.status_code == 400
    assert (
        "No municipality or postcode matches “Atlantis”." in response.content.decode()
    )


def test_unknown_municipality_message_is_translated(client_for, caseworker, places):
    response = client_for(caseworker).get("/fr/specialists/?municipality=Atlantis")
    assert response.status_code == 400
    assert "Atlantis" in response.content.decode()
    assert "No municipality or postcode matches" not in response.content.decode()


def test_directory_query_budget(
    client_for, caseworker, places, django_assert_max_num_queries
):
    for municipality in (places.gent, places.liege, places.namur, places.eupen):
        person = DesignationFactory(municipalities=[municipality]).user
        SpecialistProfileFactory(user=person, themes=list(Theme.objects.all()[:3]))
    client = client_for(caseworker)
    with django_assert_max_num_queries(16):
        response = client.get(DIRECTORY)
    assert len(response.context["people"]) == 4


def test_person_page_lists_municipalities_themes_languages(
    client_for, caseworker, liege_specialist
):
    response = client_for(caseworker).get(
        f"/en/specialists/people/{liege_specialist.pk}/"
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Liège" in body
    assert "Housing" in body
    assert "Arabic" in body
    assert "+32 4 220 11 11" in body
    assert "Verified specialist" in body


def test_hidden_phone_is_nowhere(client_for, caseworker, liege_specialist):
    services.profile_update(user=liege_specialist, hide_phone=True)
    client = client_for(caseworker)
    page = client.get(f"/en/specialists/people/{liege_specialist.pk}/").content
    card = client.get(f"/en/specialists/people/{liege_specialist.pk}/vcard/").content
    listing = client.get(DIRECTORY).content
    api = client.get(f"/api/v1/specialists/people/{liege_specialist.pk}").content
    for content in (page, card, listing, api):
        assert b"220 11 11" not in content


def test_vcard_download(client_for, caseworker, liege_specialist):
    liege_specialist.home_centre = CentreFactory(name="CPAS de Liège")
    liege_specialist.save()
    response = client_for(caseworker).get(
        f"/en/specialists/people/{liege_specialist.pk}/vcard/"
    )
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/vcard")
    text = response.content.decode()
    assert "BEGIN:VCARD" in text
    assert "FN:Marie Leclercq" in text
    assert liege_specialist.email in text
    assert "CPAS de Liège" in text


def test_person_without_current_designation_is_404(client_for, caseworker, places):
    designation = DesignationFactory(municipalities=[places.gent])
    services.designation_end(designation=designation, ended_by=designation.user)
    response = client_for(caseworker).get(
        f"/en/specialists/people/{designation.user_id}/"
    )
    assert response.status_code == 404


def test_home_panel_and_directory_show_who_to_call(client_for, places, site_tree):
    specialist = DesignationFactory(municipalities=[places.gent]).user
    worker = CaseworkerFactory(home_centre=CentreFactory(municipalities=[places.gent]))
    client = client_for(worker)
    home = client.get("/en/").content.decode()
    assert "Who do I call for my municipality?" in home
    assert specialist.display_name in home
    assert reverse("specialists:person", args=[specialist.pk]) in home
    directory = client.get(DIRECTORY).content.decode()
    assert "Who do I call for my municipality?" in directory


def test_home_panel_says_when_there_is_nobody(client_for, places, site_tree):
    worker = CaseworkerFactory(home_centre=CentreFactory(municipalities=[places.namur]))
    home = client_for(worker).get("/en/").content.decode()
    assert "no specialist designated yet" in home


def test_home_panel_shows_no_contact_data_to_anonymous(client_for, places, site_tree):
    specialist = DesignationFactory(municipalities=[places.gent]).user
    home = client_for(None).get("/en/").content.decode()
    assert specialist.email not in home


def test_person_page_lists_their_practices_and_answers(
    client_for, caseworker, liege_specialist, site_tree
):
    from practices.library import practice_library_ensure
    from tests.factories import AnswerFactory, PracticePageFactory, QuestionFactory

    practice_library_ensure()
    PracticePageFactory(
        title="Interpreters at the first intake", owner=liege_specialist
    )
    question = QuestionFactory(title="Housing for a family of seven?")
    AnswerFactory(question=question, author=liege_specialist)
    body = (
        client_for(caseworker)
        .get(f"/en/specialists/people/{liege_specialist.pk}/")
        .content.decode()
    )
    assert "Interpreters at the first intake" in body
    assert "Housing for a family of seven?" in body
