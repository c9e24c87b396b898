"""Admin wiring of accounts: the e-mail domain allow-list and the approval queue."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import AllowedEmailDomain


class AllowedEmailDomainViewSet(SnippetViewSet):
    """Coordinators keep the list of centre domains whose sign-ups need no approval."""

    model = AllowedEmailDomain
    icon = "mail"
    menu_label = _("Allowed e-mail domains")
    add_to_admin_menu = False
    list_display = ["domain", "centre", "created_at"]
    search_fields = ["domain"]
    ordering = ["domain"]


register_snippet(AllowedEmailDomainViewSet)


@hooks.register("after_create_snippet")
def record_who_added_domain(request, instance):
    if isinstance(instance, AllowedEmailDomain) and instance.added_by_id is None:
        instance.added_by = request.user
        instance.save(update_fields=["added_by"])


class CoordinatorMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.is_coordinator


@hooks.register("register_admin_menu_item")
def register_approvals_menu_item():
    return CoordinatorMenuItem(
        _("Sign-up approvals"),
        reverse("accounts:approvals"),
        icon_name="user",
        order=900,
    )
