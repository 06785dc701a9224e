"""Where a patient's answers live while they fill in the self-check: a signed cookie in their own browser.

Nothing is written to the database, the cache or a URL. The cookie is signed so it cannot be altered, scoped to
the self-check's path, hidden from scripts, and forgotten when the browser closes or after a few hours. Inside a
clinic's page, where browsers block cookies, the answers travel in the forms instead (`triage.form_state`).
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
    if getattr(request, "embedded", False):
        return dict(getattr(request, "carried_answers", {}))
    raw = request.get_signed_cookie(COOKIE_NAME, default=None, salt=SALT, max_age=MAX_AGE)
    if raw is None:
        return {}
    try:
        answers = json.loads(raw)
    except ValueError:
        return {}
    return answers if isinstance(answers, dict) else {}


def _path() -> str:
    return reverse("triage:start")


def write_answers(response, answers: dict) -> None:
    response.set_signed_cookie(
        COOKIE_NAME,
        json.dumps(answers, separators=(",", ":")),
        salt=SALT,
        path=_path(),
        httponly=True,
        samesite="Lax",
        secure=settings.HTTPS,
    )


def clear_answers(response) -> None:
    response.delete_cookie(COOKIE_NAME, path=_path(), samesite="Lax")
