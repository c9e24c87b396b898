"""seed_demo --scale: synthetic items of every type, indexed and found; idempotent."""

from collections import Counter
from io import StringIO

import pytest
from django.core.management import call_command

from demo.management.commands.seed_demo import scale_split
from forum.markup import render_markdown
from forum.models import Answer, Question, Subscription
from practices.models import PracticePage
from search.models import IndexEvent, SearchDocument
from search.service import search
from specialists.models import SpecialistProfile
from tests.factories.accounts import CaseworkerFactory


def test_scale_is_split_over_the_types():
    assert scale_split(0) == {}
    for total in (1, 60, 20_000, 100_000, 1_000_000):
        split = scale_split(total)
        assert sum(split.values()) == total
        assert split["demo.forum"] >= split["demo.practices"]
        assert 1 <= split["demo.specialists"] <= 2000
    assert scale_split(100_000) == {
        "demo.specialists": 2000,
        "demo.practices": 15_000,
        "demo.forum": 83_000,
    }


TYPES = (
    ("question", "questions", "pk"),
    ("answer", "answers", "pk"),
    ("practice", "practices", "pk"),
    ("specialist", "specialists", "user_id"),
)


def synthetic():
    return {
        "questions": Question.objects.filter(external_id__startswith="synthetic-"),
        "answers": Answer.objects.filter(external_id__startswith="synthetic-"),
        "practices": PracticePage.objects.filter(external_id__startswith="synthetic-"),
        "specialists": SpecialistProfile.objects.filter(
            user__email__endswith="@scale.specialists.example"
        ),
    }


def keys(queryset, field="pk"):
    return {str(k) for k in queryset.values_list(field, flat=True)}


@pytest.mark.django_db
def test_seed_demo_scale_makes_searchable_items_once(municipalities):
    call_command("seed_demo", scale=400, no_index=True, stdout=StringIO())
    made = synthetic()
    counts = {kind: queryset.count() for kind, queryset in made.items()}
    assert counts["practices"] == 60
    assert counts["specialists"] == 8
    assert 332 <= counts["questions"] + counts["answers"] <= 332 + 5
    assert counts["answers"] > counts["questions"] > 100

    # The bulk paths write no search outbox rows (only the demo content does).
    events = set(IndexEvent.objects.values_list("doc_type", "object_key"))
    for doc_type, kind, field in TYPES:
        assert not {(doc_type, key) for key in keys(made[kind], field)} & events

    # The forum's invariants hold without the services.
    for question in made["questions"].prefetch_related("answers", "themes")[:60]:
        answers = list(question.answers.all())
        assert question.answer_count == len(answers)
        assert question.themes.exists()
        assert question.body_html == render_markdown(question.body)
        assert Subscription.objects.filter(
            user=question.author, question=question
        ).exists()
        if answers:
            assert question.last_activity_at == max(a.created_at for a in answers)
            assert answers[0].body_html == render_markdown(answers[0].body)
        if question.accepted_answer_id:
            assert question.status == Question.Status.SOLVED
            assert question.accepted_answer_id in {a.pk for a in answers}
    assert made["questions"].filter(accepted_answer__isnull=False).exists()

    call_command("search_index", "rebuild", stdout=StringIO())
    assert not IndexEvent.objects.exists()
    for doc_type, kind, field in TYPES:
        indexed = keys(SearchDocument.objects.filter(doc_type=doc_type), "object_key")
        assert keys(made[kind], field) <= indexed, doc_type

    # Search finds them by their own words, in their language.
    user = CaseworkerFactory()
    titles = Counter(made["questions"].values_list("title", flat=True))
    question = next(q for q in made["questions"] if titles[q.title] == 1)
    practice = made["practices"].select_related("locale").order_by("pk")[3]
    for doc_type, obj, language in (
        ("question", question, question.language),
        ("practice", practice, practice.locale.language_code),
    ):
        found = search(
            obj.title,
            {"type": [doc_type]},
            user=user,
            language=language,
            per_page=100,
            log=False,
        )
        assert str(obj.pk) in {r.object_key for r in found.results}, obj.title
    # The broad word (the newcomer concept) is in about a third of all items.
    total = SearchDocument.objects.count()
    # (documents matched: `total` counts results, a question and its answers as one)
    broad = search("nieuwkomers", user=user, language="nl", log=False).matches
    assert 0.2 * total < broad < 0.5 * total

    # A second run adds nothing.
    call_command("seed_demo", scale=400, no_index=True, stdout=StringIO())
    assert {kind: qs.count() for kind, qs in synthetic().items()} == counts
