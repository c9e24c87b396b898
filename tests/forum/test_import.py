"""import_questions: JSON Lines in, bad lines reported, no duplicates, privacy."""

import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command

from forum.importer import import_questions
from forum.models import Answer, ImportedAuthor, Question
from forum.selectors import questions_visible_to

pytestmark = pytest.mark.django_db
DEMO_FILE = (
    Path(__file__).resolve().parents[2] / "demo" / "data" / "questions.jsonl"
)


def line(**overrides):
    record = {
        "external_id": "helpdesk-1",
        "title": "How do you register a newcomer without an address?",
        "body": "A man sleeps at a friend's place and needs a reference address.",
        "language": "en",
        "themes": ["housing"],
        "target_groups": ["recognised-refugees"],
        "author": "Marie D.",
        "created": "2025-03-01T10:00:00+01:00",
        "answers": [
            {
                "body": "Use a reference address at the centre.",
                "author": "Tom G.",
                "created": "2025-03-02T09:00:00+01:00",
                "accepted": True,
            }
        ],
    }
    record.update(overrides)
    return json.dumps(record)


def run(tmp_path, *lines):
    path = tmp_path / "questions.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    call_command("import_questions", str(path), stdout=out, stderr=err)
    return out.getvalue() + err.getvalue()


def test_import_creates_questions_answers_and_placeholder_authors(
    tmp_path, client_for, caseworker
):
    output = run(tmp_path, line())
    assert "1 question(s) and 1 answer(s) imported" in output
    question = Question.objects.get()
    assert question.author.display_name == "Marie D."
    assert not question.author.is_active  # a placeholder cannot log in
    assert ImportedAuthor.objects.count() == 2
    assert question.accepted_answer == Answer.objects.get()
    assert question.created_at.year == 2025
    # Visible at once to members.
    page = client_for(caseworker).get("/en/forum/").content.decode()
    assert "How do you register a newcomer" in page


def test_reimport_creates_no_duplicates(tmp_path):
    run(tmp_path, line())
    output = run(tmp_path, line())
    assert "1 already present" in output
    assert Question.objects.count() == 1
    assert Answer.objects.count() == 1


def test_bad_lines_are_reported_and_skipped(tmp_path):
    output = run(
        tmp_path,
        "{not json",
        line(external_id="no-theme", themes=[]),
        line(external_id="bad-theme", themes=["astrology"]),
        line(external_id="bad-date", created="yesterday"),
        line(external_id="no-title", title=""),
        line(external_id="bad-language", language="xx"),
        line(external_id="good"),
    )
    assert Question.objects.count() == 1
    assert "line 1: invalid JSON" in output
    assert "line 2: themes" in output
    assert "line 3: unknown theme(s): astrology" in output
    assert "line 4: created" in output
    assert "line 5: title is missing" in output
    assert "line 6: language" in output
    assert "6 line(s) could not be imported" in output


def test_lines_with_personal_data_are_reported_not_imported(tmp_path):
    output = run(
        tmp_path,
        line(external_id="insz", body="Client 85.07.30-033.28 has no address."),
        line(
            external_id="answer-phone",
            answers=[
                {
                    "body": "Call him on 0470 12 34 56.",
                    "author": "X",
                    "created": "2025-03-02T09:00:00+01:00",
                }
            ],
        ),
    )
    assert "line 1:" in output and "INSZ/NISS" in output
    assert "line 2: warning: answer 1 skipped" in output
    assert "phone number" in output
    assert list(Question.objects.values_list("external_id", flat=True)) == [
        "answer-phone"
    ]
    assert not Answer.objects.exists()


def test_unknown_municipality_is_a_warning(tmp_path):
    output = run(tmp_path, line(municipality="99999"))
    assert "unknown municipality" in output
    assert Question.objects.get().municipality is None


def test_imported_questions_notify_nobody(tmp_path, specialist):
    run(tmp_path, line())
    assert not specialist.notifications.exists()


def test_demo_file_imports_completely(municipalities, caseworker):
    with DEMO_FILE.open(encoding="utf-8") as lines:
        report = import_questions(lines)
    assert report.errors == []
    assert report.warnings == []
    assert report.created == 46
    assert questions_visible_to(caseworker).count() == 46
    assert set(Question.objects.values_list("language", flat=True)) == {
        "nl",
        "fr",
        "de",
        "en",
    }


def test_seed_demo_content_is_idempotent(municipalities):
    from demo import accounts as accounts_demo
    from demo import forum as demo

    accounts_demo.seed(stdout=io.StringIO())
    demo.seed(stdout=io.StringIO())
    demo.seed(stdout=io.StringIO())
    assert Question.objects.count() == 46
    from exchange.accounts.models import User

    caseworker = User.objects.get(email="caseworker@demo.ocmw.example")
    assert caseworker.notifications.count() == 3
    assert caseworker.forum_subscriptions.filter(theme__isnull=False).exists()
    assert Question.objects.filter(author__email="specialist@demo.ocmw.example") or (
        Answer.objects.filter(author__email="specialist@demo.ocmw.example").exists()
    )


def test_imported_questions_are_indexed_for_search_at_once(
    tmp_path, django_capture_on_commit_callbacks
):
    search_models = pytest.importorskip("search.models")
    with django_capture_on_commit_callbacks(execute=True):
        run(tmp_path, line(title="How do you register a newcomer without a domicile?"))
    question = Question.objects.get()
    document = search_models.SearchDocument.objects.get(
        doc_type="question", object_key=str(question.pk)
    )
    assert document.title == "How do you register a newcomer without a domicile?"
    assert search_models.SearchDocument.objects.filter(doc_type="answer").count() == 1
