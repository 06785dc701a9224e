"""Staff sign-ins end after 30 minutes without a request, and 12 hours after signing in, whatever happens.

Only staff have sessions (a patient's self-check answers live in a signed cookie of their own), so an unattended
admin in a clinic's shared office closes itself. The times are settings: STAFF_IDLE_TIMEOUT and STAFF_SESSION_AGE.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.contrib.auth import logout

STARTED = "staff_session_started"
LAST_SEEN = "staff_session_last_seen"
# Writing the session on every request would cost a write a page; a minute's precision is plenty for 30.
RECORD_EVERY_SECONDS = 60


class StaffSessionTimeoutMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # Patients carry no session cookie: leave their requests alone (reading the session would add work and
        # a Vary: Cookie header to every public page).
        if settings.SESSION_COOKIE_NAME not in request.COOKIES:
            return self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = time.time()
            started = request.session.setdefault(STARTED, now)
            last_seen = request.session.get(LAST_SEEN, now)
            if now - last_seen > settings.STAFF_IDLE_TIMEOUT or now - started > settings.STAFF_SESSION_AGE:
                logout(request)
            elif now - last_seen >= RECORD_EVERY_SECONDS or LAST_SEEN not in request.session:
                request.session[LAST_SEEN] = now
        return self.get_response(request)
