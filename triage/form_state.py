"""The embedded self-check's memory: the answers travel in the page itself, never in a cookie.

A clinic frames the self-check from its own site. Browsers block cookies in such a frame (Safari and Firefox
always, Chromium for SameSite=Lax), so inside the frame every page is reached by a form that posts the answers so
far as one signed, time-limited value. The signature stops anyone altering the answers or forging them from
another page, and the time limit makes a form left open on a shared computer useless after a few hours. Django's
cookie-based CSRF check cannot work here, so it is replaced by two checks of our own: the signed value must be
genuine and fresh, and a browser's Origin header, when sent, must be this site.

Nothing is stored on the server and nothing goes in a URL.
"""

from __future__ import annotations

from functools import wraps

from django.core import signing
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from education.clinics.context import find_clinic
from triage.storage import MAX_AGE

FIELD = "state"
SALT = "triage.form-state"


def sign(answers: dict, clinic_slug: str | None) -> str:
    return signing.dumps({"answers": answers, "clinic": clinic_slug}, salt=SALT, compress=True)


def token_for(request, answers: dict) -> str:
    """The value to post with every form on a page that shows these answers."""
    clinic = getattr(request, "clinic", None)
    return sign(answers, clinic.slug if clinic else None)


class RefusedError(Exception):
    def __init__(self, reason: str, status: int):
        super().__init__(reason)
        self.reason = reason
        self.status = status


def _own_origin(request) -> str:
    return f"{'https' if request.is_secure() else 'http'}://{request.get_host()}"


def read(request) -> dict:
    """The answers a posted form carried; RefusedError when the form is not this site's, was altered or is too old."""
    origin = request.headers.get("Origin")
    if origin is not None and origin != _own_origin(request):
        raise RefusedError(_("This form was sent from another website."), 403)
    try:
        state = signing.loads(request.POST.get(FIELD, ""), salt=SALT, max_age=MAX_AGE)
    except signing.SignatureExpired:
        raise RefusedError(_("This page was open for too long, so your answers were forgotten."), 400) from None
    except signing.BadSignature:
        raise RefusedError(_("We could not read the answers sent with this page."), 400) from None
    answers = state.get("answers") if isinstance(state, dict) else None
    if not isinstance(answers, dict):
        raise RefusedError(_("We could not read the answers sent with this page."), 400)
    if getattr(request, "clinic", None) is None:
        request.clinic = find_clinic(state.get("clinic"))
    return answers


def carried_in_form(view):
    """Serve a self-check page whose answers come in the posted form (see the module's docstring)."""

    @wraps(view)
    def embedded_view(request, *args, **kwargs):
        request.carried_answers = {}
        if request.method == "POST":
            try:
                request.carried_answers = read(request)
            except RefusedError as refusal:
                response = render(request, "triage/refused.html", {"reason": refusal.reason}, status=refusal.status)
                add_never_cache_headers(response)
                return response
        return view(request, *args, **kwargs)

    return csrf_exempt(embedded_view)
