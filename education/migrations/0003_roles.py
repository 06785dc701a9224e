"""The two staff roles. Permissions are enforced on the server by the admin and the workflow service."""

from django.db import migrations

from education.migrations._roles import grant

EDITOR = [
    "view_article", "add_article", "change_article",
    "view_source", "add_source", "change_source", "delete_source",
    "view_articleevent",
]  # fmt: skip
REVIEWER = EDITOR + ["delete_article", "publish_article", "review_article"]
ROLES = {"Editor": EDITOR, "Clinical reviewer": REVIEWER}


def create_roles(apps, schema_editor):
    grant(apps, ROLES, replace=True)


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("education", "0002_workflow"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
