"""``{% specialist_badge user %}`` for posts and practices; the home page panel."""

from django import template

from ..selectors import contacts_for_home, is_verified_specialist

register = template.Library()


@register.inclusion_tag("specialists/includes/badge.html")
def specialist_badge(user):
    """A 'verified specialist' badge when ``user`` has a designation in force.

    Costs one query per user unless the users came through
    ``specialists.selectors.with_verified_badge`` (as the group notices do).
    """
    return {"person": user, "verified": is_verified_specialist(user)}


@register.simple_tag(takes_context=True)
def home_contacts(context):
    """For the home panel: each municipality of the user's centre and its contact."""
    request = context.get("request")
    user = getattr(request, "user", None)
    return contacts_for_home(user) if user is not None else []


@register.simple_tag
def municipalities_without_specialist_count() -> int:
    """How many municipalities have no specialist today (the coordinator's home)."""
    from ..models import Designation, Municipality

    covered = Designation.municipalities.through.objects.filter(
        designation__in=Designation.objects.current()
    ).values("municipality_id")
    return Municipality.objects.exclude(pk__in=covered).count()
