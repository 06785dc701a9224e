from django.conf import settings

from education.clinics.embedding import is_embed


def site(request):
    return {
        "site_name": settings.SITE_NAME,
        "emergency_number": settings.EMERGENCY_NUMBER,
        "clinic": getattr(request, "clinic", None),
        "embed": is_embed(request),
    }
