"""Coordinators read and tick off accessibility feedback in the Wagtail admin."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import AccessibilityFeedback


class AccessibilityFeedbackViewSet(SnippetViewSet):
    model = AccessibilityFeedback
    icon = "help"
    menu_label = _("Accessibility feedback")
    list_display = ["created_at", "page_url", "email", "handled"]
    list_filter = ["handled"]
    search_fields = ["message", "page_url"]
    ordering = ["-created_at"]


register_snippet(AccessibilityFeedbackViewSet)


class QueueHealthPanel(Component):
    """Coordinators see on the admin dashboard whether the background work flows:
    search outbox, task queue and e-mail, with the age of the oldest waiting item
    (older than 5 minutes is shown as a problem)."""

    name = "queue_health"
    order = 50
    template_name = "core/admin/queue_health_panel.html"

    def get_context_data(self, parent_context=None):
        from .health import run_checks

        checks = [
            check
            for check in run_checks()
            if check.name in ("tasks", "email", "search_outbox", "search_engine")
        ]
        return {"checks": checks, "problems": [c for c in checks if not c.ok]}


@hooks.register("construct_homepage_panels")
def add_queue_health_panel(request, panels):
    user = request.user
    if user.is_superuser or getattr(user, "role", "") == "coordinator":
        panels.append(QueueHealthPanel())
