"""Whole-page caching for the public content pages, dropped the moment any article changes.

Every cached page's key carries a content version kept in the shared cache. Saving or deleting an article, its
sources or its links bumps the version, so every app server stops serving the old pages at once, with no need to
know which URLs showed the article. The timeout only bounds how late a scheduled publication can appear.
"""

from __future__ import annotations

import gzip
import re
from functools import wraps

from django.core.cache import cache, caches
from django.http import HttpResponse
from django.utils.cache import patch_vary_headers

from education.models import Article

VERSION_KEY = "pages:version"
PAGE_TIMEOUT = 10 * 60
ACCEPTS_GZIP = re.compile(r"\bgzip\b")


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
    """Serve a GET from the page cache; store successful renders. Only for pages that are the same for every
    visitor who came from the same clinic (or none).

    The page is kept compressed as well, so a hit costs no rendering and no compression: compressing on every
    response was most of a cached page's cost. These pages hold no secret (no CSRF token, nothing personal), so
    the BREACH padding Django's GZipMiddleware adds is not needed here.
    """

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD"):
            return view(request, *args, **kwargs)
        clinic = getattr(request, "clinic", None)
        clinic_slug = clinic.slug if clinic else ""
        # No cached page reads its query string (the clinic, the one that matters, is in the key already), so
        # ?utm=... and the like share one entry instead of filling the cache.
        key = f"page:{content_version()}:{request.get_host()}:{clinic_slug}:{request.path}"
        pages = caches["pages"]
        page = pages.get(key)
        if page is None:
            response = view(request, *args, **kwargs)
            if response.status_code != 200 or response.streaming:
                return response
            headers = [(name, value) for name, value in response.items() if name.lower() != "content-length"]
            page = (response.content, gzip.compress(response.content, compresslevel=6), headers)
            pages.set(key, page, PAGE_TIMEOUT)
        return _from_cache(request, *page)

    return wrapper


def _from_cache(request, content, compressed, headers):
    gzipped = ACCEPTS_GZIP.search(request.META.get("HTTP_ACCEPT_ENCODING", ""))
    response = HttpResponse(compressed if gzipped else content, headers=dict(headers))
    if gzipped:
        response["Content-Encoding"] = "gzip"
    # The page depends on the clinic, which a cookie can name, as well as on the encoding.
    patch_vary_headers(response, ("Accept-Encoding", "Cookie"))
    return response
