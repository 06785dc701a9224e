"""Whole-page caching for the public content pages, dropped the moment any article changes.

Every cached page's key carries a content version kept in the shared cache. Saving or deleting an article, its
sources or its links bumps the version, so every app server stops serving the old pages at once, with no need to
know which URLs showed the article. The timeout only bounds how late a scheduled publication can appear.
"""

from __future__ import annotations

from functools import wraps

from django.core.cache import cache
from django.http import HttpResponse

VERSION_KEY = "pages:version"
PAGE_TIMEOUT = 10 * 60


def content_version() -> int:
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, 1, timeout=None)
        version = cache.get(VERSION_KEY, 1)
    return version


def content_changed(**kwargs) -> None:
    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # not there yet: any version unlike an old one will do
        cache.set(VERSION_KEY, 1, timeout=None)


def cached_page(view):
    """Serve a GET from the page cache; store successful renders. Only for pages that are the same for every
    visitor who came from the same clinic (or none)."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD"):
            return view(request, *args, **kwargs)
        clinic = getattr(request, "clinic", None)
        clinic_slug = clinic.slug if clinic else ""
        key = f"page:{content_version()}:{request.get_host()}:{clinic_slug}:{request.get_full_path()}"
        hit = cache.get(key)
        if hit is not None:
            content, content_type = hit
            return HttpResponse(content, content_type=content_type)
        response = view(request, *args, **kwargs)
        if response.status_code == 200 and not response.streaming:
            cache.set(key, (response.content, response["Content-Type"]), PAGE_TIMEOUT)
        return response

    return wrapper
