"""Migration ``forum.0002``: the bare ``draft_practice_id`` integer becomes a foreign
key. A question keeps the id of its draft practice; an id whose practice no longer
exists becomes NULL (it used to point nowhere)."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from forum.models import Question
from practices.library import practice_library_ensure
from tests.factories import PracticePageFactory, QuestionFactory

BEFORE = [("forum", "0001_initial")]
AFTER = [("forum", "0002_draft_practice_foreign_key")]


def _migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_draft_practice_ids_are_kept_and_dangling_ones_become_null(site_tree):
    practice_library_ensure()
    practice = PracticePageFactory(title="Interpreters at the first intake")
    kept = QuestionFactory()
    dangling = QuestionFactory()
    untouched = QuestionFactory()
    try:
        old_apps = _migrate(BEFORE)
        OldQuestion = old_apps.get_model("forum", "Question")
        OldQuestion.objects.filter(pk=kept.pk).update(draft_practice_id=practice.pk)
        OldQuestion.objects.filter(pk=dangling.pk).update(
            draft_practice_id=practice.pk + 10_000
        )
    finally:
        _migrate(AFTER)

    assert Question.objects.get(pk=kept.pk).draft_practice == practice
    assert Question.objects.get(pk=dangling.pk).draft_practice is None
    assert Question.objects.get(pk=untouched.pk).draft_practice is None
    assert list(practice.draft_of_questions.all()) == [Question.objects.get(pk=kept.pk)]
