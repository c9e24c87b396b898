import factory

from exchange.taxonomy.models import Theme
from forum.models import Answer, Comment, Question

from .accounts import CaseworkerFactory, SpecialistFactory

__all__ = ["QuestionFactory", "AnswerFactory", "CommentFactory"]


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Question
        skip_postgeneration_save = True

    author = factory.SubFactory(CaseworkerFactory)
    title = factory.Sequence(lambda n: f"How do you organise interpreters, case {n}?")
    body = "We often lack an interpreter for the first intake. What do you do?"
    language = "en"

    @factory.post_generation
    def themes(self, create, extracted, **kwargs):
        if not create:
            return
        self.themes.set(extracted or [Theme.objects.get(slug="language-interpreting")])


class AnswerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Answer
        skip_postgeneration_save = True

    question = factory.SubFactory(QuestionFactory)
    author = factory.SubFactory(SpecialistFactory)
    body = "We book a telephone interpreter the same day."

    @factory.post_generation
    def counters(self, create, extracted, **kwargs):
        if create:
            self.question.refresh_counters()


class CommentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Comment

    answer = factory.SubFactory(AnswerFactory)
    author = factory.SubFactory(CaseworkerFactory)
    body = "Thanks, that helps."
