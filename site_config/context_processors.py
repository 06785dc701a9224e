from django.conf import settings
from django.utils import translation

from education.clinics.embedding import is_embed
from site_config import regions


def site(request):
    language = translation.get_language() or settings.LANGUAGE_CODE
    return {
        # Where the site starts in the page's language, for links written out rather than reversed (error pages).
        "language_root": "/" if language == settings.LANGUAGE_CODE else f"/{language}/",
        "site_name": settings.SITE_NAME,
        "emergency_number": settings.EMERGENCY_NUMBER,
        "words": {name: regions.word(name) for name in regions.WORDS},
        "health_service": regions.HEALTH_SERVICE[settings.SITE_REGION],
        "clinic": getattr(request, "clinic", None),
        "embed": is_embed(request),
    }
