import pytest


@pytest.mark.django_db
def test_home_page_answers_in_each_language(client, site_tree):
    for code, word in (
        ("nl", "Goede praktijken"),
        ("fr", "Bonnes pratiques"),
        ("de", "Gute Praxis"),
        ("en", "Good practices"),
    ):
        response = client.get(f"/{code}/")
        assert response.status_code == 200
        assert word in response.content.decode()
