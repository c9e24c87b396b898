"""Coordinators read and tick off accessibility feedback in the Wagtail admin."""

from django.db import migrations

PERMISSIONS = ["view_accessibilityfeedback", "change_accessibilityfeedback"]


def grant(apps, schema_editor):
    from django.apps import apps as global_apps
    from django.contrib.auth.management import create_permissions

    create_permissions(global_apps.get_app_config("core"), verbosity=0)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    group, _ = Group.objects.get_or_create(name="Coordinators")
    group.permissions.add(
        *Permission.objects.filter(content_type__app_label="core", codename__in=PERMISSIONS)
    )


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0002_accessibility_feedback"),
        ("accounts", "0002_role_groups"),
    ]
    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
