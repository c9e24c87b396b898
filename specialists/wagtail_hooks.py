"""Admin wiring: centres and network groups as snippets; a menu link to coverage.

Designations are managed on the site's own pages (verify, designate, end), where the
services check overlaps and notify the people concerned.
"""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import AgendaEvent, Centre, NetworkGroup


class CentreViewSet(SnippetViewSet):
    model = Centre
    icon = "home"
    list_display = ["name", "kind", "email_domain"]
    list_filter = ["kind"]
    search_fields = ["name", "email_domain"]


class NetworkGroupViewSet(SnippetViewSet):
    model = NetworkGroup
    icon = "group"
    list_display = ["name", "province", "region"]
    search_fields = ["name"]


class AgendaEventViewSet(SnippetViewSet):
    model = AgendaEvent
    icon = "date"
    list_display = ["title", "group", "kind", "starts_at"]
    list_filter = ["kind"]
    search_fields = ["title"]


class SpecialistsGroup(SnippetViewSetGroup):
    items = (CentreViewSet, NetworkGroupViewSet, AgendaEventViewSet)
    menu_icon = "user"
    menu_label = _("Specialist network")
    menu_name = "specialist-network"


register_snippet(SpecialistsGroup)


class CoordinatorMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.is_coordinator


@hooks.register("register_admin_menu_item")
def register_coverage_menu_item():
    return CoordinatorMenuItem(
        _("Coverage of specialists"),
        reverse("specialists:coverage"),
        icon_name="site",
        order=900,
    )
