from django.conf import settings
from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils import translation
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.translation import gettext as _

from education.models import Article
from education.translations import localised
from site_config.links import absolute_url


class ArticleFeed(Feed):
    """New and updated guides, newest change first, for clinics and readers who follow the site."""

    feed_type = Atom1Feed

    def __call__(self, request, *args, **kwargs):
        # /es/feed/ is in Spanish; so is /feed/?lang=es, for readers that take one address and a parameter.
        language = request.GET.get("lang")
        if language not in dict(settings.LANGUAGES):
            return super().__call__(request, *args, **kwargs)
        with translation.override(language):
            return super().__call__(request, *args, **kwargs)

    def title(self):
        return _("%(site_name)s: new and updated guides") % {"site_name": settings.SITE_NAME}

    def subtitle(self):
        return _("Plain-language guides on leg pain, reviewed by clinicians.")

    def link(self):
        return absolute_url(reverse("education:home"))

    def feed_url(self):
        return absolute_url(reverse("education:feed"))

    def item_link(self, article):
        return absolute_url(article.get_absolute_url())

    def items(self):
        return localised(Article.objects.published().order_by("-updated_at")[:50])

    def item_title(self, article):
        return article.title

    def item_description(self, article):
        # Atom marks the summary as HTML, so readers render it: plain text must be escaped to show as typed.
        return escape(article.summary)

    def item_pubdate(self, article):
        return article.published_at

    def item_updateddate(self, article):
        return article.updated_at
