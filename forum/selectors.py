"""Reads of the forum. Visibility lives here: pages, search, API and feeds use it.

The forum is for members only: anonymous and unapproved users see nothing. Posts
hidden by moderation never reach a list, the search index, a feed or the API; the
coordinators see them only in the moderation queue.
"""

import html
import logging

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import connections
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.db.models.expressions import RawSQL
from django.utils.html import strip_tags

from exchange.accounts.permissions import is_member
from exchange.core.fragments import cached_fragment
from practices.selectors import practices_visible_to
from search import service as search_service

from .models import Answer, Comment, Flag, Question, QuestionRoute, Subscription, Vote

LIST_TABS = ("newest", "active", "unanswered", "mine", "for_me")
SIMILAR_QUESTIONS = 5
SIMILAR_CACHE_SECONDS = 300

logger = logging.getLogger(__name__)


def questions_visible_to(user) -> QuerySet:
    """Questions ``user`` may read: none for non-members, never hidden ones."""
    if not is_member(user):
        return Question.objects.none()
    return Question.objects.visible()


def with_list_details(questions: QuerySet) -> QuerySet:
    """What a question card shows, loaded in a fixed number of queries."""
    return questions.select_related(
        "author", "municipality", "region", "accepted_answer"
    ).prefetch_related("themes", "target_groups")


def question_list(
    user,
    *,
    tab: str = "newest",
    theme=None,
    target_group=None,
    region=None,
    language: str = "",
    query: str = "",
) -> QuerySet:
    """One tab of the question list for ``user``, filtered."""
    questions = questions_visible_to(user)
    if tab == "unanswered":
        questions = questions.filter(accepted_answer__isnull=True).exclude(
            status=Question.Status.CLOSED
        )
    elif tab == "mine":
        questions = questions.filter(author=user)
    elif tab == "for_me":
        questions = questions.filter(_for_me_filter(user)).distinct()
    if theme is not None:
        questions = questions.filter(themes=theme)
    if target_group is not None:
        questions = questions.filter(target_groups=target_group)
    if region is not None:
        questions = questions.filter(Q(region=region) | Q(municipality__region=region))
    if language:
        questions = questions.filter(language=language)
    if query:
        questions = questions.filter(
            Q(title__icontains=query) | Q(body__icontains=query)
        )
    if theme is not None or target_group is not None:
        questions = questions.distinct()
    order = "-last_activity_at" if tab == "active" else "-created_at"
    return with_list_details(questions).order_by(order, "-pk")


def _for_me_filter(user) -> Q:
    """Questions on a theme or region the user follows or is a specialist for."""
    theme_ids = set(
        Subscription.objects.filter(user=user, theme__isnull=False).values_list(
            "theme_id", flat=True
        )
    )
    region_ids = set(
        Subscription.objects.filter(user=user, region__isnull=False).values_list(
            "region_id", flat=True
        )
    )
    profile_themes = _expertise_theme_ids(user)
    theme_ids |= profile_themes
    centre = getattr(user, "home_centre", None)
    municipality_ids: set = set()
    if centre is not None:
        for municipality in centre.municipalities.all():
            municipality_ids.add(municipality.pk)
            region_ids.add(municipality.region_id)
    condition = Q(routes__user=user)
    if theme_ids:
        condition |= Q(themes__in=theme_ids)
    if region_ids:
        condition |= Q(region__in=region_ids) | Q(municipality__region__in=region_ids)
    if municipality_ids:
        condition |= Q(municipality__in=municipality_ids)
    return condition


def _expertise_theme_ids(user) -> set:
    try:
        profile = user.specialist_profile
    except Exception:  # no profile (or the specialists app has none yet)
        return set()
    return set(profile.themes.values_list("pk", flat=True))


def question_detail(user, pk) -> Question | None:
    """One question ``user`` may read, with its author, place and tags, or None."""
    question = (
        questions_visible_to(user)
        .select_related(
            "author", "municipality", "region", "duplicate_of", "accepted_answer"
        )
        .prefetch_related("themes", "target_groups")
        .filter(pk=pk)
        .first()
    )
    return question


def question_for_reader(user, pk) -> Question | None:
    """The question page's question, with the reader's vote on it (``reader_vote``:
    1, -1 or None) and whether they follow it (``reader_follows``), in one query.
    What every member sees alike is read only when the page's cached head is
    missing.

    The two reader columns are plain SQL subqueries (``_reader_columns``): the same
    query as ``Subquery``/``Exists`` annotations, which cost the ORM about 1-2 ms of
    CPU to build on every question page (issue 13, item 7)."""
    question = (
        questions_visible_to(user).annotate(**_reader_columns(user)).filter(pk=pk)
    ).first()
    if question is not None:
        question.reader_follows = bool(question.reader_follows)
    return question


def _column(model, name: str) -> str:
    return f'"{model._meta.db_table}"."{model._meta.get_field(name).column}"'


def _reader_columns(user) -> dict[str, RawSQL]:
    vote, subscription = Vote._meta.db_table, Subscription._meta.db_table
    question_id = _column(Question, "id")
    content_type = ContentType.objects.get_for_model(Question).pk
    return {
        # Only table and column names from the models are put in the text; the
        # values are parameters.
        "reader_vote": RawSQL(  # noqa: S611
            f'SELECT {_column(Vote, "value")} FROM "{vote}" '  # noqa: S608
            f"WHERE {_column(Vote, 'content_type')} = %s "
            f"AND {_column(Vote, 'object_id')} = {question_id} "
            f"AND {_column(Vote, 'user')} = %s LIMIT 1",
            (content_type, user.pk),
        ),
        "reader_follows": RawSQL(  # noqa: S611
            f'EXISTS (SELECT 1 FROM "{subscription}" '  # noqa: S608
            f"WHERE {_column(Subscription, 'question')} = {question_id} "
            f"AND {_column(Subscription, 'user')} = %s "
            f"AND {_column(Subscription, 'theme')} IS NULL "
            f"AND {_column(Subscription, 'region')} IS NULL)",
            (user.pk,),
        ),
    }


def answers_for(question: Question, user) -> list[Answer]:
    """Visible answers: accepted first, then by votes; comments and my votes loaded.

    The answers with their authors and comments are the same for every reader of
    the question: they are kept in the cache until content changes (any save or
    delete of an answer, comment, vote or user moves the content version,
    exchange/core/fragments.py). The reader's own votes (``my_vote``) are read per
    request, in one query, and never cached."""
    answers = cached_fragment(
        "question-answers", question.pk, compute=lambda: _answers_shared(question)
    )
    votes = _reader_answer_votes(user, [answer.pk for answer in answers])
    for answer in answers:
        answer.my_vote = votes.get(answer.pk)
    answers.sort(key=lambda a: a.pk != question.accepted_answer_id)
    return answers


def _answers_shared(question: Question) -> list[Answer]:
    comments = Comment.objects.visible().select_related("author")
    return list(
        question.answers.visible()
        .select_related("author", "validated_by")
        .prefetch_related(Prefetch("comments", queryset=comments))
        .order_by("-vote_score", "created_at")
    )


def _reader_answer_votes(user, answer_pks: list[int]) -> dict[int, int]:
    """The reader's votes on these answers, ``{answer id: 1 or -1}``.

    Plain SQL through the connection (names from the models, values as
    parameters): the ORM took about 1 ms of CPU to build this one small query on
    every question page (issue 13, item 7)."""
    if not answer_pks or not getattr(user, "is_authenticated", False):
        return {}
    marks = ", ".join(["%s"] * len(answer_pks))
    sql = (
        f"SELECT {_column(Vote, 'object_id')}, {_column(Vote, 'value')} "  # noqa: S608
        f'FROM "{Vote._meta.db_table}" '
        f"WHERE {_column(Vote, 'user')} = %s "
        f"AND {_column(Vote, 'content_type')} = %s "
        f"AND {_column(Vote, 'object_id')} IN ({marks})"
    )
    content_type = ContentType.objects.get_for_model(Answer).pk
    with connections[Vote.objects.db].cursor() as cursor:
        cursor.execute(sql, [user.pk, content_type, *answer_pks])
        return {int(object_id): value for object_id, value in cursor.fetchall()}


def my_vote(user, post) -> int:
    vote = (
        Vote.objects.filter(
            content_type=ContentType.objects.get_for_model(post),
            object_id=post.pk,
            user=user,
        )
        .values_list("value", flat=True)
        .first()
    )
    return vote or 0


def revisions_of(post) -> QuerySet:
    from .models import Revision

    return Revision.objects.filter(
        content_type=ContentType.objects.get_for_model(post), object_id=post.pk
    ).select_related("editor")


def is_following(user, *, question=None, theme=None, region=None) -> bool:
    return Subscription.objects.filter(
        user=user, question=question, theme=theme, region=region
    ).exists()


def followers_of_question(question: Question) -> QuerySet:
    from django.contrib.auth import get_user_model

    return get_user_model().objects.filter(
        forum_subscriptions__question=question, is_active=True
    )


def followers_of_topics(question: Question) -> QuerySet:
    """Members following a theme or the region of ``question``."""
    from django.contrib.auth import get_user_model

    region_ids = {question.region_id}
    if question.municipality_id:
        region_ids.add(question.municipality.region_id)
    region_ids.discard(None)
    condition = Q(forum_subscriptions__theme__in=question.themes.all())
    if region_ids:
        condition |= Q(forum_subscriptions__region__in=region_ids)
    return get_user_model().objects.filter(condition, is_active=True).distinct()


def specialist_queue(user) -> QuerySet:
    """Open questions routed to ``user``, oldest first, without an accepted answer."""
    routed = QuestionRoute.objects.filter(question=OuterRef("pk"), user=user)
    return with_list_details(
        questions_visible_to(user)
        .filter(Exists(routed), accepted_answer__isnull=True)
        .exclude(status=Question.Status.CLOSED)
        .order_by("created_at", "pk")
    )


def unanswered_for_escalation(cutoff) -> QuerySet:
    """Visible open questions older than ``cutoff``, unanswered, not yet escalated."""
    return Question.objects.visible().filter(
        created_at__lte=cutoff,
        answer_count=0,
        escalated_at__isnull=True,
        status=Question.Status.OPEN,
    )


def flags_open() -> QuerySet:
    """The coordinators' moderation queue, oldest first."""
    return (
        Flag.objects.filter(status=Flag.Status.OPEN)
        .select_related("reporter", "content_type")
        .order_by("created_at")
    )


def similar_questions(user, title: str, *, limit: int = 5) -> list[Question]:
    """Questions whose title shares words with ``title`` (fallback without search)."""
    words = [w for w in title.split() if len(w) > 3][:8]
    if not words:
        return []
    condition = Q()
    for word in words:
        condition |= Q(title__icontains=word)
    candidates = list(
        questions_visible_to(user).filter(condition).only("pk", "title")[:50]
    )
    lowered = [w.lower() for w in words]

    def score(question):
        text = question.title.lower()
        return sum(1 for w in lowered if w in text)

    candidates.sort(key=score, reverse=True)
    return candidates[:limit]


def answers_by_author_visible_to(author, user, *, limit: int = 20) -> list[Answer]:
    """``author``'s answers that ``user`` may read: never hidden answers, never on a
    question ``user`` may not see. Newest first (the person page of the directory)."""
    return list(
        Answer.objects.visible()
        .filter(author=author, question__in=questions_visible_to(user))
        .select_related("question")
        .order_by("-pk")[:limit]
    )


def questions_linked_to_practice(practice, user, *, limit: int = 10) -> list[Question]:
    """Questions linked to ``practice`` that ``user`` may read (a practice page)."""
    if practice.pk is None:
        return []
    return list(
        questions_visible_to(user)
        .filter(practices=practice)
        .only("pk", "title")[:limit]
    )


def practices_linked_to(question: Question, user) -> list:
    """Practices linked to ``question`` that ``user`` may read."""
    return list(practices_visible_to(user).filter(linked_questions=question))


# --- Similar questions and practices ----------------------------------------------


def similar_to_title(user, title: str, language: str = "en") -> dict:
    """Questions and practices like a title being typed: through the search service
    (synonyms, all languages); a plain title match when search finds nothing."""
    found = _similar_from_search(user, title, language)
    if found is not None and (found["questions"] or found["practices"]):
        return found
    return _similar_by_title(user, title)


def _search_similar_titles(user, title: str, language: str):
    try:
        response = search_service.search(
            title,
            {"type": ["question", "practice"]},
            user=user,
            language=language,
            per_page=10,
            log=False,
        )
    except Exception:  # noqa: BLE001 - the page must work without search
        return None
    if getattr(response, "engine", "none") == "none":
        return None
    return response.results


def _similar_from_search(user, title: str, language: str) -> dict | None:
    results = _search_similar_titles(user, title, language)
    if results is None:
        return None
    found = {"questions": [], "practices": []}
    question_keys = [r.object_key for r in results if r.type == "question"]
    # Titles come back highlighted and shortened: show the real ones, and only
    # questions this user may still see.
    titles = dict(
        questions_visible_to(user)
        .filter(pk__in=[k for k in question_keys if k.isdigit()])
        .values_list("pk", "title")
    )
    for result in results:
        if result.type == "question" and len(found["questions"]) < 5:
            key = result.object_key
            real = titles.get(int(key)) if key.isdigit() else None
            if real:
                found["questions"].append({"title": real, "url": result.url})
        elif result.type == "practice" and len(found["practices"]) < 5:
            found["practices"].append(
                # Titles come back as escaped HTML: plain text for the JSON.
                {"title": html.unescape(strip_tags(result.title)), "url": result.url}
            )
    return found


def _similar_by_title(user, title: str) -> dict:
    questions = [
        {"title": q.title, "url": q.get_absolute_url()}
        for q in similar_questions(user, title)
    ]
    practices = []
    words = [w for w in title.split() if len(w) > 3][:8]
    if words:
        condition = Q()
        for word in words:
            condition |= Q(title__icontains=word)
        practices = [
            {"title": p.title, "url": p.url}
            for p in practices_visible_to(user).filter(condition)[:5]
        ]
    return {"questions": questions, "practices": practices}


def similar_questions_for(question: Question, user, language: str = "en") -> list:
    """Up to five questions like ``question`` (any language, through the search
    service), that ``user`` may read now. One search per question and audience set
    every few minutes (the keys are cached: they do not depend on the interface
    language); visibility is checked on every view."""
    keys = _similar_question_keys(question, user, language)
    if not keys:
        return []
    # The index may lag behind moderation: only questions still visible now.
    found = (
        questions_visible_to(user).filter(pk__in=keys).only("pk", "title", "language")
    )
    by_pk = {q.pk: q for q in found}
    return [by_pk[k] for k in keys if k in by_pk][:SIMILAR_QUESTIONS]


def _similar_question_keys(question: Question, user, language: str) -> list[int]:
    audiences = "+".join(sorted(str(a) for a in search_service.audiences_for(user)))
    key = f"forum:similar:{question.pk}:{audiences}"
    keys = cache.get(key)
    if keys is None:
        try:
            results = search_service.similar(
                "question",
                question.pk,
                user=user,
                language=language,
                limit=SIMILAR_QUESTIONS,
            )
        except Exception:  # noqa: BLE001 - the page must work without search
            logger.exception("Similar questions failed for question %s", question.pk)
            return []
        keys = [int(r.object_key) for r in results if r.object_key.isdigit()]
        cache.set(key, keys, SIMILAR_CACHE_SECONDS)
    return keys
