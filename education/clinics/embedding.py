"""Which pages other sites may frame: only the embeddable ones, and only from registered clinics' origins.

Every other page keeps X-Frame-Options DENY and frame-ancestors 'none' from the site-wide settings.
"""

from csp.constants import NONE

from education.clinics.context import embed_origins

EMBED_NAMESPACES = {"triage-embed"}
EMBED_URL_NAMES = {"article_embed"}
# Health records may show the Infobutton's answers in a frame: framed, it answers as an embed (and sends the
# patient to the embeddable guide); opened in a window, as a page of the site.
FRAMED_URL_NAMES = {"infobutton"}


def is_embed(request) -> bool:
    match = getattr(request, "resolver_match", None)
    if match is None:
        return False
    if match.url_name in FRAMED_URL_NAMES:
        return is_framed(request)
    return bool(EMBED_NAMESPACES & set(match.namespaces)) or match.url_name in EMBED_URL_NAMES


def is_framed(request) -> bool:
    """The browser says the page will show in a frame (Fetch Metadata; browsers that do not say are not framed)."""
    return request.headers.get("Sec-Fetch-Dest") == "iframe"


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
