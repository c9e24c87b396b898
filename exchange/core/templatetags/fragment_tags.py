"""``{% fragment_scope as scope %}``: what a ``{% cache %}`` fragment must vary on.

Put ``scope`` first among the ``{% cache %}`` tag's vary-on arguments: it holds the
content version (moved by every content save or delete), the local date, the
language and the reader's audience (members or the public), so a cached fragment
never outlives a change and is never shown to the wrong audience.
"""

from django import template

from exchange.core.fragments import audience, fragment_key

register = template.Library()


@register.simple_tag(takes_context=True)
def fragment_scope(context, name=""):
    request = context.get("request")
    return fragment_key(name, audience(getattr(request, "user", None)))
