import os

from django.conf import settings
from django.core.wsgi import get_wsgi_application

from site_config.admission import Admission

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "site_config.settings")

application = Admission(
    get_wsgi_application(),
    at_once=settings.REQUESTS_AT_ONCE,
    max_body=settings.DATA_UPLOAD_MAX_MEMORY_SIZE,
)
