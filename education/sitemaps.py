from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from education.models import Article
from site_config.links import public_site


class SiteSitemap(Sitemap):
    """Links on SITE_URL when it is set, else on the address the sitemap was asked for."""

    def get_urls(self, page=1, site=None, protocol=None):
        protocol, site = public_site() or (protocol, site)
        return super().get_urls(page=page, site=site, protocol=protocol)


class ArticleSitemap(SiteSitemap):
    """Each article in English and in every language it is published in, each naming the others (hreflang)."""

    changefreq = "monthly"
    i18n = True
    alternates = True

    def items(self):
        articles = Article.objects.published().only("slug", "language", "updated_at")
        live = Article.objects.live().exclude(translation_of=None).values_list("translation_of", "language")
        self.translated: dict[int, set[str]] = {}
        for source, language in live:
            self.translated.setdefault(source, set()).add(language)
        return articles

    def get_languages_for_item(self, article):
        return [settings.LANGUAGE_CODE, *sorted(self.translated.get(article.pk, ()))]

    def lastmod(self, article):
        return article.updated_at


class PageSitemap(SiteSitemap):
    changefreq = "monthly"
    i18n = True
    alternates = True

    def items(self):
        return ["education:home", "education:article_list", "triage:start"]

    def location(self, name):
        return reverse(name)


sitemaps = {"pages": PageSitemap, "articles": ArticleSitemap}
