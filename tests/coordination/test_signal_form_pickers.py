"""Issue 15 item 4: the signal form's related questions and practices are chosen
by search (words, "Find", ticks), not typed as numbers or links."""

import pytest

from coordination.models import StructuralSignal
from exchange.taxonomy.models import Theme
from tests.factories import CaseworkerFactory, PracticePageFactory, QuestionFactory

pytestmark = pytest.mark.django_db


def _signal(**extra):
    data = {
        "title": "Some centres refuse a rent guarantee to subsidiary protection",
        "body": "In three centres the committee refuses; in others it is granted.",
        "kind": "inconsistency",
        "theme": Theme.objects.get(slug="housing").pk,
        "region": "",
    }
    data.update(extra)
    return data


def test_related_questions_are_found_by_words_then_ticked(client_for):
    wanted = QuestionFactory(title="Rent guarantee refused for subsidiary protection")
    QuestionFactory(title="Interpreter for the first intake")
    QuestionFactory(title="Rent guarantee hidden by a moderator", is_hidden=True)
    client = client_for(CaseworkerFactory())

    form = client.get("/en/signals/new/").content.decode()
    assert 'name="question_search"' in form and 'name="find_questions"' in form
    assert 'name="questions" type="text"' not in form

    # Step 1: "Find" shows matching visible questions as checkboxes; nothing is
    # saved and no field shows an error although the form is empty.
    response = client.post(
        "/en/signals/new/", {"question_search": "rent guarantee", "find_questions": "1"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert wanted.title in html
    assert f'name="questions" value="{wanted.pk}"' in html
    assert "Interpreter for the first intake" not in html
    assert "hidden by a moderator" not in html
    assert 'class="errorlist"' not in html
    assert not StructuralSignal.objects.exists()

    # Step 2: tick it and send the signal.
    response = client.post("/en/signals/new/", _signal(questions=[wanted.pk]))
    assert response.status_code == 302
    assert list(StructuralSignal.objects.get().questions.all()) == [wanted]


def test_related_practices_are_found_and_the_ticked_ones_stay(client_for, library):
    wanted = PracticePageFactory(title="Rent guarantee fund shared by three centres")
    ticked = PracticePageFactory(title="Housing checklist for the first week")
    PracticePageFactory(title="Rent guarantee draft", live=False)
    client = client_for(CaseworkerFactory())

    response = client.post(
        "/en/signals/new/",
        {
            "practice_search": "rent guarantee",
            "find_practices": "1",
            "practices": [ticked.pk],
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert f'name="practices" value="{wanted.pk}"' in html
    # The one already ticked is still listed and still ticked.
    assert f'name="practices" value="{ticked.pk}"' in html
    assert "checked" in html.split(f'value="{ticked.pk}"')[1].split(">")[0]
    assert "Rent guarantee draft" not in html
    assert not StructuralSignal.objects.exists()

    response = client.post(
        "/en/signals/new/", _signal(practices=[wanted.pk, ticked.pk])
    )
    assert response.status_code == 302
    assert set(StructuralSignal.objects.get().practices.all()) == {wanted, ticked}


def test_a_search_without_results_says_so_and_one_primary_button(client_for):
    response = client_for(CaseworkerFactory()).post(
        "/en/signals/new/", {"question_search": "zzzz", "find_questions": "1"}
    )
    html = response.content.decode()
    assert "No question has these words in its title." in html
    form = next(f for f in html.split("<form")[1:] if "find_questions" in f)
    form = form.split("</form>", 1)[0]
    buttons = form.count("<button")
    assert buttons == 3 and form.count('class="button--secondary"') == 2
