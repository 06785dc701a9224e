"""Which pages other sites may frame: only the embeddable ones, and only from registered clinics' origins.

Every other page keeps X-Frame-Options DENY and frame-ancestors 'none' from the site-wide settings.
"""

from csp.constants import NONE

from education.clinics.context import embed_origins

EMBED_NAMESPACES = {"triage-embed"}
EMBED_URL_NAMES = {"article_embed"}


def is_embed(request) -> bool:
    match = getattr(request, "resolver_match", None)
    if match is None:
        return False
    return bool(EMBED_NAMESPACES & set(match.namespaces)) or match.url_name in EMBED_URL_NAMES


class EmbedFramingMiddleware:
    """Listed after the CSP and clickjacking middleware, so it adjusts their headers before they are written."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if is_embed(request):
            response.xframe_options_exempt = True
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        request.embedded = is_embed(request)
        if request.embedded:
            request.csp_frame_ancestors = embed_origins() or [NONE]
