"""Item 5 of issue 15: search results people can read."""

import html
import re

import pytest

from search.service import search
from tests.factories import (
    AnswerFactory,
    CentreFactory,
    DesignationFactory,
    QuestionFactory,
    SpecialistProfileFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def eupen(db):
    from specialists.models import Municipality, Province, Region

    wallonia = Region.objects.create(code="03000", slug="wallonia", name_fr="Wallonie")
    province = Province.objects.create(
        code="60000", region=wallonia, name_fr="Liège", name_de="Lüttich"
    )
    return Municipality.objects.create(
        refnis="63023", region=wallonia, province=province, name_fr="Eupen"
    )


@pytest.fixture
def eupen_specialist(eupen, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        designation = DesignationFactory(
            municipalities=[eupen],
            user__full_name="Greta Lentz",
            user__home_centre=CentreFactory(name="ÖSHZ Eupen"),
            profile=False,
        )
        profile = SpecialistProfileFactory(user=designation.user)
        profile.language_codes = ["de", "fr"]
        profile.save()
        designation.save()  # reindex with the profile
    return designation.user


def test_specialist_result_shows_facts_in_interface_language(
    client_for, caseworker, eupen_specialist
):
    html_page = client_for(caseworker).get("/fr/search/?q=Lentz").content.decode()

    result = html_page[html_page.index('class="result result--specialist"') :]
    result = result[: result.index("</li>")]
    assert "Greta" in result and "Lentz" in result
    assert "ÖSHZ Eupen" in result and "Eupen" in result
    assert "Allemand" in result or "allemand" in result  # languages, in French
    assert "specialiste Spezialist" not in result  # never the indexed text
    assert "Spezialistin" not in result


def test_place_and_role_word_find_that_municipalitys_specialist(
    caseworker, eupen_specialist
):
    for query in ("Eupen specialist", "Eupen spécialiste", "Eupen Spezialist"):
        found = search(query, user=caseworker, language="fr")
        assert ("specialist", str(eupen_specialist.pk)) in [
            (r.type, r.object_key) for r in found.results
        ], query


def test_answers_are_grouped_under_their_question(
    caseworker, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        question = QuestionFactory(
            title="Eerste gesprek", body="Hoe doen jullie dat?", language="nl"
        )
        AnswerFactory(question=question, body="Wij werken met een tolk via telefoon.")
        AnswerFactory(question=question, body="Een tolk ter plaatse helpt ons ook.")

    found = search("tolk", user=caseworker, language="nl")

    assert len(found.results) == 1
    only = found.results[0]
    assert only.url.startswith(f"/nl/forum/questions/{question.pk}/")
    assert only.via_answer and "tolk" in only.snippet.lower()
    assert str(only.type_label) == "Vraag" or only.type_label == "Question"


def test_interface_language_ranks_first_when_otherwise_equal(
    caseworker, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        QuestionFactory(title="Kinderopvang Zoomtalk", body="Zoomtalk", language="nl")
        QuestionFactory(title="Kinderopvang Zoomtalk", body="Zoomtalk", language="fr")

    for language in ("fr", "nl"):
        found = search("Zoomtalk", user=caseworker, language=language)
        assert found.results[0].score == found.results[1].score
        assert found.results[0].language == language


def test_similar_question_hints_carry_no_html_entities(
    client_for, caseworker, site_tree
):
    from practices.library import practice_library_ensure
    from tests.factories import PracticePageFactory

    practice_library_ensure()
    PracticePageFactory(title="Le rôle de l'interprète social", language="fr")

    response = client_for(caseworker).get(
        "/fr/forum/similar/", {"title": "le rôle de l'interprète"}
    )

    body = response.content.decode()
    titles = [p["title"] for p in response.json()["practices"]]
    assert "Le rôle de l'interprète social" in titles
    assert not re.search(r"&#x?[0-9a-f]+;|&amp;|&quot;", html.unescape(body))


def test_language_names_follow_the_interface_language(caseworker, site_tree):
    from django.utils import translation

    from search.service import language_name

    with translation.override("fr"):
        assert language_name("nl").lower() == "néerlandais"
    with translation.override("de"):
        assert language_name("fr").lower() == "französisch"
