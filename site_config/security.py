"""The Content-Security-Policy header, built once.

django-csp rebuilds the policy string on every response; for this site it is the same string on every page except
embeds, which name the clinic origins that may frame them. Building it once took a measurable share of a cached
page's cost (`make bench`), so the common case reuses it and anything else goes through django-csp as usual.
"""

from functools import cached_property

from csp.constants import HEADER
from csp.middleware import CSPMiddleware
from csp.utils import build_policy
from django.conf import settings

ADJUSTMENTS = ("_csp_config", "_csp_update", "_csp_replace", "_csp_exempt")


class SiteCSPMiddleware(CSPMiddleware):
    @cached_property
    def site_policy(self) -> str:
        return build_policy()

    def process_response(self, request, response):
        adjusted = any(hasattr(response, name) for name in ADJUSTMENTS) or getattr(request, "_csp_nonce", None)
        report_only = getattr(settings, "CONTENT_SECURITY_POLICY_REPORT_ONLY", None)
        if adjusted or report_only or HEADER in response:
            return super().process_response(request, response)
        response[HEADER] = self.site_policy
        return response
