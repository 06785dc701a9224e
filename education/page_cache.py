"""Whole public pages from the page cache, answered before most of the middleware runs.

Views marked with `cached_page` (articles, the home page, the lists) are the same for every visitor from the same
clinic. The first answer for a page goes through the whole stack, so it carries every header the site adds (the
Content-Security-Policy, X-Frame-Options, Permissions-Policy, Vary); it is kept compressed, with those headers, in
each worker's `pages` cache under a key that holds the shared content version, the host, the clinic and the path.
Later requests get it from here, listed in MIDDLEWARE above sessions, authentication and the rest: a hit costs no
rendering, no compression and none of that middleware. An answer that sets a cookie is never kept, and a request
that must set one (a clinic named in the query string that the cookie does not yet remember) goes through.

These pages hold no secret (no CSRF token, nothing personal), so the BREACH padding Django's GZipMiddleware adds is
not needed here.
"""

from __future__ import annotations

import gzip
import hashlib
import re

from django.core.cache import caches
from django.http import HttpResponse
from django.utils.cache import patch_vary_headers

from education.caching import PAGE_TIMEOUT, content_version
from education.clinics.context import clinic_for, remembers_asked_clinic

ACCEPTS_GZIP = re.compile(r"\bgzip\b")
SEARCH_PATH = re.compile(r"^(/[a-z]{2})?/search/$")


class PageCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in ("GET", "HEAD") or not remembers_asked_clinic(request):
            return self.get_response(request)
        key = page_key(request, clinic_for(request))
        pages = caches["pages"]
        page = pages.get(key)
        if page is not None:
            return _from_cache(request, *page)
        response = self.get_response(request)
        if not _keepable(response):
            return response
        headers = [(name, value) for name, value in response.items() if name.lower() != "content-length"]
        page = (response.content, gzip.compress(response.content, compresslevel=6), headers)
        pages.set(key, page, PAGE_TIMEOUT)
        return _from_cache(request, *page)


def page_key(request, clinic, kind: str = "page") -> str:
    """Where a page the same for every visitor from this clinic (or none) is kept; `kind` keeps apart the
    different things kept for one address."""
    # Cached pages read no query string but the search page's words (the clinic, in the key already, aside), so
    # ?utm=... and the like share one entry instead of filling the cache. Search pages are rate-limited per client
    # until kept, and the cache keeps its most recently used entries.
    where = f"{request.get_host()} {clinic.slug if clinic else ''} {request.path}"
    if SEARCH_PATH.match(request.path):
        where += f" {request.GET.get('q', '')}"
    return f"{kind}:{content_version()}:{hashlib.sha256(where.encode()).hexdigest()}"


def _keepable(response) -> bool:
    return (
        getattr(response, "cache_as_page", False)
        and response.status_code == 200
        and not response.streaming
        and not response.cookies
    )


def _from_cache(request, content, compressed, headers):
    gzipped = ACCEPTS_GZIP.search(request.META.get("HTTP_ACCEPT_ENCODING", ""))
    response = HttpResponse(compressed if gzipped else content, headers=dict(headers))
    if gzipped:
        response["Content-Encoding"] = "gzip"
    # The page depends on the clinic, which a cookie can name, as well as on the encoding.
    patch_vary_headers(response, ("Accept-Encoding", "Cookie"))
    return response
