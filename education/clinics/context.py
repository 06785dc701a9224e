"""A visit in a clinic's context: the clinic that shared the link, remembered for the visit.

`/c/<slug>/` or `?clinic=<slug>` on any page sets it; it lasts until the browser closes. An unknown slug is
ignored. Lookups go through the shared cache, keyed by the content version, so a clinic's edit shows at once and
a page view costs no query.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError
from django.utils.text import slugify

from education.caching import content_version
from education.models import Clinic

logger = logging.getLogger(__name__)

COOKIE = "clinic"
LAST_ORIGINS_KEY = "clinic-origins:last"
MISSING = "-"  # cached for unknown slugs, so a made-up slug cannot make every request query the database


def find_clinic(slug: str | None) -> Clinic | None:
    slug = slugify(slug or "")[:60]
    if not slug:
        return None
    key = f"clinic:{content_version()}:{slug}"
    clinic = cache.get(key)
    if clinic is None:
        try:
            clinic = Clinic.objects.filter(slug=slug, active=True).first() or MISSING
        except DatabaseError:
            # A page without its clinic's name beats an error page while the database is away.
            logger.warning("Clinic context left out: the database is unavailable.")
            return None
        cache.set(key, clinic, 60 * 60)
    return None if clinic == MISSING else clinic


def clinic_for(request) -> Clinic | None:
    """The clinic of this visit: named in the query string, else remembered in the cookie."""
    asked = request.GET.get(COOKIE)
    return find_clinic(asked) or (None if asked else find_clinic(request.COOKIES.get(COOKIE)))


def remembers_asked_clinic(request) -> bool:
    """False when the query string names a clinic the cookie does not yet remember: the answer must set it."""
    asked = request.GET.get(COOKIE)
    return not asked or request.COOKIES.get(COOKIE) == asked


def embed_origins() -> list[str]:
    """Every origin a registered clinic may frame the embeddable pages from."""
    key = f"clinic-origins:{content_version()}"
    origins = cache.get(key)
    if origins is None:
        try:
            origins = sorted({o for clinic in Clinic.objects.filter(active=True) for o in clinic.origins})
        except DatabaseError:
            # Keep embeds working in the clinics' pages while the database is away, with the last list known.
            logger.warning("Embed origins taken from the last list known: the database is unavailable.")
            return cache.get(LAST_ORIGINS_KEY, [])
        cache.set(key, origins, 60 * 60)
        cache.set(LAST_ORIGINS_KEY, origins, None)
    return origins


def remember(response, clinic: Clinic, *, cross_site: bool = False) -> None:
    response.set_cookie(
        COOKIE,
        clinic.slug,
        httponly=True,
        # An embedded page is framed by another site, where only SameSite=None cookies (over HTTPS) are sent.
        samesite="None" if cross_site and settings.HTTPS else "Lax",
        secure=settings.HTTPS,
    )


class ClinicContextMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        asked = request.GET.get(COOKIE)
        request.clinic = clinic_for(request)
        response = self.get_response(request)
        if asked and request.clinic is not None and request.COOKIES.get(COOKIE) != request.clinic.slug:
            remember(response, request.clinic, cross_site=getattr(request, "embedded", False))
        return response
