"""Factories of the practice library.

``PracticePageFactory(parent=index, themes=[...], live=True)`` creates a practice
through Wagtail (tree, revision, publish); the library must exist (fixture
``library`` of tests/practices/conftest.py).
"""

import factory
from django.utils.text import slugify

from practices.library import practice_index_for
from practices.models import (
    Adoption,
    FeaturedPractice,
    PracticeCollection,
    PracticeCollectionItem,
    PracticePage,
)

__all__ = [
    "PracticePageFactory",
    "AdoptionFactory",
    "PracticeCollectionFactory",
    "PracticeCollectionItemFactory",
    "FeaturedPracticeFactory",
]


class PracticePageFactory(factory.Factory):
    class Meta:
        model = PracticePage

    title = factory.Sequence(lambda n: f"Practice number {n}")
    summary = "A short plain-language summary of what the centre does."
    context = "Newcomers waited weeks because every colleague worked differently."
    results = "Waiting time halved."
    visibility = "public"

    @classmethod
    def _create(
        cls,
        model_class,
        *args,
        parent=None,
        language="en",
        live=True,
        themes=(),
        target_groups=(),
        municipalities=(),
        body=None,
        **kwargs,
    ):
        parent = parent or practice_index_for(language)
        page = model_class(*args, **kwargs)
        page.slug = page.slug or slugify(page.title)[:70]
        page.locale_id = parent.locale_id
        page.body = body or [{"type": "text", "value": "<p>How it works.</p>"}]
        page.themes.set(list(themes))
        page.target_groups.set(list(target_groups))
        page.municipalities.set(list(municipalities))
        page.live = False
        parent.add_child(instance=page)
        revision = page.save_revision(user=kwargs.get("owner"))
        if live:
            revision.publish()
            page.refresh_from_db()
        return page


class AdoptionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Adoption

    practice = None
    centre = factory.SubFactory("tests.factories.specialists.CentreFactory")
    note = ""


class PracticeCollectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PracticeCollection

    title = factory.Sequence(lambda n: f"Dossier {n}")
    slug = factory.Sequence(lambda n: f"dossier-{n}")
    intro = "Practices that belong together."


class PracticeCollectionItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PracticeCollectionItem

    collection = factory.SubFactory(PracticeCollectionFactory)
    practice = None
    sort_order = factory.Sequence(int)


class FeaturedPracticeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FeaturedPractice

    practice = None
    sort_order = factory.Sequence(int)
