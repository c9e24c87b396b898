import pytest

from exchange.taxonomy.models import TargetGroup, Theme


@pytest.fixture
def theme(db):
    return Theme.objects.get(slug="language-interpreting")


@pytest.fixture
def housing(db):
    return Theme.objects.get(slug="housing")


@pytest.fixture
def refugees(db):
    return TargetGroup.objects.get(slug="recognised-refugees")


@pytest.fixture
def ask(theme):
    """``ask(author, **overrides)`` posts a question through the service."""
    from forum.services import question_create

    def make(author, **kwargs):
        data = {
            "title": "How do you hold an intake without an interpreter?",
            "body": "A family speaks only Dari and no interpreter is free this week.",
            "themes": [theme],
            "language": "en",
        }
        data.update(kwargs)
        return question_create(author=author, **data)

    return make
