from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from education.models import Article


class ArticleSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return Article.objects.published().only("slug", "updated_at")

    def lastmod(self, article):
        return article.updated_at


class PageSitemap(Sitemap):
    changefreq = "monthly"

    def items(self):
        return ["education:home", "education:article_list", "triage:start"]

    def location(self, name):
        return reverse(name)


sitemaps = {"pages": PageSitemap, "articles": ArticleSitemap}
