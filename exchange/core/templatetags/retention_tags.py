from django import template

from exchange.core.retention import retention_periods as _periods

register = template.Library()


@register.simple_tag
def retention_periods():
    """The retention periods, named in the active language."""
    return _periods()
