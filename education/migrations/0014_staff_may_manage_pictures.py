"""Both staff roles may add and change pictures, and see reader feedback counts; clinical reviewers may delete
pictures."""

from django.db import migrations

from education.migrations._roles import grant

EDITOR = ["view_picture", "add_picture", "change_picture", "view_feedbackcount"]
ROLES = {"Editor": EDITOR, "Clinical reviewer": [*EDITOR, "delete_picture"]}


def give(apps, schema_editor):
    grant(apps, ROLES)


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    for group in apps.get_model("auth", "Group").objects.filter(name__in=ROLES):
        group.permissions.remove(*Permission.objects.filter(codename__in=ROLES[group.name]))


class Migration(migrations.Migration):
    dependencies = [("education", "0013_pictures")]

    operations = [migrations.RunPython(give, revoke)]
