"""Bad input: clear translated errors, a 4xx, nothing lost, nothing doubled."""

import pytest

from forum.models import Answer, Question
from forum.services import BODY_MAX
from tests.factories import QuestionFactory

pytestmark = pytest.mark.django_db


def post_question(client, theme, **overrides):
    data = {
        "title": "How do you explain the integration income?",
        "body": "Newcomers often misunderstand the conditions.",
        "themes": [theme.pk],
        "language": "en",
    }
    data.update(overrides)
    return client.post("/en/forum/ask/", data)


def test_empty_question_shows_errors_and_saves_nothing(client_for, caseworker, theme):
    response = post_question(client_for(caseworker), theme, title="", body="  ")
    assert response.status_code == 400
    page = response.content.decode()
    assert "This field is required." in page
    assert "Your text was not posted" in page
    assert not Question.objects.exists()


def test_question_without_theme_is_refused(client_for, caseworker, theme):
    response = post_question(client_for(caseworker), theme, themes=[])
    assert response.status_code == 400
    assert not Question.objects.exists()


def test_too_short_title_is_explained(client_for, caseworker, theme):
    response = post_question(client_for(caseworker), theme, title="Help?")
    assert response.status_code == 400
    assert "too short" in response.content.decode()


def test_huge_post_is_refused_and_the_text_kept(client_for, caseworker, theme):
    body = "word " * (BODY_MAX // 4)
    response = post_question(client_for(caseworker), theme, body=body)
    assert response.status_code == 400
    page = response.content.decode()
    assert "at most" in page
    assert body.strip()[:200] in page
    assert not Question.objects.exists()


def test_script_injection_is_neutralised(client_for, caseworker, theme):
    client = client_for(caseworker)
    response = post_question(
        client,
        theme,
        title="<script>alert(1)</script> a question on interpreters",
        body="Look: <script>alert('x')</script><a href=\"javascript:alert(1)\">x</a>",
    )
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "<script>alert" not in page
    assert "javascript:alert" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt; a question" in page


def test_markup_only_body_is_refused(client_for, caseworker, theme):
    response = post_question(
        client_for(caseworker), theme, body="<script>alert(1)</script><style></style>"
    )
    assert response.status_code == 400
    assert "Only markup" in response.content.decode()


def test_invalid_markup_is_repaired_not_rejected(client_for, caseworker, theme):
    client = client_for(caseworker)
    response = post_question(client, theme, body="<b>unclosed <i>tags and </div> stray")
    assert response.status_code == 302
    question = Question.objects.get()
    assert question.body_html.count("<b>") == question.body_html.count("</b>")


def test_double_submission_creates_one_question(client_for, caseworker, theme):
    client = client_for(caseworker)
    first = post_question(client, theme)
    second = post_question(client, theme)
    assert Question.objects.count() == 1
    assert first["Location"] == second["Location"]


def test_double_submitted_answer_is_saved_once(client_for, specialist):
    question = QuestionFactory()
    client = client_for(specialist)
    for _ in range(2):
        client.post(
            f"/en/forum/questions/{question.pk}/answer/", {"body": "Same answer."}
        )
    assert Answer.objects.count() == 1


def test_empty_answer_keeps_the_page_and_says_why(client_for, specialist):
    question = QuestionFactory()
    response = client_for(specialist).post(
        f"/en/forum/questions/{question.pk}/answer/", {"body": ""}
    )
    assert response.status_code == 400
    assert question.title in response.content.decode()
    assert "This field is required." in response.content.decode()


def test_unknown_question_is_a_404(client_for, caseworker):
    assert client_for(caseworker).get("/en/forum/questions/99999/").status_code == 404


def test_get_on_a_post_only_action_is_refused(client_for, caseworker):
    question = QuestionFactory()
    response = client_for(caseworker).get(f"/en/forum/questions/{question.pk}/vote/")
    assert response.status_code == 405


def test_errors_are_translated(client_for, caseworker, theme):
    caseworker.language = "nl"
    caseworker.save()
    response = client_for(caseworker).post(
        "/nl/forum/ask/", {"title": "Kort", "body": "", "language": "nl"}
    )
    assert response.status_code == 400
    assert "Dit is een verplicht veld." in response.content.decode()
