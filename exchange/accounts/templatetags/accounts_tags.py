"""Account facts for page panels."""

from django import template

from ..services import users_waiting_for_approval

register = template.Library()


@register.simple_tag
def signups_waiting_count() -> int:
    """Verified sign-ups waiting for a coordinator's decision."""
    return users_waiting_for_approval().count()
