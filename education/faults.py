"""When the database cannot be reached: a friendly 503, not a traceback.

Cached article pages never touch the database, so they keep being served; `/healthz` says the database is down.
"""

import logging

from django.db import DatabaseError
from django.http import JsonResponse
from django.shortcuts import render

logger = logging.getLogger(__name__)
RETRY_AFTER_SECONDS = 30


class DatabaseUnavailableMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, DatabaseError):
            return None
        logger.error("Database error on %s %s: %s", request.method, request.path, type(exception).__name__)
        if request.path.startswith("/api/"):
            response = JsonResponse(
                {"errors": {"__all__": ["The service is busy or under repair. Try again in a minute."]}}, status=503
            )
        else:
            response = render(request, "503.html", status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
