from django.db import migrations


def render_again(apps, schema_editor):
    # Pages rendered before kept the emergency number in their HTML; now they keep a slot for it, filled in when
    # the page is shown, so a site that changes its number shows the new one on every page at once.
    from education.readability import reading_grade, word_count
    from education.rendering import NUMBER_SLOT, render_markdown, with_number

    Article = apps.get_model("education", "Article")
    for article in Article.objects.all():
        rendered = render_markdown(article.body, emergency_number=NUMBER_SLOT)
        article.body_html = rendered.html
        article.toc = rendered.toc
        article.reading_grade = reading_grade(with_number(rendered.html))
        article.word_count = word_count(with_number(rendered.html))
        article.save(update_fields=["body_html", "toc", "reading_grade", "word_count"])


class Migration(migrations.Migration):
    dependencies = [
        ("education", "0007_article_area"),
    ]

    operations = [migrations.RunPython(render_again, migrations.RunPython.noop)]
