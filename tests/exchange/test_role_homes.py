"""Item 2 of issue 15: a home for each role after login, with query budgets."""

import pytest
from django.utils import timezone

from tests.factories import (
    AdoptionFactory,
    CaseworkerFactory,
    CentreFactory,
    PracticePageFactory,
    QuestionFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def library(site_tree):
    from practices.library import practice_library_ensure

    return practice_library_ensure()


def test_anonymous_home_shows_recent_public_practices_and_how_to_join(
    client, library, django_assert_max_num_queries
):
    PracticePageFactory(title="Sociaal tolken bij de intake", language="nl")
    PracticePageFactory(title="Members only note", visibility="members")

    with django_assert_max_num_queries(20):
        html = client.get("/fr/").content.decode()

    assert "Sociaal tolken bij de intake" in html
    assert "Members only note" not in html
    assert 'href="/fr/accounts/signup/"' in html
    assert 'href="/fr/practices/nl/sociaal-tolken-bij-de-intake/"' in html


def test_caseworker_home_shows_my_questions_their_state_and_my_themes(
    client_for, library, django_assert_max_num_queries
):
    from exchange.taxonomy.models import Theme
    from forum.models import Subscription

    worker = CaseworkerFactory()
    housing = Theme.objects.get(slug="housing")
    Subscription.objects.create(user=worker, theme=housing)
    QuestionFactory(author=worker, title="Mijn vraag over tolken", language="nl")
    QuestionFactory(title="Huisvesting voor erkende vluchtelingen", themes=[housing])
    QuestionFactory(title="Unrelated theme question")

    client = client_for(worker)
    with django_assert_max_num_queries(30):
        html = client.get("/nl/").content.decode()

    assert "Mijn vraag over tolken" in html
    assert "Huisvesting voor erkende vluchtelingen" in html
    assert "Unrelated theme question" not in html
    assert 'href="/nl/account/#id_home_centre"' in html  # no centre yet


def test_specialist_home_shows_routed_questions_practices_and_adoptions(
    client_for, library, specialist, django_assert_max_num_queries
):
    from forum.models import QuestionRoute

    question = QuestionFactory(title="Routed to the specialist")
    QuestionRoute.objects.create(question=question, user=specialist)
    practice = PracticePageFactory(title="My own practice", owner=specialist)
    AdoptionFactory(practice=practice, centre=CentreFactory(name="CPAS de Namur"))

    client = client_for(specialist)
    with django_assert_max_num_queries(40):
        html = client.get("/en/").content.decode()

    assert "Routed to the specialist" in html
    assert "My own practice" in html and "Published" in html
    assert "CPAS de Namur" in html


def test_coordinator_home_counts_link_to_the_queues(
    client_for, library, coordinator, municipalities, django_assert_max_num_queries
):
    PracticePageFactory(title="Old practice", review_by="2020-01-01")
    question = QuestionFactory(title="Nobody answered")
    question.escalated_at = timezone.now()
    question.save()

    client = client_for(coordinator)
    with django_assert_max_num_queries(45):
        html = client.get("/en/").content.decode()

    assert '<a href="/en/practices/review/#q-overdue"><strong>1</strong>' in html
    assert '<a href="/en/forum/?tab=unanswered"><strong>1</strong>' in html
    assert "<strong>565</strong> municipalities without a specialist" in html
    assert 'href="/en/account/approvals/"' in html
    assert 'href="/en/forum/moderation/"' in html


def test_home_page_title_is_not_doubled(client, site_tree):
    html = client.get("/en/").content.decode()
    assert "<title>Newcomer Exchange</title>" in html
    other = client.get("/en/search/").content.decode()
    assert "· Newcomer Exchange</title>" in other
