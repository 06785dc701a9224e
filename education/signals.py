from django.db.models.signals import m2m_changed, post_delete, post_save

from education.caching import content_changed
from education.models import Article, Clinic, Picture, Source


def connect():
    for model in (Article, Source, Clinic, Picture):
        post_save.connect(content_changed, sender=model, dispatch_uid=f"pages-{model.__name__}-save")
        post_delete.connect(content_changed, sender=model, dispatch_uid=f"pages-{model.__name__}-delete")
    m2m_changed.connect(content_changed, sender=Article.related.through, dispatch_uid="pages-related")
