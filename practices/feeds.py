"""Atom feeds of newly published public practices, all of them or per theme."""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from exchange.taxonomy.models import Theme

from .selectors import practices_public

FEED_SIZE = 30


class PracticesFeed(Feed):
    """Feeds are read by anonymous feed readers: public practices only, always."""

    feed_type = Atom1Feed

    def get_object(self, request, theme=None):
        self.language = getattr(request, "LANGUAGE_CODE", "en")
        if theme is None:
            return None
        return get_object_or_404(Theme, slug=theme)

    def title(self, theme):
        if theme is None:
            return _("New good practices · Newcomer Exchange")
        return _("New good practices on %(theme)s · Newcomer Exchange") % {
            "theme": theme.name
        }

    def link(self, theme):
        return f"/{self.language}/practices/" + (
            f"?theme={theme.slug}" if theme else ""
        )

    def subtitle(self, theme):
        return _("Practices of Belgian public social welfare centres, newest first.")

    def items(self, theme):
        queryset = practices_public().select_related("locale")
        if theme is not None:
            queryset = queryset.filter(themes=theme)
        return queryset.order_by("-first_published_at", "-pk")[:FEED_SIZE]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.summary

    def item_link(self, item):
        return item.url or "/"

    def item_guid(self, item):
        return f"{settings.SITE_URL}/practices/{item.pk}"

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at or item.first_published_at

    def item_categories(self, item):
        return [t.name for t in item.themes.all()]
