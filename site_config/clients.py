"""Who a request came from, the one way every part of the site reads it: rate limits and the staff sign-in lockout.

Behind N trusted proxies (`TRUSTED_PROXY_COUNT`), the Nth address from the right of X-Forwarded-For is the one
the first proxy saw; anything to its left was written by the client and could be forged. Without proxies, the
connection's own address.
"""

from __future__ import annotations

from django.conf import settings


def client_address(request) -> str:
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies:
        forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def ratelimit_key(group, request) -> str:
    """django-ratelimit's key function: one count per client address."""
    return client_address(request)
