from django import template
from django.utils.translation import get_language

from exchange.core.fragments import audience, cached_fragment
from practices.selectors import practices_featured, practices_visible_to

register = template.Library()


@register.simple_tag(takes_context=True)
def practices_home_panel(context):
    """Featured practices (or the newest in the reader's language) for the home page.

    The same for every reader of one audience and language: kept in the fragment
    cache (exchange/core/fragments.py), which any content save empties."""
    request = context.get("request")
    user = getattr(request, "user", None)
    return cached_fragment(
        "practices-home-panel", audience(user), compute=lambda: _home_panel(user)
    )


def _home_panel(user) -> dict:
    featured = practices_featured(user, limit=5)
    is_featured = bool(featured)
    if not featured:
        language = (get_language() or "en")[:2]
        featured = list(
            practices_visible_to(user)
            .filter(locale__language_code=language)
            .select_related("locale")
            .order_by("-first_published_at")[:5]
        )
    # One per practice, not per language version: the same count as the listing.
    count = practices_visible_to(user).values("translation_key").distinct().count()
    links = [
        {
            "reader_url": practice.reader_url,
            "title": practice.title,
            "locale": {"language_code": practice.locale.language_code},
        }
        for practice in featured
    ]
    return {"featured": links, "count": count, "is_featured": is_featured}


@register.simple_tag(takes_context=True)
def reader_url(context, practice):
    """``{% reader_url practice %}``: ``practice.reader_url``, sharing the request's
    site root paths (one cache read per request, not one per practice)."""
    return practice.url_for_language(
        get_language() or "en", request=context.get("request")
    )


@register.simple_tag(takes_context=True)
def practices_role_home(context):
    """What the home page shows of the library for the reader's role.

    Anonymous: the newest public practices. Specialist: their own practices with
    review state, and the latest adoptions of them. Coordinator: how many wait for
    review and how many are past their review date. A fixed number of queries.
    """
    from wagtail.models import WorkflowState

    from practices.models import Adoption, PracticePage
    from practices.selectors import practices_overdue, practices_public

    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        recent = (
            practices_public()
            .select_related("locale")
            .order_by("-first_published_at")[:5]
        )
        return {"recent_public": list(recent)}
    panel = {}
    if user.is_specialist or user.is_coordinator:
        mine = list(
            PracticePage.objects.filter(owner=user)
            .select_related("locale")
            .order_by("-latest_revision_created_at", "-pk")[:5]
        )
        states = {
            int(state.object_id): state.status
            for state in WorkflowState.objects.active().filter(
                base_content_type__model="page",
                object_id__in=[str(page.pk) for page in mine],
            )
        }
        panel["mine"] = [
            {"page": page, "state": states.get(page.pk, "")} for page in mine
        ]
        panel["adoptions"] = list(
            Adoption.objects.filter(practice__owner=user)
            .select_related("centre", "practice")
            .order_by("-created_at")[:5]
        )
    if user.is_coordinator:
        panel["awaiting_review"] = WorkflowState.objects.filter(
            status=WorkflowState.STATUS_IN_PROGRESS, base_content_type__model="page"
        ).count()
        panel["overdue"] = practices_overdue().count()
    return panel
