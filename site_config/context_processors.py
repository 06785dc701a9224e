from django.conf import settings

from education.clinics.embedding import is_embed
from site_config import regions


def site(request):
    return {
        "site_name": settings.SITE_NAME,
        "emergency_number": settings.EMERGENCY_NUMBER,
        "words": {name: regions.word(name) for name in regions.WORDS},
        "health_service": regions.HEALTH_SERVICE[settings.SITE_REGION],
        "clinic": getattr(request, "clinic", None),
        "embed": is_embed(request),
    }
