"""Both staff roles may add and change pictures, and see reader feedback counts; clinical reviewers may delete
pictures."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITOR = ["view_picture", "add_picture", "change_picture", "view_feedbackcount"]
ROLES = {"Editor": EDITOR, "Clinical reviewer": [*EDITOR, "delete_picture"]}


def grant(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for name, codenames in ROLES.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(*Permission.objects.filter(content_type__app_label="education", codename__in=codenames))


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    for group in apps.get_model("auth", "Group").objects.filter(name__in=ROLES):
        group.permissions.remove(*Permission.objects.filter(codename__in=ROLES[group.name]))


class Migration(migrations.Migration):
    dependencies = [("education", "0013_pictures")]

    operations = [migrations.RunPython(grant, revoke)]
