"""``{% forum_role_home as forum %}``: the forum's part of each role's home page."""

from django import template
from django.db.models import Q

from exchange.accounts.permissions import is_member
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
