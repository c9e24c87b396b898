"""Set up the practice library: one index per language, its workflow and permissions.

The data migration 0002 does the same for indexes that already exist; this module
runs from ``seed_demo`` and tests, after the home pages of each language exist.
"""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import (
    GroupApprovalTask,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from .models import PracticeIndexPage

WORKFLOW_NAME = "Practice review"
TASK_NAME = "Coordinator review"
INDEX_SLUG = "practices"
INDEX_TITLES = {
    "en": "Good practices",
    "nl": "Goede praktijken",
    "fr": "Bonnes pratiques",
    "de": "Gute Praxis",
}
# Wagtail page permissions per role group on each practice index. "add" lets a
# specialist create practices and edit the ones they own, never other people's.
PAGE_PERMISSIONS = {
    "Specialists": ["add_page"],
    "Coordinators": [
        "add_page",
        "change_page",
        "publish_page",
        "lock_page",
        "unlock_page",
    ],
}
SNIPPET_PERMISSIONS = {
    "Coordinators": [
        ("practices", f"{action}_{model}")
        for model in ("practicecollection", "featuredpractice", "adoption")
        for action in ("add", "change", "delete", "view")
    ],
}


def review_workflow_ensure() -> Workflow:
    """The one-step workflow: the Coordinators group approves (and so publishes)."""
    coordinators, _created = Group.objects.get_or_create(name="Coordinators")
    task = GroupApprovalTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=TASK_NAME)
    task.groups.add(coordinators)
    workflow, _created = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    WorkflowTask.objects.get_or_create(
        workflow=workflow, task=task, defaults={"sort_order": 0}
    )
    return workflow


# Specialists attach documents and images to their practices in the admin editor.
COLLECTION_PERMISSIONS = {
    "Specialists": [
        ("wagtaildocs", "add_document"),
        ("wagtaildocs", "choose_document"),
        ("wagtailimages", "add_image"),
        ("wagtailimages", "choose_image"),
    ],
}


def collection_permissions_ensure() -> None:
    from wagtail.models import Collection, GroupCollectionPermission

    root = Collection.get_first_root_node()
    if root is None:
        return
    for group_name, perms in COLLECTION_PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=group_name)
        for app_label, codename in perms:
            permission = Permission.objects.filter(
                content_type__app_label=app_label, codename=codename
            ).first()
            if permission is not None:
                GroupCollectionPermission.objects.get_or_create(
                    group=group, collection=root, permission=permission
                )


def index_permissions_ensure(index: Page, workflow: Workflow) -> None:
    WorkflowPage.objects.update_or_create(page=index, defaults={"workflow": workflow})
    for group_name, codenames in PAGE_PERMISSIONS.items():
        group, _created = Group.objects.get_or_create(name=group_name)
        for codename in codenames:
            permission = Permission.objects.get(
                content_type__app_label="wagtailcore", codename=codename
            )
            GroupPagePermission.objects.get_or_create(
                group=group, page=index, permission=permission
            )
    for group_name, perms in SNIPPET_PERMISSIONS.items():
        group = Group.objects.get(name=group_name)
        group.permissions.add(
            *Permission.objects.filter(
                content_type__app_label="practices",
                codename__in=[codename for _app, codename in perms],
            )
        )


@transaction.atomic
def practice_library_ensure() -> dict[str, PracticeIndexPage]:
    """Create the missing practice indexes under every home page; idempotent."""
    from exchange.home.models import HomePage

    workflow = review_workflow_ensure()
    collection_permissions_ensure()
    indexes: dict[str, PracticeIndexPage] = {}
    homes = list(HomePage.objects.select_related("locale").order_by("pk"))
    source = PracticeIndexPage.objects.order_by("pk").first()
    for home in homes:
        code = home.locale.language_code
        index = (
            PracticeIndexPage.objects.child_of(home).filter(locale=home.locale).first()
        )
        if index is None:
            title = INDEX_TITLES.get(code, INDEX_TITLES["en"])
            if source is not None and source.locale_id != home.locale_id:
                index = source.copy_for_translation(home.locale)
                index.title = index.draft_title = title
                index.slug = INDEX_SLUG
                index.save_revision().publish()
            else:
                index = home.add_child(
                    instance=PracticeIndexPage(
                        title=title, slug=INDEX_SLUG, locale=home.locale
                    )
                )
                source = source or index
        indexes[code] = index.specific
        index_permissions_ensure(index, workflow)
    return indexes


def practice_index_for(language: str) -> PracticeIndexPage | None:
    return (
        PracticeIndexPage.objects.filter(locale__language_code=language)
        .order_by("pk")
        .first()
    )
