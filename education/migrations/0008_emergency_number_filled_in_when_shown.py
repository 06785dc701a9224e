from django.db import migrations


def render_again(apps, schema_editor):
    # Pages rendered before kept the emergency number and the warning signs' words in their HTML; now they keep
    # slots for them, filled in when the page is shown, so a change to either shows on every page at once.
    from education.readability import reading_grade, word_count
    from education.rendering import fill_slots, render_markdown

    Article = apps.get_model("education", "Article")
    for article in Article.objects.all():
        rendered = render_markdown(article.body, slots=True)
        article.body_html = rendered.html
        article.toc = rendered.toc
        shown = fill_slots(rendered.html)
        article.reading_grade = reading_grade(shown)
        article.word_count = word_count(shown)
        article.save(update_fields=["body_html", "toc", "reading_grade", "word_count"])


class Migration(migrations.Migration):
    dependencies = [
        ("education", "0007_article_area"),
    ]

    operations = [migrations.RunPython(render_again, migrations.RunPython.noop)]
