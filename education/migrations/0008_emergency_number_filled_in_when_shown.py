from django.db import migrations

from education.migrations._render_again import render_again


class Migration(migrations.Migration):
    # Pages rendered before kept the emergency number and the warning signs' words in their HTML; now they keep
    # slots for them, filled in when the page is shown, so a change to either shows on every page at once.
    dependencies = [
        ("education", "0007_article_area"),
    ]

    operations = [migrations.RunPython(render_again, migrations.RunPython.noop)]
