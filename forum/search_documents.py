"""What the forum puts in the search index (registered in apps.py).

Questions and answers are for members only; hidden posts have no document, nor
do the answers of a hidden question.
"""

from functools import lru_cache

from django.db.models import Prefetch

from exchange.taxonomy.models import TargetGroup, Theme
from search.adapters import Adapter, place_facets, register, url_in
from search.indexing import IndexItem
from search.models import DocType

from .models import Answer, Question

SAMPLE_PK = 9876543210  # stands for the id in a reversed URL (never a real one)


@lru_cache(maxsize=8)
def _question_url_parts(language: str) -> tuple[str, str]:
    """The question URL in ``language`` around its id: reversed once, not once
    per document (a rebuild reverses 80 000 of them)."""
    url = url_in(language, "forum:question", SAMPLE_PK)
    head, found, tail = url.partition(str(SAMPLE_PK))
    return (head, tail) if found else ("", "")


def question_url(language: str, pk) -> str:
    """``url_in(language, "forum:question", pk)``."""
    head, tail = _question_url_parts(language)
    return f"{head}{pk}{tail}" if head or tail else ""


def _listed(question, name: str):
    """The question's ``name`` (themes, target_groups): as prefetched into a
    list by the adapters, else from the database."""
    prefetched = getattr(question, f"listed_{name}", None)
    return prefetched if prefetched is not None else getattr(question, name).all()


def question_facets(question) -> list[tuple[str, str]]:
    places = [question.municipality] if question.municipality_id else []
    return (
        [("theme", t.slug) for t in _listed(question, "themes")]
        + [("target_group", g.slug) for g in _listed(question, "target_groups")]
        + place_facets(places, question.region)
    )


def _facet_prefetches(path: str = "") -> list[Prefetch]:
    """Themes and target groups as plain lists (no related manager per item)."""
    return [
        Prefetch(f"{path}themes", Theme.objects.all(), to_attr="listed_themes"),
        Prefetch(
            f"{path}target_groups",
            TargetGroup.objects.all(),
            to_attr="listed_target_groups",
        ),
    ]


class QuestionAdapter(Adapter):
    doc_type = DocType.QUESTION
    model = Question

    def index_queryset(self):
        return Question.objects.visible()

    def prefetch(self, queryset):
        return queryset.select_related(
            "region", "municipality__province", "municipality__region"
        ).prefetch_related(*_facet_prefetches())

    def to_item(self, question) -> IndexItem:
        return IndexItem(
            doc_type=self.doc_type,
            object_key=self.key(question),
            language=question.language,
            title=question.title,
            body=question.body,
            url=question_url(question.language, question.pk),
            facets=question_facets(question),
            published_at=question.created_at,
            popularity=float(question.vote_score + question.answer_count),
        )


class AnswerAdapter(Adapter):
    doc_type = DocType.ANSWER
    model = Answer

    def index_queryset(self):
        return Answer.objects.filter(
            is_hidden=False, question__in=Question.objects.visible()
        )

    def tracked(self):
        # An answer's document carries its question's title, facets and visibility.
        return {
            Answer: lambda answer: [(self.doc_type, answer.pk)],
            Question: lambda question: [
                (self.doc_type, pk)
                for pk in question.answers.values_list("pk", flat=True)
            ],
        }

    def prefetch(self, queryset):
        return queryset.select_related(
            "question__region",
            "question__municipality__province",
            "question__municipality__region",
        ).prefetch_related(*_facet_prefetches("question__"))

    def to_item(self, answer) -> IndexItem:
        question = answer.question
        url = question_url(question.language, question.pk)
        return IndexItem(
            doc_type=self.doc_type,
            object_key=self.key(answer),
            language=question.language,
            title=question.title,
            body=answer.body,
            url=f"{url}#answer-{answer.pk}",
            facets=question_facets(question),
            published_at=answer.created_at,
            popularity=float(answer.vote_score),
        )


def register_all() -> None:
    register(QuestionAdapter())
    register(AnswerAdapter())
