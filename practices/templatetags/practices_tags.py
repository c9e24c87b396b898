from django import template
from django.utils.translation import get_language

from practices.selectors import practices_featured, practices_visible_to

register = template.Library()


@register.simple_tag(takes_context=True)
def practices_home_panel(context):
    """Featured practices (or the newest in the reader's language) for the home page."""
    request = context.get("request")
    user = getattr(request, "user", None)
    featured = practices_featured(user, limit=5)
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
    return {"featured": featured, "count": count}
