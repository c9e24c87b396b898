"""The real content types reach the index through the outbox, with their visibility."""

import pytest
from django.contrib.auth.models import AnonymousUser

from search.indexing import IndexItem
from search.models import IndexEvent, SearchDocument
from search.service import search

pytestmark = pytest.mark.django_db


@pytest.fixture
def library(site_tree):
    from practices.library import practice_library_ensure

    return practice_library_ensure()


def docs(doc_type):
    return SearchDocument.objects.filter(doc_type=doc_type)


def test_question_and_answer_are_indexed_for_members_only(
    django_capture_on_commit_callbacks, caseworker
):
    from tests.factories import AnswerFactory, QuestionFactory

    with django_capture_on_commit_callbacks(execute=True):
        question = QuestionFactory(title="Tolk voor het eerste gesprek", language="nl")
        AnswerFactory(question=question, body="Wij bellen een sociaal tolk.")
    assert docs("question").get().audience == "members"
    assert docs("answer").count() == 1
    assert not IndexEvent.objects.exists()
    found = search("interprète", user=caseworker, language="fr")
    # One result per question: its answer is shown under it, not beside it.
    assert len(found.results) == 1
    assert found.results[0].type in ("question", "answer")
    assert search("interprète", user=AnonymousUser(), language="fr").total == 0


def test_hiding_a_question_removes_it_and_its_answers(
    django_capture_on_commit_callbacks,
):
    from tests.factories import AnswerFactory, QuestionFactory

    with django_capture_on_commit_callbacks(execute=True):
        question = QuestionFactory()
        AnswerFactory(question=question)
    with django_capture_on_commit_callbacks(execute=True):
        question.is_hidden = True
        question.save()
    assert not docs("question").exists()
    assert not docs("answer").exists()


def test_public_practice_is_public_and_unpublishing_removes_it(
    library, django_capture_on_commit_callbacks
):
    from tests.factories import PracticePageFactory

    with django_capture_on_commit_callbacks(execute=True):
        page = PracticePageFactory(
            title="Le recours à un interprète social", language="fr"
        )
    document = docs("practice").get()
    assert (document.audience, document.language) == ("public", "fr")
    # Opened in the reader's interface language (issue 15, item 1).
    assert search("tolk", language="nl").results[0].url == page.url_for_language("nl")
    with django_capture_on_commit_callbacks(execute=True):
        page.unpublish()
    assert not docs("practice").exists()


def test_members_practice_and_draft(library, django_capture_on_commit_callbacks):
    from tests.factories import PracticePageFactory

    with django_capture_on_commit_callbacks(execute=True):
        PracticePageFactory(
            title="Leefloon en budget", visibility="members", language="nl"
        )
        PracticePageFactory(title="Leefloon draft", language="nl", live=False)
    assert list(docs("practice").values_list("title", "audience")) == [
        ("Leefloon en budget", "members")
    ]


def test_designated_specialist_is_in_the_directory_index(
    django_capture_on_commit_callbacks, caseworker
):
    from tests.factories import DesignationFactory

    with django_capture_on_commit_callbacks(execute=True):
        designation = DesignationFactory(user__full_name="Anna Dolmetsch-Expertin")
    assert docs("specialist").get().object_key == str(designation.user_id)
    assert search("Anna", user=caseworker).total == 1
    assert search("Anna", user=AnonymousUser()).total == 0


def test_rebuild_indexes_every_type(library, caseworker):
    from io import StringIO

    from search.indexing import rebuild
    from tests.factories import (
        AnswerFactory,
        DesignationFactory,
        PracticePageFactory,
        QuestionFactory,
    )

    PracticePageFactory(language="en")
    AnswerFactory(question=QuestionFactory())
    DesignationFactory()
    out = StringIO()
    rebuild(stdout=out)
    assert set(SearchDocument.objects.values_list("doc_type", flat=True)) == {
        "practice",
        "question",
        "answer",
        "specialist",
    }
    assert "practice: 1 documents" in out.getvalue()


def test_verify_reports_missing_and_stale_documents(library, engine_name, caseworker):
    """``search_index verify`` on every engine: silent and 0 after a rebuild, then
    names the missing and the stale documents and exits 1."""
    from io import StringIO

    from django.core.management import call_command

    from search.engines import engines_to_write
    from search.indexing import build_document, rebuild
    from tests.factories import PracticePageFactory, QuestionFactory

    PracticePageFactory(language="en")
    question = QuestionFactory()
    rebuild()
    out = StringIO()
    call_command("search_index", "verify", stdout=out)
    assert f"{engine_name}: 0 missing, 0 stale" in out.getvalue()

    practice = SearchDocument.objects.get(doc_type="practice")
    for engine in engines_to_write():  # lost by every engine
        engine.delete([("practice", practice.object_key)])
    changed = build_document(
        IndexItem(
            doc_type="question",
            object_key=str(question.pk),
            language="en",
            title="An outdated title",
            body="",
            url="/en/forum/",
        )
    )
    for engine in engines_to_write():
        engine.upsert([changed])
    out = StringIO()
    with pytest.raises(SystemExit) as exit_code:
        call_command("search_index", "verify", stdout=out)
    assert exit_code.value.code == 1
    report = out.getvalue()
    assert f"{engine_name}: 1 missing, 1 stale" in report
    assert f"missing practice {practice.object_key}" in report
    assert f"stale   question {question.pk}" in report
