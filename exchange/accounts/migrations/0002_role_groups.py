"""Create the Wagtail groups of the three roles, with their base permissions.

Page permissions on the practice library are granted by the practices app's own
migration once its pages exist.
"""

from django.db import migrations

GROUPS = {
    "Caseworkers": [],
    "Specialists": [("wagtailadmin", "admin", "access_admin")],
    "Coordinators": [
        ("wagtailadmin", "admin", "access_admin"),
        ("taxonomy", "theme", "add_theme"),
        ("taxonomy", "theme", "change_theme"),
        ("taxonomy", "theme", "delete_theme"),
        ("taxonomy", "targetgroup", "add_targetgroup"),
        ("taxonomy", "targetgroup", "change_targetgroup"),
        ("taxonomy", "targetgroup", "delete_targetgroup"),
        ("accounts", "allowedemaildomain", "add_allowedemaildomain"),
        ("accounts", "allowedemaildomain", "change_allowedemaildomain"),
        ("accounts", "allowedemaildomain", "delete_allowedemaildomain"),
        ("accounts", "allowedemaildomain", "view_allowedemaildomain"),
        ("accounts", "user", "view_user"),
        ("accounts", "user", "change_user"),
        ("wagtaildocs", "document", "add_document"),
        ("wagtaildocs", "document", "change_document"),
        ("wagtaildocs", "document", "choose_document"),
        ("wagtailimages", "image", "add_image"),
        ("wagtailimages", "image", "change_image"),
        ("wagtailimages", "image", "choose_image"),
    ],
}


def create_groups(apps, schema_editor):
    from django.contrib.auth.management import create_permissions
    from django.apps import apps as global_apps

    # Permissions are normally created after migrate; make sure they exist now.
    # (create_permissions skips apps whose models_module is unset during migrate;
    # set it for the call and restore it, or the app registry stays broken.)
    for app_config in global_apps.get_app_configs():
        original = app_config.models_module
        app_config.models_module = original or True
        try:
            create_permissions(app_config, verbosity=0)
        finally:
            app_config.models_module = original

    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, perms in GROUPS.items():
        group, _ = Group.objects.get_or_create(name=name)
        for app_label, model, codename in perms:
            permission = Permission.objects.filter(
                content_type__app_label=app_label, codename=codename
            ).first()
            if permission is not None:
                group.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("taxonomy", "0001_initial"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtaildocs", "0001_initial"),
        ("wagtailimages", "0001_initial"),
    ]
    operations = [migrations.RunPython(create_groups, migrations.RunPython.noop)]
