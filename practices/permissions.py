"""Wagtail's page permission policy, narrowed: a specialist explores only their own
practice drafts.

Wagtail lets anyone with "add" on the library explore every page under it, drafts of
colleagues included. The admin explorer, admin search, admin page API and site
history ask the registered policy's ``explorable_instances``; the page chooser goes
through the ``construct_page_chooser_queryset`` hook (``wagtail_hooks.py``).
"""

from wagtail.permission_policies.pages import PagePermissionPolicy


def without_others_drafts(pages, user):
    """``pages`` minus practice drafts of other people, unless ``user`` reviews."""
    if user.is_superuser or getattr(user, "is_coordinator", False):
        return pages
    from .models import PracticePage

    others_drafts = PracticePage.objects.filter(live=False)
    if user.is_authenticated:
        others_drafts = others_drafts.exclude(owner=user)
    return pages.exclude(pk__in=others_drafts.values("pk"))


class OwnDraftsPagePermissionPolicy(PagePermissionPolicy):
    def explorable_instances(self, user):
        return without_others_drafts(super().explorable_instances(user), user)
