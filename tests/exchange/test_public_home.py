"""Issue 15 item 10: the public home page shows recent practices and, for the
members-only forum, a teaser that leaks nothing but counts."""

from datetime import timedelta

import pytest
from django.utils import timezone

from exchange.taxonomy.models import Theme
from tests.factories import QuestionFactory

pytestmark = pytest.mark.django_db


def test_anonymous_home_counts_recent_questions_without_showing_them(
    client, site_tree, django_assert_max_num_queries
):
    from practices.library import practice_library_ensure

    practice_library_ensure()
    housing = Theme.objects.get(slug="housing")
    for n in range(3):
        question = QuestionFactory(title=f"Rent guarantee for client number {n}")
        question.themes.set([housing])
    old = QuestionFactory(title="Old question")
    type(old).objects.filter(pk=old.pk).update(
        created_at=timezone.now() - timedelta(days=400)
    )

    with django_assert_max_num_queries(24):
        html = client.get("/en/").content.decode()

    assert "Recent questions" in html
    assert "members asked 3 questions" in html
    assert f"{housing.name_en} <span" in html
    # Nothing of a question itself reaches the public.
    assert "Rent guarantee" not in html and "Old question" not in html
    assert "Log in to read and answer" in html
