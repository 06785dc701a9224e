"""How the site says something went wrong: an `errors` object in JSON for API clients, a page for people.

Views and middleware say what went wrong and with which status; this module alone decides how it is said, as
Datasette's `handle_exception` does. Every JSON error has the shape the self-check contract gives:
`{"errors": {"<field or __all__>": ["message", ...]}}`.
"""

from __future__ import annotations

import logging
import re

from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.db import DatabaseError
from django.http import HttpResponse, HttpResponseBadRequest, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

ALL = "__all__"  # an error about the whole request rather than one field
RATE_LIMIT_RETRY_SECONDS = 60
DATABASE_RETRY_SECONDS = 30


# Read from the raw query string: this decides how to report a query Django refused to parse (too many fields).
INFOBUTTON_JSON = re.compile(r"(^|&)knowledgeResponseType=application(/|%2F)json(&|$)", re.IGNORECASE)


def is_api(request) -> bool:
    """API clients: the API's paths, and health records asking the Infobutton for its JSON feed."""
    if request.path.startswith("/api/"):
        return True
    return request.path == "/infobutton/" and bool(INFOBUTTON_JSON.search(request.META.get("QUERY_STRING", "")))


def json_errors(errors: dict[str, list[str]], status: int, headers: dict[str, str] | None = None) -> JsonResponse:
    return JsonResponse({"errors": errors}, status=status, headers=headers)


def error_response(
    request,
    status: int,
    message: str,
    *,
    api_status: int | None = None,
    context: dict | None = None,
    headers: dict[str, str] | None = None,
) -> HttpResponse:
    """`message` as JSON for API clients (with `api_status` when the API contract asks for another status), else
    the page `<status>.html`."""
    if is_api(request):
        return json_errors({ALL: [message]}, api_status or status, headers)
    response = render(request, f"{status}.html", context or {}, status=status)
    for name, value in (headers or {}).items():
        response[name] = value
    return response


def bad_request(request, exception):
    """handler400: a request the site cannot read, such as a form far too big."""
    if isinstance(exception, DisallowedHost) and not is_api(request):
        # The page's links are built from the host name, which is what was refused.
        return HttpResponseBadRequest(
            _("Bad request: this site does not answer to that host name."), content_type="text/plain"
        )
    return error_response(request, 400, _("The request could not be read. Check its size and format."))


def permission_denied(request, exception):
    """handler403: on staff pages, a staff page that says what the step needs and who can take it."""
    if request.path.startswith(f"/{settings.ADMIN_PATH}"):
        from django.contrib import admin

        context = {**admin.site.each_context(request), "title": "You cannot do that"}
        return render(request, "admin/403.html", context, status=403)
    return error_response(request, 403, _("You do not have permission to see this page."))


def page_not_found(request, exception):
    """handler404."""
    return error_response(request, 404, _("There is nothing at this address."))


def rate_limited(request, exception):
    """RATELIMIT_VIEW: django-ratelimit counts in the shared cache, so the limit holds across every app server."""
    return error_response(
        request,
        429,
        _("Too many requests from your address. Wait a minute, then try again."),
        headers={"Retry-After": str(RATE_LIMIT_RETRY_SECONDS)},
    )


class DatabaseUnavailableMiddleware:
    """A friendly 503 rather than a traceback when the database cannot be reached. Cached article pages never touch
    the database, so they keep being served; `/healthz` says the database is down."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, DatabaseError):
            return None
        logger.error("Database error on %s %s: %s", request.method, request.path, type(exception).__name__)
        return error_response(
            request,
            503,
            _("The service is busy or under repair. Try again in a minute."),
            headers={"Retry-After": str(DATABASE_RETRY_SECONDS)},
        )
