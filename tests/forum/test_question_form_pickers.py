"""Issue 15 item 4: the question form's municipality is a picker that works without
JavaScript, and related practices are chosen by search, not a long multi-select."""

import re

import pytest

from forum.models import Question
from tests.factories import PracticePageFactory

pytestmark = pytest.mark.django_db


def ask(client, theme, **extra):
    data = {
        "title": "How do you organise interpreters for the intake?",
        "body": "We have no budget for a professional interpreter.",
        "themes": [theme.pk],
        "language": "en",
    }
    return client.post("/en/forum/ask/", {**data, **extra})


def test_municipality_is_a_text_input_with_every_municipality_suggested(
    client_for, caseworker, municipalities
):
    html = client_for(caseworker).get("/en/forum/ask/").content.decode()
    field = re.search(r'<input[^>]*name="municipality"[^>]*>', html).group(0)
    assert 'type="text"' in field and 'list="id_municipality_options"' in field
    datalist = re.search(
        r'<datalist id="id_municipality_options">(.*?)</datalist>', html, re.S
    ).group(1)
    assert datalist.count("<option") == 565
    # The label carries the other names and postcodes, which browsers match too.
    assert (
        '<option value="Molenbeek-Saint-Jean">Sint-Jans-Molenbeek · 1080</option>'
        in datalist
    )
    assert '<select name="municipality"' not in html


@pytest.mark.parametrize(
    ("typed", "refnis"),
    [
        ("sint jans molenbeek", "21012"),
        ("MOLENBEEK SAINT JEAN", "21012"),
        ("Lüttich", "62063"),
        ("4700", "63023"),
        ("81001", "81001"),
    ],
)
def test_typed_municipality_is_resolved_on_the_server(
    client_for, caseworker, municipalities, theme, typed, refnis
):
    response = ask(client_for(caseworker), theme, municipality=typed)
    assert response.status_code == 302
    assert Question.objects.get().municipality.refnis == refnis


def test_unknown_municipality_gets_a_clear_translated_error(
    client_for, caseworker, municipalities, theme
):
    response = client_for(caseworker).post(
        "/fr/forum/ask/",
        {
            "title": "Comment organisez-vous l'interprétariat ?",
            "body": "Nous n'avons pas de budget pour un interprète.",
            "themes": [theme.pk],
            "language": "fr",
            "municipality": "Atlantis",
        },
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Aucune commune ni aucun code postal ne correspond à « Atlantis »" in html
    assert not Question.objects.exists()


def test_several_matching_municipalities_are_named(
    client_for, caseworker, municipalities, theme
):
    response = ask(client_for(caseworker), theme, municipality="molenbeek")
    # Only one place has "molenbeek" in a name: it is chosen.
    assert response.status_code == 302
    response = ask(client_for(caseworker), theme, municipality="sint")
    assert response.status_code == 400
    html = response.content.decode()
    assert "Several municipalities match “sint”:" in html
    assert Question.objects.count() == 1


def test_related_practices_are_found_by_words_then_ticked(
    client_for, caseworker, theme, site_tree
):
    from practices.library import practice_library_ensure

    practice_library_ensure()
    wanted = PracticePageFactory(title="Interpreter pool shared by three centres")
    PracticePageFactory(title="Housing checklist for the first week")
    client = client_for(caseworker)

    # Step 1: "Find" lists matching practices as checkboxes; nothing is posted and
    # no field shows an error although the form is not complete.
    response = client.post(
        "/en/forum/ask/",
        {"title": "", "practice_search": "interpreter", "find_practices": "1"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Interpreter pool shared by three centres" in html
    assert "Housing checklist" not in html
    assert 'class="errorlist"' not in html
    assert not Question.objects.exists()
    assert '<select name="practices"' not in html

    # Step 2: tick it and post the question.
    response = ask(client, theme, practices=[wanted.pk])
    assert response.status_code == 302
    assert list(Question.objects.get().practices.all()) == [wanted]


def test_a_search_without_results_says_so(client_for, caseworker, theme, site_tree):
    from practices.library import practice_library_ensure

    practice_library_ensure()
    response = client_for(caseworker).post(
        "/en/forum/ask/", {"practice_search": "zzzz", "find_practices": "1"}
    )
    assert "No practice has these words in its title." in response.content.decode()
