"""The Wagtail admin's site history without other authors' unpublished work.

``LogEntriesView`` (Reports → Site history) lists every log entry on the pages a
user may explore. For a specialist, the entries about another author's practice are
narrowed to what the public saw anyway (publication, unpublication, renames, moves,
deletion): the edits, reverts and submissions of unpublished changes, with the
pending title as their label, stay with the author and the reviewers. Mounted in
``exchange/urls.py`` on Wagtail's own address, before the admin's URLs.
"""

from __future__ import annotations

from django.db.models import Q
from wagtail.admin.views.reports.audit_logging import LogEntriesView
from wagtail.models import PageLogEntry

from .admin_privacy import PUBLIC_LOG_ACTIONS, reviews_everything
from .models import PracticePage


class SiteHistoryView(LogEntriesView):
    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        user = self.request.user
        if queryset.model is not PageLogEntry or reviews_everything(user):
            return queryset
        others_practices = PracticePage.objects.exclude(owner=user).values("pk")
        return queryset.exclude(
            Q(page__in=others_practices) & ~Q(action__in=PUBLIC_LOG_ACTIONS)
        )
