"""Which language an API answer speaks: `?lang=es`, else the client's Accept-Language, else English.

Pages take their language from their address (/es/...); the API's addresses are the same in every language, so a
client asks for one. An unknown `lang` is refused with the languages there are, never quietly ignored.
"""

from __future__ import annotations

import functools

from django.conf import settings
from django.utils import translation
from django.utils.cache import patch_vary_headers

from site_config.errors import json_errors

CODES = [code for code, _name in settings.LANGUAGES]


def requested_language(request) -> str | None:
    """The language asked for, or None when `lang` names one the site does not speak."""
    asked = request.GET.get("lang")
    if asked is not None:
        return asked if asked in CODES else None
    return translation.get_language_from_request(request)


def speaks_requested_language(view):
    """Answer in the language the client asked for, and say which (Content-Language)."""

    @functools.wraps(view)
    def speaking(request, *args, **kwargs):
        language = requested_language(request)
        if language is None:
            return json_errors({"lang": [f"Choose one of {', '.join(CODES)}."]}, 400)
        with translation.override(language):
            response = view(request, *args, **kwargs)
        response["Content-Language"] = language
        patch_vary_headers(response, ("Accept-Language",))
        return response

    return speaking
