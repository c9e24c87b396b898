"""Create the coordinator review workflow and the role groups' rights on the library.

Practice indexes that exist already get the workflow and page permissions here; new
ones get them from ``practices.library.practice_library_ensure`` (seed_demo).
"""

from django.db import migrations

WORKFLOW_NAME = "Practice review"
TASK_NAME = "Coordinator review"
PAGE_PERMISSIONS = {
    "Specialists": ["add_page"],
    "Coordinators": ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
}
SNIPPET_MODELS = ("practicecollection", "featuredpractice", "adoption")


def forwards(apps, schema_editor):
    from django.apps import apps as global_apps
    from django.contrib.auth.management import create_permissions

    for app_config in global_apps.get_app_configs():
        original = app_config.models_module  # restore it: None breaks post_migrate
        app_config.models_module = original or True
        create_permissions(app_config, verbosity=0)
        app_config.models_module = original

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    Task = apps.get_model("wagtailcore", "GroupApprovalTask")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    PracticeIndexPage = apps.get_model("practices", "PracticeIndexPage")

    coordinators, _ = Group.objects.get_or_create(name="Coordinators")
    Group.objects.get_or_create(name="Specialists")
    task = Task.objects.filter(name=TASK_NAME).first()
    if task is None:
        task_type, _ = ContentType.objects.get_or_create(
            app_label="wagtailcore", model="groupapprovaltask"
        )
        task = Task.objects.create(name=TASK_NAME, content_type=task_type, active=True)
    task.groups.add(coordinators)
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    WorkflowTask.objects.get_or_create(workflow=workflow, task_id=task.pk, defaults={"sort_order": 0})

    coordinators.permissions.add(
        *Permission.objects.filter(
            content_type__app_label="practices",
            content_type__model__in=SNIPPET_MODELS,
        )
    )
    for index in PracticeIndexPage.objects.all():
        WorkflowPage.objects.update_or_create(page_id=index.pk, defaults={"workflow": workflow})
        for group_name, codenames in PAGE_PERMISSIONS.items():
            group = Group.objects.get(name=group_name)
            for codename in codenames:
                permission = Permission.objects.get(
                    content_type__app_label="wagtailcore", codename=codename
                )
                GroupPagePermission.objects.get_or_create(
                    group=group, page_id=index.pk, permission=permission
                )


class Migration(migrations.Migration):
    dependencies = [
        ("practices", "0001_initial"),
        ("accounts", "0002_role_groups"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailimages", "0001_initial"),
    ]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
