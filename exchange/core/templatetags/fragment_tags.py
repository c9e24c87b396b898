"""``{% fragment_scope as scope %}``: what a ``{% cache %}`` fragment must vary on.

Put ``scope`` first among the ``{% cache %}`` tag's vary-on arguments: it holds the
content version (moved by every content save or delete), the local date, the
language and the reader's audience (members or the public), so a cached fragment
never outlives a change and is never shown to the wrong audience.

Loaded after Django's ``cache`` library (``{% load cache fragment_tags %}``), this
library's ``{% cache %}`` replaces Django's: the same tag, which also keeps a
fragment whose first vary-on is such a scope in the process's own memory
(``exchange.core.fragments.local_get``), so a page's cached fragments cost no
round trip to Redis each. A fragment without a scope is cached as Django does.
"""

from django import template
from django.core.cache.utils import make_template_fragment_key
from django.templatetags.cache import CacheNode, do_cache

from exchange.core.fragments import (
    MISSING,
    audience,
    fragment_key,
    local_get,
    local_set,
)
from exchange.core.pagecache import content_version

register = template.Library()


@register.simple_tag(takes_context=True)
def fragment_scope(context, name=""):
    request = context.get("request")
    return fragment_key(name, audience(getattr(request, "user", None)))


class ScopedCacheNode(CacheNode):
    def render(self, context):
        if not self.vary_on or self.cache_name:
            return super().render(context)
        scope = self.vary_on[0].resolve(context)
        if not isinstance(scope, str) or not scope.startswith("frag:"):
            return super().render(context)
        version = content_version()  # once per request (pagecache)
        if f"frag:{version}:" not in scope:
            return super().render(context)
        vary_on = [var.resolve(context) for var in self.vary_on]
        key = make_template_fragment_key(self.fragment_name, vary_on)
        value = local_get(key, version)
        if value is not MISSING:
            return value
        value = super().render(context)
        expire_time = self.expire_time_var.resolve(context)
        if expire_time:
            local_set(key, version, value, int(expire_time))
        return value


@register.tag("cache")
def scoped_cache(parser, token):
    node = do_cache(parser, token)
    node.__class__ = ScopedCacheNode
    return node
