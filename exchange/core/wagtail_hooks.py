"""Coordinators read and tick off accessibility feedback in the Wagtail admin."""

from django.utils.translation import gettext_lazy as _
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
