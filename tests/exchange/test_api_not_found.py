import pytest


@pytest.mark.django_db
def test_unknown_api_url_answers_404_json_not_a_redirect(client):
    response = client.get("/api/v1/no-such-endpoint")
    assert response.status_code == 404


@pytest.mark.django_db
def test_unknown_page_without_language_prefix_still_redirects_to_a_language(client):
    response = client.get("/about/", HTTP_ACCEPT_LANGUAGE="nl")
    assert response.status_code == 302
    assert response["Location"].startswith("/nl/")
