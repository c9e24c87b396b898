"""Role titles in templates: ``person|role_title``, ``d|designation_title``."""

from django import template

from exchange.accounts import titles

register = template.Library()


@register.filter
def role_title(user) -> str:
    return titles.role_title(user)


@register.filter
def designation_title(designation, holder=None) -> str:
    return titles.designation_title(designation, holder)
