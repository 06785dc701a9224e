import os
import threading
from collections import deque

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "site_config.settings")


class InTurn:
    """Run the app for one request at a time in each worker, in the order the requests arrived.

    gunicorn's threaded workers give every connection a thread, so a client that sends its request slowly waits
    in a thread of its own and holds no one up. The pages themselves are short and CPU-bound: several threads
    sharing the interpreter lock would all finish late, so each waits its turn instead, first come first served,
    as in a sync worker's queue. The response is sent after the turn ends, so a slow reader holds no one up
    either."""

    def __init__(self, app):
        self.app = app
        self.guard = threading.Lock()
        self.waiting: deque[threading.Event] = deque()
        self.busy = False

    def __call__(self, environ, start_response):
        self._wait_for_turn()
        try:
            return self.app(environ, start_response)
        finally:
            self._next()

    def _wait_for_turn(self) -> None:
        with self.guard:
            if not self.busy:
                self.busy = True
                return
            turn = threading.Event()
            self.waiting.append(turn)
        turn.wait()

    def _next(self) -> None:
        with self.guard:
            if self.waiting:
                self.waiting.popleft().set()  # the turn passes straight on: busy stays True
            else:
                self.busy = False


application = InTurn(get_wsgi_application())
