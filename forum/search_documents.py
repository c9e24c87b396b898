"""What the forum puts in the search index (registered in apps.py).

Questions and answers are for members only; hidden posts have no document, nor
do the answers of a hidden question.
"""

from search.adapters import Adapter, place_facets, register, url_in
from search.indexing import IndexItem
from search.models import DocType

from .models import Answer, Question


def question_facets(question) -> list[tuple[str, str]]:
    places = [question.municipality] if question.municipality_id else []
    return (
        [("theme", t.slug) for t in question.themes.all()]
        + [("target_group", g.slug) for g in question.target_groups.all()]
        + place_facets(places, question.region)
    )


class QuestionAdapter(Adapter):
    doc_type = DocType.QUESTION
    model = Question

    def index_queryset(self):
        return Question.objects.visible()

    def prefetch(self, queryset):
        return queryset.select_related(
            "region", "municipality__province", "municipality__region"
        ).prefetch_related("themes", "target_groups")

    def to_item(self, question) -> IndexItem:
        return IndexItem(
            doc_type=self.doc_type,
            object_key=self.key(question),
            language=question.language,
            title=question.title,
            body=question.body,
            url=url_in(question.language, "forum:question", question.pk),
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
        ).prefetch_related("question__themes", "question__target_groups")

    def to_item(self, answer) -> IndexItem:
        question = answer.question
        url = url_in(question.language, "forum:question", question.pk)
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
