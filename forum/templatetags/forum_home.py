"""``{% forum_role_home as forum %}``: the forum's part of each role's home page."""

from datetime import timedelta

from django import template
from django.db.models import Count, Q
from django.utils import timezone

from exchange.accounts.permissions import is_member
from exchange.taxonomy.models import Theme
from forum.models import Question, Subscription
from forum.selectors import flags_open, questions_visible_to, specialist_queue

register = template.Library()


@register.simple_tag(takes_context=True)
def forum_role_home(context):
    """My questions and recent ones on my themes (everyone), questions routed to me
    (specialists), open flags and escalated questions (coordinators).

    A fixed number of queries whatever the counts.
    """
    request = context.get("request")
    user = getattr(request, "user", None)
    if not is_member(user):
        return {}
    visible = questions_visible_to(user)
    panel = {
        "mine": list(
            visible.filter(author=user)
            .select_related("accepted_answer")
            .order_by("-created_at")[:5]
        )
    }
    theme_ids = set(
        Subscription.objects.filter(user=user, theme__isnull=False).values_list(
            "theme_id", flat=True
        )
    )
    profile_themes = getattr(user, "specialist_profile", None)
    if profile_themes is not None:
        theme_ids |= set(profile_themes.themes.values_list("pk", flat=True))
    if not theme_ids:
        theme_ids = set(
            Question.themes.through.objects.filter(question__author=user).values_list(
                "theme_id", flat=True
            )
        )
    panel["has_themes"] = bool(theme_ids)
    panel["on_my_themes"] = list(
        visible.filter(themes__in=theme_ids)
        .exclude(author=user)
        .distinct()
        .order_by("-created_at")[:5]
    )
    if user.is_specialist:
        queue = specialist_queue(user)
        panel["routed"] = list(queue[:5])
        panel["routed_count"] = queue.count()
    if user.is_coordinator:
        panel["flags"] = flags_open().count()
        panel["escalated"] = (
            visible.filter(escalated_at__isnull=False, accepted_answer__isnull=True)
            .exclude(status=Question.Status.CLOSED)
            .filter(Q(answer_count=0) | Q(status=Question.Status.OPEN))
            .count()
        )
    return panel


# How far back the public teaser counts, and how many themes it names.
TEASER_DAYS = 90
TEASER_THEMES = 3


@register.simple_tag
def forum_public_teaser():
    """What anonymous visitors may know about the forum: counts only.

    Questions are for members (DOMAIN.md: the public reads public practices and
    nothing else), so no title, text, author or place is shown; only how many
    questions were asked and answered lately and the themes they were about.
    Three queries.
    """
    since = timezone.now() - timedelta(days=TEASER_DAYS)
    recent = Question.objects.visible().filter(created_at__gte=since)
    counts = recent.aggregate(
        asked=Count("pk"), answered=Count("pk", filter=Q(answer_count__gt=0))
    )
    themes = (
        Question.themes.through.objects.filter(question__in=recent)
        .values("theme__pk")
        .annotate(n=Count("question", distinct=True))
        .order_by("-n", "theme__pk")[:TEASER_THEMES]
    )
    by_pk = Theme.objects.in_bulk([row["theme__pk"] for row in themes])
    return {
        "days": TEASER_DAYS,
        **counts,
        "themes": [(by_pk[row["theme__pk"]], row["n"]) for row in themes],
    }
