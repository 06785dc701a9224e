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
    changefreq = "monthly"

    def items(self):
        return Article.objects.published().only("slug", "language", "updated_at")

    def lastmod(self, article):
        return article.updated_at


class PageSitemap(SiteSitemap):
    changefreq = "monthly"

    def items(self):
        return ["education:home", "education:article_list", "triage:start"]

    def location(self, name):
        return reverse(name)


sitemaps = {"pages": PageSitemap, "articles": ArticleSitemap}
