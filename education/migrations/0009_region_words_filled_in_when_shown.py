from django.db import migrations

from education.migrations._render_again import render_again


class Migration(migrations.Migration):
    """The region's words (site_config/regions.py), the emergency number among them, now have slots of their own."""

    dependencies = [
        ("education", "0008_emergency_number_filled_in_when_shown"),
    ]

    operations = [migrations.RunPython(render_again, migrations.RunPython.noop)]
