"""Where a patient's answers live while they fill in the self-check: a signed cookie in their own browser.

Nothing is written to the database, the cache or a URL. The cookie is signed so it cannot be altered, scoped to
the self-check's paths, hidden from scripts, and forgotten when the browser closes or after a few hours.
"""

from __future__ import annotations

import json

from django.conf import settings

COOKIE_NAME = "selfcheck"
COOKIE_PATH = "/self-check/"
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


def write_answers(response, answers: dict) -> None:
    response.set_signed_cookie(
        COOKIE_NAME,
        json.dumps(answers, separators=(",", ":")),
        salt=SALT,
        path=COOKIE_PATH,
        httponly=True,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )


def clear_answers(response) -> None:
    response.delete_cookie(COOKIE_NAME, path=COOKIE_PATH, samesite="Lax")
