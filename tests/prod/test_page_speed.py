"""Issue 13, item 7: the main pages as a member stay fast at any size.

Query budgets per page that do not grow with the content (no N+1), and the cached
parts of member pages (exchange/core/fragments.py: the practice library's filter
lists, the home page's practice panel) show a change on the very next request.
"""

import re

import pytest

from tests.factories import (
    AnswerFactory,
    PracticePageFactory,
    QuestionFactory,
)
from tests.practices.conftest import geo, library, themes  # noqa: F401

pytestmark = pytest.mark.django_db

# Queries with the caches cold (first request) and warm (second request). Warm, a
# member page reads the user, the page and what is the reader's own (votes,
# following, adoptions); the rest comes from the cache (exchange/core/fragments.py,
# exchange/core/sites.py: the route and whether the page has view restrictions).
# Before issue 13's item 7 the warm pages cost 11 to 24 queries.
BUDGETS = {
    "home": (16, 4),
    "practice listing": (17, 4),
    "practice": (22, 3),
    "question list": (8, 1),
    "question": (12, 3),
}


def _content(themes, geo, n=8):  # noqa: F811
    practices = [
        PracticePageFactory(
            title=f"Practice {i}",
            themes=[themes["housing"], themes["health"]],
            municipalities=[geo["gent"], geo["liege"]],
            visibility="members" if i % 2 else "public",
        )
        for i in range(n)
    ]
    questions = [QuestionFactory(title=f"Question {i}") for i in range(n)]
    for question in questions[:3]:
        AnswerFactory(question=question)
    return practices, questions


def _pages(practices, questions):
    return {
        "home": "/en/",
        "practice listing": "/en/practices/",
        "practice": practices[0].url,
        "question list": "/en/forum/",
        "question": f"/en/forum/questions/{questions[0].pk}/",
    }


@pytest.mark.parametrize("size", [4, 12])
def test_member_pages_stay_within_their_query_budgets(
    client_for,
    caseworker,
    library,  # noqa: F811
    themes,  # noqa: F811
    geo,  # noqa: F811
    size,
):
    practices, questions = _content(themes, geo, n=size)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for(caseworker)
    counts = {}
    for name, path in _pages(practices, questions).items():
        for round_ in ("cold", "warm"):
            with CaptureQueriesContext(connection) as queries:
                response = client.get(path)
            assert response.status_code == 200, (name, path)
            counts[name, round_] = len(queries)
    limit = {"cold": 0, "warm": 1}
    over = {key: n for key, n in counts.items() if n > BUDGETS[key[0]][limit[key[1]]]}
    assert not over, counts


def test_the_related_practices_cost_no_query_per_card(
    client_for,
    caseworker,
    library,  # noqa: F811
    themes,  # noqa: F811
    geo,  # noqa: F811
    django_assert_num_queries,
):
    practices, _questions = _content(themes, geo, n=6)
    client = client_for(caseworker)
    client.get(practices[0].url)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        client.get(practices[0].url)
    for i in range(6, 12):
        PracticePageFactory(
            title=f"More {i}",
            themes=[themes["housing"]],
            municipalities=[geo["gent"], geo["brussels"]],
        )
    client.get(practices[0].url)
    with CaptureQueriesContext(connection) as more:
        response = client.get(practices[0].url)
    assert len(response.context["related"]) == 4
    assert len(more) == len(few)


def _options(html, name):
    select = re.search(rf'<select id="f-{name}".*?</select>', html, re.S).group(0)
    return re.findall(r">([^<]+)</option>", select)


def test_a_new_practice_shows_in_the_cached_filter_lists_at_once(
    client_for,
    caseworker,
    library,  # noqa: F811
    themes,  # noqa: F811
    geo,  # noqa: F811
):
    PracticePageFactory(title="In Ghent", municipalities=[geo["gent"]])
    client = client_for(caseworker)
    before = client.get("/en/practices/").content.decode()
    again = client.get("/en/practices/").content.decode()  # from the cache
    assert _options(again, "municipality") == _options(before, "municipality")
    assert "Brussel" not in _options(before, "municipality")

    PracticePageFactory(title="In Brussels", municipalities=[geo["brussels"]])
    after = client.get("/en/practices/").content.decode()
    assert "Brussel" in _options(after, "municipality")
    assert "In Brussels" in after


def test_cached_filter_lists_never_cross_audiences(
    client_for,
    caseworker,
    library,  # noqa: F811
    themes,  # noqa: F811
    geo,  # noqa: F811
):
    PracticePageFactory(title="Open", municipalities=[geo["gent"]])
    PracticePageFactory(
        title="Colleagues only", municipalities=[geo["liege"]], visibility="members"
    )
    member = client_for(caseworker).get("/en/practices/").content.decode()
    assert "Luik" in _options(member, "municipality")
    anonymous = client_for(None).get("/en/practices/").content.decode()
    assert "Luik" not in _options(anonymous, "municipality")
    assert "Gent" in _options(anonymous, "municipality")


def test_the_home_panel_counts_a_new_practice_at_once(
    client_for,
    caseworker,
    library,  # noqa: F811
    themes,  # noqa: F811
):
    PracticePageFactory(title="First practice")
    client = client_for(caseworker)
    assert "Browse 1 practice" in client.get("/en/").content.decode()
    assert "Browse 1 practice" in client.get("/en/").content.decode()
    PracticePageFactory(title="Second practice")
    home = client.get("/en/").content.decode()
    assert "Browse all 2 practices" in home
    assert "Second practice" in home


# --- The cached parts of member pages: a change shows at once, nothing personal or
# members-only crosses readers (issue 13, item 7). Each test reads a page twice
# first, so that the second answer comes from the cache, then changes something.


def _member_client(user):
    from django.test import Client

    client = Client()
    client.force_login(user)
    return client


def _warm(client, path):
    client.get(path)
    return client.get(path).content.decode()


def test_the_cached_question_list_shows_new_questions_answers_votes_and_hiding(
    caseworker,
    specialist,
    coordinator,
    themes,  # noqa: F811
):
    from forum import services

    question = QuestionFactory(title="Interpreters at intake")
    client = _member_client(caseworker)
    page = _warm(client, "/en/forum/")
    assert "Interpreters at intake" in page and "0 answers" in page

    QuestionFactory(title="Housing for families")
    assert "Housing for families" in client.get("/en/forum/").content.decode()

    AnswerFactory(question=question)
    assert "1 answer" in client.get("/en/forum/").content.decode()

    services.vote_cast(user=specialist, post=question, value=1)
    assert "score 1" in client.get("/en/forum/").content.decode()

    services.post_hide(post=question, moderator=coordinator)
    assert "Interpreters at intake" not in client.get("/en/forum/").content.decode()


def test_the_personal_forum_tabs_are_never_shared_between_members(
    caseworker,
    specialist,
    themes,  # noqa: F811
):
    from tests.factories import CaseworkerFactory

    QuestionFactory(title="Asked by the caseworker", author=caseworker)
    mine = _warm(_member_client(caseworker), "/en/forum/?tab=mine")
    assert "Asked by the caseworker" in mine
    other = _warm(_member_client(CaseworkerFactory()), "/en/forum/?tab=mine")
    assert "Asked by the caseworker" not in other


def test_the_cached_question_list_follows_the_language_and_new_names(
    caseworker,
    themes,  # noqa: F811
):
    question = QuestionFactory(title="Interpreters at intake")
    client = _member_client(caseworker)
    assert "0 answers" in _warm(client, "/en/forum/")
    assert "0 antwoorden" in _warm(client, "/nl/forum/")
    author = question.author
    author.full_name = "Renamed Author"
    author.save()
    assert "Renamed Author" in client.get("/en/forum/").content.decode()


def test_the_cached_practice_results_show_edits_and_never_cross_audiences(
    client_for,
    caseworker,
    library,  # noqa: F811
    themes,  # noqa: F811
    geo,  # noqa: F811
):
    open_practice = PracticePageFactory(title="Open to all")
    PracticePageFactory(title="Colleagues only", visibility="members")
    member = _member_client(caseworker)
    page = _warm(member, "/en/practices/")
    assert "Open to all" in page and "Colleagues only" in page
    anonymous = client_for(None)
    public = _warm(anonymous, "/en/practices/")
    assert "Open to all" in public and "Colleagues only" not in public

    open_practice.title = "Open to all, revised"
    open_practice.save_revision().publish()
    assert "Open to all, revised" in member.get("/en/practices/").content.decode()
    PracticePageFactory(title="Brand new")
    assert "Brand new" in member.get("/en/practices/").content.decode()


def test_the_cached_practice_page_shows_a_new_revision_and_keeps_contacts_for_members(
    client_for,
    caseworker,
    specialist,
    library,  # noqa: F811
    themes,  # noqa: F811
):
    practice = PracticePageFactory(title="Buddy project", owner=specialist)
    url = practice.url
    member = _member_client(caseworker)
    page = _warm(member, url)
    assert specialist.email in page  # the contact, for members
    assert "Edit this practice" not in page
    assert "Edit this practice" in _warm(_member_client(specialist), url)
    anonymous = _warm(client_for(None), url)
    assert specialist.email not in anonymous

    practice.summary = "A completely rewritten summary."
    practice.save_revision().publish()
    assert "A completely rewritten summary." in member.get(url).content.decode()

    practice.unpublish()
    assert member.get(url).status_code == 404  # the cached route is gone too


def test_the_cached_home_panels_are_each_members_own_and_show_changes_at_once(
    caseworker,
    library,  # noqa: F811
    themes,  # noqa: F811
):
    from tests.factories import CaseworkerFactory

    client = _member_client(caseworker)
    home = _warm(client, "/en/")
    assert "You have not asked a question yet." in home
    QuestionFactory(title="My fresh question", author=caseworker)
    assert "My fresh question" in client.get("/en/").content.decode()
    other = _warm(_member_client(CaseworkerFactory()), "/en/")
    assert "My fresh question" not in other
    assert "You have not asked a question yet." in other


def test_the_cached_question_page_shows_edits_and_hidden_answers_at_once(
    caseworker,
    specialist,
    coordinator,
    themes,  # noqa: F811
):
    from forum import services

    question = QuestionFactory(title="Original title", author=caseworker)
    answer = AnswerFactory(question=question, body="A visible answer.")
    path = f"/en/forum/questions/{question.pk}/"
    reader = _member_client(specialist)
    page = _warm(reader, path)
    assert "Original title" in page and "A visible answer." in page
    assert f'href="/en/forum/questions/{question.pk}/edit/"' not in page

    services.question_update(
        question=question,
        editor=caseworker,
        title="Edited title",
        body="Edited body of the question.",
        themes=list(question.themes.all()),
        target_groups=[],
        municipality=None,
        region=None,
        language="en",
    )
    page = reader.get(path).content.decode()
    assert "Edited title" in page and "Edited body of the question." in page

    services.post_hide(post=answer, moderator=coordinator)
    assert "A visible answer." not in reader.get(path).content.decode()


def test_the_unread_badge_follows_new_and_read_notifications_at_once(
    caseworker,
    themes,  # noqa: F811
):
    from exchange.notifications.services import (
        notification_send,
        notifications_mark_read,
    )

    client = _member_client(caseworker)
    badge = '<span class="badge">'
    assert badge not in _warm(client, "/en/forum/")
    notification_send(recipient=caseworker, kind="test", title="Hello", email=False)
    assert f'{badge}1<span class="visually-hidden"> unread' in (
        client.get("/en/forum/").content.decode()
    )
    notifications_mark_read(user=caseworker)
    assert badge not in client.get("/en/forum/").content.decode()


def test_only_editors_get_the_wagtail_user_bar(
    caseworker,
    specialist,
    library,  # noqa: F811
):
    assert "wagtail-userbar" not in _warm(_member_client(caseworker), "/en/")
    assert "wagtail-userbar" in _warm(_member_client(specialist), "/en/")


def test_the_content_version_moves_again_when_the_transaction_commits(
    django_capture_on_commit_callbacks,
    themes,  # noqa: F811
):
    """A request that read the new version before the commit may have cached the
    old rows under it: the commit moves the version once more (once per
    transaction, however many rows it saves)."""
    from exchange.core.pagecache import content_version

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        before = content_version()
        QuestionFactory(title="Saved in a transaction")
        during = content_version()
    assert before < during < content_version()
    bumps = [c for c in callbacks if getattr(c, "__name__", "") == "_bump_after_commit"]
    assert len(bumps) == 1


def test_a_cached_route_follows_a_new_slug_at_once(
    caseworker,
    library,  # noqa: F811
    themes,  # noqa: F811
):
    practice = PracticePageFactory(title="Buddy project", slug="buddy-project")
    old_url = practice.url
    member = _member_client(caseworker)
    assert "Buddy project" in _warm(member, old_url)
    practice.slug = "buddy-project-renamed"
    practice.save_revision().publish()
    practice.refresh_from_db()
    assert practice.url != old_url
    assert member.get(old_url).status_code == 404
    assert "Buddy project" in member.get(practice.url).content.decode()


def test_new_tags_of_a_question_show_in_the_cached_list_at_once(
    caseworker,
    themes,  # noqa: F811
):
    """Tags are set after the question's save (a many-to-many change)."""
    question = QuestionFactory(title="Tagged question", themes=[themes["housing"]])
    client = _member_client(caseworker)
    from django.utils.html import escape

    tag = f'<span class="tag">{escape(themes["health"].name)}</span>'
    assert tag not in _warm(client, "/en/forum/")
    question.themes.add(themes["health"])
    assert tag in client.get("/en/forum/").content.decode()


def _restrict_to_group(page, name):
    from django.contrib.auth.models import Group
    from wagtail.models import PageViewRestriction

    group = Group.objects.create(name=name)
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(group)
    return restriction, group


def test_a_view_restriction_still_refuses_a_reader_with_the_route_cached(
    caseworker,
    specialist,
    library,  # noqa: F811
    themes,  # noqa: F811
):
    """The cached route remembers that a page has no view restriction (two
    queries saved a request); a restriction added later, on the page or an
    ancestor, is enforced on the very next request, and for as long as it lasts."""
    practice = PracticePageFactory(title="Restricted buddy project")
    url = practice.url
    reader, insider = _member_client(caseworker), _member_client(specialist)
    assert "Restricted buddy project" in _warm(reader, url)  # route cached, open

    restriction, group = _restrict_to_group(practice.get_parent(), "Pilot centres")
    specialist.groups.add(group)
    for _ in range(2):  # cold and warm route: refused both times
        refused = reader.get(url)
        assert refused.status_code == 302
        assert "Restricted buddy project" not in refused.content.decode()
    assert "Restricted buddy project" in _warm(insider, url)

    restriction.groups.remove(group)  # the insider's group no longer admitted
    assert insider.get(url).status_code == 302

    restriction.delete()
    assert "Restricted buddy project" in reader.get(url).content.decode()


def test_a_restricted_page_costs_wagtails_check_and_an_open_one_does_not(
    caseworker,
    library,  # noqa: F811
    themes,  # noqa: F811
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    open_practice = PracticePageFactory(title="Open practice")
    closed_practice = PracticePageFactory(title="Closed practice")
    _restrict_to_group(closed_practice, "Nobody yet")
    reader = _member_client(caseworker)
    counts = {}
    for practice in (open_practice, closed_practice):
        reader.get(practice.url)
        with CaptureQueriesContext(connection) as queries:
            response = reader.get(practice.url)
        counts[practice.title] = (response.status_code, len(queries))
        restriction_reads = [
            q["sql"] for q in queries if "wagtailcore_pageviewrestriction" in q["sql"]
        ]
        counts[practice.title] += (len(restriction_reads),)
    assert counts["Open practice"][0] == 200
    assert counts["Open practice"][2] == 0  # known unrestricted: not asked
    assert counts["Closed practice"][0] == 302
    assert counts["Closed practice"][2] >= 1  # enforced from the database


def test_the_cached_answers_show_each_reader_their_own_votes_and_new_comments(
    caseworker,
    specialist,
    coordinator,
    themes,  # noqa: F811
):
    """The answers and their comments are kept for every reader alike; the
    reader's own vote on each answer is read per request and never shared."""
    from forum import services

    question = QuestionFactory(title="Votes question", author=coordinator)
    answer = AnswerFactory(question=question, body="An answer to vote on.")
    path = f"/en/forum/questions/{question.pk}/"
    voter, other = _member_client(caseworker), _member_client(specialist)
    assert "Undo useful vote" not in _warm(voter, path)  # answers now cached
    assert "Undo useful vote" not in _warm(other, path)

    services.vote_cast(user=caseworker, post=answer, value=1)
    voter_page = voter.get(path).content.decode()
    assert "Undo useful vote" in voter_page and "Score: 1" in voter_page
    other_page = _warm(other, path)
    assert "Undo useful vote" not in other_page and "Score: 1" in other_page

    services.comment_create(answer=answer, author=specialist, body="A new comment.")
    assert "A new comment." in voter.get(path).content.decode()


def test_the_cached_adoptions_show_a_new_and_a_withdrawn_centre_at_once(
    client_for,
    specialist,
    library,  # noqa: F811
    themes,  # noqa: F811
    geo,  # noqa: F811
):
    """The centres applying a practice are kept for every reader alike; an
    adoption recorded or withdrawn shows on the next request, and the note stays
    for members."""
    from practices.services import adoption_record, adoption_withdraw
    from tests.factories import CaseworkerFactory, CentreFactory

    centre = CentreFactory(name="OCMW Adoptiestad", municipalities=[geo["gent"]])
    adopter = CaseworkerFactory(home_centre=centre)
    practice = PracticePageFactory(title="Adopted practice", visibility="public")
    url = practice.url
    reader, anonymous = _member_client(specialist), client_for(None)
    assert "OCMW Adoptiestad" not in _warm(reader, url)
    assert "OCMW Adoptiestad" not in _warm(anonymous, url)

    adoption_record(practice=practice, user=adopter, centre=centre, note="Since May.")
    page = reader.get(url).content.decode()
    assert "OCMW Adoptiestad" in page and "Since May." in page
    page = anonymous.get(url).content.decode()
    assert "OCMW Adoptiestad" in page and "Since May." not in page

    adoption_withdraw(practice=practice, user=adopter, centre=centre)
    assert "OCMW Adoptiestad" not in reader.get(url).content.decode()


# --- Each process keeps the parts it used last (exchange/core/fragments.py,
# ``local_get``): a warm member page reads only the session, the content version and
# the unread count from the shared cache, follows a version moved by another process
# at once, and never hands one reader's part to another.


def _count_cache_reads(monkeypatch):
    from django.core.cache import caches

    backend = caches["default"]
    reads = []
    for name in ("get", "get_many"):
        original = getattr(backend, name)

        def counted(*args, _original=original, _name=name, **kwargs):
            reads.append((_name, args[0] if args else None))
            return _original(*args, **kwargs)

        monkeypatch.setattr(backend, name, counted)
    return reads


def test_warm_practice_and_question_pages_read_the_shared_cache_three_times(
    monkeypatch,
    caseworker,
    library,  # noqa: F811
    themes,  # noqa: F811
    geo,  # noqa: F811
):
    from tests.factories import CentreFactory

    caseworker.home_centre = CentreFactory(name="OCMW Gent")
    caseworker.save()
    practices, questions = _content(themes, geo, n=4)
    client = _member_client(caseworker)
    reads = _count_cache_reads(monkeypatch)
    for path in (practices[0].url, f"/en/forum/questions/{questions[0].pk}/"):
        _warm(client, path)
        reads.clear()
        assert client.get(path).status_code == 200
        # The session, the content version, the unread count: before, every cached
        # part (route, translations, adoptions, language links, HTML) was a read of
        # its own (8 to 10 a page).
        assert len(reads) <= 3, (path, reads)


def test_a_process_copy_follows_a_version_moved_by_another_process(
    caseworker,
    themes,  # noqa: F811
):
    from django.core.cache import cache

    from exchange.core.pagecache import VERSION_KEY
    from forum.models import Question

    question = QuestionFactory(title="Title before")
    path = f"/en/forum/questions/{question.pk}/"
    client = _member_client(caseworker)
    assert "Title before" in _warm(client, path)
    # Another process saves the question: the row changes, the shared version moves
    # (here both by hand: ``update`` sends no signal, so this process's own
    # signal handlers cannot be what makes the change show).
    Question.objects.filter(pk=question.pk).update(title="Title after")
    assert "Title before" in client.get(path).content.decode()  # still cached
    cache.incr(VERSION_KEY)
    page = client.get(path).content.decode()
    assert "Title after" in page and "Title before" not in page


def test_the_cached_adoption_fields_offer_each_member_their_own_centre(
    themes,  # noqa: F811
    geo,  # noqa: F811
    library,  # noqa: F811
):
    from tests.factories import CaseworkerFactory, CentreFactory

    practice = PracticePageFactory(title="Buddy project")
    first = CaseworkerFactory(home_centre=CentreFactory(name="OCMW Gent"))
    second = CaseworkerFactory(home_centre=CentreFactory(name="CPAS Liège"))
    page = _warm(_member_client(first), practice.url)
    assert "OCMW Gent</option>" in page and "CPAS Liège" not in page
    client = _member_client(second)
    page = _warm(client, practice.url)
    assert "CPAS Liège</option>" in page and "OCMW Gent" not in page
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        client.get(practice.url)
    # The member and the page; the centre offered no longer costs a query.
    assert len(queries) <= 2, [query["sql"] for query in queries]
    # A renamed centre shows at once (centres are content: the version moves).
    second.home_centre.name = "CPAS de Liège"
    second.home_centre.save()
    assert (
        "CPAS de Liège</option>"
        in _member_client(second).get(practice.url).content.decode()
    )


def test_the_cached_comment_fields_keep_their_answer_and_a_refused_comment_its_error(
    caseworker,
    specialist,
    themes,  # noqa: F811
):
    question = QuestionFactory(title="Interpreters at intake")
    answers = [AnswerFactory(question=question) for _ in range(2)]
    path = f"/en/forum/questions/{question.pk}/"
    client = _member_client(caseworker)
    page = _warm(client, path)
    for answer in answers:
        assert f'id="id_comment_{answer.pk}_body"' in page
        assert f'for="id_comment_{answer.pk}_body"' in page
    response = client.post(f"/en/forum/answers/{answers[1].pk}/comment/", {"body": ""})
    assert response.status_code == 400
    page = response.content.decode()
    assert "This field is required." in page
    assert f'id="id_comment_{answers[1].pk}_body"' in page
    assert f'id="id_comment_{answers[0].pk}_body"' in page
    # The next reader gets the empty form again, not the refused one.
    page = _member_client(specialist).get(path).content.decode()
    assert "This field is required." not in page


def test_the_redis_cache_reuses_one_client_per_connection_pool():
    """Django's Redis cache made a new ``redis.Redis`` (about 170 callbacks set up)
    for every call; ours keeps one per pool. Nothing is sent: no server needed."""
    from exchange.core.cache import FailOverRedisCache

    backend = FailOverRedisCache("redis://127.0.0.1:1/0", {})
    client = backend._cache.get_client(write=False)
    assert backend._cache.get_client(write=True) is client
    assert backend._cache.get_client("any-key") is client
