import hashlib
import json

from django.db import migrations, models

# The content fingerprint before `area` joined the content fields. An article the starter loader made and nobody
# has edited since matched it; it is given the new fingerprint, so the loader still knows it as its own.
OLD_NAMES = [
    "title", "summary", "body", "cause_key", "icd10_codes", "synonyms", "display_order", "compare_starts",
    "compare_legs", "compare_feels", "compare_worse", "compare_urgency", "status", "last_reviewed",
    "reviewer_name", "reviewer_credentials",
]  # fmt: skip


def _fingerprint(article, names):
    fields = {name: str(getattr(article, name)) for name in names}
    fields["sources"] = [[s.title, s.url] for s in article.sources.order_by("order", "pk")]
    fields["related"] = sorted(article.related.values_list("slug", flat=True))
    return hashlib.sha256(json.dumps(fields, sort_keys=True).encode()).hexdigest()


def keep_loaded_fingerprints(apps, schema_editor):
    Article = apps.get_model("education", "Article")
    for article in Article.objects.exclude(loaded_fingerprint=""):
        if article.loaded_fingerprint == _fingerprint(article, OLD_NAMES):
            article.loaded_fingerprint = _fingerprint(article, [*OLD_NAMES, "area"])
            article.save(update_fields=["loaded_fingerprint"])


class Migration(migrations.Migration):
    dependencies = [
        ("education", "0006_cause_choices_from_the_self_check"),
    ]

    operations = [
        migrations.AddField(
            model_name="article",
            name="area",
            field=models.CharField(
                blank=True,
                choices=[
                    ("back", "Back and buttock"),
                    ("hip", "Hip and thigh"),
                    ("calf", "Knee and calf"),
                    ("foot", "Shin, ankle and foot"),
                    ("skin_veins", "Skin and veins"),
                ],
                help_text="The home page lists causes under where their pain starts. Leave empty for general articles.",
                max_length=20,
                verbose_name="where the pain starts",
            ),
        ),
        migrations.RunPython(keep_loaded_fingerprints, migrations.RunPython.noop),
    ]
