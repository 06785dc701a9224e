from django.db.models.signals import m2m_changed, post_delete, post_save

from education.caching import content_changed
from education.models import Article, Clinic, Picture, Source
from education.pictures import show_again


def connect():
    # Before the pages are told the content changed, so none is made from an article not yet rendered again.
    post_save.connect(show_again, sender=Picture, dispatch_uid="pictures-shown-again-save")
    post_delete.connect(show_again, sender=Picture, dispatch_uid="pictures-shown-again-delete")
    for model in (Article, Source, Clinic, Picture):
        post_save.connect(content_changed, sender=model, dispatch_uid=f"pages-{model.__name__}-save")
        post_delete.connect(content_changed, sender=model, dispatch_uid=f"pages-{model.__name__}-delete")
    m2m_changed.connect(content_changed, sender=Article.related.through, dispatch_uid="pages-related")
