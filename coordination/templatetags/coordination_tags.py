from django import template

from ..mailings import announcements_current

register = template.Library()


@register.simple_tag
def current_announcements():
    """Announcements shown on the home page today."""
    return list(announcements_current())
