"""Per-client rate limits for the endpoints a script could hammer: search and the self-check API.

django-ratelimit counts requests in the shared cache, so every app server sees the same count. The limit is far
above what a person does, so only scripts meet it.
"""

from __future__ import annotations

from django.http import JsonResponse
from django.shortcuts import render

RETRY_AFTER_SECONDS = 60


def rate_limited(request, exception):
    """RATELIMIT_VIEW: a 429 with Retry-After, as JSON for API clients and as a page for people."""
    if request.path.startswith("/api/"):
        response = JsonResponse(
            {"errors": {"__all__": ["Too many requests from your address. Wait a minute, then try again."]}},
            status=429,
        )
    else:
        response = render(request, "429.html", status=429)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response
