"""Lists: tabs, filters, pagination, counts without N+1, members only."""

import pytest
from django.utils import timezone

from exchange.taxonomy.models import TargetGroup, Theme
from forum import services
from forum.models import Subscription
from tests.factories import AnswerFactory, CaseworkerFactory, QuestionFactory

pytestmark = pytest.mark.django_db


def titles(response):
    return [q.title for q in response.context["questions"]]


def test_anonymous_visitor_gets_no_forum_content(client):
    QuestionFactory(title="A members-only question about housing")
    for url in ("/en/forum/", "/en/forum/feed/", "/en/forum/ask/"):
        response = client.get(url)
        assert response.status_code == 302
        assert "/accounts/login/" in response["Location"]
    response = client.get("/api/v1/questions/")
    assert response.status_code == 401
    assert b"members-only" not in response.content


def test_unapproved_account_is_refused(client_for):
    pending = CaseworkerFactory(approval_status="pending")
    assert client_for(pending).get("/en/forum/").status_code == 403


def test_newest_tab_orders_by_creation(client_for, caseworker):
    old = QuestionFactory(created_at=timezone.now() - timezone.timedelta(days=3))
    new = QuestionFactory()
    response = client_for(caseworker).get("/en/forum/")
    assert titles(response) == [new.title, old.title]


def test_active_tab_puts_recently_answered_first(client_for, caseworker, specialist):
    old = QuestionFactory(created_at=timezone.now() - timezone.timedelta(days=3))
    QuestionFactory()
    services.answer_create(question=old, author=specialist, body="A fresh answer.")
    response = client_for(caseworker).get("/en/forum/?tab=active")
    assert titles(response)[0] == old.title


def test_unanswered_tab_lists_questions_without_accepted_answer(client_for, caseworker):
    solved = QuestionFactory(author=caseworker)
    answer = AnswerFactory(question=solved)
    services.answer_accept(answer=answer, user=caseworker)
    open_question = QuestionFactory()
    response = client_for(caseworker).get("/en/forum/?tab=unanswered")
    assert titles(response) == [open_question.title]


def test_mine_tab_lists_my_questions(client_for, caseworker):
    mine = QuestionFactory(author=caseworker)
    QuestionFactory()
    response = client_for(caseworker).get("/en/forum/?tab=mine")
    assert titles(response) == [mine.title]


def test_for_me_tab_uses_followed_themes(client_for, caseworker):
    housing = Theme.objects.get(slug="housing")
    wanted = QuestionFactory(themes=[housing])
    QuestionFactory()
    Subscription.objects.create(user=caseworker, theme=housing)
    response = client_for(caseworker).get("/en/forum/?tab=for_me")
    assert titles(response) == [wanted.title]


def test_for_me_tab_uses_my_region(client_for, municipalities):
    from specialists.models import Municipality
    from tests.factories import CentreFactory

    ghent = Municipality.objects.get(refnis="44021")
    liege = Municipality.objects.get(refnis="62063")
    user = CaseworkerFactory(home_centre=CentreFactory(municipalities=[ghent]))
    flemish = QuestionFactory(municipality=ghent, region=ghent.region)
    QuestionFactory(municipality=liege, region=liege.region)
    response = client_for(user).get("/en/forum/?tab=for_me")
    assert titles(response) == [flemish.title]


def test_filters_by_theme_target_group_region_and_language(
    client_for, caseworker, municipalities
):
    from specialists.models import Region

    housing = Theme.objects.get(slug="housing")
    roma = TargetGroup.objects.get(slug="roma")
    wallonia = Region.objects.get(slug="wallonia")
    match = QuestionFactory(themes=[housing], language="fr", region=wallonia)
    match.target_groups.set([roma])
    QuestionFactory(themes=[housing], language="nl")
    QuestionFactory(language="fr", region=wallonia)
    client = client_for(caseworker)
    assert titles(
        client.get(
            "/en/forum/?theme=housing&target_group=roma&region=wallonia&language=fr"
        )
    ) == [match.title]
    assert len(titles(client.get("/en/forum/?theme=housing"))) == 2
    assert len(titles(client.get("/en/forum/?language=fr"))) == 2


def test_unknown_filter_values_do_not_break_the_list(client_for, caseworker):
    QuestionFactory()
    response = client_for(caseworker).get("/en/forum/?theme=nope&tab=zzz&page=abc")
    assert response.status_code == 200


def test_list_is_paginated(client_for, caseworker):
    for _ in range(23):
        QuestionFactory()
    client = client_for(caseworker)
    first = client.get("/en/forum/")
    assert len(titles(first)) == 20
    assert "Page 1 of 2" in first.content.decode()
    assert len(titles(client.get("/en/forum/?page=2"))) == 3


def test_list_shows_answer_and_vote_counts_within_a_query_budget(
    client_for, caseworker, django_assert_max_num_queries
):
    for _ in range(15):
        question = QuestionFactory()
        AnswerFactory(question=question)
        AnswerFactory(question=question)
        services.vote_cast(user=caseworker, post=question, value=1)
    client = client_for(caseworker)
    client.get("/en/forum/")  # warm caches (content types, session)
    with django_assert_max_num_queries(14):
        response = client.get("/en/forum/")
    page = response.content.decode()
    assert page.count("2 answers") == 15
    assert page.count("score 1") == 15


def test_question_page_has_a_query_budget(
    client_for, caseworker, django_assert_max_num_queries
):
    question = QuestionFactory()
    for _ in range(8):
        answer = AnswerFactory(question=question)
        from tests.factories import CommentFactory

        CommentFactory(answer=answer)
        CommentFactory(answer=answer)
    client = client_for(caseworker)
    client.get(question.get_absolute_url())
    with django_assert_max_num_queries(22):
        response = client.get(question.get_absolute_url())
    assert response.content.decode().count('id="comment-') == 16


def test_feed_lists_new_questions_for_members(client_for, caseworker):
    QuestionFactory(title="Feed question about interpreters")
    response = client_for(caseworker).get("/en/forum/feed/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    assert b"Feed question about interpreters" in response.content
