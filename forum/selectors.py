"""Reads of the forum. Visibility lives here: pages, search, API and feeds use it.

The forum is for members only: anonymous and unapproved users see nothing. Posts
hidden by moderation never reach a list, the search index, a feed or the API; the
coordinators see them only in the moderation queue.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet

from exchange.accounts.permissions import is_member

from .models import Answer, Comment, Flag, Question, QuestionRoute, Subscription, Vote

LIST_TABS = ("newest", "active", "unanswered", "mine", "for_me")


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
    """One question ``user`` may read, with its answers and comments, or None."""
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


def answers_for(question: Question, user) -> list[Answer]:
    """Visible answers: accepted first, then by votes; comments and my votes loaded."""
    comments = Comment.objects.visible().select_related("author")
    answers = list(
        question.answers.visible()
        .select_related("author", "validated_by")
        .prefetch_related(Prefetch("comments", queryset=comments))
        .annotate(
            my_vote=Vote.objects.filter(
                content_type=ContentType.objects.get_for_model(Answer),
                object_id=OuterRef("pk"),
                user=user,
            ).values("value")[:1]
        )
        .order_by("-vote_score", "created_at")
    )
    answers.sort(key=lambda a: a.pk != question.accepted_answer_id)
    return answers


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
