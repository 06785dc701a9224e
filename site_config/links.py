"""Absolute links to this site, in one place: SITE_URL when it is set, else the address the request came to.

Behind a proxy, or for a feed read by a clinic's system, the request's own host can be an internal name; SITE_URL
names the public address once for the canonical links, the sitemap, the feed and the content API alike.
"""

from __future__ import annotations

from types import SimpleNamespace
from urllib.parse import urlsplit

from django.conf import settings
from django.core.validators import URLValidator

# A link that leaves the site: a web page, never javascript:, data: or a local file.
WEB_URL = URLValidator(schemes=["http", "https"])


def absolute_url(path: str, request=None) -> str:
    if settings.SITE_URL:
        return settings.SITE_URL + path
    if request is not None:
        return request.build_absolute_uri(path)
    return path


def public_site() -> tuple[str, SimpleNamespace] | None:
    """SITE_URL as the (protocol, site) pair Django's sitemaps build links from, or None when it is not set."""
    if not settings.SITE_URL:
        return None
    parts = urlsplit(settings.SITE_URL)
    return parts.scheme, SimpleNamespace(domain=parts.netloc + parts.path)
