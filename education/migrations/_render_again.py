"""Render every article's Markdown again, for migrations that change what the stored HTML holds."""


def render_again(apps, schema_editor):
    from education.rendering import article_fields

    Article = apps.get_model("education", "Article")
    for article in Article.objects.all():
        fields = article_fields(article.body, getattr(article, "language", "en"))
        for field, value in fields.items():
            setattr(article, field, value)
        article.save(update_fields=list(fields))
