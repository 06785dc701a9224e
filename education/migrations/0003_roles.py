"""The two staff roles. Permissions are enforced on the server by the admin and the workflow service."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITOR = [
    "view_article", "add_article", "change_article",
    "view_source", "add_source", "change_source", "delete_source",
    "view_articleevent",
]  # fmt: skip
REVIEWER = EDITOR + ["delete_article", "publish_article", "review_article"]
ROLES = {"Editor": EDITOR, "Clinical reviewer": REVIEWER}


def create_roles(apps, schema_editor):
    # Permissions are normally made after all migrations run; make them now so the groups can hold them.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in ROLES.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.set(Permission.objects.filter(content_type__app_label="education", codename__in=codenames))


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("education", "0002_workflow"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
