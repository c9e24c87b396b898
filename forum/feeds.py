"""Atom feed of new questions, for members only (the forum is never public)."""

from django.contrib.auth.views import redirect_to_login
from django.contrib.syndication.views import Feed
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext_lazy as _

from exchange.accounts.permissions import is_member

from .markup import plain_text
from .selectors import questions_visible_to


class NewQuestionsFeed(Feed):
    feed_type = Atom1Feed
    title = _("Newcomer Exchange: new questions")
    subtitle = _("The latest questions in the forum.")

    def __call__(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        if not is_member(request.user):
            raise PermissionDenied
        self.request = request
        return super().__call__(request, *args, **kwargs)

    def link(self):
        return reverse("forum:index")

    def items(self):
        return (
            questions_visible_to(self.request.user)
            .select_related("author")
            .order_by("-created_at")[:30]
        )

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return plain_text(item.body)[:500]

    def item_author_name(self, item):
        return item.author.display_name

    def item_pubdate(self, item):
        return item.created_at

    def item_updateddate(self, item):
        return item.edited_at or item.created_at
