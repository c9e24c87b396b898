"""Admin wiring: the thesaurus as a snippet, and the query report in the menu."""

from django.db.models.signals import post_delete, post_save
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Concept


class ConceptViewSet(SnippetViewSet):
    model = Concept
    icon = "list-ul"
    menu_label = _("Thesaurus")
    list_display = ["key", "group", "nl", "fr", "de", "en"]
    list_filter = ["group"]
    search_fields = ["key", "nl", "fr", "de", "en"]
    ordering = ["group", "key"]


register_snippet(ConceptViewSet)


def push_synonyms(**kwargs):
    """Every engine applies the changed thesaurus at once (the embedded engine reads
    it at query time); a failure is logged, that engine keeps the old synonyms."""
    import logging

    from .engines import engines_to_write

    for engine in engines_to_write():
        try:
            engine.put_synonyms()
        except Exception as error:
            logging.getLogger(__name__).warning(
                "Thesaurus not applied on %s: %s", engine.name, error
            )


post_save.connect(push_synonyms, sender=Concept, dispatch_uid="search-synonyms-save")
post_delete.connect(push_synonyms, sender=Concept, dispatch_uid="search-synonyms-del")


class CoordinatorMenuItem(MenuItem):
    def is_shown(self, request):
        return getattr(request.user, "is_coordinator", False)


@hooks.register("register_admin_menu_item")
def register_query_report():
    return CoordinatorMenuItem(
        _("Search queries"),
        reverse_lazy("search:queries"),
        icon_name="search",
        order=900,
    )
