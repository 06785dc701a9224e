"""Pictures are filled into each article's stored HTML when it is saved, not when its page is shown."""

from django.db import migrations

from education.migrations._render_again import render_again


class Migration(migrations.Migration):
    dependencies = [("education", "0016_snomed_codes")]

    operations = [migrations.RunPython(render_again, migrations.RunPython.noop)]
