"""Refuse a request body over the site's limit from its declared length, before a byte of it is read.

Django checks form bodies against DATA_UPLOAD_MAX_MEMORY_SIZE only as it reads them, and streams file uploads to
disk whatever their size; a client could make a server take in hundreds of megabytes. Nothing on this site takes
more than a long article, so anything larger is refused at once. (A body sent without a length is never read:
Django reads only what Content-Length announces.)
"""

from __future__ import annotations

from django.conf import settings
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import gettext as _

from site_config.errors import error_response


class RequestSizeLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > settings.DATA_UPLOAD_MAX_MEMORY_SIZE:
            return too_large(request)
        return self.get_response(request)


def too_large(request):
    limit = f"{settings.DATA_UPLOAD_MAX_MEMORY_SIZE // 1024} kB"
    if request.path.startswith(f"/{settings.ADMIN_PATH}"):
        # Staff get a page in the admin's own style that says what to do; their text stays in the form they left.
        response = render(
            request,
            "admin/too_large.html",
            {"limit": limit, "title": "Too much to send", "site_header": f"{settings.SITE_NAME} staff"},
            status=413,
        )
        response["Connection"] = "close"
        return response
    # This runs before LocaleMiddleware has chosen the page's language, so the language is read from the address.
    language = translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
    with translation.override(language):
        return error_response(
            request,
            413,
            _("The request is too large. Send at most %(limit)s.") % {"limit": limit},
            # The self-check contract answers every malformed body, an oversized one included, with a 400.
            api_status=400,
            context={"limit": limit},
            headers={"Connection": "close"},  # the unread body must not be taken for the next request
        )
