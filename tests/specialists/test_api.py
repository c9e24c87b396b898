"""JSON API of the directory: members only, filters, coverage of a municipality."""

from tests.factories import (
    CaseworkerFactory,
    DesignationFactory,
    SpecialistProfileFactory,
)


def test_api_refuses_anonymous_and_pending(client_for, places):
    DesignationFactory(municipalities=[places.gent])
    assert client_for(None).get("/api/v1/specialists/").status_code == 401
    pending = CaseworkerFactory(approval_status="pending")
    assert client_for(pending).get("/api/v1/specialists/").status_code == 403
    assert (
        client_for(None).get("/api/v1/specialists/municipalities/44021").status_code
        == 401
    )


def test_api_search_by_postcode_and_language(
    client_for, caseworker, places, django_assert_max_num_queries
):
    person = DesignationFactory(municipalities=[places.liege]).user
    SpecialistProfileFactory(user=person, languages=" fr ar ", hide_phone=True)
    DesignationFactory(municipalities=[places.gent])
    client = client_for(caseworker)
    with django_assert_max_num_queries(12):
        data = client.get("/api/v1/specialists/?municipality=4000&language=ar").json()
    assert data["count"] == 1
    result = data["results"][0]
    assert result["id"] == person.pk
    assert result["phone"] == ""
    assert result["municipalities"][0]["refnis"] == "62063"


def test_api_bad_filters_are_4xx_with_a_message(client_for, caseworker, places):
    client = client_for(caseworker)
    response = client.get("/api/v1/specialists/?municipality=Atlantis")
    assert response.status_code == 422
    assert "Atlantis" in response.json()["detail"]
    assert client.get("/api/v1/specialists/?language=xx").status_code == 422
    assert client.get("/api/v1/specialists/?theme=nope").status_code == 422


def test_api_person_and_municipality_contact(client_for, caseworker, places):
    person = DesignationFactory(municipalities=[places.eupen]).user
    client = client_for(caseworker)
    assert (
        client.get(f"/api/v1/specialists/people/{person.pk}").json()["id"] == person.pk
    )
    data = client.get("/api/v1/specialists/municipalities/4700").json()
    assert data["municipality"]["refnis"] == "63023"
    assert data["status"] == "verified"
    assert data["contact"]["id"] == person.pk
    gap = client.get("/api/v1/specialists/municipalities/Namur").json()
    assert gap["contact"] is None and gap["status"] == "none"
    unknown = client.get("/api/v1/specialists/municipalities/0000")
    assert unknown.status_code == 422
    assert "0000" in unknown.json()["detail"]
