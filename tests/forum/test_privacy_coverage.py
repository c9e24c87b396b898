"""Issue 11 item 3 (forum): the guard covers posts, edits and flag notes, and sees
through markup (the old guard read the raw Markdown)."""

import pytest
from django.core.exceptions import ValidationError

from forum.models import Flag
from forum.services import (
    answer_create,
    flag_create,
    post_update,
    question_create,
)
from tests.factories import AnswerFactory, CaseworkerFactory, CommentFactory

pytestmark = pytest.mark.django_db


def test_answer_edit_with_an_entity_encoded_phone_is_refused(specialist):
    answer = AnswerFactory(author=specialist, body="Clean text.")
    with pytest.raises(ValidationError):
        post_update(
            post=answer, editor=specialist, body="Bel &#48;470 12 34 56 morgen."
        )
    answer.refresh_from_db()
    assert answer.body == "Clean text."


def test_new_answer_with_a_phone_split_by_emphasis_is_refused(specialist):
    question = AnswerFactory().question
    with pytest.raises(ValidationError):
        answer_create(question=question, author=specialist, body="Bel 04*70* 12 34 56.")


def test_comment_edit_with_a_lowercase_iban_is_refused(caseworker):
    comment = CommentFactory(author=caseworker, body="Clean.")
    with pytest.raises(ValidationError):
        post_update(
            post=comment, editor=caseworker, body="Stort op be71 0961 2345 6769"
        )
    comment.refresh_from_db()
    assert comment.body == "Clean."


def test_question_with_a_disguised_email_is_refused(caseworker, theme):
    with pytest.raises(ValidationError):
        question_create(
            author=caseworker,
            title="How do we reach this client again?",
            body="Schrijf naar jan.peeters [at] telenet [dot] be",
            themes=[theme],
        )


def test_flag_note_with_a_national_number_is_refused():
    reporter = CaseworkerFactory()
    answer = AnswerFactory()
    with pytest.raises(ValidationError) as error:
        flag_create(
            reporter=reporter,
            post=answer,
            reason=Flag.Reason.values[0],
            note="This is client 85.07.30-033.28",
        )
    assert "note" in error.value.error_dict
    assert not Flag.objects.exists()
