"""Where a patient's answers live while they fill in the self-check: a signed cookie in their own browser.

Nothing is written to the database, the cache or a URL. The cookie is signed so it cannot be altered, scoped to
the self-check's paths, hidden from scripts, and forgotten when the browser closes or after a few hours.
"""

from __future__ import annotations

import json

from django.conf import settings
from django.urls import reverse

COOKIE_NAME = "selfcheck"
SALT = "triage.answers"
MAX_AGE = 4 * 60 * 60  # long enough to finish and print, short enough for a shared computer


def read_answers(request) -> dict:
    """The raw answers so far, by question key; an empty dict when there are none or the cookie was altered."""
    raw = request.get_signed_cookie(COOKIE_NAME, default=None, salt=SALT, max_age=MAX_AGE)
    if raw is None:
        return {}
    try:
        answers = json.loads(raw)
    except ValueError:
        return {}
    return answers if isinstance(answers, dict) else {}


def _path(request) -> str:
    """The self-check's own address space: /self-check/ here, /embed/self-check/ inside a clinic's page."""
    return reverse("triage:start", current_app=request.resolver_match.namespace)


def _same_site(request) -> str:
    # Framed on a clinic's site, the browser only sends SameSite=None cookies, and only over HTTPS.
    return "None" if getattr(request, "embedded", False) and settings.HTTPS else "Lax"


def write_answers(request, response, answers: dict) -> None:
    response.set_signed_cookie(
        COOKIE_NAME,
        json.dumps(answers, separators=(",", ":")),
        salt=SALT,
        path=_path(request),
        httponly=True,
        samesite=_same_site(request),
        secure=settings.HTTPS,
    )


def clear_answers(request, response) -> None:
    response.delete_cookie(COOKIE_NAME, path=_path(request), samesite=_same_site(request))
