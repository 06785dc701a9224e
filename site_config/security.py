"""The Content-Security-Policy header, built once, through django-csp's public extension point.

django-csp rebuilds the policy string on every response; for this site it is the same string on every page except
embeds, which name the clinic origins that may frame them. Building it once took a measurable share of a cached
page's cost (`make bench`), so a response that changes nothing in the policy reuses it, and anything else goes
through django-csp as usual. A page that others may frame says so with `request.csp_frame_ancestors`.
"""

from functools import cached_property

from csp.constants import HEADER
from csp.middleware import CSPMiddleware, PolicyParts
from csp.utils import build_policy
from django.conf import settings

UNCHANGED = PolicyParts(None, None, None, None)


class SiteCSPMiddleware(CSPMiddleware):
    @cached_property
    def site_policy(self) -> str:
        return build_policy()

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        ancestors = getattr(request, "csp_frame_ancestors", None)
        if ancestors is not None and not report_only:
            parts.replace = {**(parts.replace or {}), "frame-ancestors": ancestors}
        return parts

    def process_response(self, request, response):
        report_only = getattr(settings, "CONTENT_SECURITY_POLICY_REPORT_ONLY", None)
        if report_only or HEADER in response or self.get_policy_parts(request, response) != UNCHANGED:
            return super().process_response(request, response)
        response[HEADER] = self.site_policy
        return response
