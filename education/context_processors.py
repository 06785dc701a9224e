from django.conf import settings


def site(request):
    return {
        "site_name": settings.SITE_NAME,
        "emergency_number": settings.EMERGENCY_NUMBER,
    }
