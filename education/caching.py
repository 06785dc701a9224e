"""Whole-page caching for the public content pages, dropped the moment any article changes.

Every cached page's key carries a content version kept in the shared cache. Saving or deleting an article, its
sources or its links bumps the version, so every app server stops serving the old pages at once, with no need to
know which URLs showed the article. The timeout only bounds how late a scheduled publication can appear.
"""

from __future__ import annotations

from functools import wraps

from django.core.cache import cache, caches

from education.models import Article

VERSION_KEY = "pages:version"
PAGE_TIMEOUT = 10 * 60


def content_version() -> int:
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, 1, timeout=None)
        version = cache.get(VERSION_KEY, 1)
    return version


def published_cause_articles() -> dict[str, str]:
    """The slug of each self-check cause's published article, by cause key, read from the database once per
    content version in each worker.

    The self-check links each cause it names to its article only while that article is published; this keeps the
    database out of every answer. Raises DatabaseError when the database is away and nothing is cached.
    """
    key = f"cause-articles:{content_version()}"
    articles = caches["pages"].get(key)
    if articles is None:
        rows = Article.objects.published().exclude(cause_key="").order_by("-published_at")
        articles = dict(reversed(rows.values_list("cause_key", "slug")))  # the newest wins
        caches["pages"].set(key, articles, PAGE_TIMEOUT)
    return articles


def content_changed(**kwargs) -> None:
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # not there yet: any version unlike an old one will do
        cache.set(VERSION_KEY, 1, timeout=None)


def cached_page(view):
    """Mark a view's successful answers as pages the page cache may keep (`education.page_cache`): pages that are
    the same for every visitor who came from the same clinic (or none), and read nothing from the query string."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response.cache_as_page = True
        return response

    return wrapper
