from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import TargetGroup, Theme


class ThemeViewSet(SnippetViewSet):
    model = Theme
    icon = "tag"
    list_display = ["name", "slug", "sort_order"]
    search_fields = ["name_nl", "name_fr", "name_de", "name_en"]
    ordering = ["sort_order"]


class TargetGroupViewSet(SnippetViewSet):
    model = TargetGroup
    icon = "group"
    list_display = ["name", "slug", "sort_order"]
    search_fields = ["name_nl", "name_fr", "name_de", "name_en"]
    ordering = ["sort_order"]


register_snippet(ThemeViewSet)
register_snippet(TargetGroupViewSet)
