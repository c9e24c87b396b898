"""Admin wiring: collections and featured practices as snippets for coordinators."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import Adoption, FeaturedPractice, PracticeCollection


class CollectionViewSet(SnippetViewSet):
    model = PracticeCollection
    icon = "folder-open-inverse"
    list_display = ["title", "theme", "published", "updated_at"]
    search_fields = ["title", "intro"]


class FeaturedPracticeViewSet(SnippetViewSet):
    model = FeaturedPractice
    icon = "pick"
    list_display = ["practice", "until", "sort_order"]
    sort_order_field = "sort_order"


class AdoptionViewSet(SnippetViewSet):
    model = Adoption
    icon = "success"
    list_display = ["practice", "centre", "recorded_by", "created_at"]
    inspect_view_enabled = True


class CurationGroup(SnippetViewSetGroup):
    menu_label = _("Practice curation")
    menu_icon = "folder-open-inverse"
    items = (CollectionViewSet, FeaturedPracticeViewSet, AdoptionViewSet)


register_snippet(CurationGroup)
